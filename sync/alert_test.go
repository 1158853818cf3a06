package sync

import (
	"testing"
	"time"
)

func TestAlertFor(t *testing.T) {
	const occ = "85512345678@2026-03-02T15:00:00Z"
	def := DefaultSettings()
	five := def
	five.AlertBefore = Duration(5 * time.Minute)
	off := def
	off.AlertOff = true
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
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := AlertFor(Reminder{Key: tc.key}, tc.s); got != tc.want {
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
