//go:build linux

package agent

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
	"github.com/interviewtray/interviewtray/internal/inhibit"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// testLogind is logind's Manager.Inhibit on a private bus: each call gets
// the write end of a new pipe, whose read end sees EOF once the lock is
// released.
type testLogind struct {
	mu    sync.Mutex
	calls [][4]string
	held  []*os.File
	sent  []*os.File
}

func (f *testLogind) Inhibit(what, who, why, mode string) (dbus.UnixFD, *dbus.Error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, [4]string{what, who, why, mode})
	r, w, err := os.Pipe()
	if err != nil {
		return 0, dbus.MakeFailedError(err)
	}
	f.held, f.sent = append(f.held, r), append(f.sent, w)
	return dbus.UnixFD(w.Fd()), nil
}

func (f *testLogind) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	// Only the agent holds what was sent from now on.
	for _, w := range f.sent {
		w.Close()
	}
	f.sent = nil
	return len(f.calls)
}

// released says whether lock i was released within wait.
func (f *testLogind) released(t *testing.T, i int, wait time.Duration) bool {
	t.Helper()
	f.count()
	f.mu.Lock()
	r := f.held[i]
	f.mu.Unlock()
	if err := r.SetReadDeadline(time.Now().Add(wait)); err != nil {
		t.Fatal(err)
	}
	_, err := r.Read(make([]byte, 1))
	if errors.Is(err, io.EOF) {
		return true
	}
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatal(err)
	}
	return false
}

func startTestLogind(t *testing.T) (*testLogind, string) {
	t.Helper()
	bus := dbustest.StartSessionBus(t, t.TempDir())
	conn := dbustest.Connect(t, bus.Address)
	f := &testLogind{}
	if err := conn.Export(f, "/org/freedesktop/login1", "org.freedesktop.login1.Manager"); err != nil {
		t.Fatal(err)
	}
	if reply, err := conn.RequestName("org.freedesktop.login1", dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own logind: %v %v", reply, err)
	}
	t.Cleanup(func() {
		f.count()
		for _, r := range f.held {
			r.Close()
		}
	})
	return f, bus.Address
}

// awakeDesk keeps the computer awake through an Inhibitor on the test bus.
type awakeDesk struct {
	*fakeDesktop
	in *inhibit.Inhibitor
}

func (d awakeDesk) KeepAwake(ctx context.Context, why string) (*inhibit.Lock, error) {
	return d.in.Hold(ctx, why)
}

func convertingSnap(folders ...string) *meetingsync.Snapshot {
	snap := &meetingsync.Snapshot{}
	for _, f := range folders {
		snap.Recordings = append(snap.Recordings, meetingsync.Recording{Kind: meetingsync.KindLocal, State: meetingsync.RecConverting,
			Topic: "Interview: Ada", Links: meetingsync.Links{Folder: f}})
	}
	return snap
}

// TestSleepLockWhileZoomConverts: a local recording that converts takes a
// logind lock ("sleep:idle", "Interview Tray", why, "block") once, and
// says so once; the descriptor is closed when the recording is ready,
// when the cap is reached (and not taken again for it), and when the user
// lets the computer sleep.
func TestSleepLockWhileZoomConverts(t *testing.T) {
	logind, addr := startTestLogind(t)
	a, fd, _ := newTestAgent(t)
	var capMu sync.Mutex
	var fireCap func()
	in := inhibit.New(inhibit.Options{BusAddress: addr, AfterFunc: func(d time.Duration, f func()) func() bool {
		if d != inhibit.DefaultCap {
			t.Errorf("cap %v, want %v", d, inhibit.DefaultCap)
		}
		capMu.Lock()
		fireCap = f
		capMu.Unlock()
		return func() bool { return true }
	}})
	a.desk = awakeDesk{fd, in}
	notes := &withdrawingNotifier{}
	a.notifier = notes
	ctx := context.Background()

	// Given Zoom converts a recording
	a.keepAwake(ctx, convertingSnap("/rec/1"))
	a.keepAwake(ctx, convertingSnap("/rec/1"))
	if n := logind.count(); n != 1 {
		t.Fatalf("%d Inhibit calls, want 1", n)
	}
	if want := [4]string{"sleep:idle", "Interview Tray", "Zoom is converting the recording of Interview: Ada", "block"}; logind.calls[0] != want {
		t.Errorf("Inhibit%q, want %q", logind.calls[0], want)
	}
	told := 0
	for _, n := range notes.shown {
		if strings.HasPrefix(n.Key, keepAwakeNote) && strings.Contains(n.Body, "Keep the computer on") {
			told++
		}
	}
	if told != 1 {
		t.Errorf("told %d times, want once", told)
	}
	if logind.released(t, 0, 100*time.Millisecond) {
		t.Fatal("released while converting")
	}
	// When it is ready, the lock goes
	a.keepAwake(ctx, &meetingsync.Snapshot{})
	if !logind.released(t, 0, 5*time.Second) {
		t.Fatal("still held after the recording is ready")
	}

	// When another converts past the cap, the lock goes, and is not taken
	// again for it
	a.keepAwake(ctx, convertingSnap("/rec/2"))
	capMu.Lock()
	fire := fireCap
	capMu.Unlock()
	fire()
	if !logind.released(t, 1, 5*time.Second) {
		t.Fatal("still held after the cap")
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		a.sleep.mu.Lock()
		gone := a.sleep.lock == nil
		a.sleep.mu.Unlock()
		if gone {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the agent still has the capped lock")
		}
	}
	a.keepAwake(ctx, convertingSnap("/rec/2"))
	if n := logind.count(); n != 2 {
		t.Errorf("%d Inhibit calls after the cap, want 2", n)
	}

	// When the user lets it sleep, the lock goes
	a.keepAwake(ctx, convertingSnap("/rec/2", "/rec/3"))
	if n := logind.count(); n != 3 {
		t.Fatalf("%d Inhibit calls, want 3", n)
	}
	a.onNotificationAction(keepAwakeNote+"converting", keepAwakeButton)
	if !logind.released(t, 2, 5*time.Second) {
		t.Fatal("still held after Let it sleep")
	}
	a.keepAwake(ctx, convertingSnap("/rec/3"))
	if n := logind.count(); n != 3 {
		t.Errorf("%d Inhibit calls after Let it sleep, want 3", n)
	}
}
