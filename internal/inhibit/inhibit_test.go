package inhibit

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// fakeHold stands in for the platform: it records the reasons and counts
// releases.
type fakeHold struct {
	whys     []string
	released atomic.Int32
	err      error
}

func (f *fakeHold) install(in *Inhibitor) *Inhibitor {
	in.hold = func(_ context.Context, why string) (func() error, error) {
		if f.err != nil {
			return nil, f.err
		}
		f.whys = append(f.whys, why)
		return func() error { f.released.Add(1); return nil }, nil
	}
	return in
}

// TestLockCap: a lock nobody releases ends by itself after the default
// cap of 2 hours, once.
func TestLockCap(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeHold{}
		in := f.install(New(Options{}))
		l, err := in.Hold(context.Background(), "Zoom is converting the recording of Interview")
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(DefaultCap - time.Second)
		select {
		case <-l.Done():
			t.Fatal("released before the cap")
		default:
		}
		time.Sleep(time.Second)
		synctest.Wait()
		select {
		case <-l.Done():
		default:
			t.Fatal("not released at the cap")
		}
		if !l.Expired() || f.released.Load() != 1 {
			t.Errorf("expired %v, released %d times", l.Expired(), f.released.Load())
		}
		l.Release() // after the cap: nothing more
		if f.released.Load() != 1 {
			t.Errorf("released %d times", f.released.Load())
		}
	})
}

// TestLockRelease: Release ends the lock once and stops the cap's timer.
func TestLockRelease(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeHold{}
		in := f.install(New(Options{Cap: time.Minute}))
		l, err := in.Hold(context.Background(), "why")
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(30 * time.Second)
		l.Release()
		l.Release()
		time.Sleep(time.Hour) // the cap's timer was stopped
		synctest.Wait()
		if l.Expired() || f.released.Load() != 1 || l.Err() != nil {
			t.Errorf("expired %v, released %d times, err %v", l.Expired(), f.released.Load(), l.Err())
		}
	})
}

func TestHoldReason(t *testing.T) {
	f := &fakeHold{}
	in := f.install(New(Options{}))
	long := "Zoom is converting the recording of " + strings.Repeat("é", 300)
	for _, why := range []string{"Zoom is converting the recording of Ada\n\x1b[31mLovelace\u202e", long} {
		l, err := in.Hold(context.Background(), why)
		if err != nil {
			t.Fatal(err)
		}
		l.Release()
	}
	if f.whys[0] != "Zoom is converting the recording of Ada [31mLovelace" {
		t.Errorf("reason = %q", f.whys[0])
	}
	if len(f.whys[1]) > maxWhy || !strings.HasSuffix(f.whys[1], "é…") {
		t.Errorf("long reason: %d bytes, %q", len(f.whys[1]), f.whys[1][len(f.whys[1])-10:])
	}
}

func TestHoldErrors(t *testing.T) {
	f := &fakeHold{err: errors.New("access denied")}
	if _, err := f.install(New(Options{})).Hold(context.Background(), "why"); err == nil || err.Error() != "keep awake: access denied" {
		t.Errorf("err = %v", err)
	}
	g := &fakeHold{}
	if _, err := g.install(New(Options{Mode: "forever"})).Hold(context.Background(), "why"); err == nil || !strings.Contains(err.Error(), `mode "forever"`) {
		t.Errorf("err = %v", err)
	}
	if len(g.whys) != 0 {
		t.Error("a bad mode still asked the system")
	}
}
