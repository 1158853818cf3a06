package authtest

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/interviewtray/interviewtray/internal/dbustest"
	"github.com/interviewtray/interviewtray/internal/testenv"
)

// secretsName is the well-known bus name of the Secret Service.
const secretsName = "org.freedesktop.secrets"

// Bus is a private D-Bus session bus for one test (see
// dbustest.StartSessionBus), with the Secret Service helpers below.
type Bus struct{ *dbustest.Bus }

// StartBus starts a private session bus without service activation, with
// home as HOME (dbustest.StartSessionBus). It is stopped when the test ends.
func StartBus(t testing.TB, home string) *Bus {
	t.Helper()
	return &Bus{dbustest.StartSessionBus(t, home)}
}

// StartGnomeKeyring runs gnome-keyring-daemon's Secret Service on the bus,
// with a login keyring unlocked by a password, and waits until it answers.
// It is stopped when the test ends. Skipped (failed under CI=true) when
// gnome-keyring-daemon is missing.
func (b *Bus) StartGnomeKeyring(t testing.TB) {
	t.Helper()
	testenv.RequireCommands(t, "gnome-keyring-daemon")
	bin, _ := exec.LookPath("gnome-keyring-daemon")
	cmd := exec.Command(bin, "--foreground", "--unlock", "--components=secrets")
	cmd.Env = append(dbustest.MinimalEnv(), b.Env...)
	cmd.Stdin = strings.NewReader("test-password\n") // must not be empty
	if err := cmd.Start(); err != nil {
		t.Fatalf("start gnome-keyring-daemon: %v", err)
	}
	dbustest.StopAtEnd(t, cmd)
	if err := waitForName(b.Address, secretsName, 15*time.Second); err != nil {
		t.Fatalf("gnome-keyring-daemon: %v", err)
	}
}

// StartHangingSecretService claims the Secret Service's name on the bus
// with a service that accepts calls and never answers them, like a Secret
// Service waiting on an unlock prompt nobody can see. It is released when
// the test ends.
func (b *Bus) StartHangingSecretService(t testing.TB) {
	t.Helper()
	conn, err := dbus.Connect(b.Address)
	if err != nil {
		t.Fatalf("connect to the test bus: %v", err)
	}
	release := make(chan struct{})
	t.Cleanup(func() {
		close(release)
		conn.Close()
	})
	h := hangingService{release: release}
	for _, iface := range []string{"org.freedesktop.Secret.Service", "org.freedesktop.Secret.Collection"} {
		if err := conn.Export(h, "/org/freedesktop/secrets", iface); err != nil {
			t.Fatal(err)
		}
	}
	reply, err := conn.RequestName(secretsName, dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("claim %s: reply %v, %v", secretsName, reply, err)
	}
}

// hangingService's methods are the Secret Service calls go-keyring starts
// with; each blocks until the test ends.
type hangingService struct{ release chan struct{} }

func (h hangingService) OpenSession(string, dbus.Variant) (dbus.Variant, dbus.ObjectPath, *dbus.Error) {
	<-h.release
	return dbus.MakeVariant(""), "/", nil
}

func (h hangingService) Unlock([]dbus.ObjectPath) ([]dbus.ObjectPath, dbus.ObjectPath, *dbus.Error) {
	<-h.release
	return nil, "/", nil
}

func (h hangingService) SearchItems(map[string]string) ([]dbus.ObjectPath, []dbus.ObjectPath, *dbus.Error) {
	<-h.release
	return nil, nil, nil
}

// SessionHasSecretService reports whether the test's own environment has a
// session bus on which the Secret Service is running (as under
// `dbus-run-session -- sh -c 'echo pw | gnome-keyring-daemon --unlock; go test ...'`).
func SessionHasSecretService() bool {
	addr := os.Getenv("DBUS_SESSION_BUS_ADDRESS")
	if addr == "" {
		return false
	}
	return waitForName(addr, secretsName, 0) == nil
}

// waitForName polls the bus until name has an owner, for up to d.
func waitForName(addr, name string, d time.Duration) error {
	conn, err := dbus.Connect(addr)
	if err != nil {
		return fmt.Errorf("connect to %s: %w", addr, err)
	}
	defer conn.Close()
	deadline := time.Now().Add(d)
	for {
		var has bool
		err := conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, name).Store(&has)
		if err == nil && has {
			return nil
		}
		if !time.Now().Before(deadline) {
			return fmt.Errorf("%s has no owner on the bus (%v)", name, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
