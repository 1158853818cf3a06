package agent

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/zoom"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// lockDesktop is a fakeDesktop whose screen can be locked.
type lockDesktop struct {
	*fakeDesktop
	locked atomic.Bool
	asked  atomic.Int32
}

func (d *lockDesktop) ScreenLocked(context.Context) (bool, error) {
	d.asked.Add(1)
	return d.locked.Load(), nil
}

func (d *fakeDesktop) count(name string) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := 0
	for _, w := range d.windows {
		if w == name {
			n++
		}
	}
	return n
}

// withOffset is r with its key's offset replaced (another reminder of the
// same occurrence).
func withOffset(r meetingsync.Reminder, off time.Duration) meetingsync.Reminder {
	r.Key = meetingsync.ReminderOccurrence(r.Key) + "/" + strconv.FormatInt(int64(off/time.Second), 10)
	return r
}

// startedInterviews returns an agent whose engine shows the "starting now"
// reminders of two interviews that started 30 s ago, A and B, and runs.
func startedInterviews(t *testing.T) (*Agent, *lockDesktop, [2]meetingsync.Reminder) {
	t.Helper()
	return startedInterviewsIn(t, t.TempDir())
}

// startedInterviewsIn is startedInterviews with the agent's folders in dir.
func startedInterviewsIn(t *testing.T, dir string) (*Agent, *lockDesktop, [2]meetingsync.Reminder) {
	t.Helper()
	a, plain, _ := newTestAgentIn(t, dir, func(sim *zoomsim.Sim) {
		for _, topic := range []string{"Interview: Alert A", "Interview: Alert B"} {
			if _, err := sim.CreateMeeting(zoomsim.MeetingSpec{Topic: topic, StartTime: time.Now().Add(-30 * time.Second), Duration: 45}); err != nil {
				t.Fatal(err)
			}
		}
	})
	fd := &lockDesktop{fakeDesktop: plain}
	a.desk = fd
	notes := &withdrawingNotifier{}
	a.notifier = notes
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	if err := a.engine.Start(ctx); err != nil {
		t.Fatal(err)
	}
	// The agent announces what the engine fires.
	actx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); a.announce(actx) }()
	t.Cleanup(func() { stop(); <-done })
	var out [2]meetingsync.Reminder
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		n := 0
		for _, r := range a.engine.Snapshot().Reminders {
			for i, topic := range []string{"Interview: Alert A", "Interview: Alert B"} {
				if r.Topic == topic {
					out[i] = r
					n++
				}
			}
		}
		if n == 2 && fd.count(localapi.WindowAlert) == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("reminders %+v, windows %q", a.engine.Snapshot().Reminders, fd.windows)
		}
	}
	stop()
	<-done
	// The alert shows the reminders: no notification besides it.
	notes.mu.Lock()
	defer notes.mu.Unlock()
	for _, n := range notes.shown {
		if strings.HasPrefix(n.Key, "meeting:") && strings.Contains(n.Title, "Alert") {
			t.Errorf("a notification beside the alert: %+v", n)
		}
	}
	return a, fd, out
}

// TestStartAlert: the engine's "starting now" reminders open the alert, not
// the reminder popup; before the start the alert comes once per interview
// (again after a snooze from it), then with the +2 and +5 minute
// escalations, none after a dismiss; while the screen is locked it waits.
func TestStartAlert(t *testing.T) {
	a, fd, rs := startedInterviews(t)
	ra, rb := rs[0], rs[1]
	if off, _ := meetingsync.ReminderOffset(ra.Key); off != 0 {
		t.Fatalf("reminder %s: want the one at the start", ra.Key)
	}
	if n := fd.count(localapi.WindowReminder); n != 0 {
		t.Errorf("%d reminder popups besides the alert", n)
	}

	synctest.Test(t, func(t *testing.T) {
		d := fd
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		alerts := func() int { return d.count(localapi.WindowAlert) }
		base := alerts()

		// The same reminder again (a second delivery) opens no alert.
		if a.alert(ctx, &ra) || alerts() != base {
			t.Fatal("a second alert for the same reminder")
		}
		// A reminder before the alert's moment is the popup's.
		early := withOffset(ra, -10*time.Minute)
		if a.alert(ctx, &early) {
			t.Error("the 10-minute reminder opened the alert")
		}

		// While the screen is locked the alert waits, and opens once it is
		// unlocked (A's memory is forgotten, as after a restart).
		a.mu.Lock()
		a.alerts.memos = nil
		a.mu.Unlock()
		d.locked.Store(true)
		before := alerts()
		if !a.alert(ctx, &ra) {
			t.Fatal("the alert was not taken while the screen is locked")
		}
		if a.alert(ctx, &ra) {
			t.Error("a second alert waits for the unlock")
		}
		time.Sleep(time.Minute)
		synctest.Wait()
		if alerts() != before || d.asked.Load() < 2 {
			t.Fatalf("on a locked screen: %d alerts, %d looks at the lock", alerts()-before, d.asked.Load())
		}
		d.locked.Store(false)
		time.Sleep(alertLockPoll)
		synctest.Wait()
		if alerts() != before+1 {
			t.Errorf("after unlock: %d alerts, want 1", alerts()-before)
		}
		cancel()
		synctest.Wait()
	})

	// The engine's commands run on the real clock, outside the bubble.
	ctx := context.Background()
	alerts := func() int { return fd.count(localapi.WindowAlert) }
	base := alerts()

	// Snoozed from the alert, the reminder opens it when it comes back.
	if _, err := a.Do(ctx, localapi.Command{Name: localapi.CmdAlertSnooze, Key: ra.Key, Minutes: 1}); err != nil {
		t.Fatal(err)
	}
	back := ra
	back.Snoozed = true
	if !a.alert(ctx, &back) || alerts() != base+1 {
		t.Errorf("the snoozed reminder did not bring the alert back (%d alerts)", alerts()-base)
	}

	// The escalations at +2 and +5 minutes come; +10 is the popup's.
	for _, off := range []time.Duration{2 * time.Minute, 5 * time.Minute} {
		r := withOffset(rb, off)
		if !a.alert(ctx, &r) {
			t.Errorf("no alert at +%v", off)
		}
	}
	late := withOffset(rb, 10*time.Minute)
	if a.alert(ctx, &late) {
		t.Error("the +10 minute reminder opened the alert")
	}
	if alerts() != base+3 {
		t.Errorf("%d alerts, want 3", alerts()-base)
	}

	// Dismissed from the alert, B's later reminders open no alert.
	if _, err := a.Do(ctx, localapi.Command{Name: localapi.CmdAlertDismiss, Key: "no-such-key/0"}); err == nil {
		t.Error("dismissing a reminder not shown did not fail")
	}
	if _, err := a.Do(ctx, localapi.Command{Name: localapi.CmdAlertDismiss, Key: rb.Key}); err != nil {
		t.Fatal(err)
	}
	if r := withOffset(rb, 5*time.Minute); a.alert(ctx, &r) {
		t.Error("an alert after Dismiss")
	}

}

// openAlertDesktop is a fakeDesktop whose alert window is open.
type openAlertDesktop struct{ *fakeDesktop }

func (openAlertDesktop) WindowOpen(name string) bool { return name == localapi.WindowAlert }

// TestNoPopupBesideTheAlert: with the alert on screen (it came 5 minutes
// before the start), the reminder at 1 minute before opens neither a
// second alert nor the popup; the alert shows it.
func TestNoPopupBesideTheAlert(t *testing.T) {
	a, fd, _ := newTestAgent(t)
	s := a.engine.Settings()
	s.AlertBefore = meetingsync.Duration(5 * time.Minute)
	if _, err := a.Do(context.Background(), localapi.Command{Name: localapi.CmdSaveSettings, Settings: &s}); err != nil {
		t.Fatal(err)
	}
	if got := a.engine.Settings().ReminderOffsets; !slices.Contains(got, meetingsync.Duration(5*time.Minute)) {
		t.Errorf("offsets %v: no reminder at the alert's moment", got)
	}
	start := time.Now().Add(5 * time.Minute)
	occ := "81234567890@" + start.UTC().Format(time.RFC3339)
	r5 := meetingsync.Reminder{Key: occ + "/-300", MeetingID: 81234567890, StartTime: start, Kind: meetingsync.ReminderBefore}
	r1 := meetingsync.Reminder{Key: occ + "/-60", MeetingID: 81234567890, StartTime: start, Kind: meetingsync.ReminderBefore}
	ctx := context.Background()
	if !a.alert(ctx, &r5) || fd.count(localapi.WindowAlert) != 1 {
		t.Fatal("no alert 5 minutes before")
	}
	if a.alert(ctx, &r1) {
		t.Error("the alert was not on screen, yet the 1-minute reminder skipped the popup")
	}
	a.desk = openAlertDesktop{fd}
	if !a.alert(ctx, &r1) || fd.count(localapi.WindowAlert) != 1 || !a.alertShows(&r1) {
		t.Error("the 1-minute reminder opened a popup, a notification or a second alert beside the alert on screen")
	}
}

// TestAlertOnceAcrossRestart: the alert rides on the engine's reminders,
// which fire once: after the agent restarts (a new engine on the same
// state), the interview's alert does not come again, nor its popup.
func TestAlertOnceAcrossRestart(t *testing.T) {
	dir := t.TempDir()
	a, fd, sim := newTestAgentIn(t, dir, func(sim *zoomsim.Sim) {
		if _, err := sim.CreateMeeting(zoomsim.MeetingSpec{Topic: "Interview: Restart", StartTime: time.Now().Add(-30 * time.Second), Duration: 45}); err != nil {
			t.Fatal(err)
		}
	})
	run := func(a *Agent, fd *fakeDesktop, want int) {
		t.Helper()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if err := a.engine.Start(ctx); err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		go func() { defer close(done); a.announce(ctx) }()
		shown := func() bool {
			for _, r := range a.engine.Snapshot().Reminders {
				if r.Topic == "Interview: Restart" {
					return true
				}
			}
			return false
		}
		deadline := time.Now().Add(15 * time.Second)
		for !shown() || fd.count(localapi.WindowAlert) < want {
			if time.Now().After(deadline) {
				t.Fatalf("reminder shown %v, %d alerts, want %d", shown(), fd.count(localapi.WindowAlert), want)
			}
			time.Sleep(20 * time.Millisecond)
		}
		time.Sleep(2 * time.Second) // anything more would come by now
		cancel()
		<-done
		if err := a.engine.Close(); err != nil {
			t.Fatal(err)
		}
		if n, p := fd.count(localapi.WindowAlert), fd.count(localapi.WindowReminder); n != want || p != 0 {
			t.Errorf("%d alerts, %d popups; want %d alerts, no popup", n, p, want)
		}
	}
	// Given the agent alerted once
	run(a, fd, 1)

	// When it restarts on the same state, nothing comes again
	eng, err := meetingsync.New(meetingsync.Options{
		Client:   zoom.New(zoom.Options{BaseURL: "https://api.zoom.us/v2", HTTPClient: signIn(t, sim)}),
		StateDir: filepath.Join(dir, "state"), ConfigDir: filepath.Join(dir, "config"), CacheDir: filepath.Join(dir, "cache"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := eng.SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	fd2 := &fakeDesktop{}
	a2, err := New(Options{Session: &fakeSession{signedIn: true}, Engine: eng, Listener: nopListener{}, Desktop: fd2, StateDir: filepath.Join(dir, "state")})
	if err != nil {
		t.Fatal(err)
	}
	run(a2, fd2, 0)
}

// TestAlertForAllMeetings: with "alert for all meetings", a meeting that
// is not an interview opens the alert when it starts (names hidden, its
// notification says "Meeting"); without it, such a reminder opens none.
func TestAlertForAllMeetings(t *testing.T) {
	a, fd, _ := newTestAgent(t, func(sim *zoomsim.Sim) {
		if _, err := sim.CreateMeeting(zoomsim.MeetingSpec{Topic: "Team sync", StartTime: time.Now().Add(-20 * time.Second), Duration: 30}); err != nil {
			t.Fatal(err)
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := a.engine.Settings()
	s.AlertAllMeetings, s.HideNames = true, true
	if _, err := a.Do(ctx, localapi.Command{Name: localapi.CmdSaveSettings, Settings: &s}); err != nil {
		t.Fatal(err)
	}
	if err := a.engine.Start(ctx); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { defer close(done); a.announce(ctx) }()
	defer func() { cancel(); <-done }()
	var r meetingsync.Reminder
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		var found bool
		for _, x := range a.engine.Snapshot().Reminders {
			if x.Topic == "Team sync" {
				r, found = x, true
			}
		}
		if found && fd.count(localapi.WindowAlert) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("reminders %+v, windows %q", a.engine.Snapshot().Reminders, fd.windows)
		}
	}
	if !r.Meeting {
		t.Errorf("the meeting's reminder %+v is not marked a meeting's", r)
	}
	if n, _, _ := a.notification(meetingsync.Event{Kind: meetingsync.EventReminder, Reminder: &r}); n.Title != "Meeting is starting now" {
		t.Errorf("notification title %q with names hidden", n.Title)
	}

	// Without the setting, a meeting's reminder opens no alert
	s.AlertAllMeetings = false
	if _, err := a.Do(ctx, localapi.Command{Name: localapi.CmdSaveSettings, Settings: &s}); err != nil {
		t.Fatal(err)
	}
	other := meetingsync.Reminder{Key: "81234567890@" + time.Now().UTC().Format(time.RFC3339) + "/0", MeetingID: 81234567890, StartTime: time.Now(), Meeting: true}
	if a.alert(ctx, &other) {
		t.Error("a meeting's reminder opened the alert for interviews only")
	}
}
