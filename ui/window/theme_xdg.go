//go:build linux || freebsd || openbsd || netbsd

package window

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"github.com/godbus/dbus/v5"
)

// portalTimeout bounds the question to the portal (a portal that is
// being started may take a moment; a hung bus must not hold the window).
const portalTimeout = 3 * time.Second

// followDesktopTheme asks the portal, off the UI goroutine, whether it
// knows the desktop's colour scheme; without an answer the windows go
// light (see theme.go). Fyne reads and follows the scheme itself when the
// portal answers.
func followDesktopTheme(a fyne.App) {
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), portalTimeout)
		defer cancel()
		_, err := portalColorScheme(ctx)
		fyne.Do(func() { lightWithoutPortal(a, err, os.Getenv) })
	}()
}

// portalColorScheme reads org.freedesktop.appearance color-scheme from the
// desktop portal: 0 no preference, 1 dark, 2 light.
func portalColorScheme(ctx context.Context) (uint32, error) {
	conn, err := dbus.SessionBus()
	if err != nil {
		return 0, fmt.Errorf("session bus: %w", err)
	}
	obj := conn.Object("org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop")
	var v dbus.Variant
	err = obj.CallWithContext(ctx, "org.freedesktop.portal.Settings.ReadOne", 0, "org.freedesktop.appearance", "color-scheme").Store(&v)
	if err != nil {
		// Portals before version 2 have only Read, which wraps the value
		// in one more variant.
		var outer dbus.Variant
		if err2 := obj.CallWithContext(ctx, "org.freedesktop.portal.Settings.Read", 0, "org.freedesktop.appearance", "color-scheme").Store(&outer); err2 != nil {
			return 0, fmt.Errorf("portal color-scheme: %w", err)
		}
		v = outer
		if inner, ok := outer.Value().(dbus.Variant); ok {
			v = inner
		}
	}
	scheme, ok := v.Value().(uint32)
	if !ok {
		return 0, errors.New("portal color-scheme: not a number")
	}
	return scheme, nil
}
