//go:build linux

package agent

import (
	"context"
	"errors"
	"fmt"

	"github.com/godbus/dbus/v5"
)

// ScreenLocked asks the desktop whether the screen is locked: the
// screensaver's GetActive on the session bus (org.freedesktop.ScreenSaver,
// which KDE, Xfce and others serve, then GNOME's org.gnome.ScreenSaver),
// else logind's LockedHint of this session on the system bus.
func (d *systemDesktop) ScreenLocked(ctx context.Context) (bool, error) {
	var errs []error
	if conn, err := dbus.ConnectSessionBus(dbus.WithContext(ctx)); err == nil {
		locked, err := screensaverActive(ctx, conn)
		conn.Close()
		if err == nil {
			return locked, nil
		}
		errs = append(errs, err)
	} else {
		errs = append(errs, fmt.Errorf("session bus: %w", err))
	}
	if conn, err := dbus.ConnectSystemBus(dbus.WithContext(ctx)); err == nil {
		locked, err := logindLocked(ctx, conn)
		conn.Close()
		if err == nil {
			return locked, nil
		}
		errs = append(errs, err)
	} else {
		errs = append(errs, fmt.Errorf("system bus: %w", err))
	}
	return false, errors.Join(errs...)
}

// screensavers are the screensaver services asked, in order.
var screensavers = []struct {
	name string
	path dbus.ObjectPath
}{
	{"org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"},
	{"org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"},
}

// screensaverActive asks the first screensaver that answers.
func screensaverActive(ctx context.Context, conn *dbus.Conn) (bool, error) {
	var errs []error
	for _, s := range screensavers {
		var active bool
		err := conn.Object(s.name, s.path).CallWithContext(ctx, s.name+".GetActive", 0).Store(&active)
		if err == nil {
			return active, nil
		}
		errs = append(errs, fmt.Errorf("%s: %w", s.name, err))
	}
	return false, errors.Join(errs...)
}

// logindLocked reads logind's LockedHint of the caller's session.
func logindLocked(ctx context.Context, conn *dbus.Conn) (bool, error) {
	obj := conn.Object("org.freedesktop.login1", "/org/freedesktop/login1/session/auto")
	var v dbus.Variant
	err := obj.CallWithContext(ctx, "org.freedesktop.DBus.Properties.Get", 0, "org.freedesktop.login1.Session", "LockedHint").Store(&v)
	if err != nil {
		return false, fmt.Errorf("logind LockedHint: %w", err)
	}
	locked, ok := v.Value().(bool)
	if !ok {
		return false, fmt.Errorf("logind LockedHint is a %s", v.Signature())
	}
	return locked, nil
}
