//go:build linux || freebsd || openbsd || netbsd

package window

import (
	"context"
	"os"
	"testing"

	"github.com/godbus/dbus/v5"

	"github.com/interviewtray/interviewtray/internal/testenv"
)

// fakePortal answers the portal's Settings reads with one colour scheme.
type fakePortal struct{ scheme uint32 }

func (p fakePortal) ReadOne(namespace, key string) (dbus.Variant, *dbus.Error) {
	if namespace != "org.freedesktop.appearance" || key != "color-scheme" {
		return dbus.Variant{}, dbus.NewError("org.freedesktop.portal.Error.NotFound", nil)
	}
	return dbus.MakeVariant(p.scheme), nil
}

// TestPortalColorScheme reads the scheme from a portal on the session bus
// (the test's own, under scripts/with-desktop.sh), and fails cleanly
// without one.
func TestPortalColorScheme(t *testing.T) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		testenv.Missing(t, "a session D-Bus (run under scripts/with-desktop.sh)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), portalTimeout)
	defer cancel()

	// Without a portal: an error, soon (the windows then go light)
	if _, err := portalColorScheme(ctx); err == nil {
		t.Fatal("no error without a portal on the bus")
	}

	// With a portal that prefers dark
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.Export(fakePortal{scheme: 1}, "/org/freedesktop/portal/desktop", "org.freedesktop.portal.Settings"); err != nil {
		t.Fatal(err)
	}
	if reply, err := conn.RequestName("org.freedesktop.portal.Desktop", dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own the portal's name: %v, %v", reply, err)
	}
	got, err := portalColorScheme(ctx)
	if err != nil || got != 1 {
		t.Errorf("portalColorScheme = %d, %v; want 1 (dark)", got, err)
	}
}
