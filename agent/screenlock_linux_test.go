//go:build linux

package agent

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/godbus/dbus/v5"

	"github.com/interviewtray/interviewtray/internal/dbustest"
)

// fakeScreensaver is a screensaver's GetActive.
type fakeScreensaver struct{ active atomic.Bool }

func (f *fakeScreensaver) GetActive() (bool, *dbus.Error) { return f.active.Load(), nil }

// fakeLoginSession is logind's session object: its LockedHint property.
type fakeLoginSession struct{ locked bool }

func (f *fakeLoginSession) Get(iface, prop string) (dbus.Variant, *dbus.Error) {
	if iface != "org.freedesktop.login1.Session" || prop != "LockedHint" {
		return dbus.Variant{}, dbus.MakeFailedError(errors.New("unknown property"))
	}
	return dbus.MakeVariant(f.locked), nil
}

// TestScreenLockedAsksTheScreensaverThenLogind: GNOME's screensaver
// answers when the freedesktop one is missing; logind's LockedHint is
// read from the caller's session.
func TestScreenLockedAsksTheScreensaverThenLogind(t *testing.T) {
	bus := dbustest.StartSessionBus(t, t.TempDir())
	server := dbustest.Connect(t, bus.Address)
	client := dbustest.Connect(t, bus.Address)
	ctx := context.Background()

	if _, err := screensaverActive(ctx, client); err == nil {
		t.Error("no screensaver, yet an answer")
	}
	gnome := &fakeScreensaver{}
	gnome.active.Store(true)
	if err := server.Export(gnome, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"); err != nil {
		t.Fatal(err)
	}
	if _, err := server.RequestName("org.gnome.ScreenSaver", dbus.NameFlagDoNotQueue); err != nil {
		t.Fatal(err)
	}
	if locked, err := screensaverActive(ctx, client); err != nil || !locked {
		t.Errorf("GNOME's screensaver active: %v, %v", locked, err)
	}
	gnome.active.Store(false)
	if locked, err := screensaverActive(ctx, client); err != nil || locked {
		t.Errorf("GNOME's screensaver inactive: %v, %v", locked, err)
	}

	sess := &fakeLoginSession{locked: true}
	if err := server.Export(sess, "/org/freedesktop/login1/session/auto", "org.freedesktop.DBus.Properties"); err != nil {
		t.Fatal(err)
	}
	if _, err := server.RequestName("org.freedesktop.login1", dbus.NameFlagDoNotQueue); err != nil {
		t.Fatal(err)
	}
	if locked, err := logindLocked(ctx, client); err != nil || !locked {
		t.Errorf("logind LockedHint: %v, %v", locked, err)
	}
}
