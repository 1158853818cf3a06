package sync

import (
	"time"

	"github.com/interviewtray/interviewtray/model"
)

// The full-screen start alert comes with a reminder the engine fires: the
// one at Settings.AlertBefore before the start ("starting now" by default),
// and again with the "started 2 min ago" and "started 5 min ago" ones
// (AlertEscalations) while the user has neither joined nor dismissed it.
// The engine fires each reminder once, across restarts and wakes
// (reminderState), so the alert needs no bookkeeping of its own for that;
// the agent decides which reminders open it ([AlertFor]) and remembers,
// per occurrence, that it showed, was snoozed or was dismissed.

// AlertChoices are the moments Settings offers for the alert (model's).
var AlertChoices = model.AlertChoices

// AlertEscalations are the "started N min ago" reminders with which the
// alert comes back (model's).
var AlertEscalations = model.AlertEscalations

// DefaultJoinShortcut is the default of Settings.JoinShortcut (model's).
const DefaultJoinShortcut = model.DefaultJoinShortcut

// ReminderOffset reads a reminder key's offset from the start (model's).
func ReminderOffset(key string) (time.Duration, bool) { return model.ReminderOffset(key) }

// ReminderOccurrence is the occurrence part of a reminder key (the
// interview's [OccurrenceKey]).
func ReminderOccurrence(key string) string { return occKeyOf(key) }

// AlertFor says whether reminder r may open the alert (model's).
func AlertFor(r Reminder, s Settings) bool { return model.AlertFor(r, s) }

// AlertReminder is the reminder the alert window shows (model's).
func AlertReminder(rs []Reminder, s Settings) (Reminder, bool) { return model.AlertReminder(rs, s) }

// SnoozeUntilStart says whether "until it starts" is offered (model's).
func SnoozeUntilStart(start, now time.Time) bool { return model.SnoozeUntilStart(start, now) }
