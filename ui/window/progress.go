package window

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// The onboarding wizard's steps, in order. They are also the values of
// WizardProgress.Step and WizardProgress.Skipped.
const (
	StepWelcome   = "welcome"
	StepConnect   = "connect"   // sign in with Zoom
	StepRecording = "recording" // Zoom's recording settings
	StepReminders = "reminders" // reminder times, popup, interview rules
	StepAutostart = "autostart" // start at login
	StepDone      = "done"
)

// wizardSteps are the steps in order, with their titles.
var wizardSteps = []struct{ key, title string }{
	{StepWelcome, "Welcome"},
	{StepConnect, "Connect Zoom"},
	{StepRecording, "Recording"},
	{StepReminders, "Reminders"},
	{StepAutostart, "Start at login"},
	{StepDone, "Done"},
}

// WizardFile is the name of the wizard's progress file in the agent's
// config directory (<user config dir>/interviewtray, or …/interviewtray/demo
// for the demo).
const WizardFile = "wizard.json"

// WizardProgress is the onboarding wizard's progress, kept in WizardFile
// so that the wizard can be left and resumed. The window process writes it
// (mode 0600, replaced atomically) and never deletes it; the agent may read
// it to show a skipped step as a problem in the tray. A missing file means
// the wizard never ran. Example:
//
//	{"step":"reminders","skipped":["recording"],"finished":false,"updated_at":"2026-09-14T08:20:00Z"}
type WizardProgress struct {
	// Step is the step to resume at.
	Step string `json:"step"`
	// Skipped are the steps the user skipped whose goal is still not met
	// (connect: signed in; recording: the settings check is OK and every
	// manual check confirmed), in wizard order. The wizard drops a step
	// from it as soon as it sees the goal met.
	Skipped []string `json:"skipped"`
	// Finished is set once the user reached the Done step.
	Finished bool `json:"finished"`
	// UpdatedAt is when the progress was last saved (UTC).
	UpdatedAt time.Time `json:"updated_at"`
}

// LoadWizardProgress reads the progress from dir. A missing file is no
// error: the zero progress starts at the welcome step.
func LoadWizardProgress(dir string) (WizardProgress, error) {
	var p WizardProgress
	b, err := os.ReadFile(filepath.Join(dir, WizardFile))
	if errors.Is(err, fs.ErrNotExist) {
		return p, nil
	}
	if err != nil {
		return p, fmt.Errorf("read wizard progress: %w", err)
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return WizardProgress{}, fmt.Errorf("read wizard progress %s: %w", filepath.Join(dir, WizardFile), err)
	}
	if stepIndex(p.Step) < 0 {
		p.Step = ""
	}
	p.Skipped = slices.DeleteFunc(p.Skipped, func(s string) bool { return stepIndex(s) < 0 })
	return p, nil
}

// SaveWizardProgress writes the progress to dir atomically: a temporary
// file in the same directory, synced, then renamed over the old one. The
// directory is created (0700) when missing.
func SaveWizardProgress(dir string, p WizardProgress) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("save wizard progress: %w", err)
	}
	if p.Skipped == nil {
		p.Skipped = []string{}
	}
	b, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("save wizard progress: %w", err)
	}
	f, err := os.CreateTemp(dir, WizardFile+".*.tmp")
	if err != nil {
		return fmt.Errorf("save wizard progress: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // after a successful rename there is nothing to remove
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("save wizard progress: %w", err)
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("save wizard progress: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("save wizard progress: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("save wizard progress: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, WizardFile)); err != nil {
		return fmt.Errorf("save wizard progress: %w", err)
	}
	return nil
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
