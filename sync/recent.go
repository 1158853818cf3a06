package sync

import (
	"context"
	"time"
)

// Recordings of interviews that ended shortly before the engine started
// are followed by no tracker: the engine never saw them start. The daily
// recordings list finds them once they are ready, but a recording Zoom was
// still processing at start-up would otherwise appear only at the next
// day's list, and without a word. For recentFor after Start, the engine
// therefore asks for the recordings of today and yesterday every
// recentEvery and announces, once, each ready recording of an interview
// that started within followFor and that it did not know yet.
const (
	recentFor   = 3 * time.Hour
	recentEvery = 20 * time.Minute
)

// recentDueLocked reports when the recent-recordings look is next due, and
// whether it is still wanted at all.
func (e *Engine) recentDueLocked(now time.Time) (time.Time, bool) {
	if e.startedAt.IsZero() || now.Sub(e.startedAt) > recentFor || e.acct.User == nil || e.acct.listCov.Listed == nil {
		return time.Time{}, false
	}
	if e.sched.recent.IsZero() {
		return e.startedAt.Add(recentEvery), true
	}
	return e.sched.recent, true
}

// lookRecent makes the recent-recordings call and announces what is new.
func (e *Engine) lookRecent(ctx context.Context) bool {
	now := e.now()
	list, err := e.client.ListRecordings(ctx, now.Add(-24*time.Hour), now)
	e.mu.Lock()
	defer e.mu.Unlock()
	now = e.now()
	e.sched.recent = now.Add(recentEvery)
	if err != nil {
		if c := classify(err); c == classNotFound || c == classOther {
			e.sched.recent = now.Add(recentFor) // not available to this user
			return false
		}
		return e.failedLocked(err, now)
	}
	e.succeededLocked(now)
	known := map[string]bool{}
	for i := range e.acct.listedRaw {
		if !e.acct.listedRaw[i].Processing {
			known["cloud:"+e.acct.listedRaw[i].UUID] = true
		}
	}
	modes := e.overrideModes()
	for i := range list {
		rm := &list[i]
		if rm.UUID == "" || now.Sub(rm.StartTime) > followFor || !e.matcher.isInterview(rm.Topic, modes[rm.ID]) {
			continue
		}
		r := cloudRecording(rm, nil, now)
		k := r.Key()
		if r.State != RecReady || known[k] {
			continue
		}
		if old, ok := e.acct.Tracked[k]; ok && old.State == RecReady {
			continue
		}
		e.acct.Tracked[k] = r
		e.announceLocked(EventRecordingReady, r, now)
		e.cacheWant++
	}
	return false
}
