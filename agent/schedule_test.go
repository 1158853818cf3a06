package agent

import (
	"context"
	"errors"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/zoom"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// newScheduleAgent is newTestAgent on a simulator made with opts (the
// plan, the scopes a sign-in gets).
func newScheduleAgent(t *testing.T, opts zoomsim.Options) (*Agent, *zoomsim.Sim) {
	t.Helper()
	opts.ClientID, opts.AutoApprove, opts.Seed, opts.TokenTTL = "c", true, "demo", 24*time.Hour
	sim, err := zoomsim.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	eng, err := meetingsync.New(meetingsync.Options{
		Client:   zoom.New(zoom.Options{BaseURL: "https://api.zoom.us/v2", HTTPClient: signIn(t, sim)}),
		StateDir: filepath.Join(dir, "state"), ConfigDir: filepath.Join(dir, "config"), CacheDir: filepath.Join(dir, "cache"),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	if _, err := eng.SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	a, err := New(Options{Session: &fakeSession{signedIn: true}, Engine: eng, Listener: nopListener{}, Desktop: &fakeDesktop{}})
	if err != nil {
		t.Fatal(err)
	}
	return a, sim
}

// inTwoHours is a start two hours from now, on the minute.
func inTwoHours() time.Time { return time.Now().Add(2 * time.Hour).Truncate(time.Minute) }

func snapshotHas(a *Agent, id int64) (meetingsync.Interview, bool) {
	for _, iv := range a.engine.Snapshot().Interviews {
		if iv.ID == id {
			return iv, true
		}
	}
	return meetingsync.Interview{}, false
}

func planned(t *testing.T, a *Agent, id int64) []meetingsync.PlannedReminder {
	t.Helper()
	res, err := a.Do(context.Background(), localapi.Command{Name: localapi.CmdPlannedReminders, MeetingID: id})
	if err != nil {
		t.Fatal(err)
	}
	return res.Planned[id]
}

func TestScheduleRescheduleCancelThroughTheAgent(t *testing.T) {
	a, sim := newScheduleAgent(t, zoomsim.Options{})
	ctx := context.Background()
	start := inTwoHours()

	// Schedule: the interview is in the agenda at once, hosted by the
	// user, with its invitation and reminders.
	res, err := a.Do(ctx, localapi.Command{Name: localapi.CmdScheduleInterview, Schedule: &localapi.ScheduleRequest{
		Candidate: "Ada Lovelace", Role: "Engineer", Start: start, Record: zoom.RecordCloud,
		Agenda: "Introduction, experience, questions", Timezone: "Europe/Berlin",
	}})
	if err != nil {
		t.Fatal(err)
	}
	s := res.Scheduled
	if s == nil || s.Confirm != "" || s.Interview == nil || s.Invitation == nil {
		t.Fatalf("answer %+v", s)
	}
	iv := *s.Interview
	if iv.Topic != "Interview: Ada Lovelace — Engineer" || !iv.StartTime.Equal(start) || iv.Duration != 45 || !iv.HostedByMe {
		t.Errorf("interview %+v", iv)
	}
	if _, ok := snapshotHas(a, iv.ID); !ok {
		t.Error("the scheduled interview is not in the snapshot")
	}
	inv := s.Invitation
	for _, want := range []string{iv.Topic, "Europe/Berlin", iv.JoinURL, "Passcode: " + iv.Passcode, "This interview is recorded."} {
		if !strings.Contains(inv.Text, want) {
			t.Errorf("invitation lacks %q:\n%s", want, inv.Text)
		}
	}
	if !strings.Contains(inv.ICS, "BEGIN:VEVENT") || !strings.Contains(inv.ICS, "ORGANIZER") || inv.JoinURL != iv.JoinURL || inv.Passcode == "" {
		t.Errorf("invitation %+v", inv)
	}
	sm, _ := sim.Meeting(iv.ID)
	if sm.Timezone != "Europe/Berlin" || sm.Password != iv.Passcode {
		t.Errorf("Zoom has %+v", sm)
	}
	p := planned(t, a, iv.ID)
	if len(p) == 0 || !p[0].Due.Equal(start.Add(-10*time.Minute)) {
		t.Fatalf("planned reminders %+v", p)
	}
	if all, _ := a.Do(ctx, localapi.Command{Name: localapi.CmdPlannedReminders}); len(all.Planned[iv.ID]) != len(p) {
		t.Errorf("planned for all: %+v", all.Planned)
	}

	// Reschedule: an hour later, 30 minutes; the reminders follow.
	later := start.Add(time.Hour)
	res, err = a.Do(ctx, localapi.Command{Name: localapi.CmdRescheduleInterview, MeetingID: iv.ID,
		Schedule: &localapi.ScheduleRequest{Start: later, DurationMinutes: 30}})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Scheduled.Interview; got == nil || !got.StartTime.Equal(later) || got.Duration != 30 {
		t.Errorf("rescheduled %+v", got)
	}
	if res.Scheduled.Invitation == nil || !strings.Contains(res.Scheduled.Invitation.When, later.In(mustLoc(t, "Europe/Berlin")).Format("3:04")) {
		t.Errorf("the invitation does not follow: %+v", res.Scheduled.Invitation)
	}
	moved := planned(t, a, iv.ID)
	if len(moved) == 0 || !moved[0].Due.Equal(later.Add(-10*time.Minute)) {
		t.Errorf("planned after the reschedule: %+v", moved)
	}
	for _, r := range moved {
		if strings.Contains(r.Key, start.UTC().Format(time.RFC3339)) {
			t.Errorf("a reminder of the old time is still planned: %+v", r)
		}
	}

	// Cancel: gone from the agenda, no reminder, a cancellation note.
	res, err = a.Do(ctx, localapi.Command{Name: localapi.CmdCancelInterview, MeetingID: iv.ID})
	if err != nil {
		t.Fatal(err)
	}
	if res.Scheduled.Invitation == nil || !strings.HasPrefix(res.Scheduled.Invitation.Cancellation, "Cancelled: "+iv.Topic) {
		t.Errorf("cancellation %+v", res.Scheduled.Invitation)
	}
	if _, ok := snapshotHas(a, iv.ID); ok {
		t.Error("the cancelled interview is still in the snapshot")
	}
	if p := planned(t, a, iv.ID); len(p) != 0 {
		t.Errorf("the cancelled interview has reminders planned: %+v", p)
	}
	if m, ok := sim.Meeting(iv.ID); !ok || !m.Deleted {
		t.Error("Zoom still has the meeting")
	}
	var ae *localapi.Error
	if _, err := a.Do(ctx, localapi.Command{Name: localapi.CmdCancelInterview, MeetingID: iv.ID}); !errors.As(err, &ae) || ae.Status != http.StatusNotFound {
		t.Errorf("cancelling again: %v", err)
	}
}

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestScheduleBadInputIsABadCommand(t *testing.T) {
	a, sim := newScheduleAgent(t, zoomsim.Options{})
	before := len(sim.Meetings())
	for name, r := range map[string]localapi.ScheduleRequest{
		"empty name":   {Candidate: "  ", Start: inTwoHours()},
		"in the past":  {Candidate: "Ada", Start: time.Now().Add(-time.Minute)},
		"too long":     {Candidate: "Ada", Start: inTwoHours(), DurationMinutes: 25 * 60},
		"bad record":   {Candidate: "Ada", Start: inTwoHours(), Record: "tape"},
		"unknown zone": {Candidate: "Ada", Start: inTwoHours(), Timezone: "Mars/Olympus"},
	} {
		_, err := a.Do(context.Background(), localapi.Command{Name: localapi.CmdScheduleInterview, Schedule: &r})
		var ae *localapi.Error
		if !errors.As(err, &ae) || ae.Status != http.StatusBadRequest || strings.HasPrefix(ae.Message, "schedule:") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := a.Do(context.Background(), localapi.Command{Name: localapi.CmdScheduleInterview}); err == nil {
		t.Error("a schedule command without its request was accepted")
	}
	if n := len(sim.Meetings()); n != before {
		t.Errorf("bad requests created %d meetings", n-before)
	}
}

func TestScheduleOnABasicAccountAsksFirst(t *testing.T) {
	a, sim := newScheduleAgent(t, zoomsim.Options{Plan: "free"})
	before := len(sim.Meetings())
	req := &localapi.ScheduleRequest{Candidate: "Ada", Start: inTwoHours(), DurationMinutes: 60}
	res, err := a.Do(context.Background(), localapi.Command{Name: localapi.CmdScheduleInterview, Schedule: req})
	if err != nil {
		t.Fatal(err)
	}
	if res.Scheduled == nil || !strings.Contains(res.Scheduled.Confirm, "40 minutes") || res.Scheduled.Interview != nil {
		t.Fatalf("answer %+v, want a confirmation", res.Scheduled)
	}
	if n := len(sim.Meetings()); n != before {
		t.Fatal("a meeting was created before the user confirmed")
	}
	req.Confirm = true
	res, err = a.Do(context.Background(), localapi.Command{Name: localapi.CmdScheduleInterview, Schedule: req})
	if err != nil || res.Scheduled.Interview == nil || res.Scheduled.Interview.Duration != 60 {
		t.Fatalf("confirmed: %+v, %v", res.Scheduled, err)
	}
}

func TestSchedulingWithoutScopesAsksToSignInAgain(t *testing.T) {
	a, _ := newScheduleAgent(t, zoomsim.Options{Scopes: []string{"user:read:user", "meeting:read:list_upcoming_meetings",
		"meeting:read:meeting", "cloud_recording:read:list_user_recordings"}})
	if a.State().Agent.SchedulingNotAllowed {
		t.Fatal("scheduling is refused before anyone tried")
	}
	_, err := a.Do(context.Background(), localapi.Command{Name: localapi.CmdScheduleInterview,
		Schedule: &localapi.ScheduleRequest{Candidate: "Ada", Start: inTwoHours()}})
	var ae *localapi.Error
	if !errors.As(err, &ae) || ae.Status != http.StatusForbidden || !strings.Contains(ae.Message, "sign in again to allow scheduling") {
		t.Fatalf("err = %v", err)
	}
	st := a.State()
	if !st.Agent.SchedulingNotAllowed {
		t.Error("the state does not say scheduling needs a new sign-in")
	}
	if !a.state(false).View.SchedulingNotAllowed {
		t.Error("the tray does not offer to sign in again")
	}
	for _, p := range st.Snapshot.Problems {
		if p.Action == meetingsync.ActionSignIn {
			t.Errorf("the refusal spread to a sign-in problem: %+v", p)
		}
	}
	// A new sign-in forgets the refusal.
	a.allowScheduling()
	if a.State().Agent.SchedulingNotAllowed {
		t.Error("still refused after signing in again")
	}
}

func TestOthersInterviewsCannotBeChanged(t *testing.T) {
	a, _ := newScheduleAgent(t, zoomsim.Options{})
	var other *meetingsync.Interview
	for _, iv := range a.engine.Snapshot().Interviews {
		if iv.State == meetingsync.StateUpcoming && iv.HostKnown && !iv.HostedByMe && iv.ID > 0 && iv.StartTime.After(time.Now()) {
			other = &iv
			break
		}
	}
	if other == nil {
		t.Skip("the demo has no upcoming interview someone else hosts")
	}
	for _, cmd := range []localapi.Command{
		{Name: localapi.CmdCancelInterview, MeetingID: other.ID},
		{Name: localapi.CmdRescheduleInterview, MeetingID: other.ID, Schedule: &localapi.ScheduleRequest{Start: inTwoHours()}},
	} {
		_, err := a.Do(context.Background(), cmd)
		var ae *localapi.Error
		if !errors.As(err, &ae) || ae.Status != http.StatusForbidden || !strings.Contains(ae.Message, "ask the organizer") {
			t.Errorf("%s: %v", cmd.Name, err)
		}
	}
	if _, ok := snapshotHas(a, other.ID); !ok {
		t.Error("the other host's interview left the agenda")
	}
}

func TestZoneName(t *testing.T) {
	env := func(tz string) func(string) string {
		return func(k string) string {
			if k == "TZ" {
				return tz
			}
			return ""
		}
	}
	link := func(p string) func(string) (string, error) {
		return func(string) (string, error) {
			if p == "" {
				return "", errors.New("no link")
			}
			return p, nil
		}
	}
	berlin := mustLoc(t, "Europe/Berlin")
	for _, c := range []struct {
		loc        *time.Location
		tz, target string
		want       string
	}{
		{berlin, "America/New_York", "", "Europe/Berlin"},
		{time.FixedZone("X", 3600), "", "", ""},
		{time.Local, "America/New_York", "/usr/share/zoneinfo/Europe/Berlin", "America/New_York"},
		{time.Local, ":Asia/Tokyo", "", "Asia/Tokyo"},
		{time.Local, "EST5EDT,M3.2.0,M11.1.0", "/usr/share/zoneinfo/Europe/Berlin", ""},
		{time.Local, "", "/usr/share/zoneinfo/Europe/Berlin", "Europe/Berlin"},
		{time.Local, "", "/var/db/timezone/zoneinfo/America/Sao_Paulo", "America/Sao_Paulo"},
		{time.Local, "", "/etc/weird", ""},
		{time.Local, "", "", ""},
	} {
		if got := zoneName(c.loc, env(c.tz), link(c.target)); got != c.want {
			t.Errorf("zoneName(%v, TZ=%q, %q) = %q, want %q", c.loc, c.tz, c.target, got, c.want)
		}
	}
}
