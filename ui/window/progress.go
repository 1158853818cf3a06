package window

import "github.com/interviewtray/interviewtray/model"

// The onboarding wizard's steps, in order. The agent keeps the wizard's
// progress (model.Onboarding) with the settings.
const (
	StepWelcome   = model.StepWelcome
	StepConnect   = model.StepConnect   // sign in with Zoom
	StepCalendar  = model.StepCalendar  // add a calendar
	StepRecording = model.StepRecording // Zoom's recording settings
	StepReminders = model.StepReminders // reminder times, popup, interview rules
	StepAutostart = model.StepAutostart // start at login
	StepDone      = model.StepDone
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
