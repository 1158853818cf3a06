//go:build linux || freebsd || openbsd || netbsd

package tray

import (
	"context"
	"fmt"
	"slices"

	"github.com/godbus/dbus/v5"
)

// Probe is the result of checking one desktop service.
type Probe struct {
	OK     bool
	Detail string // what was found, or what is missing
	Fix    string // what to do when not OK
}

// sessionNames lists the names owned on, and activatable through, the
// session bus.
func sessionNames(ctx context.Context) (owned, activatable []string, err error) {
	conn, err := dbus.ConnectSessionBus(dbus.WithContext(ctx))
	if err != nil {
		return nil, nil, err
	}
	defer conn.Close()
	bus := conn.BusObject()
	if err := bus.CallWithContext(ctx, "org.freedesktop.DBus.ListNames", 0).Store(&owned); err != nil {
		return nil, nil, err
	}
	_ = bus.CallWithContext(ctx, "org.freedesktop.DBus.ListActivatableNames", 0).Store(&activatable)
	return owned, activatable, nil
}

// ProbeTrayHost checks for a StatusNotifierWatcher, which tray icons
// register with on Linux desktops.
func ProbeTrayHost(ctx context.Context) Probe {
	owned, _, err := sessionNames(ctx)
	if err != nil {
		return Probe{Detail: fmt.Sprintf("no session bus (%v)", err), Fix: "run Interview Tray inside a desktop session"}
	}
	if slices.Contains(owned, "org.kde.StatusNotifierWatcher") {
		return Probe{OK: true, Detail: "a StatusNotifierWatcher is on the session bus"}
	}
	return Probe{
		Detail: "no StatusNotifierWatcher on the session bus: the tray icon cannot show",
		Fix:    "GNOME: install and enable the \"AppIndicator and KStatusNotifierItem Support\" extension; other desktops: enable their system tray",
	}
}

// ProbeNotifications checks for a notification server.
func ProbeNotifications(ctx context.Context) Probe {
	owned, activatable, err := sessionNames(ctx)
	if err != nil {
		return Probe{Detail: fmt.Sprintf("no session bus (%v)", err), Fix: "run Interview Tray inside a desktop session"}
	}
	const name = "org.freedesktop.Notifications"
	if slices.Contains(owned, name) || slices.Contains(activatable, name) {
		return Probe{OK: true, Detail: "a notification server is available"}
	}
	return Probe{
		Detail: "no notification server: reminders show only in the tray and the reminder window",
		Fix:    "install a notification daemon (for example dunst or xfce4-notifyd) or use a desktop that has one",
	}
}
