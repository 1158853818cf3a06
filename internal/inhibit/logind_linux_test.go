//go:build linux

package inhibit

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/interviewtray/interviewtray/internal/dbustest"
)

// fakeLogind is org.freedesktop.login1's Manager.Inhibit on a private
// bus: each call gets the write end of a new pipe; the test sees the lock
// released when the read end reads EOF.
type fakeLogind struct {
	mu    sync.Mutex
	calls [][4]string
	held  []*os.File // the read ends
	sent  []*os.File // the write ends sent (the fake's copies)
	deny  bool
}

func (f *fakeLogind) Inhibit(what, who, why, mode string) (dbus.UnixFD, *dbus.Error) {
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

// dropCopies closes the fake's copies of the descriptors it sent, so that
// only the inhibitor holds them (as with logind, which keeps the read end).
func (f *fakeLogind) dropCopies() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, w := range f.sent {
		w.Close()
	}
	f.sent = nil
}

// released reports whether lock i was released within wait.
func (f *fakeLogind) released(t *testing.T, i int, wait time.Duration) bool {
	t.Helper()
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

// startLogind puts a fake logind on a private bus and returns it and the
// bus address.
func startLogind(t *testing.T) (*fakeLogind, string) {
	t.Helper()
	bus := dbustest.StartSessionBus(t, t.TempDir())
	conn, err := dbus.Connect(bus.Address)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	f := &fakeLogind{}
	if err := conn.Export(f, logindPath, "org.freedesktop.login1.Manager"); err != nil {
		t.Fatal(err)
	}
	if reply, err := conn.RequestName(logindName, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own %s: %v, %v", logindName, reply, err)
	}
	t.Cleanup(func() {
		f.dropCopies()
		for _, r := range f.held {
			r.Close()
		}
	})
	return f, bus.Address
}

// TestLogindHoldRelease: Hold calls Inhibit("sleep:idle", "Interview
// Tray", why, "block") and keeps the descriptor until Release closes it.
func TestLogindHoldRelease(t *testing.T) {
	f, addr := startLogind(t)
	in := New(Options{BusAddress: addr})
	l, err := in.Hold(context.Background(), "Zoom is converting the recording of Interview with Ada\n")
	if err != nil {
		t.Fatal(err)
	}
	f.dropCopies()
	if want := [4]string{"sleep:idle", "Interview Tray", "Zoom is converting the recording of Interview with Ada ", "block"}; len(f.calls) != 1 || f.calls[0] != want {
		t.Fatalf("Inhibit calls = %q, want %q", f.calls, want)
	}
	if f.released(t, 0, 200*time.Millisecond) {
		t.Fatal("the lock was released before Release")
	}
	l.Release()
	if !f.released(t, 0, 5*time.Second) {
		t.Fatal("the lock's descriptor is still open after Release")
	}
	if l.Expired() || l.Err() != nil {
		t.Errorf("expired %v, err %v", l.Expired(), l.Err())
	}
	l.Release() // a second Release closes nothing else
}

// TestLogindCap: the cap's timer releases the descriptor by itself; a
// delay-mode lock asks for "delay".
func TestLogindCap(t *testing.T) {
	f, addr := startLogind(t)
	var fire func()
	var capped time.Duration
	in := New(Options{BusAddress: addr, Mode: "delay", AfterFunc: func(d time.Duration, f func()) func() bool {
		capped, fire = d, f
		return func() bool { return true }
	}})
	l, err := in.Hold(context.Background(), "why")
	if err != nil {
		t.Fatal(err)
	}
	f.dropCopies()
	if capped != DefaultCap || f.calls[0][3] != "delay" {
		t.Errorf("cap %v, mode %q", capped, f.calls[0][3])
	}
	if f.released(t, 0, 100*time.Millisecond) {
		t.Fatal("released before the cap")
	}
	fire()
	if !f.released(t, 0, 5*time.Second) {
		t.Fatal("the descriptor is still open after the cap")
	}
	select {
	case <-l.Done():
	default:
		t.Fatal("Done is not closed after the cap")
	}
	if !l.Expired() {
		t.Error("not expired")
	}

	// With the real timer, a short cap.
	l2, err := New(Options{BusAddress: addr, Cap: 50 * time.Millisecond}).Hold(context.Background(), "why")
	if err != nil {
		t.Fatal(err)
	}
	f.dropCopies()
	if !f.released(t, 1, 5*time.Second) {
		t.Fatal("the real cap did not release the descriptor")
	}
	<-l2.Done()
}

func TestLogindErrors(t *testing.T) {
	f, addr := startLogind(t)
	f.mu.Lock()
	f.deny = true
	f.mu.Unlock()
	_, err := New(Options{BusAddress: addr}).Hold(context.Background(), "why")
	if err == nil || !strings.Contains(err.Error(), "Permission denied") || !strings.HasPrefix(err.Error(), "keep awake: logind Inhibit:") {
		t.Errorf("denied: %v", err)
	}

	// No logind on the bus at all.
	bus := dbustest.StartSessionBus(t, t.TempDir())
	if _, err := New(Options{BusAddress: bus.Address}).Hold(context.Background(), "why"); err == nil {
		t.Error("no error without logind")
	}
	// A bus that is not there.
	if _, err := New(Options{BusAddress: "unix:path=/nonexistent/bus"}).Hold(context.Background(), "why"); err == nil || !strings.Contains(err.Error(), "connect") {
		t.Errorf("no bus: %v", err)
	}
}
