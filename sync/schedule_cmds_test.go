package sync

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/invite"
	"github.com/interviewtray/interviewtray/zoom"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// The scheduling commands against the simulator, in a synctest bubble.

func scheduleEnv(t *testing.T, so zoomsim.Options) (*env, *Engine) {
	t.Helper()
	loc := mustLoc(t, "America/New_York")
	v := newEnv(t, so, time.Date(2026, 3, 3, 8, 0, 0, 0, loc), loc)
	e := v.start()
	t.Cleanup(v.stop)
	return v, e
}

func adaAt(start time.Time) ScheduleRequest {
	return ScheduleRequest{Candidate: "Ada Lovelace", Role: "Engineer", Start: start,
		Agenda: "Introduction, experience, questions"}
}

// countKeys counts each reminder key fired so far.
func countKeys(v *env) map[string]int {
	n := map[string]int{}
	for _, k := range v.reminderKeys() {
		n[k]++
	}
	return n
}

func TestScheduleShowsAtOnceAndRemindsOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v, e := scheduleEnv(t, zoomsim.Options{})
		start := v.at(0, 14, 0)
		polls := v.sim.Stats().Requests["GET /v2/users/me/upcoming_meetings"]

		// When the user schedules an interview,
		iv, diffs, err := e.Schedule(context.Background(), adaAt(start))
		if err != nil {
			t.Fatal(err)
		}
		// then it is in the snapshot at once, without a poll, as one the
		// user hosts, with its passcode and link.
		if diffs != nil {
			t.Errorf("differences %q, want none", diffs)
		}
		if n := v.sim.Stats().Requests["GET /v2/users/me/upcoming_meetings"]; n != polls {
			t.Errorf("Schedule polled the list (%d → %d)", polls, n)
		}
		got, ok := interview(e.Snapshot(), iv.ID)
		if !ok || !reflect.DeepEqual(got, iv) {
			t.Fatalf("snapshot has %+v (found %v), Schedule returned %+v", got, ok, iv)
		}
		if iv.Topic != "Interview: Ada Lovelace — Engineer" || !iv.StartTime.Equal(start) || iv.Duration != 45 ||
			!iv.HostedByMe || !iv.HostKnown || !iv.IsInterview || iv.Passcode == "" || iv.JoinURL == "" {
			t.Errorf("interview %+v", iv)
		}
		sm, _ := v.sim.Meeting(iv.ID)
		if sm.Password != iv.Passcode || sm.Agenda != "Introduction, experience, questions" || sm.Timezone != "America/New_York" {
			t.Errorf("Zoom has %+v", sm)
		}

		// Its reminders fire once each, through polls that find it in Zoom.
		v.until(v.at(0, 15, 0))
		fired := countKeys(v)
		for _, off := range []time.Duration{-10 * time.Minute, -time.Minute} {
			if k := rkey(iv.ID, start, off); fired[k] != 1 {
				t.Errorf("reminder %s fired %d times, want 1 (all: %v)", k, fired[k], fired)
			}
		}
	})
}

func TestRescheduleMovesReminders(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v, e := scheduleEnv(t, zoomsim.Options{})
		old := v.at(0, 14, 0)
		iv, _, err := e.Schedule(context.Background(), adaAt(old))
		if err != nil {
			t.Fatal(err)
		}
		v.until(old.Add(-10*time.Minute - 5*time.Second))

		// When, five seconds before its first reminder, it is moved to
		// 16:00 for an hour,
		moved := v.at(0, 16, 0)
		got, err := e.Reschedule(context.Background(), iv.ID, moved, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		// then the agenda shows the new time at once, and only once.
		if !got.StartTime.Equal(moved) || got.Duration != 60 || !got.HostedByMe {
			t.Errorf("rescheduled %+v", got)
		}
		var occ []time.Time
		for _, x := range e.Snapshot().Interviews {
			if x.ID == iv.ID {
				occ = append(occ, x.StartTime)
			}
		}
		if len(occ) != 1 || !occ[0].Equal(moved) {
			t.Errorf("occurrences %v, want only %v", occ, moved)
		}
		if sm, _ := v.sim.Meeting(iv.ID); !sm.StartTime.Equal(moved) || sm.Duration != 60 {
			t.Errorf("Zoom has %+v", sm)
		}

		// The old time's reminders never fire; the new time's fire once.
		v.until(v.at(0, 17, 30))
		fired := countKeys(v)
		for k := range fired {
			if strings.Contains(k, old.Format(time.RFC3339)) {
				t.Errorf("a reminder of the old time fired: %s", k)
			}
		}
		for _, off := range []time.Duration{-10 * time.Minute, -time.Minute} {
			if k := rkey(iv.ID, moved, off); fired[k] != 1 {
				t.Errorf("reminder %s fired %d times, want 1 (all: %v)", k, fired[k], fired)
			}
		}
	})
}

func TestCancelRemovesInterview(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v, e := scheduleEnv(t, zoomsim.Options{})
		start := v.at(0, 14, 0)
		iv, _, err := e.Schedule(context.Background(), adaAt(start))
		if err != nil {
			t.Fatal(err)
		}
		// Cancelled five seconds before its first reminder.
		v.until(start.Add(-10*time.Minute - 5*time.Second))
		if err := e.Cancel(context.Background(), iv.ID); err != nil {
			t.Fatal(err)
		}
		if _, ok := interview(e.Snapshot(), iv.ID); ok {
			t.Error("the cancelled interview is still in the snapshot")
		}
		if sm, _ := v.sim.Meeting(iv.ID); !sm.Deleted {
			t.Error("Zoom still has the meeting")
		}
		v.until(v.at(0, 16, 0))
		if keys := v.reminderKeys(); len(keys) != 0 {
			t.Errorf("reminders fired for a cancelled interview: %v", keys)
		}
		if _, ok := interview(e.Snapshot(), iv.ID); ok {
			t.Error("a poll brought the cancelled interview back")
		}
		// A second cancel: the engine no longer knows it.
		if err := e.Cancel(context.Background(), iv.ID); !errors.Is(err, ErrUnknownMeeting) {
			t.Errorf("second cancel: %v, want ErrUnknownMeeting", err)
		}
	})
}

func TestCancelOfMeetingZoomNoLongerHas(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v, e := scheduleEnv(t, zoomsim.Options{})
		iv, _, err := e.Schedule(context.Background(), adaAt(v.at(0, 14, 0)))
		if err != nil {
			t.Fatal(err)
		}
		// Deleted in Zoom's web page meanwhile.
		if err := v.sim.DeleteMeeting(iv.ID); err != nil {
			t.Fatal(err)
		}
		if err := e.Cancel(context.Background(), iv.ID); err != nil {
			t.Fatalf("cancel of a meeting already gone: %v, want success", err)
		}
		if _, ok := interview(e.Snapshot(), iv.ID); ok {
			t.Error("still in the snapshot")
		}
	})
}

func TestOnlyTheHostReschedulesOrCancels(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		loc := mustLoc(t, "America/New_York")
		v := newEnv(t, zoomsim.Options{}, time.Date(2026, 3, 3, 8, 0, 0, 0, loc), loc)
		me := v.sim.User()
		panel := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: panel", StartTime: v.at(0, 13, 0), Host: "other", Invited: true})
		coHost := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: pair", StartTime: v.at(0, 15, 0), Host: "other", AlternativeHosts: me.Email})
		e := v.start()
		defer v.stop()
		v.until(v.at(0, 9, 0)) // details known
		for _, id := range []int64{panel.ID, coHost.ID} {
			if _, err := e.Reschedule(context.Background(), id, v.at(0, 17, 0), 0); !errors.Is(err, ErrNotHost) ||
				!strings.Contains(err.Error(), "ask the organizer") {
				t.Errorf("reschedule %d: %v, want ErrNotHost", id, err)
			}
			if err := e.Cancel(context.Background(), id); !errors.Is(err, ErrNotHost) {
				t.Errorf("cancel %d: %v, want ErrNotHost", id, err)
			}
		}
		if err := e.Cancel(context.Background(), 12345678901); !errors.Is(err, ErrUnknownMeeting) {
			t.Errorf("cancel of an unknown meeting: %v", err)
		}
		if n := v.sim.Stats().Requests["DELETE /v2/meetings/{meetingId}"] + v.sim.Stats().Requests["PATCH /v2/meetings/{meetingId}"]; n != 0 {
			t.Errorf("%d writes sent to Zoom, want 0", n)
		}
	})
}

func TestBasicAccountOver40MinutesNeedsConfirmation(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v, e := scheduleEnv(t, zoomsim.Options{Plan: "free"})
		req := adaAt(v.at(0, 14, 0)) // 45 minutes by default
		_, _, err := e.Schedule(context.Background(), req)
		var ce *ConfirmError
		if !errors.Is(err, ErrNeedsConfirm) || !errors.As(err, &ce) || !strings.Contains(ce.Warning, "40 minutes") {
			t.Fatalf("err = %v, want a confirmation about the 40-minute limit", err)
		}
		if n := len(v.sim.Meetings()); n != 0 {
			t.Fatalf("%d meetings created before confirming", n)
		}
		// 40 minutes needs none; confirming goes ahead.
		short := req
		short.Duration = 40 * time.Minute
		if _, _, err := e.Schedule(context.Background(), short); err != nil {
			t.Errorf("40 minutes: %v", err)
		}
		req.Confirm40Min = true
		if _, _, err := e.Schedule(context.Background(), req); err != nil {
			t.Errorf("confirmed: %v", err)
		}
		if n := len(v.sim.Meetings()); n != 2 {
			t.Errorf("%d meetings, want 2", n)
		}
	})
}

func TestLicensedAccountNeedsNoConfirmation(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v, e := scheduleEnv(t, zoomsim.Options{Plan: "pro"})
		req := adaAt(v.at(0, 14, 0))
		req.Duration = 90 * time.Minute
		if _, _, err := e.Schedule(context.Background(), req); err != nil {
			t.Fatal(err)
		}
	})
}

func TestSchedulingWithoutScopes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Given a sign-in from before the app asked for the scheduling scopes,
		v, e := scheduleEnv(t, zoomsim.Options{Scopes: []string{"user:read:user", "meeting:read:list_upcoming_meetings"}})
		seeded := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Grace", StartTime: v.at(0, 15, 0)})
		e.Refresh()
		synctest.Wait()
		// scheduling says to sign in again,
		_, _, err := e.Schedule(context.Background(), adaAt(v.at(0, 14, 0)))
		if !errors.Is(err, ErrSchedulingNotAllowed) || !zoom.IsMissingScopes(err) {
			t.Fatalf("schedule: %v, want ErrSchedulingNotAllowed", err)
		}
		if !strings.Contains(err.Error(), "sign in again to allow scheduling") {
			t.Errorf("message %q", err)
		}
		if err := e.Cancel(context.Background(), seeded.ID); !errors.Is(err, ErrSchedulingNotAllowed) {
			t.Errorf("cancel: %v, want ErrSchedulingNotAllowed", err)
		}
		// and everything else keeps working: no sign-in problem, polls go on.
		snap := e.Snapshot()
		if hasProblem(snap, ActionSignIn) || snap.Health.SignedOut {
			t.Errorf("problems %+v, health %+v: the refusal spread beyond scheduling", snap.Problems, snap.Health)
		}
		if _, ok := interview(snap, seeded.ID); !ok {
			t.Error("the existing interview left the agenda")
		}
		v.until(v.at(0, 15, 0))
		if fired := countKeys(v); fired[rkey(seeded.ID, v.at(0, 15, 0), -time.Minute)] != 1 {
			t.Errorf("the existing interview's reminder did not fire: %v", fired)
		}
	})
}

func TestScheduleReportsLockedSettings(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v, e := scheduleEnv(t, zoomsim.Options{})
		if err := v.sim.SetSettings(zoomsim.SettingsUpdate{
			Patch:  map[string]any{"in_meeting": map[string]any{"waiting_room": false}},
			Locked: []string{"in_meeting.waiting_room"},
		}); err != nil {
			t.Fatal(err)
		}
		_, diffs, err := e.Schedule(context.Background(), adaAt(v.at(0, 14, 0)))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(diffs, []string{"waiting room: off (asked on)"}) {
			t.Errorf("differences %q", diffs)
		}
	})
}

func TestScheduleRulesThatMissTheTopic(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		_, e := scheduleEnv(t, zoomsim.Options{})
		s := e.Settings()
		s.Rules.Patterns = []string{"screen"}
		if err := e.UpdateSettings(s); err != nil {
			t.Fatal(err)
		}
		iv, _, err := e.Schedule(context.Background(), adaAt(e.now().Add(3*time.Hour)))
		if err != nil {
			t.Fatal(err)
		}
		if !iv.IsInterview || iv.Override != OverrideInclude {
			t.Errorf("interview %+v: a scheduled interview is one whatever the rules", iv)
		}
	})
}

func TestScheduleRequestValidation(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v, e := scheduleEnv(t, zoomsim.Options{})
		future := v.at(0, 14, 0)
		tests := []struct {
			name string
			req  ScheduleRequest
			want string
		}{
			{"empty name", ScheduleRequest{Candidate: "  \t", Start: future}, "name is empty"},
			{"in the past", ScheduleRequest{Candidate: "Ada", Start: v.at(0, 7, 0)}, "not in the future"},
			{"now", ScheduleRequest{Candidate: "Ada", Start: v.now()}, "not in the future"},
			{"negative duration", ScheduleRequest{Candidate: "Ada", Start: future, Duration: -time.Minute}, "between 1 minute"},
			{"seconds", ScheduleRequest{Candidate: "Ada", Start: future, Duration: 90 * time.Second}, "whole minutes"},
			{"two days", ScheduleRequest{Candidate: "Ada", Start: future, Duration: 48 * time.Hour}, "between 1 minute"},
			{"recording", ScheduleRequest{Candidate: "Ada", Start: future, Record: "tape"}, "local, cloud or none"},
			{"long name", ScheduleRequest{Candidate: strings.Repeat("A", 200), Start: future}, "too long"},
			{"zone", ScheduleRequest{Candidate: "Ada", Start: future, Timezone: "Mars/Olympus"}, "time zone"},
		}
		for _, tt := range tests {
			if _, _, err := e.Schedule(context.Background(), tt.req); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
			}
		}
		if n := len(v.sim.Meetings()); n != 0 {
			t.Errorf("%d meetings created from invalid requests", n)
		}
		if _, err := e.Reschedule(context.Background(), 1, v.at(0, 7, 0), 0); err == nil || !strings.Contains(err.Error(), "not in the future") {
			t.Errorf("reschedule into the past: %v", err)
		}
	})
}

func TestInterviewTopic(t *testing.T) {
	for _, tt := range []struct{ name, role, want string }{
		{"Ada Lovelace", "Engineer", "Interview: Ada Lovelace — Engineer"},
		{"Ada Lovelace", "", "Interview: Ada Lovelace"},
		{" Ada\n\u202eLovelace ", " \t", "Interview: Ada Lovelace"},
	} {
		if got := InterviewTopic(tt.name, tt.role); got != tt.want {
			t.Errorf("InterviewTopic(%q, %q) = %q, want %q", tt.name, tt.role, got, tt.want)
		}
	}
}

func TestInvitationOfScheduledInterview(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v, e := scheduleEnv(t, zoomsim.Options{})
		req := adaAt(v.at(0, 14, 0))
		req.Timezone = "Europe/Berlin" // the candidate's
		req.Record = zoom.RecordCloud
		iv, _, err := e.Schedule(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		im, err := e.Invitation(iv.ID)
		if err != nil {
			t.Fatal(err)
		}
		text := invite.Text(im)
		for _, want := range []string{iv.Topic, "8:00 – 8:45 PM CET (Europe/Berlin, UTC+01:00)", iv.JoinURL,
			"Passcode: " + iv.Passcode, invite.RecordedNote} {
			if !strings.Contains(text, want) {
				t.Errorf("invitation lacks %q:\n%s", want, text)
			}
		}
		if im.OrganizerEmail != v.sim.User().Email {
			t.Errorf("organizer %q", im.OrganizerEmail)
		}
		if _, err := invite.ICS(im, v.now()); err != nil {
			t.Error(err)
		}
		if _, err := e.Invitation(12345678901); !errors.Is(err, ErrUnknownMeeting) {
			t.Errorf("unknown meeting: %v", err)
		}
	})
}

// TestSchedulingDuringAPoll: a poll that read Zoom's list before the
// meeting existed and answers after Schedule must not take the interview
// off the agenda.
func TestSchedulingDuringAPoll(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v, e := scheduleEnv(t, zoomsim.Options{})
		// Given a poll whose answer is made at once but arrives 10 s later,
		if err := v.sim.InjectFault(zoomsim.Fault{Method: "GET", Path: "/v2/users/me/upcoming_meetings", Delay: 10 * time.Second, After: true}); err != nil {
			t.Fatal(err)
		}
		e.Wake() // polls upcoming_meetings only
		synctest.Wait()
		// when an interview is scheduled meanwhile,
		iv, _, err := e.Schedule(context.Background(), adaAt(v.at(0, 14, 0)))
		if err != nil {
			t.Fatal(err)
		}
		synctest.Wait()
		time.Sleep(15 * time.Second) // the slow answer is in
		synctest.Wait()
		if n := v.sim.Stats().Requests["GET /v2/users/me/upcoming_meetings"]; n != 2 || len(v.sim.Faults()) != 0 {
			t.Fatalf("%d polls, faults left %v: the slow poll did not happen", n, v.sim.Faults())
		}
		// then the agenda still has it once the old answer is in.
		if _, ok := interview(e.Snapshot(), iv.ID); !ok {
			t.Error("the poll's older answer took the new interview off the agenda")
		}
	})
}

func TestRescheduleKeepsDetailsWhenReadBackFails(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v, e := scheduleEnv(t, zoomsim.Options{})
		iv, _, err := e.Schedule(context.Background(), adaAt(v.at(0, 14, 0)))
		if err != nil {
			t.Fatal(err)
		}
		// The read-back after the PATCH fails (four times: every attempt).
		if err := v.sim.InjectFault(zoomsim.Fault{Method: "GET", Path: "/v2/meetings/*", Status: 500, Count: 4}); err != nil {
			t.Fatal(err)
		}
		moved := v.at(0, 16, 0)
		got, err := e.Reschedule(context.Background(), iv.ID, moved, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !got.StartTime.Equal(moved) || got.Duration != 45 || got.Passcode != iv.Passcode || !got.HostedByMe {
			t.Errorf("after reschedule %+v, want the new time with the passcode and host kept", got)
		}
	})
}

func TestPlannedRemindersFollowTheCommands(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v, e := scheduleEnv(t, zoomsim.Options{})
		start := v.at(0, 14, 0)
		iv, _, err := e.Schedule(context.Background(), adaAt(start))
		if err != nil {
			t.Fatal(err)
		}
		keys := func() []string {
			var out []string
			for _, p := range e.PlannedReminders(iv.ID) {
				out = append(out, p.Key)
			}
			return out
		}
		if got := keys(); len(got) < 2 || got[0] != rkey(iv.ID, start, -10*time.Minute) || got[1] != rkey(iv.ID, start, -time.Minute) {
			t.Fatalf("planned %v, want the 10- and 1-minute reminders first", got)
		}
		v.until(start.Add(-5 * time.Minute)) // the 10-minute one fired
		if got := keys(); got[0] != rkey(iv.ID, start, -time.Minute) {
			t.Errorf("planned %v after the first fired", got)
		}
		moved := v.at(0, 16, 0)
		if _, err := e.Reschedule(context.Background(), iv.ID, moved, 0); err != nil {
			t.Fatal(err)
		}
		if got := keys(); got[0] != rkey(iv.ID, moved, -10*time.Minute) {
			t.Errorf("planned %v after the reschedule", got)
		}
		if err := e.Cancel(context.Background(), iv.ID); err != nil {
			t.Fatal(err)
		}
		if got := keys(); len(got) != 0 {
			t.Errorf("planned %v after the cancel, want none", got)
		}
	})
}
