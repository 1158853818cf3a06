//go:build linux

package inhibit

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/internal/dbustest"
)

// TestLogindHoldRelease: Hold calls Inhibit("sleep:idle", "Interview
// Tray", why, "block") and keeps the descriptor until Release closes it.
func TestLogindHoldRelease(t *testing.T) {
	f, addr := dbustest.StartLogind(t)
	in := New(Options{BusAddress: addr})
	l, err := in.Hold(context.Background(), "Zoom is converting the recording of Interview with Ada\n")
	if err != nil {
		t.Fatal(err)
	}
	if want := [4]string{"sleep:idle", "Interview Tray", "Zoom is converting the recording of Interview with Ada ", "block"}; len(f.Calls()) != 1 || f.Calls()[0] != want {
		t.Fatalf("Inhibit calls = %q, want %q", f.Calls(), want)
	}
	if f.Released(t, 0, 200*time.Millisecond) {
		t.Fatal("the lock was released before Release")
	}
	l.Release()
	if !f.Released(t, 0, 5*time.Second) {
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
	f, addr := dbustest.StartLogind(t)
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
	if capped != DefaultCap || f.Calls()[0][3] != "delay" {
		t.Errorf("cap %v, mode %q", capped, f.Calls()[0][3])
	}
	if f.Released(t, 0, 100*time.Millisecond) {
		t.Fatal("released before the cap")
	}
	fire()
	if !f.Released(t, 0, 5*time.Second) {
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
	if !f.Released(t, 1, 5*time.Second) {
		t.Fatal("the real cap did not release the descriptor")
	}
	<-l2.Done()
}

func TestLogindErrors(t *testing.T) {
	f, addr := dbustest.StartLogind(t)
	f.Deny()
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
