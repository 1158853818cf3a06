package sync

import (
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// TestRateLimitStorm: Zoom answers 429 to the list calls for a while.
// The engine backs off (the client's own short retries included, the calls
// stay few), says it is rate limited, keeps reminding from what it knows,
// and recovers when the storm passes. A Retry-After longer than the
// client waits itself is honoured to the second.
func TestRateLimitStorm(t *testing.T) {
	tests := []struct {
		name       string
		retryAfter string
		count      int
		quiet      time.Duration // no call for this long after the first refusal
	}{
		{"per-second limit, no Retry-After", "", 12, 0},
		{"daily limit with a long Retry-After", "600", 1, 10 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
				start := v.at(0, 9, 0)
				m := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: start})
				e := v.start()
				defer v.stop()
				v.until(start.Add(-20 * time.Minute))
				before, _ := v.apiCalls()
				if err := v.sim.InjectFault(zoomsim.Fault{Method: "GET", Path: "/v2/users/me/upcoming_meetings",
					Status: 429, Count: tt.count, RetryAfter: tt.retryAfter}); err != nil {
					t.Fatal(err)
				}
				v.until(start.Add(-14 * time.Minute))
				s := e.Snapshot()
				if !s.Health.RateLimited || s.Health.RetryAt.IsZero() || s.Health.Offline {
					t.Errorf("health during the storm: %+v", s.Health)
				}
				if tt.quiet > 0 {
					if n, _ := v.apiCalls(); n != before+1 {
						t.Errorf("%d calls within Retry-After", n-before-1)
					}
					// The refusal came at -20 minutes at the earliest.
					if s.Health.RetryAt.Before(start.Add(-20*time.Minute + tt.quiet)) {
						t.Errorf("retry at %v, sooner than Retry-After", s.Health.RetryAt)
					}
				}
				v.until(start.Add(20 * time.Minute))
				total, per := v.apiCalls()
				t.Logf("calls from the storm's start to 40 minutes later: %d%s", total-before, breakdown(per))
				if f := v.sim.Faults(); len(f) != 0 {
					t.Fatalf("storm not over: %d refusals left", f[0].Count)
				}
				s = e.Snapshot()
				if s.Health.RateLimited || s.Health.LastSync.Before(start) {
					t.Errorf("not recovered: %+v", s.Health)
				}
				for _, off := range []time.Duration{-10 * time.Minute, -time.Minute, 0} {
					if !strings.Contains(strings.Join(v.reminderKeys(), " "), rkey(m.ID, start, off)) {
						t.Errorf("reminder %v missed during the storm", off)
					}
				}
			})
		})
	}
}

// TestOfflineHour: the network is gone for an hour. The agenda stays,
// reminders fire from it, retries back off to at most every 5 minutes,
// and when told the network returned the engine polls at once.
func TestOfflineHour(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{AutoEnd: true, TokenTTL: time.Hour}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		start := v.at(0, 9, 30)
		m := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: start})
		e := v.start()
		defer v.stop()
		v.until(v.at(0, 9, 0))
		sw := v.sw
		sw.mu.Lock()
		clear(sw.attempts)
		sw.mu.Unlock()
		sw.set(offlineErr())
		v.until(v.at(0, 10, 0))

		s := e.Snapshot()
		if !s.Health.Offline || !hasProblem(s, ActionRetry) {
			t.Errorf("offline not reported: %+v %+v", s.Health, s.Problems)
		}
		if _, ok := interview(s, m.ID); !ok {
			t.Error("the agenda lost the interview while offline")
		}
		sw.mu.Lock()
		attempts := 0
		for _, n := range sw.attempts { // API calls and token refreshes
			attempts += n
		}
		sw.mu.Unlock()
		t.Logf("attempts during the offline hour: %d %v", attempts, sw.attempts)
		if attempts > 20 {
			t.Errorf("%d attempts in an offline hour, want backoff", attempts)
		}
		got := strings.Join(v.reminderKeys(), " ")
		for _, off := range []time.Duration{-10 * time.Minute, -time.Minute, 0, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute} {
			if !strings.Contains(got, rkey(m.ID, start, off)) {
				t.Errorf("reminder %v missed while offline", off)
			}
		}

		// When the network returns, the engine polls at once.
		sw.set(nil)
		back := v.now()
		e.NetworkChanged()
		synctest.Wait()
		s = e.Snapshot()
		if s.Health.Offline || s.Health.LastSync.Before(back) {
			t.Errorf("after the network returned: %+v", s.Health)
		}
	})
}

// TestSignedOut: the sign-in layer says the session expired. The engine
// shows why, stops calling Zoom (no retry loop) but keeps reminding, and
// resumes at once on SignedIn.
func TestSignedOut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		start := v.at(0, 11, 0)
		m := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: start})
		e := v.start()
		defer v.stop()
		v.until(v.at(0, 8, 30))
		v.sw.set(&signedOutErr{reason: "session_expired"})
		v.until(v.at(0, 9, 0))
		s := e.Snapshot()
		if !s.Health.SignedOut || s.Health.SignedOutReason != "session_expired" || !hasProblem(s, ActionSignIn) {
			t.Fatalf("signed out not reported: %+v %+v", s.Health, s.Problems)
		}
		v.sw.mu.Lock()
		n := v.sw.attempts["GET /v2/users/me/upcoming_meetings"]
		v.sw.mu.Unlock()
		v.until(start.Add(15 * time.Minute))
		v.sw.mu.Lock()
		later := v.sw.attempts["GET /v2/users/me/upcoming_meetings"]
		v.sw.mu.Unlock()
		if later != n {
			t.Errorf("%d more calls while signed out", later-n)
		}
		if !strings.Contains(strings.Join(v.reminderKeys(), " "), rkey(m.ID, start, 0)) {
			t.Error("no reminder while signed out")
		}
		if _, err := e.CheckSettings(t.Context()); err == nil {
			t.Error("CheckSettings while signed out did not fail")
		}
		// When the user signs in again, polling resumes at once.
		v.sw.set(nil)
		e.SignedIn()
		synctest.Wait()
		s = e.Snapshot()
		if s.Health.SignedOut || s.Health.LastSync.Before(start) || hasProblem(s, ActionSignIn) {
			t.Errorf("after SignedIn: %+v %+v", s.Health, s.Problems)
		}
	})
}

// TestKeychainProblem: the keychain is locked; the engine says so and
// retries every few minutes, not in a loop.
func TestKeychainProblem(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		v.sw.set(keychainErr{})
		e := v.start()
		defer v.stop()
		v.until(v.at(0, 9, 0))
		s := e.Snapshot()
		if s.Health.KeychainProblem == "" || !hasProblem(s, ActionRetry) {
			t.Errorf("keychain problem not reported: %+v", s.Health)
		}
		v.sw.mu.Lock()
		n := v.sw.attempts["GET /v2/users/me"]
		v.sw.mu.Unlock()
		if n < 5 || n > 14 {
			t.Errorf("%d attempts in an hour, want one every 5 minutes", n)
		}
		v.sw.set(nil)
		v.until(v.at(0, 9, 10))
		if s := e.Snapshot(); s.Health.KeychainProblem != "" || s.User == nil {
			t.Errorf("not recovered: %+v", s.Health)
		}
	})
}

// TestRecordingHoursLater: Zoom takes five hours to process a recording.
// The engine asks at growing intervals, shows it processing meanwhile (the
// meeting records to the cloud automatically), and announces it once.
func TestRecordingHoursLater(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{AutoEnd: true, RecordingDelay: 5 * time.Hour},
			time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		start := v.at(0, 9, 0)
		m := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: start})
		e := v.start()
		defer v.stop()
		end := start.Add(45 * time.Minute)
		v.until(end.Add(2 * time.Hour))
		var processing bool
		for _, r := range e.Snapshot().Recordings {
			if r.Kind == KindCloud && r.MeetingID == m.ID {
				processing = r.State == RecProcessing && r.EndedAt.Equal(end)
			}
		}
		if !processing {
			t.Errorf("no processing recording two hours after the end: %+v", e.Snapshot().Recordings)
		}
		v.until(end.Add(12 * time.Hour))
		ready := v.eventsOf(EventRecordingReady)
		if len(ready) != 1 || ready[0].Recording.MeetingID != m.ID {
			t.Fatalf("recording events %+v", ready)
		}
		r := ready[0].Recording
		if late := r.ReadyAt.Sub(end.Add(5 * time.Hour)); late < 0 || late > 3*time.Hour {
			t.Errorf("found %v after it was ready", late)
		}
		_, per := v.apiCalls()
		if n := per["GET /v2/meetings/{meetingId}/recordings"]; n > 6 {
			t.Errorf("%d recording checks for one recording", n)
		}
		t.Logf("found %v after the end with %d checks", r.ReadyAt.Sub(end), per["GET /v2/meetings/{meetingId}/recordings"])
		// A restart does not announce it again.
		v.stop()
		v.start()
		v.until(end.Add(13 * time.Hour))
		if n := len(v.eventsOf(EventRecordingReady)); n != 1 {
			t.Errorf("%d recording events after a restart", n)
		}
	})
}

// TestSleepThroughInterview: the laptop sleeps from before an interview
// until after it ended; Zoom no longer lists it on wake. Its recordings
// are still followed and announced.
func TestSleepThroughInterview(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{AutoEnd: true, RecordingDelay: 30 * time.Minute},
			time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		start := v.at(0, 9, 0)
		m := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: start})
		e := v.start()
		defer v.stop()
		v.until(start.Add(-20 * time.Minute))
		v.sleepLaptop(3 * time.Hour)
		e.Wake()
		synctest.Wait()
		if n := len(v.eventsOf(EventReminder)); n != 0 {
			t.Errorf("%d reminders for an interview that ended during the sleep", n)
		}
		iv, ok := interview(e.Snapshot(), m.ID)
		if !ok || iv.State != StateEnded {
			t.Errorf("after the sleep: %+v (want the ended interview in the agenda)", iv)
		}
		v.until(v.now().Add(2 * time.Hour))
		if ev := v.eventsOf(EventRecordingReady); len(ev) != 1 || ev[0].Recording.MeetingID != m.ID {
			t.Errorf("recording events %+v", ev)
		}
	})
}

// TestAuthRejected: Zoom answers 401 even after the sign-in layer's own
// refresh and retry: the user is asked to sign in again, polling backs off.
func TestAuthRejected(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		if err := v.sim.InjectFault(zoomsim.Fault{Path: "/v2/*", Status: 401, Count: 1000}); err != nil {
			t.Fatal(err)
		}
		e := v.start()
		defer v.stop()
		v.until(v.at(0, 9, 0))
		s := e.Snapshot()
		if !hasProblem(s, ActionSignIn) || s.Health.SignedOut {
			t.Errorf("401: health %+v problems %+v", s.Health, s.Problems)
		}
		if n, _ := v.apiCalls(); n > 12 {
			t.Errorf("%d calls in an hour of 401s", n)
		}
		v.sim.ClearFaults()
		e.SignedIn()
		synctest.Wait()
		if s := e.Snapshot(); hasProblem(s, ActionSignIn) || s.User == nil {
			t.Errorf("after signing in again: %+v", s.Problems)
		}
	})
}

// TestPollKeepsStartedInterview drives the sync loop's steps by hand: when
// the upcoming poll no longer lists an interview that started (it ended
// while nothing ran), the interview is kept for its recordings before the
// list is replaced, whichever loop runs first.
func TestPollKeepsStartedInterview(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		start := v.at(0, 9, 0)
		m := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: start})
		e, err := New(Options{Client: v.client, StateDir: v.dirs[0], ConfigDir: v.dirs[1], CacheDir: v.dirs[2],
			Now: v.now, Location: time.UTC, DefaultRecordingFolder: v.folder})
		if err != nil {
			t.Fatal(err)
		}
		defer e.Close()
		e.syncPass(t.Context()) // not started: no clock loop
		if _, ok := interview(e.Snapshot(), m.ID); !ok {
			t.Fatal("not listed")
		}
		v.sleepLaptop(2 * time.Hour)
		if stop := e.pollUpcoming(t.Context()); stop {
			e.mu.Lock()
			h := e.health
			e.mu.Unlock()
			t.Fatalf("poll failed: %+v", h)
		}
		e.mu.Lock()
		p, ok := e.st.Past[occKey(m.ID, start)]
		e.mu.Unlock()
		if !ok || !p.HostIsMe || p.Cloud.Phase != cloudWaitEnd {
			t.Fatalf("started interview not kept: %+v", p)
		}
	})
}

// TestItemLevelRefusals: Zoom refuses one meeting's details and the
// settings with a 400. The engine notes it and goes on polling instead of
// backing off everything.
func TestItemLevelRefusals(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		m := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: v.at(0, 11, 0)})
		for _, f := range []zoomsim.Fault{
			{Method: "GET", Path: "/v2/meetings/" + itoa(m.ID), Status: 400, Code: 3000, Count: 100},
			{Method: "GET", Path: "/v2/users/me/settings", Status: 400, Code: 300, Count: 100},
		} {
			if err := v.sim.InjectFault(f); err != nil {
				t.Fatal(err)
			}
		}
		e := v.start()
		defer v.stop()
		v.until(v.at(0, 10, 0))
		s := e.Snapshot()
		if s.Health.LastError != "" || s.Health.LastSync.Before(v.at(0, 9, 30)) {
			t.Errorf("health %+v", s.Health)
		}
		// The hosted list still says who hosts it.
		if iv, _ := interview(s, m.ID); !iv.HostKnown || !iv.HostedByMe || iv.Passcode != "" {
			t.Errorf("interview %+v", iv)
		}
		_, per := v.apiCalls()
		if per["GET /v2/meetings/{meetingId}"] != 1 || per["GET /v2/users/me/settings"] != 1 {
			t.Errorf("refused calls repeated: %s", breakdown(per))
		}
	})
}
