package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

// readinessOf is the readiness of one occurrence (its key: meeting ID @
// start), as the agent sent it.
func readinessOf(st localapi.State, key string) []model.ReadinessLine {
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
	case model.SeverityOK:
		return theme.ConfirmIcon()
	case model.SeverityWarn:
		return theme.WarningIcon()
	}
	return theme.InfoIcon()
}

// Which readiness lines a screen shows: the alert all, the reminder popup
// the warnings and the consent line, the agenda the warnings (it is short
// on room).
var (
	allLines      = func(model.ReadinessLine) bool { return true }
	warningLines  = func(l model.ReadinessLine) bool { return l.Severity == model.SeverityWarn }
	reminderLines = func(l model.ReadinessLine) bool { return warningLines(l) || l.Kind == model.ReadyConsent }
	// agendaLines are the warnings particular to an interview: not those
	// every interview shares, the Zoom app missing (sharedLines, which the
	// agenda shows once above the days) and the account's recording
	// settings (which its problems say).
	sharedLines = func(l model.ReadinessLine) bool { return warningLines(l) && l.Kind == model.ReadyZoomApp }
	agendaLines = func(l model.ReadinessLine) bool {
		return warningLines(l) && l.Kind != model.ReadyZoomApp &&
			(l.Kind != model.ReadyRecording || l.Action != model.ActionFixSettings)
	}
)

// readinessRows shows the readiness lines show allows, each with its
// button.
func (s *shell) readinessRows(st localapi.State, lines []model.ReadinessLine, meetingID int64, show func(model.ReadinessLine) bool) []fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for _, l := range lines {
		if !show(l) {
			continue
		}
		var right fyne.CanvasObject
		if l.Label != "" && (l.Action == model.ActionOpenURL || l.Copy != "" || s.lineProblem(st, l, meetingID).Solve != nil) {
			btn := widget.NewButton(l.Label, nil)
			btn.OnTapped = func() { s.readinessAction(st, l, meetingID, btn) }
			right = container.NewCenter(btn)
		}
		rows = append(rows, container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(readinessIcon(l.Severity))), right, text(l.Text)))
	}
	return rows
}

// readinessAction carries out a line's button.
func (s *shell) readinessAction(st localapi.State, l model.ReadinessLine, meetingID int64, btn *widget.Button) {
	switch {
	case l.Action == model.ActionOpenURL && l.URL != "":
		s.openLink(btn, l.URL)
	case l.Copy != "" && l.Action == model.ActionCopyHostRequest:
		s.copyText(l.Copy, "a request for the host")
	case l.Copy != "":
		s.copyText(l.Copy, "a message for your Zoom admin")
	default:
		if p := s.lineProblem(st, l, meetingID); p.Solve != nil {
			s.solve(st, p, btn)
		}
	}
}

// lineProblem is a readiness line as a problem, with the command that
// solves it (localapi.Solve, as for the agent's problems); Solve is nil
// when the line's action is none the agent knows.
func (s *shell) lineProblem(st localapi.State, l model.ReadinessLine, meetingID int64) localapi.Problem {
	p := model.Problem{Message: l.Text, Action: l.Action, Label: l.Label, MeetingID: meetingID}
	return localapi.Problem{Problem: p, Solve: localapi.Solve(p, st.Snapshot, s.loc)}
}
