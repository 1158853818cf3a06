// Package buildinfo says which build of Interview Tray this is. The agent
// (cmd/interviewtray) and the windows (cmd/interviewtray-window) are two
// executables that talk through the local API; each reports this version,
// so that a window from another build (an upgrade installed while the old
// agent runs) can say so instead of misreading the agent's state.
package buildinfo

import (
	"runtime/debug"
	"sync"
)

// release is the app's version, the same as Version in FyneApp.toml; a
// release build may set it with
// -ldflags "-X github.com/interviewtray/interviewtray/internal/buildinfo.release=VERSION".
var release = "0.1.0"

// Version is the release, followed by the source revision the go command
// stamped into the executable when it was built from a git checkout
// ("0.1.0+1a2b3c4d5e6f", with ".dirty" for uncommitted changes). Two
// executables built from the same checkout report the same Version.
func Version() string { return version() }

var version = sync.OnceValue(func() string {
	bi, _ := debug.ReadBuildInfo()
	return compose(release, bi)
})

// compose is Version for a release and the executable's build information.
func compose(release string, bi *debug.BuildInfo) string {
	if bi == nil {
		return release
	}
	var rev string
	var dirty bool
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return release
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	v := release + "+" + rev
	if dirty {
		v += ".dirty"
	}
	return v
}
