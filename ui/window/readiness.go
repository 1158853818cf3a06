package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// readinessOf is the readiness of one occurrence (its key: meeting ID @
// start), as the agent sent it.
func readinessOf(st localapi.State, key string) []meetingsync.ReadinessLine {
	for _, r := range st.Readiness {
		if r.Key == key {
			return r.Lines
		}
	}
	return nil
}

// readinessIcon is a line's severity as an icon.
func readinessIcon(severity string) fyne.Resource {
	switch severity {
	case meetingsync.SeverityOK:
		return theme.ConfirmIcon()
	case meetingsync.SeverityWarn:
		return theme.WarningIcon()
	}
	return theme.InfoIcon()
}

// Which readiness lines a screen shows: the alert all, the reminder popup
// the warnings and the consent line, the agenda the warnings (it is short
// on room).
var (
	allLines      = func(meetingsync.ReadinessLine) bool { return true }
	warningLines  = func(l meetingsync.ReadinessLine) bool { return l.Severity == meetingsync.SeverityWarn }
	reminderLines = func(l meetingsync.ReadinessLine) bool { return warningLines(l) || l.Kind == meetingsync.ReadyConsent }
)

// readinessRows shows the readiness lines show allows, each with its
// button.
func (s *shell) readinessRows(st localapi.State, lines []meetingsync.ReadinessLine, meetingID int64, show func(meetingsync.ReadinessLine) bool) []fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for _, l := range lines {
		if !show(l) {
			continue
		}
		var right fyne.CanvasObject
		if l.Label != "" && (l.Action == meetingsync.ActionOpenURL || l.Copy != "" || solvable(l.Action)) {
			btn := widget.NewButton(l.Label, nil)
			btn.OnTapped = func() { s.readinessAction(st, l, meetingID, btn) }
			right = container.NewCenter(btn)
		}
		rows = append(rows, container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(readinessIcon(l.Severity))), right, text(l.Text)))
	}
	return rows
}

// readinessAction carries out a line's button.
func (s *shell) readinessAction(st localapi.State, l meetingsync.ReadinessLine, meetingID int64, btn *widget.Button) {
	switch {
	case l.Action == meetingsync.ActionOpenURL && l.URL != "":
		s.openLink(btn, l.URL)
	case l.Copy != "" && l.Action == meetingsync.ActionCopyHostRequest:
		s.copyText(l.Copy, "a request for the host")
	case l.Copy != "":
		s.copyText(l.Copy, "a message for your Zoom admin")
	default:
		s.solve(st, meetingsync.Problem{Message: l.Text, Action: l.Action, Label: l.Label, MeetingID: meetingID}, btn)
	}
}
