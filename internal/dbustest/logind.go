package dbustest

import (
	"errors"
	"io"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// Logind is org.freedesktop.login1's Manager.Inhibit on a private bus:
// each call gets the write end of a new pipe, and the test sees a lock
// released when the read end reads EOF (logind keeps the read end too).
type Logind struct {
	mu    sync.Mutex
	calls [][4]string
	held  []*os.File // the read ends
	sent  []*os.File // the fake's copies of the write ends sent
	deny  bool
}

// Inhibit is the D-Bus method.
func (f *Logind) Inhibit(what, who, why, mode string) (dbus.UnixFD, *dbus.Error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, [4]string{what, who, why, mode})
	if f.deny {
		return 0, dbus.NewError("org.freedesktop.DBus.Error.AccessDenied", []any{"Permission denied"})
	}
	r, w, err := os.Pipe()
	if err != nil {
		return 0, dbus.MakeFailedError(err)
	}
	f.held, f.sent = append(f.held, r), append(f.sent, w)
	return dbus.UnixFD(w.Fd()), nil
}

// Deny makes every later Inhibit call fail with AccessDenied.
func (f *Logind) Deny() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.deny = true
}

// Calls returns the Inhibit calls so far (what, who, why, mode). From then
// on only the inhibitor holds the descriptors sent: the fake closes its
// copies.
func (f *Logind) Calls() [][4]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, w := range f.sent {
		w.Close()
	}
	f.sent = nil
	return slices.Clone(f.calls)
}

// Released reports whether lock i was released within wait.
func (f *Logind) Released(t testing.TB, i int, wait time.Duration) bool {
	t.Helper()
	f.Calls()
	f.mu.Lock()
	r := f.held[i]
	f.mu.Unlock()
	if err := r.SetReadDeadline(time.Now().Add(wait)); err != nil {
		t.Fatal(err)
	}
	_, err := r.Read(make([]byte, 1))
	switch {
	case errors.Is(err, io.EOF):
		return true
	case errors.Is(err, os.ErrDeadlineExceeded):
		return false
	}
	t.Fatalf("read the lock's pipe: %v", err)
	return false
}

// StartLogind puts a fake logind on a private bus and returns it and the
// bus's address.
func StartLogind(t testing.TB) (*Logind, string) {
	t.Helper()
	bus := StartSessionBus(t, t.TempDir())
	conn := Connect(t, bus.Address)
	f := &Logind{}
	if err := conn.Export(f, "/org/freedesktop/login1", "org.freedesktop.login1.Manager"); err != nil {
		t.Fatal(err)
	}
	own(t, conn, "org.freedesktop.login1")
	t.Cleanup(func() {
		f.Calls()
		for _, r := range f.held {
			r.Close()
		}
	})
	return f, bus.Address
}
