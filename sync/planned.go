package sync

import "github.com/interviewtray/interviewtray/model"

// PlannedReminder is a reminder an interview will get (model.PlannedReminder).
type PlannedReminder = model.PlannedReminder

// PlannedReminders lists the reminders still to fire for the upcoming or
// running occurrences of meeting id, in due order: those that have not
// fired (nor been passed over). A meeting that is not an interview has
// only the alert's with Settings.AlertAllMeetings, else none; one that
// has ended or is not known has none. It is what `status` shows as an
// interview's planned reminders.
func (e *Engine) PlannedReminders(id int64) []PlannedReminder {
	e.mu.Lock()
	defer e.mu.Unlock()
	in := e.inputLocked(e.now())
	var out []PlannedReminder
	for _, o := range classifyMeetings(in).occs {
		if o.ID != id {
			continue
		}
		for _, s := range reminderSpecs(o, in.offsets, in.nags) {
			if _, fired := in.reminders.Fired[s.key]; !fired {
				out = append(out, PlannedReminder{Key: s.key, Kind: s.kind, Due: s.due})
			}
		}
	}
	return out
}
