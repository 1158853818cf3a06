package window

import meetingsync "github.com/interviewtray/interviewtray/sync"

// The onboarding wizard's steps, in order. The agent keeps the wizard's
// progress (meetingsync.Onboarding) with the settings.
const (
	StepWelcome   = meetingsync.StepWelcome
	StepConnect   = meetingsync.StepConnect   // sign in with Zoom
	StepCalendar  = meetingsync.StepCalendar  // add a calendar
	StepRecording = meetingsync.StepRecording // Zoom's recording settings
	StepReminders = meetingsync.StepReminders // reminder times, popup, interview rules
	StepAutostart = meetingsync.StepAutostart // start at login
	StepDone      = meetingsync.StepDone
)

// wizardSteps are the steps in order, with their titles.
var wizardSteps = []struct{ key, title string }{
	{StepWelcome, "Welcome"},
	{StepConnect, "Connect Zoom"},
	{StepCalendar, "Calendar"},
	{StepRecording, "Recording"},
	{StepReminders, "Reminders"},
	{StepAutostart, "Start at login"},
	{StepDone, "Done"},
}

// stepIndex is the position of step in the wizard, or -1.
func stepIndex(step string) int {
	for i, s := range wizardSteps {
		if s.key == step {
			return i
		}
	}
	return -1
}
