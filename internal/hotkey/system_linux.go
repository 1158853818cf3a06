//go:build linux

package hotkey

import "os"

// System returns the backend for this desktop: X11 when DISPLAY is set
// and the session is not Wayland; in a Wayland session the desktop
// portal's GlobalShortcuts (an X grab under XWayland only sees keys typed
// into X windows), whose Grab says when the portal has none; otherwise
// one that is not available.
func System() Backend { return systemFor(os.Getenv) }

func systemFor(getenv func(string) string) Backend {
	switch {
	case getenv("WAYLAND_DISPLAY") != "" || getenv("XDG_SESSION_TYPE") == "wayland":
		return NewPortal()
	case getenv("DISPLAY") == "":
		return Unavailable("no X display")
	}
	return NewX11(getenv("DISPLAY"))
}

// Name says which backend this is (Settings shows it).
func (*X11) Name() string { return "X11" }
