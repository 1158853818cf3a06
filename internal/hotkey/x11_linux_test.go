//go:build linux

package hotkey

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/internal/testenv"
)

// needX skips without an X display and xdotool (fails under CI=true).
func needX(t *testing.T) {
	t.Helper()
	if os.Getenv("DISPLAY") == "" {
		testenv.Missing(t, "an X display (DISPLAY; scripts/with-desktop.sh starts Xvfb)")
	}
	testenv.RequireCommands(t, "xdotool")
	// An X server resets when its last client leaves, and refuses
	// connections meanwhile; a desktop always has clients (the window
	// manager), and so does the test.
	keeper, err := connect("")
	if err != nil {
		t.Fatalf("connect to the X display: %v", err)
	}
	t.Cleanup(keeper.Close)
}

// xdotoolKey types keys on the display as a user would.
func xdotoolKey(t *testing.T, keys string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if out, err := exec.CommandContext(ctx, "xdotool", "key", keys).CombinedOutput(); err != nil {
		t.Fatalf("xdotool key %s: %v: %s", keys, err, out)
	}
}

func waitPress(ch <-chan struct{}, d time.Duration) bool {
	select {
	case <-ch:
		return true
	case <-time.After(d):
		return false
	}
}

// The tests' shortcuts: not the default (Ctrl+Alt+J), which an agent
// that another package's tests run on the same display may hold, and one
// each, as packages' tests run at the same time.
const (
	grabTestKeys, grabTestXdo         = "Ctrl+Shift+F8", "ctrl+shift+F8"
	serviceTestKeys, serviceTestXdo   = "Ctrl+Shift+F7", "ctrl+shift+F7"
	serviceTestKeys2, serviceTestXdo2 = "Super+F9", "super+F9"
)

// TestX11Grab grabs a shortcut on the display, types it with xdotool,
// and sees the press; then another grab of it is refused, Num Lock does
// not matter, and after Close the key is free again.
func TestX11Grab(t *testing.T) {
	needX(t)
	pressed := make(chan struct{}, 10)
	sc, err := Parse(grabTestKeys)
	if err != nil {
		t.Fatal(err)
	}
	g, err := NewX11("").Grab(sc, func() { pressed <- struct{}{} })
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()

	xdotoolKey(t, grabTestXdo)
	if !waitPress(pressed, 5*time.Second) {
		t.Fatal(grabTestKeys + " typed, no press seen")
	}
	// Other keys and other modifiers are not ours.
	xdotoolKey(t, "ctrl+F8")
	xdotoolKey(t, "ctrl+shift+alt+F8")
	xdotoolKey(t, "ctrl+shift+F9")
	if waitPress(pressed, 300*time.Millisecond) {
		t.Error("a press for another shortcut")
	}
	// With Num Lock on.
	xdotoolKey(t, "Num_Lock")
	xdotoolKey(t, grabTestXdo)
	xdotoolKey(t, "Num_Lock")
	if !waitPress(pressed, 5*time.Second) {
		t.Error("no press with Num Lock on")
	}

	// A second client cannot have it.
	_, err = NewX11("").Grab(sc, func() {})
	if err == nil || !strings.Contains(err.Error(), "another application already uses it") {
		t.Errorf("second grab: %v", err)
	}

	g.Close()
	xdotoolKey(t, grabTestXdo)
	if waitPress(pressed, 300*time.Millisecond) {
		t.Error("a press after Close")
	}
	g2, err := NewX11("").Grab(sc, func() {})
	if err != nil {
		t.Fatalf("grab after Close: %v", err)
	}
	g2.Close()
}

// TestX11Service: the Service on the real backend follows a change of
// the shortcut.
func TestX11Service(t *testing.T) {
	needX(t)
	pressed := make(chan struct{}, 10)
	s := NewService(NewX11(""), func() { pressed <- struct{}{} })
	defer s.Close()
	if err := s.Set(serviceTestKeys); err != nil {
		t.Fatal(err)
	}
	if err := s.Set(serviceTestKeys2); err != nil {
		t.Fatal(err)
	}
	xdotoolKey(t, serviceTestXdo)
	if waitPress(pressed, 300*time.Millisecond) {
		t.Error("the old shortcut still joins")
	}
	xdotoolKey(t, serviceTestXdo2)
	if !waitPress(pressed, 5*time.Second) {
		t.Error("the new shortcut does not join")
	}
}

func TestX11NoDisplay(t *testing.T) {
	_, err := NewX11(":999").Grab(Shortcut{Mods: Ctrl, Key: "J"}, func() {})
	if err == nil || !strings.Contains(err.Error(), "connect to the X display") {
		t.Errorf("err = %v", err)
	}
}
