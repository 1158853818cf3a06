package sync

import (
	"encoding/json"
	"os"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// envBenchDayOut names the file TestBenchDayFigures writes its figures to,
// as JSON, for `make bench` (bench/benchdriver).
const envBenchDayOut = "INTERVIEWTRAY_BENCH_DAY_OUT"

// benchDayFigures are the figures of TestBenchDayFigures. Times are
// measured on the synctest bubble's fake clock.
type benchDayFigures struct {
	// Calls counts the REST calls Zoom served in the day, by endpoint
	// ("GET /v2/users/me/upcoming_meetings"); CallsTotal sums them.
	Calls      map[string]int `json:"calls"`
	CallsTotal int            `json:"calls_total"`
	// TokenRefreshes counts OAuth refresh grants (not REST calls).
	TokenRefreshes int `json:"token_refreshes"`
	// Reminders fired in the day and the latest of them, due to fired.
	Reminders int           `json:"reminders"`
	MaxLate   time.Duration `json:"max_late_ns"`
	// WakeLate is how long after Wake the reminder that came due during a
	// sleep fired; NoWakeLate the same when nobody calls Wake (the clock
	// loop's capped sleep notices the jump).
	WakeLate   time.Duration `json:"wake_late_ns"`
	NoWakeLate time.Duration `json:"no_wake_late_ns"`
}

// TestBenchDayFigures measures the day of TestDayOfEightInterviews (the
// same eight interviews, joins and standup, jitter on) for `make bench`:
// Zoom calls per endpoint, reminder lateness, and a sleep across a
// reminder with and without Wake. It checks that every reminder fires once
// and never early; the budgets themselves are judged by the benchmark
// report (TestDayOfEightInterviews and TestSleepAcrossReminder enforce
// them).
func TestBenchDayFigures(t *testing.T) {
	var fig benchDayFigures
	t.Run("day", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) { benchDay(t, &fig) })
	})
	for _, wake := range []bool{true, false} {
		name := map[bool]string{true: "sleep with wake", false: "sleep without wake"}[wake]
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				late := benchSleep(t, wake)
				if wake {
					fig.WakeLate = late
				} else {
					fig.NoWakeLate = late
				}
			})
		})
	}
	t.Logf("figures: %+v", fig)
	if path := os.Getenv(envBenchDayOut); path != "" {
		data, err := json.MarshalIndent(&fig, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func benchDay(t *testing.T, fig *benchDayFigures) {
	loc := mustLoc(t, "America/New_York")
	v := newEnv(t, zoomsim.Options{AutoEnd: true, RecordingDelay: time.Hour, TokenTTL: time.Hour},
		time.Date(2026, 3, 3, 0, 0, 0, 0, loc), loc)
	me := v.sim.User()
	type plan struct {
		hh, mm  int
		host    string
		invited bool
		alt     string
		join    bool
	}
	plans := []plan{
		{9, 0, "me", false, "", true},
		{10, 0, "me", false, "", false},
		{11, 0, "me", false, "", true},
		{13, 0, "other", true, "", false},
		{14, 0, "other", false, me.Email, true},
		{15, 0, "me", false, "", false},
		{16, 0, "me", false, "", true},
		{16, 45, "me", false, "", false},
	}
	type join struct {
		at time.Time
		id int64
	}
	var joins []join
	want := 0
	for i, p := range plans {
		start := v.at(0, p.hh, p.mm)
		m := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: candidate " + string(rune('A'+i)), StartTime: start,
			Host: p.host, Invited: p.invited, AlternativeHosts: p.alt})
		want += 3 // 10 and 1 minute before, at the start
		if p.join {
			joins = append(joins, join{start.Add(30 * time.Second), m.ID})
		} else {
			want += 3 // started 2, 5 and 10 minutes ago
		}
	}
	v.meeting(zoomsim.MeetingSpec{Topic: "Team standup", StartTime: v.at(0, 12, 0), Duration: 15})

	e := v.start()
	defer v.stop()
	for _, j := range joins {
		v.until(j.at)
		if err := e.Joined(j.id); err != nil {
			t.Fatal(err)
		}
	}
	v.until(v.at(1, 0, 0))

	seen := map[string]int{}
	for _, ev := range v.eventsOf(EventReminder) {
		r := ev.Reminder
		seen[r.Key]++
		late := r.FiredAt.Sub(r.Due)
		if late < 0 {
			t.Errorf("reminder %s fired %v early", r.Key, -late)
		}
		fig.MaxLate = max(fig.MaxLate, late)
	}
	for k, n := range seen {
		if n != 1 {
			t.Errorf("reminder %s fired %d times", k, n)
		}
	}
	if len(seen) != want {
		t.Errorf("%d reminders fired, want %d", len(seen), want)
	}
	fig.Reminders = len(seen)
	fig.CallsTotal, fig.Calls = v.apiCalls()
	fig.TokenRefreshes = v.sim.Stats().TokenRefreshes
}

// benchSleep puts the laptop to sleep from 12 to 5 minutes before an
// interview, across its 10-minute reminder, and returns how long after
// waking that reminder fired.
func benchSleep(t *testing.T, wake bool) time.Duration {
	v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
	start := v.at(0, 9, 0)
	m := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: start})
	e := v.start()
	defer v.stop()
	v.until(start.Add(-12 * time.Minute))
	v.sleepLaptop(7 * time.Minute)
	woke := v.now()
	if wake {
		e.Wake()
	}
	want := rkey(m.ID, start, -10*time.Minute)
	for range 2 * int(maxSleep/time.Second) {
		synctest.Wait()
		if got := v.eventsOf(EventReminder); len(got) > 0 {
			if len(got) != 1 || got[0].Reminder.Key != want {
				t.Fatalf("after the sleep: %v, want only %s", v.reminderKeys(), want)
			}
			return got[0].Reminder.FiredAt.Sub(woke)
		}
		time.Sleep(time.Second)
	}
	t.Fatalf("the reminder due during the sleep had not fired %v after waking", 2*maxSleep)
	return 0
}
