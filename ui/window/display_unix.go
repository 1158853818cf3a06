//go:build linux || freebsd || openbsd || netbsd

package window

import "errors"

// checkDisplay fails when there is no X11 or Wayland display to open a window
// on, which Fyne would otherwise meet with a panic.
func checkDisplay(getenv func(string) string) error {
	if getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == "" {
		return errors.New("no display: windows need a desktop session (DISPLAY or WAYLAND_DISPLAY is unset)")
	}
	return nil
}
