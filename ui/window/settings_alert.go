package window

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

// alertChoices are the start alert's moments, in Settings order: off,
// then model.AlertChoices.
var alertChoices = []string{"Off", "When it starts", "1 minute before", "2 minutes before", "5 minutes before"}

// alertFields are the Settings rows of the start alert, the readiness
// checks and the global shortcut.
type alertFields struct {
	alert    *widget.Select
	all      *widget.Check // the alert for all meetings
	consent  *widget.Check
	mb       *widget.Entry
	shortcut *widget.Check
	keys     *widget.Entry
	// status says which shortcut the agent holds, or why it has none.
	status *widget.Label
}

func newAlertFields(edit func()) *alertFields {
	f := &alertFields{}
	f.all = widget.NewCheck("Also for my other Zoom meetings, not only interviews", func(bool) { edit() })
	f.alert = widget.NewSelect(alertChoices, func(sel string) {
		if sel == alertChoices[0] {
			f.all.Disable()
		} else {
			f.all.Enable()
		}
		edit()
	})
	f.consent = widget.NewCheck("Remind me to tell the candidate the interview is recorded", func(bool) { edit() })
	f.mb = validEntry(strconv.Itoa(model.DefaultRecordingMBPerHour), func(s string) error { _, err := parseMBPerHour(s); return err }, edit)
	f.shortcut = widget.NewCheck("Join the current or next interview with a keyboard shortcut", func(on bool) {
		if on {
			f.keys.Enable()
		} else {
			f.keys.Disable()
		}
		edit()
	})
	f.keys = validEntry(model.DefaultJoinShortcut, func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("type a shortcut such as %s", model.DefaultJoinShortcut)
		}
		return nil
	}, edit)
	f.status = widget.NewLabel("")
	f.status.Wrapping = fyne.TextWrapWord
	f.status.Importance = widget.LowImportance
	return f
}

// load fills the fields from the settings and the agent's shortcut.
func (f *alertFields) load(st localapi.State) {
	s := st.Settings
	i := 0
	if !s.AlertOff {
		i = 1 + max(0, slices.Index(model.AlertChoices, s.AlertBefore.D()))
	}
	f.all.SetChecked(s.AlertAllMeetings)
	f.alert.SetSelected(alertChoices[i])
	f.consent.SetChecked(s.ConsentReminder)
	mb := s.RecordingMBPerHour
	if mb <= 0 {
		mb = model.DefaultRecordingMBPerHour
	}
	f.mb.SetText(strconv.Itoa(mb))
	f.keys.SetText(s.JoinShortcut)
	f.shortcut.SetChecked(!s.JoinShortcutOff)
	if s.JoinShortcutOff {
		f.keys.Disable()
	}
	f.render(st)
}

// render shows the agent's word on the shortcut.
func (f *alertFields) render(st localapi.State) {
	f.status.SetText(shortcutStatus(st.Agent.Shortcut))
}

// shortcutStatus is the agent's shortcut status for people.
func shortcutStatus(s string) string {
	switch s {
	case "":
		return ""
	case "Off":
		return "The shortcut is off."
	}
	if strings.Contains(s, "not available") {
		return s + ": use Join in the tray menu instead."
	}
	if strings.Contains(s, "): ") { // the desktop asks the user, or said no
		return "Shortcut " + s + "."
	}
	return "Active: " + s + "."
}

// apply puts the fields into s.
func (f *alertFields) apply(s *model.Settings) error {
	i := slices.Index(alertChoices, f.alert.Selected)
	s.AlertOff = i == 0
	if i > 0 {
		s.AlertBefore = model.Duration(model.AlertChoices[i-1])
	}
	s.AlertAllMeetings = f.all.Checked
	s.ConsentReminder = f.consent.Checked
	mb, err := parseMBPerHour(f.mb.Text)
	if err != nil {
		return err
	}
	s.RecordingMBPerHour = mb
	s.JoinShortcutOff = !f.shortcut.Checked
	s.JoinShortcut = strings.TrimSpace(f.keys.Text)
	return nil
}

// invalid is the first field's error.
func (f *alertFields) invalid() error {
	if err := f.mb.Validate(); err != nil {
		return err
	}
	if f.shortcut.Checked {
		return f.keys.Validate()
	}
	return nil
}

// rows are the fields as labelled rows.
func (f *alertFields) rows() []fyne.CanvasObject {
	return []fyne.CanvasObject{
		formRow("Start alert", f.alert, "A full-screen alert with Join, Snooze and Dismiss; it comes back 2 and 5 minutes after the start until you join or dismiss it"),
		formRow("", f.all, "Other meetings get only the alert: no other reminder, and it does not come back after the start"),
		formRow("", f.consent, ""),
		formRow("Recording size", f.mb, fmt.Sprintf("MB an hour of recording, for the free-space check (Zoom's estimate with video: about %d MB an hour; "+
			"twice that is needed while Zoom converts it)", model.DefaultRecordingMBPerHour)),
		formRow("Shortcut", container.NewVBox(f.shortcut, f.keys, f.status), "Such as Ctrl+Alt+J"),
	}
}

// parseMBPerHour reads the recording size estimate.
func parseMBPerHour(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > 100_000 {
		return 0, fmt.Errorf("type a number of MB an hour between 1 and 100000")
	}
	return n, nil
}
