package sync

import (
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

func TestAlertFor(t *testing.T) {
	const occ = "85512345678@2026-03-02T15:00:00Z"
	def := DefaultSettings()
	five := def
	five.AlertBefore = Duration(5 * time.Minute)
	off := def
	off.AlertOff = true
	all := def
	all.AlertAllMeetings = true
	for _, tc := range []struct {
		name string
		key  string
		s    Settings
		want bool
	}{
		{"at the start", occ + "/0", def, true},
		{"1 min before, alert at the start", occ + "/-60", def, false},
		{"10 min before", occ + "/-600", five, false},
		{"5 min before, alert at 5", occ + "/-300", five, true},
		{"1 min before, alert at 5", occ + "/-60", five, true},
		{"+2 escalation", occ + "/120", def, true},
		{"+5 escalation", occ + "/300", def, true},
		{"+10 is no escalation", occ + "/600", def, false},
		{"off", occ + "/0", off, false},
		{"off, escalation", occ + "/120", off, false},
		{"no offset", occ, def, false},
		{"bad offset", occ + "/x", def, false},
		{"a meeting, interviews only", occ + "/0", def, false},
		{"a meeting, all meetings", occ + "/0", all, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Reminder{Key: tc.key, Meeting: strings.HasPrefix(tc.name, "a meeting")}
			if got := AlertFor(r, tc.s); got != tc.want {
				t.Errorf("AlertFor(%s) = %v, want %v", tc.key, got, tc.want)
			}
		})
	}
}

func TestWithAlertReminder(t *testing.T) {
	s := DefaultSettings() // reminders 10 and 1 min before
	if got := s.WithAlertReminder(); len(got.ReminderOffsets) != 2 {
		t.Errorf("at the start: offsets %v changed", got.ReminderOffsets)
	}
	s.AlertBefore = Duration(5 * time.Minute)
	got := s.WithAlertReminder()
	if len(got.ReminderOffsets) != 3 || got.ReminderOffsets[2] != Duration(5*time.Minute) {
		t.Errorf("at 5 min: offsets %v, want 5m added", got.ReminderOffsets)
	}
	if len(s.ReminderOffsets) != 2 {
		t.Error("WithAlertReminder changed its receiver")
	}
	if err := got.Validate(); err != nil {
		t.Error(err)
	}
	s.AlertBefore = Duration(3 * time.Minute)
	if err := s.Validate(); err == nil {
		t.Error("an alert 3 min before passed validation")
	}
	if DefaultSettings().JoinShortcut != "Ctrl+Alt+J" {
		t.Error("the default shortcut is not Ctrl+Alt+J")
	}
}

// TestAlertAllMeetings: with Settings.AlertAllMeetings, the user's other
// Zoom meetings get the alert's reminder (and only it); interviews keep
// all theirs; without it, or with the alert off, other meetings get none.
func TestAlertAllMeetings(t *testing.T) {
	m := time.Minute
	for _, tc := range []struct {
		name        string
		all, off    bool
		before      time.Duration
		meetingOffs []time.Duration // the meeting's reminders, by offset
	}{
		{"interviews only (the default)", false, false, 0, nil},
		{"all meetings, at the start", true, false, 0, []time.Duration{0}},
		{"all meetings, 5 min before", true, false, 5 * m, []time.Duration{-5 * m}},
		{"all meetings, alert off", true, true, 0, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				v := newEnv(t, zoomsim.Options{}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
				ivStart, mtStart := v.at(0, 9, 0), v.at(0, 10, 0)
				iv := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: ivStart})
				mt := v.meeting(zoomsim.MeetingSpec{Topic: "Team sync", StartTime: mtStart, Duration: 30})
				e := v.start()
				defer v.stop()
				s := e.Settings()
				s.AlertAllMeetings, s.AlertOff, s.AlertBefore = tc.all, tc.off, Duration(tc.before)
				if err := e.UpdateSettings(s.WithAlertReminder()); err != nil {
					t.Fatal(err)
				}
				v.until(mtStart.Add(-5*m - 30*time.Second))
				if tc.all && !tc.off {
					// The meeting's reminder is planned, none of the others.
					var planned []string
					for _, p := range e.PlannedReminders(mt.ID) {
						planned = append(planned, p.Key)
					}
					if want := []string{rkey(mt.ID, mtStart, tc.meetingOffs[0])}; !slices.Equal(planned, want) {
						t.Errorf("planned %v, want %v", planned, want)
					}
				}
				v.until(mtStart.Add(20 * m))

				var ivKeys, mtKeys []string
				for _, ev := range v.eventsOf(EventReminder) {
					switch r := ev.Reminder; r.MeetingID {
					case iv.ID:
						ivKeys = append(ivKeys, r.Key)
						if r.Meeting {
							t.Errorf("the interview's reminder %s says meeting", r.Key)
						}
					case mt.ID:
						mtKeys = append(mtKeys, r.Key)
						if !r.Meeting || !AlertFor(*r, e.Settings()) {
							t.Errorf("the meeting's reminder %+v: not a meeting's, or opens no alert", r)
						}
						if r.Headline(true) != "Meeting in 5 min" && r.Headline(true) != "Meeting is starting now" {
							t.Errorf("headline with names hidden %q", r.Headline(true))
						}
					}
				}
				var wantMt []string
				for _, off := range tc.meetingOffs {
					wantMt = append(wantMt, rkey(mt.ID, mtStart, off))
				}
				if !slices.Equal(mtKeys, wantMt) {
					t.Errorf("the meeting's reminders %v, want %v", mtKeys, wantMt)
				}
				wantIv := 6 // 10 and 1 min before, at the start, +2, +5, +10
				if tc.before == 5*m {
					wantIv = 7
				}
				if len(ivKeys) != wantIv {
					t.Errorf("the interview's reminders %v, want %d", ivKeys, wantIv)
				}
			})
		})
	}
}

// TestAlertAllMeetingsSnooze: a meeting's alert reminder snoozed comes
// back, and is gone once the meeting ends.
func TestAlertAllMeetingsSnooze(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		start := v.at(0, 9, 0)
		mt := v.meeting(zoomsim.MeetingSpec{Topic: "Team sync", StartTime: start, Duration: 30})
		e := v.start()
		defer v.stop()
		s := e.Settings()
		s.AlertAllMeetings = true
		if err := e.UpdateSettings(s); err != nil {
			t.Fatal(err)
		}
		v.until(start.Add(10 * time.Second))
		key := rkey(mt.ID, start, 0)
		if rs := e.Snapshot().Reminders; len(rs) != 1 || rs[0].Key != key || !rs[0].Meeting {
			t.Fatalf("reminders %+v", rs)
		}
		if err := e.Snooze(key, time.Minute); err != nil {
			t.Fatal(err)
		}
		if rs := e.Snapshot().Reminders; len(rs) != 0 {
			t.Fatalf("snoozed, still shown: %+v", rs)
		}
		v.until(start.Add(80 * time.Second))
		if got := v.reminderKeys(); !slices.Equal(got, []string{key, key}) {
			t.Errorf("reminders %v, want the alert's, then again after the snooze", got)
		}
		v.until(start.Add(31 * time.Minute))
		if rs := e.Snapshot().Reminders; len(rs) != 0 {
			t.Errorf("after the end: %+v", rs)
		}
	})
}
