//go:build linux

package agent

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/internal/dbustest"
	"github.com/interviewtray/interviewtray/internal/inhibit"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

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
	logind, addr := dbustest.StartLogind(t)
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
	if n := len(logind.Calls()); n != 1 {
		t.Fatalf("%d Inhibit calls, want 1", n)
	}
	if want := [4]string{"sleep:idle", "Interview Tray", "Zoom is converting the recording of Interview: Ada", "block"}; logind.Calls()[0] != want {
		t.Errorf("Inhibit%q, want %q", logind.Calls()[0], want)
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
	if logind.Released(t, 0, 100*time.Millisecond) {
		t.Fatal("released while converting")
	}
	// When it is ready, the lock goes
	a.keepAwake(ctx, &meetingsync.Snapshot{})
	if !logind.Released(t, 0, 5*time.Second) {
		t.Fatal("still held after the recording is ready")
	}

	// When another converts past the cap, the lock goes, and is not taken
	// again for it
	a.keepAwake(ctx, convertingSnap("/rec/2"))
	capMu.Lock()
	fire := fireCap
	capMu.Unlock()
	fire()
	if !logind.Released(t, 1, 5*time.Second) {
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
	if n := len(logind.Calls()); n != 2 {
		t.Errorf("%d Inhibit calls after the cap, want 2", n)
	}

	// When the user lets it sleep, the lock goes
	a.keepAwake(ctx, convertingSnap("/rec/2", "/rec/3"))
	if n := len(logind.Calls()); n != 3 {
		t.Fatalf("%d Inhibit calls, want 3", n)
	}
	a.onNotificationAction(keepAwakeNote+"converting", keepAwakeButton)
	if !logind.Released(t, 2, 5*time.Second) {
		t.Fatal("still held after Let it sleep")
	}
	a.keepAwake(ctx, convertingSnap("/rec/3"))
	if n := len(logind.Calls()); n != 3 {
		t.Errorf("%d Inhibit calls after Let it sleep, want 3", n)
	}
}
