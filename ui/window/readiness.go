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

// readinessRows shows readiness lines, each with its button; with
// onlyWarnings the lines that are fine are left out (the reminder popup
// and the agenda are short on room).
func (s *shell) readinessRows(st localapi.State, lines []meetingsync.ReadinessLine, meetingID int64, onlyWarnings bool) []fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for _, l := range lines {
		if onlyWarnings && l.Severity != meetingsync.SeverityWarn && l.Kind != meetingsync.ReadyConsent {
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
