package model

import (
	"fmt"
	"slices"
	"time"
)

// The onboarding wizard's steps, in order: the values of Onboarding.Step
// and Onboarding.Skipped.
const (
	StepWelcome   = "welcome"
	StepConnect   = "connect"   // sign in with Zoom
	StepCalendar  = "calendar"  // add a calendar (optional)
	StepRecording = "recording" // Zoom's recording settings
	StepReminders = "reminders" // reminder times, popup, interview rules
	StepAutostart = "autostart" // start at login
	StepDone      = "done"
)

// OnboardingSteps are the wizard's steps in order.
func OnboardingSteps() []string {
	return []string{StepWelcome, StepConnect, StepCalendar, StepRecording, StepReminders, StepAutostart, StepDone}
}

// StepIndex is the position of step among OnboardingSteps, or -1.
func StepIndex(step string) int { return slices.Index(OnboardingSteps(), step) }

// Onboarding is the wizard's progress, kept in the settings so that the
// wizard can be left and resumed (in another window process) and the agent
// can show a skipped step as a problem. The zero value is a wizard that
// never ran. Only the engine's SetOnboarding changes it; UpdateSettings keeps it.
type Onboarding struct {
	// Step is the step to resume at; empty is the first.
	Step string `json:"step,omitempty"`
	// Skipped are the steps the user skipped whose goal is still not met
	// (connect: signed in; recording: the settings check is OK and every
	// manual check confirmed), in wizard order. The wizard drops a step as
	// soon as it sees the goal met.
	Skipped []string `json:"skipped"`
	// Finished is set once the user reached the Done step.
	Finished bool `json:"finished"`
	// UpdatedAt is when the wizard last saved it.
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// Validate reports steps the wizard does not have.
func (o Onboarding) Validate() error {
	if o.Step != "" && StepIndex(o.Step) < 0 {
		return fmt.Errorf("onboarding: unknown step %q", o.Step)
	}
	for _, s := range o.Skipped {
		if StepIndex(s) < 0 {
			return fmt.Errorf("onboarding: unknown skipped step %q", s)
		}
	}
	return nil
}

// Normalised drops unknown steps (a settings file from another version
// loses nothing else) and sorts and deduplicates the skipped ones.
func (o Onboarding) Normalised() Onboarding {
	out := o
	if StepIndex(out.Step) < 0 {
		out.Step = ""
	}
	out.Skipped = slices.DeleteFunc(slices.Clone(o.Skipped), func(s string) bool { return StepIndex(s) < 0 })
	slices.SortFunc(out.Skipped, func(a, b string) int { return StepIndex(a) - StepIndex(b) })
	out.Skipped = slices.Compact(out.Skipped)
	if out.Skipped == nil {
		out.Skipped = []string{}
	}
	out.UpdatedAt = o.UpdatedAt.UTC()
	return out
}
