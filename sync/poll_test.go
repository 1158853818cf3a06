package sync

import (
	"maps"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// TestEveryJobPlansTheNextSync: for each kind of the sync loop's jobs,
// made the only one due, at a time of its own, the loop plans to wake up
// then (nextSyncLocked), no job runs before (nextJobLocked), and that job
// runs then. A job the plan left out would leave the loop asleep when it
// is due (or a job the pass left out would wake it for nothing); the test
// names every kind, so a new job needs a case here.
func TestEveryJobPlansTheNextSync(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		e, err := New(Options{Client: v.client, StateDir: v.dirs[0], ConfigDir: v.dirs[1], CacheDir: v.dirs[2],
			Now: v.now, Location: time.UTC, DefaultRecordingFolder: v.folder, ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer e.Close()
		now := e.now()
		later, far := now.Add(time.Hour), now.Add(30*24*time.Hour)
		quiet := func() { // nothing due before far
			e.acct = newAccount()
			e.acct.User = &User{ID: "u1"}
			e.sched = schedule{me: far, upcoming: far, hosted: far, list: far, settingsAfter: far}
			e.st.Past = map[string]*pastOcc{}
			e.startedAt = time.Time{}
		}
		past := func() *pastOcc {
			p := &pastOcc{ID: 7, Topic: "Interview: Ada", Start: now.Add(-2 * time.Hour), Duration: 45, HostIsMe: true}
			e.st.Past[p.key()] = p
			return p
		}
		cases := map[string]struct {
			set func()
			at  time.Time
		}{
			"me":       {func() { e.sched.me = later }, later},
			"upcoming": {func() { e.sched.upcoming = later }, later},
			"hosted":   {func() { e.sched.hosted = later }, later},
			"list":     {func() { e.sched.list = later }, later},
			"settings": {func() { e.st.Check, e.sched.settingsAfter = nil, later }, later},
			"details": {func() {
				e.acct.meetings = []meetingRec{{ID: 7, Topic: "Interview: Ada", Start: later, Duration: 45}}
			}, now},
			"cloud":  {func() { past().Cloud = cloudTracker{Phase: cloudWaitRecording, Next: later} }, later},
			"local":  {func() { past().Local = localTracker{Active: true, Next: later} }, later},
			"recent": {func() { e.startedAt, e.sched.recent, e.acct.listCov.Listed = now, later, map[string]time.Time{} }, later},
		}
		var kinds []string
		for _, j := range e.jobs {
			kinds = append(kinds, j.kind)
		}
		if want := slices.Sorted(maps.Keys(cases)); !slices.Equal(slices.Sorted(slices.Values(kinds)), want) {
			t.Fatalf("jobs %v, cases for %v", kinds, want)
		}
		e.mu.Lock()
		defer e.mu.Unlock()
		quiet()
		if next := e.nextSyncLocked(now); !next.Equal(far) {
			t.Fatalf("with nothing due, the next sync is at %v, want %v", next, far)
		}
		for _, j := range e.jobs {
			c := cases[j.kind]
			quiet()
			c.set()
			if next := e.nextSyncLocked(now); !next.Equal(c.at) {
				t.Errorf("%s due at %v: the next sync is at %v", j.kind, c.at, next)
			}
			if !j.zoom {
				if at, ok := j.due(c.at); !ok || at.After(c.at) {
					t.Errorf("%s not due at %v (%v, %v)", j.kind, c.at, at, ok)
				}
				continue
			}
			if got, ok := e.nextJobLocked(c.at.Add(-time.Second), nil); ok && c.at.After(now) {
				t.Errorf("%s due at %v: %s runs before", j.kind, c.at, got.kind)
			}
			if got, ok := e.nextJobLocked(c.at, nil); !ok || got.kind != j.kind {
				t.Errorf("%s due at %v: the job then is %q (%v)", j.kind, c.at, got.kind, ok)
			}
			// While backing off, the plan waits for the backoff.
			e.sched.backoffUntil = far.Add(time.Hour)
			if next := e.nextSyncLocked(now); !next.Equal(e.sched.backoffUntil) {
				t.Errorf("%s due at %v while backing off: the next sync is at %v", j.kind, c.at, next)
			}
		}
	})
}

// TestNextSyncAfterRefreshWhileRateLimited: Refresh while Zoom asks to
// wait makes the meeting lists due now (a zero time); the loop must wake
// when the wait ends, not at the next job with a time of its own (the
// plan once took the zero time for "nothing yet" and then the recordings
// list's, hours later, which an uncapped wait, internal/walltimer, slept
// through).
func TestNextSyncAfterRefreshWhileRateLimited(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		e, err := New(Options{Client: v.client, StateDir: v.dirs[0], ConfigDir: v.dirs[1], CacheDir: v.dirs[2],
			Now: v.now, Location: time.UTC, DefaultRecordingFolder: v.folder, ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer e.Close()
		now := e.now()
		e.mu.Lock()
		e.acct.User = &User{ID: "u1"}
		e.st.Check = &SettingsCheck{CheckedAt: now}
		e.sched = schedule{me: now.Add(20 * time.Hour), upcoming: now.Add(time.Minute), hosted: now.Add(2 * time.Hour),
			list: now.Add(10 * time.Hour), settingsAfter: now.Add(30 * time.Hour),
			backoffUntil: now.Add(time.Minute), failures: 1, failClass: classRateLimited}
		e.mu.Unlock()
		e.Refresh()
		e.mu.Lock()
		defer e.mu.Unlock()
		if next := e.nextSyncLocked(now); !next.Equal(e.sched.backoffUntil) {
			t.Errorf("after Refresh while rate limited until %v, the next sync is at %v", e.sched.backoffUntil, next)
		}
	})
}
