//go:build linux

package hotkey

import (
	"errors"
	"strings"
	"testing"
)

func TestSystemFor(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string // "x11" or the desktop named in the error
	}{
		{env: map[string]string{"DISPLAY": ":0"}, want: "x11"},
		{env: map[string]string{"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"}, want: "x11"},
		{env: map[string]string{"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, want: "portal"},
		{env: map[string]string{"XDG_SESSION_TYPE": "wayland"}, want: "portal"},
		{env: map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, want: "portal"},
		{env: map[string]string{}, want: "no X display"},
	}
	for _, tt := range tests {
		b := systemFor(func(k string) string { return tt.env[k] })
		if _, ok := b.(*X11); ok {
			if tt.want != "x11" {
				t.Errorf("%v: X11, want %s", tt.env, tt.want)
			}
			continue
		}
		if _, ok := b.(*Portal); ok {
			if tt.want != "portal" {
				t.Errorf("%v: the desktop portal, want %s", tt.env, tt.want)
			}
			continue
		}
		_, err := b.Grab(Shortcut{Mods: Ctrl | Alt, Key: "J"}, func() {})
		if !errors.Is(err, ErrNotAvailable) || !strings.Contains(err.Error(), "("+tt.want+")") {
			t.Errorf("%v: %v, want not available (%s)", tt.env, err, tt.want)
		}
	}
}
