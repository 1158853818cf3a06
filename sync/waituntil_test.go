package sync

import (
	"context"
	stdsync "sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/internal/walltimer"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// wallWaiter is an Options.WaitUntil that follows the env's wall clock with
// no cap, as internal/walltimer does on Linux, and notes every wait.
type wallWaiter struct {
	v     *env
	mu    stdsync.Mutex
	waits []wallWait
}

type wallWait struct {
	kick     <-chan struct{}
	from, to time.Time // the wall clock at the call, and the due time asked for
}

func (w *wallWaiter) wait(ctx context.Context, t time.Time, kick <-chan struct{}) bool {
	now := w.v.now()
	w.mu.Lock()
	w.waits = append(w.waits, wallWait{kick: kick, from: now, to: t})
	w.mu.Unlock()
	return walltimer.Sleep(ctx, max(t.Sub(now), 0), kick)
}

// TestWaitUntilUncapped: with a WaitUntil that follows the wall clock,
// both loops sleep until their next due time instead of every 30 s, and
// the reminders still fire on time.
func TestWaitUntilUncapped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Given an engine whose WaitUntil has no cap, and one interview at
		// 15:00
		v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		w := &wallWaiter{v: v}
		v.options = func(o *Options) { o.WaitUntil = w.wait }
		start := v.at(0, 15, 0)
		m := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: start})
		e := v.start()
		defer v.stop()

		// When the day runs to a quarter past the start
		v.until(start.Add(15 * time.Minute))

		// Then the loops woke a few dozen times in those seven hours (the
		// 30 s cap alone would be 1,700), each for a due time of its own
		w.mu.Lock()
		waits := w.waits
		w.mu.Unlock()
		t.Logf("%d waits, %d reminders", len(waits), len(v.eventsOf(EventReminder)))
		if len(waits) > 200 {
			t.Errorf("%d waits in 7h15m", len(waits))
		}
		long := map[<-chan struct{}]int{}
		for _, wt := range waits {
			if wt.to.Before(wt.from.Add(minSleep)) {
				t.Errorf("a wait from %v until %v, under minSleep", wt.from, wt.to)
			}
			if wt.to.Sub(wt.from) > maxSleep {
				long[wt.kick]++
			}
		}
		if long[e.kickClock] == 0 || long[e.kickSync] == 0 {
			t.Errorf("waits longer than maxSleep: clock loop %d, sync loop %d; want both", long[e.kickClock], long[e.kickSync])
		}
		// and each reminder fired when due.
		got := v.eventsOf(EventReminder)
		if len(got) == 0 {
			t.Fatal("no reminder fired")
		}
		for _, ev := range got {
			r := ev.Reminder
			if r.MeetingID != m.ID || !r.FiredAt.Equal(r.Due) {
				t.Errorf("reminder %s due %v fired %v", r.Key, r.Due, r.FiredAt)
			}
		}
	})
}
