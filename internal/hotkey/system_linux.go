//go:build linux

package hotkey

import "os"

// System returns the backend for this desktop: X11 when DISPLAY is set
// and the session is not Wayland (an X grab under XWayland only sees keys
// typed into X windows); otherwise one that is not available.
func System() Backend { return systemFor(os.Getenv) }

func systemFor(getenv func(string) string) Backend {
	switch {
	case getenv("WAYLAND_DISPLAY") != "" || getenv("XDG_SESSION_TYPE") == "wayland":
		return Unavailable("Wayland")
	case getenv("DISPLAY") == "":
		return Unavailable("no X display")
	}
	return NewX11(getenv("DISPLAY"))
}
