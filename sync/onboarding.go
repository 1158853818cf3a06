package sync

import (
	"encoding/json"
	"fmt"

	"github.com/interviewtray/interviewtray/model"
)

// The onboarding wizard's steps, in order: the values of Onboarding.Step
// and Onboarding.Skipped (see model.StepWelcome...).
const (
	StepWelcome   = model.StepWelcome
	StepConnect   = model.StepConnect
	StepCalendar  = model.StepCalendar
	StepRecording = model.StepRecording
	StepReminders = model.StepReminders
	StepAutostart = model.StepAutostart
	StepDone      = model.StepDone
)

// Onboarding is the wizard's progress, kept in the settings.
type Onboarding = model.Onboarding

// OnboardingSteps are the wizard's steps in order.
func OnboardingSteps() []string { return model.OnboardingSteps() }

// StepIndex is the position of step among OnboardingSteps, or -1.
func StepIndex(step string) int { return model.StepIndex(step) }

// SetOnboarding saves the wizard's progress. Steps the wizard does not
// have are refused and change nothing.
func (e *Engine) SetOnboarding(o Onboarding) error {
	if err := o.Validate(); err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	s := e.settings.Clone()
	s.Onboarding = o.Normalised()
	if err := e.writeFile(e.paths.settings, func() ([]byte, error) { return json.MarshalIndent(s, "", "  ") }); err != nil {
		e.changedLocked() // the problem shows
		return fmt.Errorf("save settings: %w", err)
	}
	e.settings = s
	e.changedLocked()
	return nil
}
