//go:build linux || freebsd || openbsd || netbsd

package window

import (
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// displayDialTimeout bounds the check that the display server answers.
const displayDialTimeout = 2 * time.Second

// checkDisplay fails, with a message for people, when there is no X11 or
// Wayland display to open a window on or its server does not answer: Fyne
// (GLFW) would otherwise meet either with a panic. With DISPLAY set the X
// server is asked (Fyne draws through X11, XWayland included); otherwise
// the Wayland compositor.
func checkDisplay(getenv func(string) string) error {
	x, wl := getenv("DISPLAY"), getenv("WAYLAND_DISPLAY")
	switch {
	case x != "":
		if err := dialDisplay(xAddrs(x)); err != nil {
			return fmt.Errorf("the X display %s does not answer (is the desktop session still running?): %w", x, err)
		}
	case wl != "":
		path := wl
		if !filepath.IsAbs(path) {
			dir := getenv("XDG_RUNTIME_DIR")
			if dir == "" {
				return errors.New("no display: WAYLAND_DISPLAY is set but XDG_RUNTIME_DIR is not")
			}
			path = filepath.Join(dir, wl)
		}
		if err := dialDisplay([]addr{{"unix", path}}); err != nil {
			return fmt.Errorf("the Wayland display %s does not answer (is the desktop session still running?): %w", wl, err)
		}
	default:
		return errors.New("no display: windows need a desktop session (DISPLAY or WAYLAND_DISPLAY is unset)")
	}
	return nil
}

type addr struct{ network, address string }

// xAddrs are where the X server of display ("[host]:n[.screen]") listens:
// for a local display its Unix socket (on Linux also the abstract one
// that Xorg and Xvfb open), otherwise TCP port 6000+n; a DISPLAY that is
// a path (XQuartz's launchd socket) is that socket.
func xAddrs(display string) []addr {
	colon := strings.LastIndexByte(display, ':')
	if colon < 0 {
		return []addr{{"unix", display}}
	}
	host, num := display[:colon], display[colon+1:]
	if i := strings.IndexByte(num, '.'); i >= 0 {
		num = num[:i]
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 {
		return []addr{{"unix", display}} // not host:n; let the dial say so
	}
	if strings.HasPrefix(host, "/") {
		return []addr{{"unix", display}}
	}
	if host == "" || host == "unix" {
		sock := "/tmp/.X11-unix/X" + strconv.Itoa(n)
		out := []addr{{"unix", sock}}
		if runtime.GOOS == "linux" {
			out = append(out, addr{"unix", "@" + sock})
		}
		return out
	}
	return []addr{{"tcp", net.JoinHostPort(host, strconv.Itoa(6000+n))}}
}

// dialDisplay connects to the first of addrs that answers.
func dialDisplay(addrs []addr) error {
	var errs []error
	for _, a := range addrs {
		c, err := net.DialTimeout(a.network, a.address, displayDialTimeout)
		if err == nil {
			return c.Close()
		}
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
