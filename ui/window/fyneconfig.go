package window

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
)

// Fyne keeps the preferences of an app created with an ID in a file shared
// by every process of the app (~/.config/fyne/AppID/preferences.json on
// Linux): it loads the file at start, watches it, and writes it again when
// a window process ends, even unchanged. Window processes then read
// half-written files, theirs or another's ("Preferences load error: Cause:
// EOF"), and the windows, which never write files, leave one behind.
// Fyne 2.8 has no switch for that; its preferences stay in memory only for
// an app without an ID (app.NewWithID("") with no ID in the metadata).
//
// So on Linux and the BSDs a window's app has no ID: its preferences live
// in memory and die with the process (the windows keep nothing in them:
// their state is the agent's). The metadata is set here, without the ID,
// so that Fyne does not pick the ID up from FyneApp.toml. An app without
// an ID gets a made-up one for its cache folder, which Fyne creates at
// start: that folder goes to a private folder of the process in the
// user's runtime folder ($XDG_RUNTIME_DIR, emptied at logout; else the
// temporary folder), removed by a later window once the process is gone.
// Fyne's own settings (~/.config/fyne/settings.json: scale, theme) are
// still read. Elsewhere (Windows, macOS, where Fyne's folders follow the
// home folder) the app keeps its ID.

// Metadata of FyneApp.toml that the windows show (TestMetadataMatchesFyneApp
// keeps them in step).
const (
	appVersion = "0.1.0"
	appBuild   = 1
)

// fyneRootPrefix starts the name of each window process's private folder;
// the process ID follows.
const fyneRootPrefix = "interviewtray-window-"

// inMemoryPrefs says whether the windows' Fyne app on this system is made
// without an ID, with its preferences in memory.
func inMemoryPrefs(goos string) bool {
	switch goos {
	case "linux", "freebsd", "openbsd", "netbsd":
		return true
	}
	return false
}

// newApp creates the Fyne app of a window process.
func newApp(getenv func(string) string) (fyne.App, error) {
	if !inMemoryPrefs(runtime.GOOS) {
		return app.NewWithID(AppID), nil
	}
	if err := privateCache(getenv); err != nil {
		return nil, err
	}
	app.SetMetadata(fyne.AppMetadata{Name: appName, Version: appVersion, Build: appBuild, Icon: appIcon()})
	return app.NewWithID(""), nil
}

// privateCache points the cache folder (XDG_CACHE_HOME) at a new private
// folder for this process, and removes those of window processes that
// ended. The windows themselves keep nothing in the cache.
func privateCache(getenv func(string) string) error {
	base := os.TempDir()
	if d := getenv("XDG_RUNTIME_DIR"); d != "" && filepath.IsAbs(d) {
		base = d
	}
	removeEndedFyneRoots(base)
	dir, err := os.MkdirTemp(base, fyneRootPrefix+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return fmt.Errorf("private folder for the window toolkit: %w", err)
	}
	if err := os.Setenv("XDG_CACHE_HOME", dir); err != nil {
		return fmt.Errorf("private folder for the window toolkit: %w", err)
	}
	return nil
}

// removeEndedFyneRoots removes the private folders in base of window
// processes that are gone. Errors are ignored: a folder left is retried by
// the next window.
func removeEndedFyneRoots(base string) {
	entries, err := os.ReadDir(base)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), fyneRootPrefix)
		if !ok || !e.IsDir() { // IsDir is false for a symbolic link
			continue
		}
		pidText, _, _ := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if err != nil || pid <= 0 || processRuns(pid) {
			continue
		}
		_ = os.RemoveAll(filepath.Join(base, e.Name()))
	}
}
