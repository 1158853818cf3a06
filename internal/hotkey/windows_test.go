//go:build windows

package hotkey

import (
	"testing"
	"time"
)

func TestWindowsCodes(t *testing.T) {
	for key, want := range map[string]uintptr{"J": 0x4A, "0": 0x30, "Space": 0x20, "F1": 0x70, "F24": 0x87} {
		if got, ok := vk(key); !ok || got != want {
			t.Errorf("vk(%q) = %#x, %v; want %#x", key, got, ok, want)
		}
	}
	if got := winMods(Ctrl | Alt); got != modControl|modAlt|modNoRepeat {
		t.Errorf("winMods(Ctrl+Alt) = %#x", got)
	}
}

// TestWindowsGrab registers a rare shortcut and releases it; a second
// registration of it while held is refused.
func TestWindowsGrab(t *testing.T) {
	sc, _ := Parse("Ctrl+Alt+Shift+F23")
	g, err := NewWindows().Grab(sc, func() {})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewWindows().Grab(sc, func() {}); err == nil {
		t.Error("a second registration was accepted")
	}
	g.Close()
	time.Sleep(100 * time.Millisecond)
	g2, err := NewWindows().Grab(sc, func() {})
	if err != nil {
		t.Fatalf("after Close: %v", err)
	}
	g2.Close()
}
