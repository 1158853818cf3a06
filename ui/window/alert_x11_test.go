//go:build linux

package window

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/internal/testenv"
)

// TestAlertCoversTheScreen runs the alert in a real process on the X
// display (Xvfb under scripts/with-desktop.sh) against a fake agent: it
// maps one window, as large as the screen, and closes itself when its
// reminder is answered.
func TestAlertCoversTheScreen(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		testenv.Missing(t, "an X display (run under scripts/with-desktop.sh)")
	}
	if _, err := exec.LookPath("xdotool"); err != nil {
		testenv.Missing(t, "xdotool")
	}
	if testing.Short() {
		t.Skip("starts a window process")
	}
	agent := newFakeAgent(alertState())
	sock := startFakeAgent(t, t.TempDir(), agent)
	p := startWindow(t, NameAlert, sock)
	p.waitMapped(t, NameAlert)

	screen := xdotool(t, "getdisplaygeometry") // "1280 800"
	want := strings.Fields(screen)
	var ids []string
	var w, h string
	for deadline := time.Now().Add(windowUp); ; time.Sleep(100 * time.Millisecond) {
		ids = strings.Fields(xdotool(t, "search", "--onlyvisible", "--pid", strconv.Itoa(p.cmd.Process.Pid)))
		if len(ids) == 1 {
			g := geometry(t, ids[0])
			if w, h = g["WIDTH"], g["HEIGHT"]; w == want[0] && h == want[1] && g["X"] == "0" && g["Y"] == "0" {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("windows %q, last %sx%s, want one of %sx%s at 0,0\n%s", ids, w, h, want[0], want[1], p.out)
		}
	}

	// When Enter is pressed, the alert joins, and closes (a window that
	// is mapped may not read keys yet on a busy machine: press again
	// until the agent hears of it)
	sent := func() int {
		agent.mu.Lock()
		defer agent.mu.Unlock()
		return len(agent.cmds)
	}
	for deadline := time.Now().Add(windowUp); sent() == 0 && p.running(); time.Sleep(500 * time.Millisecond) {
		if out, err := exec.Command("xdotool", "key", "--window", ids[0], "Return").CombinedOutput(); err != nil && p.running() {
			t.Fatalf("xdotool key: %v\n%s", err, out)
		}
		if time.Now().After(deadline) {
			t.Fatalf("Enter never reached the alert\n%s", p.out)
		}
	}
	p.waitExit(t, windowExit)
	agent.mu.Lock()
	cmds := agent.cmds
	agent.mu.Unlock()
	if len(cmds) != 1 || cmds[0] != "join" {
		t.Errorf("commands %q, want one join", cmds)
	}
}

func xdotool(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("xdotool", args...).Output()
	if err != nil {
		t.Fatalf("xdotool %s: %v", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out))
}

func geometry(t *testing.T, id string) map[string]string {
	t.Helper()
	g := map[string]string{}
	for line := range strings.Lines(xdotool(t, "getwindowgeometry", "--shell", id)) {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), "="); ok {
			g[k] = v
		}
	}
	return g
}
