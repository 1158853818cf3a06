//go:build unix

package agent

import (
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fakeWindow writes a window executable that records its arguments and
// process ID in dir, and exits on SIGTERM as a window does, saying so;
// the settings window ignores SIGTERM, as a hung window would.
func fakeWindow(t *testing.T, dir string) string {
	t.Helper()
	script := `#!/bin/sh
echo "$@" > "` + dir + `/$1.args"
if [ "$1" = settings ]; then
	trap '' TERM
else
	trap 'echo closed > "` + dir + `/$1.closed"; exit 0' TERM
fi
echo $$ > "` + dir + `/$1.pid.tmp" && mv "` + dir + `/$1.pid.tmp" "` + dir + `/$1.pid"
while :; do sleep 0.05; done
`
	exe := filepath.Join(t.TempDir(), WindowExecutable())
	if err := os.WriteFile(exe, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	return exe
}

// waitFile waits for the file at p and returns its content.
func waitFile(t *testing.T, p string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(p); err == nil {
			return strings.TrimSpace(string(b))
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no %s within 10s", filepath.Base(p))
	return ""
}

// TestCloseWindowsEndsEveryWindowProcess: the agent starts each window
// once, as a process of the window executable; when it quits it asks every
// one to close, kills one that does not within the grace period, and
// starts none afterwards.
func TestCloseWindowsEndsEveryWindowProcess(t *testing.T) {
	dir := t.TempDir()
	exe := fakeWindow(t, dir)
	d := newSystemDesktop(true, slog.New(slog.DiscardHandler))
	d.findWindows = func() (string, error) { return exe, nil }
	d.closeGrace = 300 * time.Millisecond

	for _, name := range []string{"agenda", "settings", "agenda"} {
		if err := d.StartWindow(name); err != nil {
			t.Fatal(err)
		}
	}
	var pids []int
	for _, name := range []string{"agenda", "settings"} {
		pid, err := strconv.Atoi(waitFile(t, filepath.Join(dir, name+".pid")))
		if err != nil {
			t.Fatal(err)
		}
		pids = append(pids, pid)
		if args := waitFile(t, filepath.Join(dir, name+".args")); args != name+" --agent --demo" {
			t.Errorf("the %s window was started with %q, want %q", name, args, name+" --agent --demo")
		}
	}
	if len(d.windows) != 2 {
		t.Errorf("%d window processes, want 2 (never two of the same)", len(d.windows))
	}

	start := time.Now()
	d.CloseWindows()
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("CloseWindows took %v", took)
	}
	if _, err := os.Stat(filepath.Join(dir, "agenda.closed")); err != nil {
		t.Error("the agenda was not asked to close (no SIGTERM)")
	}
	for _, pid := range pids {
		if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
			t.Errorf("window process %d still runs after CloseWindows (%v)", pid, err)
		}
	}
	if err := d.StartWindow("agenda"); err == nil {
		t.Error("a window started after CloseWindows")
	}
}

// TestStartWindowSaysWindowsAreNotInstalled: without the window executable
// the agent says so, in the error and in WindowsMissing (which the agent
// shows as a problem).
func TestStartWindowSaysWindowsAreNotInstalled(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	d := newSystemDesktop(false, slog.New(slog.DiscardHandler))
	err := d.StartWindow("agenda")
	if err == nil || !strings.HasPrefix(err.Error(), "windows are not installed") {
		t.Errorf("StartWindow = %v", err)
	}
	if err := d.WindowsMissing(); err == nil || !strings.HasPrefix(err.Error(), "windows are not installed") {
		t.Errorf("WindowsMissing = %v", err)
	}
}
