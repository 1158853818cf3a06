package main

import (
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// goList runs `go list -deps` for pkg with the environment extra and
// returns one line per package: "IMPORTPATH STANDARD CGOFILES".
func goList(t *testing.T, pkg string, extra ...string) []string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil && runtime.GOOS == "windows" {
		t.Skip("no go command on PATH (under Wine the Linux go command cannot run): what the executables link is checked on Linux")
	}
	cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}} {{.Standard}} {{len .CgoFiles}}", pkg)
	cmd.Env = append(os.Environ(), extra...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps %s (%s): %v\n%s", pkg, strings.Join(extra, " "), err, out)
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

// TestAgentLinksNeitherFyneNorCgo: the resident agent (this command) runs
// all day, so it links no Fyne and, on Linux, no package that needs cgo
// (fyne.io/systray and go-keyring talk D-Bus in Go there): it builds with
// CGO_ENABLED=0. The windows are cmd/interviewtray-window. Nor does it
// link the demo's Zoom simulator (cmd/zoomsim, a process of its own), a
// font renderer (the countdown icons are drawn at build time) or a
// template engine: what the agent links, it keeps resident all day.
func TestAgentLinksNeitherFyneNorCgo(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	for _, line := range goList(t, ".", "GOOS=linux", "CGO_ENABLED=1") {
		f := strings.Fields(line)
		if len(f) != 3 {
			t.Fatalf("go list printed %q", line)
		}
		path, std, cgoFiles := f[0], f[1] == "true", f[2]
		if path == "fyne.io/fyne/v2" || strings.HasPrefix(path, "fyne.io/fyne/v2/") {
			t.Errorf("the agent links Fyne (%s)", path)
		}
		for _, heavy := range []string{"github.com/interviewtray/interviewtray/zoom/zoomsim", "golang.org/x/image/font", "html/template", "text/template"} {
			if path == heavy || strings.HasPrefix(path, heavy+"/") {
				t.Errorf("the agent links %s", path)
			}
		}
		// The standard library's cgo parts (net, os/user) have Go
		// fallbacks that CGO_ENABLED=0 selects.
		if !std && cgoFiles != "0" {
			t.Errorf("the agent links %s, which uses cgo", path)
		}
	}
	vet := exec.Command("go", "vet", ".")
	vet.Env = append(os.Environ(), "GOOS=linux", "CGO_ENABLED=0")
	if out, err := vet.CombinedOutput(); err != nil {
		t.Errorf("CGO_ENABLED=0 go vet: %v\n%s", err, out)
	}
}

// TestWindowExecutableLinksOnlyTheLocalAPI: the windows talk only to the
// agent's local API: they never link the sync engine, the Zoom client, the
// sign-in, the keychain, the calendars, the tray menu or the agent. The
// types the local API's state carries live in package model, which links
// none of them. (Fyne itself links fyne.io/systray, for apps with a tray
// of their own.)
func TestWindowExecutableLinksOnlyTheLocalAPI(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	const mod = "github.com/interviewtray/interviewtray/"
	forbidden := []string{
		mod + "agent", mod + "auth", mod + "calendar", mod + "internal/calfeeds", mod + "ui/tray",
		mod + "sync", mod + "zoom", mod + "invite",
		"github.com/zalando/go-keyring", "golang.org/x/oauth2", "github.com/pkg/browser",
	}
	linked := map[string]bool{}
	for _, line := range goList(t, "../interviewtray-window") {
		linked[strings.Fields(line)[0]] = true
	}
	if !linked["fyne.io/fyne/v2"] || !linked[mod+"localapi"] || !linked[mod+"model"] {
		t.Fatalf("the window executable links neither Fyne nor the local API: %v", linked)
	}
	for _, p := range forbidden {
		for l := range linked {
			if l == p || strings.HasPrefix(l, p+"/") {
				t.Errorf("the window executable links %s", l)
			}
		}
	}
}

// TestDepsModelLinksOnlyTheStandardLibrary: the types shared across the
// process boundary depend on nothing of the app's but the text cleaner, so
// that whatever links them (the windows) links no engine.
func TestDepsModelLinksOnlyTheStandardLibrary(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	for _, pkg := range []string{"../../model", "../../ui/view"} {
		for _, line := range goList(t, pkg) {
			f := strings.Fields(line)
			if f[1] == "true" || f[0] == "github.com/interviewtray/interviewtray/internal/safetext" {
				continue
			}
			if f[0] == "github.com/interviewtray/interviewtray/model" || f[0] == "github.com/interviewtray/interviewtray/localapi" || f[0] == "github.com/interviewtray/interviewtray/ui/view" {
				continue
			}
			t.Errorf("%s links %s", pkg, f[0])
		}
	}
}
