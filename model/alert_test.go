package model

import (
	"slices"
	"testing"
	"time"
)

func TestSnoozeChoices(t *testing.T) {
	for _, tc := range []struct {
		snooze time.Duration
		want   []int
	}{
		{5 * time.Minute, []int{1, 5, 10}},
		{0, []int{1, 5, 10}},
		{15 * time.Minute, []int{1, 5, 10, 15}},
		{3 * time.Minute, []int{1, 3, 5, 10}},
		{90 * time.Second, []int{1, 5, 10}}, // not a whole number of minutes
	} {
		s := DefaultSettings()
		s.Snooze = Duration(tc.snooze)
		if got := s.SnoozeChoices(); !slices.Equal(got, tc.want) {
			t.Errorf("snooze %v: %v, want %v", tc.snooze, got, tc.want)
		}
	}
	if !slices.Equal(SnoozeMinutes, []int{1, 5, 10}) {
		t.Error("SnoozeChoices changed SnoozeMinutes")
	}
	start := time.Date(2026, 9, 14, 10, 30, 0, 0, time.UTC)
	for off, want := range map[time.Duration]bool{-10 * time.Minute: true, -time.Minute: true, -59 * time.Second: false, time.Minute: false} {
		if got := SnoozeUntilStart(start, start.Add(off)); got != want {
			t.Errorf("until it starts at %v from the start: %v, want %v", off, got, want)
		}
	}
}

func TestReminderTitle(t *testing.T) {
	iv := Reminder{Topic: "Interview: Ada", Kind: ReminderBefore, Minutes: 5}
	mt := Reminder{Topic: "Team sync", Kind: ReminderNow, Meeting: true}
	for _, tc := range []struct {
		r    Reminder
		hide bool
		want string
	}{
		{iv, false, "Interview: Ada in 5 min"},
		{iv, true, "Interview in 5 min"},
		{mt, false, "Team sync is starting now"},
		{mt, true, "Meeting is starting now"},
	} {
		if got := tc.r.Headline(tc.hide); got != tc.want {
			t.Errorf("%q hide=%v: %q, want %q", tc.r.Topic, tc.hide, got, tc.want)
		}
	}
	s := DefaultSettings()
	mt.Key = "81@2026-09-14T10:30:00Z/0"
	if AlertFor(mt, s) {
		t.Error("a meeting's reminder opens the alert for interviews only")
	}
	s.AlertAllMeetings = true
	if !AlertFor(mt, s) {
		t.Error("a meeting's reminder opens no alert for all meetings")
	}
}
