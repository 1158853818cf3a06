package window

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/internal/testenv"
)

// TestWindowsWriteNoFiles: two windows open at once, one closes while the
// other is open, then the other. Neither may write a file under the home
// or configuration folder (Fyne's preferences.json, shared by every window
// process, was rewritten by each one that closed), nor complain about the
// other's preferences, nor leave its private folder behind.
func TestWindowsWriteNoFiles(t *testing.T) {
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		testenv.Missing(t, "a display (run under scripts/with-desktop.sh)")
	}
	if testing.Short() {
		t.Skip("starts two window processes")
	}
	dir := t.TempDir()
	home, config, tmp := filepath.Join(dir, "home"), filepath.Join(dir, "config"), filepath.Join(dir, "tmp")
	for _, d := range []string{home, config, tmp} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	cache := filepath.Join(dir, "cache")
	env := []string{"HOME=" + home, "XDG_CONFIG_HOME=" + config, "XDG_CACHE_HOME=" + cache, "XDG_RUNTIME_DIR=" + tmp}

	// Given the agenda and the settings open against one agent
	agent := newFakeAgent(demoState())
	sock := startFakeAgent(t, dir, agent)
	agenda := startWindow(t, NameAgenda, sock, env...)
	settings := startWindow(t, NameSettings, sock, env...)
	agenda.waitMapped(t, "agenda")
	settings.waitMapped(t, "settings")
	deadline := time.Now().Add(windowUp)
	for agent.watching() < 2 {
		if time.Now().After(deadline) {
			t.Fatalf("the windows never watched the agent\n%s\n%s", agenda.out, settings.out)
		}
		time.Sleep(50 * time.Millisecond)
	}

	// When the agenda closes while the settings stay open, then the settings
	if err := agenda.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	agenda.waitExit(t, windowExit)
	time.Sleep(smokeHold)
	if err := settings.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	settings.waitExit(t, windowExit)

	// Then no file was written and nothing complained
	for _, p := range []*windowProc{agenda, settings} {
		if out := p.out.String(); strings.Contains(out, "Fyne error") {
			t.Errorf("a window logged a Fyne error:\n%s", out)
		}
	}
	for _, root := range []string{home, config, cache} {
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				t.Errorf("a window wrote %s", path)
			}
			return nil
		})
	}
	// And the next window removes their private folders
	if left, _ := os.ReadDir(tmp); len(left) != 2 {
		t.Errorf("private folders in the runtime folder: %v, want one per window", left)
	}
	removeEndedFyneRoots(tmp)
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		out, _ := exec.Command("find", tmp).Output()
		t.Errorf("%s was not removed:\n%s", left[0].Name(), out)
	}
}

func TestRemoveEndedFyneRoots(t *testing.T) {
	base := t.TempDir()
	mine := fyneRootPrefix + strconv.Itoa(os.Getpid()) + "-1"
	ended := fyneRootPrefix + "999999999-2"
	for _, d := range []string{mine, ended, "interviewtray", fyneRootPrefix + "x-3"} {
		if err := os.MkdirAll(filepath.Join(base, d, "fyne"), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(base, filepath.Join(base, fyneRootPrefix+"999999998-4")); err != nil {
		t.Fatal(err)
	}
	removeEndedFyneRoots(base)
	var left []string
	entries, _ := os.ReadDir(base)
	for _, e := range entries {
		left = append(left, e.Name())
	}
	want := []string{"interviewtray", mine, fyneRootPrefix + "999999998-4", fyneRootPrefix + "x-3"}
	if strings.Join(left, " ") != strings.Join(want, " ") {
		t.Errorf("left %q, want %q (only the ended process's folder goes)", left, want)
	}
}

func TestInMemoryPrefs(t *testing.T) {
	for goos, want := range map[string]bool{"linux": true, "freebsd": true, "windows": false, "darwin": false} {
		if got := inMemoryPrefs(goos); got != want {
			t.Errorf("inMemoryPrefs(%q) = %v, want %v", goos, got, want)
		}
	}
}
