package window

import (
	"cmp"
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
	"github.com/interviewtray/interviewtray/ui/view"
)

// The agenda's scheduling: "New interview…", and in a meeting's details
// Reschedule and Cancel for an interview the user hosts, "Ask the
// organizer" for one someone else hosts, and "Sign in again to allow
// scheduling" when the sign-in lacks the scopes.

// newInterviewButton opens the New interview window.
func (a *agenda) newInterviewButton() *widget.Button {
	b := widget.NewButtonWithIcon("New interview…", theme.ContentAddIcon(), nil)
	b.OnTapped = func() { a.sh.openWindow(b, NameSchedule) }
	return b
}

// changeButtons are a meeting's scheduling buttons in its details; hide
// closes the details.
func (a *agenda) changeButtons(iv model.Interview, now time.Time, hide func()) []fyne.CanvasObject {
	if iv.ID <= 0 || !now.Before(iv.StartTime) || iv.State != model.StateUpcoming {
		return nil
	}
	switch {
	case iv.HostedByMe && a.st.Agent.SchedulingNotAllowed:
		btn := widget.NewButtonWithIcon("Sign in again to allow scheduling", theme.LoginIcon(), nil)
		btn.OnTapped = func() { a.sh.signIn(btn) }
		return []fyne.CanvasObject{btn}
	case iv.HostedByMe:
		re := widget.NewButtonWithIcon("Reschedule…", theme.HistoryIcon(), func() {
			hide()
			a.reschedule(iv)
		})
		cancel := widget.NewButtonWithIcon("Cancel interview…", theme.DeleteIcon(), func() {
			hide()
			a.confirmCancel(iv)
		})
		cancel.Importance = widget.DangerImportance
		return []fyne.CanvasObject{re, cancel}
	case iv.HostKnown || iv.Organizer != nil:
		ask := widget.NewButtonWithIcon("Ask the organizer", theme.MailComposeIcon(), func() {
			a.sh.copyText(organizerRequest(iv, a.st, a.sh.loc), "a request for the organizer")
		})
		ask.Importance = widget.LowImportance
		return []fyne.CanvasObject{ask}
	}
	return nil
}

// organizerRequest asks whoever hosts an interview to move or cancel it:
// only the host can.
func organizerRequest(iv model.Interview, st localapi.State, loc *time.Location) string {
	greeting := "Hi,"
	if o := iv.Organizer; o != nil && o.Name != "" {
		greeting = "Hi " + strings.Fields(o.Name)[0] + ","
	}
	when := iv.StartTime.In(loc).Format("Monday 2 January at 15:04 MST")
	msg := fmt.Sprintf("%s\n\nCould we move or cancel %q on %s (Zoom meeting %s)? You host it in Zoom, so only you can change it.\n\nThanks",
		greeting, iv.Topic, when, view.GroupID(iv.ID))
	if st.Snapshot != nil && st.Snapshot.User != nil && st.Snapshot.User.Name != "" {
		msg += ",\n" + st.Snapshot.User.Name
	}
	return msg + "\n"
}

// candidateOf is the candidate named in an interview's topic
// ("Interview: NAME — ROLE"), else the topic.
func candidateOf(topic string) string {
	if rest, ok := strings.CutPrefix(topic, "Interview: "); ok {
		name, _, _ := strings.Cut(rest, " — ")
		return cmp.Or(strings.TrimSpace(name), topic)
	}
	return topicText(topic)
}

// whenText is an interview's start for a sentence: "Monday 14 September
// at 10:30".
func whenText(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Monday 2 January") + " at " + view.Clock(t, loc)
}

// reschedule asks for the new date, time and length, then moves the
// interview and shows its new invitation.
func (a *agenda) reschedule(iv model.Interview) {
	sh := a.sh
	date, start, minutes := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	date.SetText(iv.StartTime.In(sh.loc).Format(dateLayout))
	start.SetText(iv.StartTime.In(sh.loc).Format(timeLayout))
	minutes.SetText(strconv.Itoa(iv.Duration))
	items := []*widget.FormItem{
		widget.NewFormItem("Date", date),
		widget.NewFormItem("Starts", start),
		widget.NewFormItem("Minutes", minutes),
	}
	d := dialog.NewForm("Reschedule "+candidateOf(iv.Topic), "Reschedule", "Keep it", items, func(ok bool) {
		if !ok {
			return
		}
		t, n, err := parseWhen(date.Text, start.Text, minutes.Text, sh.loc, sh.now())
		if err != nil {
			sh.say("Not rescheduled: "+err.Error()+".", widget.DangerImportance)
			return
		}
		var res localapi.Result
		sh.act(nil, "Moving the interview in Zoom…", "Could not reschedule", func(ctx context.Context) error {
			var err error
			res, err = sh.api.Do(ctx, localapi.Command{Name: localapi.CmdRescheduleInterview, MeetingID: iv.ID,
				Schedule: &localapi.ScheduleRequest{Start: t, DurationMinutes: n}})
			return err
		}, func(ok bool) {
			if !ok {
				return
			}
			sh.say("Rescheduled to "+whenText(t, sh.loc)+". Send the candidate the new invitation.", widget.SuccessImportance)
			if res.Scheduled != nil && res.Scheduled.Invitation != nil {
				showInvitationDialog(sh, "Interview rescheduled", res.Scheduled)
			}
		})
	}, sh.win)
	d.Resize(fyne.NewSize(420, 0))
	d.Show()
}

// showInvitationDialog shows an invitation over the window.
func showInvitationDialog(sh *shell, title string, sc *localapi.Scheduled) {
	var d dialog.Dialog
	content := invitationView(sh, title, sc, nil, func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(title, content, sh.win)
	d.Resize(fyne.NewSize(520, 480))
	d.Show()
}

// confirmCancel asks before cancelling, naming the candidate and the time,
// with the choice to copy a note for the candidate.
func (a *agenda) confirmCancel(iv model.Interview) {
	sh := a.sh
	name := candidateOf(iv.Topic)
	copyNote := widget.NewCheck("Copy a cancellation note to send the candidate", nil)
	copyNote.SetChecked(true)
	msg := text(fmt.Sprintf("Cancel the interview with %s on %s? Its Zoom meeting is deleted; %s is not told unless you send the note.",
		name, whenText(iv.StartTime, sh.loc), name))
	d := dialog.NewCustomConfirm("Cancel interview", "Cancel interview", "Keep it", container.NewVBox(msg, copyNote), func(ok bool) {
		if !ok {
			return
		}
		var res localapi.Result
		sh.act(nil, "Cancelling the interview in Zoom…", "Could not cancel", func(ctx context.Context) error {
			var err error
			res, err = sh.api.Do(ctx, localapi.Command{Name: localapi.CmdCancelInterview, MeetingID: iv.ID})
			return err
		}, func(ok bool) {
			if !ok {
				return
			}
			if copyNote.Checked && res.Scheduled != nil && res.Scheduled.Invitation != nil && res.Scheduled.Invitation.Cancellation != "" {
				sh.copyText(res.Scheduled.Invitation.Cancellation, "the cancellation note")
				sh.say("Cancelled the interview with "+name+". The note for "+name+" is on the clipboard.", widget.SuccessImportance)
				return
			}
			sh.say("Cancelled the interview with "+name+".", widget.SuccessImportance)
		})
	}, sh.win)
	d.Resize(fyne.NewSize(460, 0))
	d.Show()
}
