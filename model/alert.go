package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// AlertChoices are the moments Settings offers for the full-screen alert
// (Settings.AlertBefore): at the start, 1, 2 or 5 minutes before.
var AlertChoices = []time.Duration{0, time.Minute, 2 * time.Minute, 5 * time.Minute}

// DefaultJoinShortcut is the default of Settings.JoinShortcut.
const DefaultJoinShortcut = "Ctrl+Alt+J"

// WithAlertReminder returns s with a reminder at the alert's moment among
// ReminderOffsets, which the alert comes with (the engine only fires
// reminders at those offsets); s itself is not changed.
func (s Settings) WithAlertReminder() Settings {
	d := s.AlertBefore
	if s.AlertOff || d <= 0 || slices.Contains(s.ReminderOffsets, d) || len(s.ReminderOffsets) >= maxOffsets {
		return s
	}
	s.ReminderOffsets = append(slices.Clone(s.ReminderOffsets), d)
	return s
}

// validateAlert checks the alert's and the shortcut's settings.
func (s Settings) validateAlert() []error {
	var errs []error
	if !slices.Contains(AlertChoices, s.AlertBefore.D()) {
		errs = append(errs, fmt.Errorf("alert %v before the start: must be at the start, 1, 2 or 5 minutes before", s.AlertBefore.D()))
	}
	if len(s.JoinShortcut) > maxNameBytes {
		errs = append(errs, fmt.Errorf("shortcut %.20q...: longer than %d bytes", s.JoinShortcut, maxNameBytes))
	}
	return errs
}

// AlertEscalations are the "started N min ago" reminders with which the
// alert comes back.
var AlertEscalations = []time.Duration{2 * time.Minute, 5 * time.Minute}

// ReminderOffset reads a reminder key's offset from the start (negative
// before it): "855…@2026-03-02T15:00:00Z/-600" is -10 minutes.
func ReminderOffset(key string) (time.Duration, bool) {
	i := strings.LastIndexByte(key, '/')
	if i < 0 {
		return 0, false
	}
	secs, err := strconv.ParseInt(key[i+1:], 10, 64)
	if err != nil {
		return 0, false
	}
	return time.Duration(secs) * time.Second, true
}

// AlertFor says whether reminder r may open the alert: the alert is on
// (for a meeting that is not an interview, with AlertAllMeetings), and r
// comes at or after the alert's moment and before the start, or is one of
// the escalations. (The agent shows the alert once per occurrence
// before the start, unless it was snoozed.)
func AlertFor(r Reminder, s Settings) bool {
	if s.AlertOff || r.Meeting && !s.AlertAllMeetings {
		return false
	}
	off, ok := ReminderOffset(r.Key)
	if !ok {
		return false
	}
	if off > 0 {
		return slices.Contains(AlertEscalations, off)
	}
	return off >= -s.AlertBefore.D()
}

// AlertReminder is the reminder the alert window shows among the active
// ones (Snapshot.Reminders, in start order): the first AlertFor allows.
func AlertReminder(rs []Reminder, s Settings) (Reminder, bool) {
	for _, r := range rs {
		if AlertFor(r, s) {
			return r, true
		}
	}
	return Reminder{}, false
}

// SnoozeMinutes are the snooze lengths offered everywhere (the alert, the
// reminder popup and the reminder notifications), in minutes; "until it
// starts" comes after them while the interview is at least a minute away
// (see SnoozeUntilStart).
var SnoozeMinutes = []int{1, 5, 10}

// SnoozeChoices are the snooze lengths to offer, in minutes: SnoozeMinutes
// and the settings' own snooze (Settings.Snooze) when it is another whole
// number of minutes, in ascending order.
func (s Settings) SnoozeChoices() []int {
	out := slices.Clone(SnoozeMinutes)
	if m := int(s.Snooze.D() / time.Minute); m > 0 && s.Snooze.D()%time.Minute == 0 && !slices.Contains(out, m) {
		out = append(out, m)
		slices.Sort(out)
	}
	return out
}

// SnoozeUntilStart says whether "until it starts" is offered for a
// reminder of an interview starting at start: at least a minute before it.
func SnoozeUntilStart(start, now time.Time) bool {
	return start.Sub(now) >= time.Minute
}
