//go:build linux

package agent

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/internal/hotkey"
	"github.com/interviewtray/interviewtray/internal/testenv"
)

// TestShortcutOnX11 presses the agent's shortcut on the X display (Xvfb
// under scripts/with-desktop.sh) with xdotool: the agent joins. Not the
// default Ctrl+Alt+J, which an agent of another package's tests on the
// same display may hold.
func TestShortcutOnX11(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		testenv.Missing(t, "an X display (run under scripts/with-desktop.sh)")
	}
	testenv.RequireCommands(t, "xdotool")
	a, fd, _ := newTestAgent(t)
	s := a.engine.Settings()
	s.JoinShortcut = "Ctrl+Shift+F6"
	if err := a.engine.UpdateSettings(s); err != nil {
		t.Fatal(err)
	}
	a.desk = hotkeyDesk{fd, hotkey.NewX11(os.Getenv("DISPLAY"))}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stop := a.startShortcut(ctx)
	defer stop()
	if s := a.State().Agent.Shortcut; s != "Ctrl+Shift+F6 (X11)" {
		t.Fatalf("status %q", s)
	}
	kctx, kcancel := context.WithTimeout(ctx, 10*time.Second)
	defer kcancel()
	if out, err := exec.CommandContext(kctx, "xdotool", "key", "ctrl+shift+F6").CombinedOutput(); err != nil {
		t.Fatalf("xdotool: %v: %s", err, out)
	}
	waitLinks(t, fd, 1)
}
