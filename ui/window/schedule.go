package window

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

// The "New interview…" window: the candidate, the role, when and how long,
// the agenda and the recording; Create makes the Zoom meeting through the
// agent (schedule_interview), then the window shows the invitation, ready
// to send, and what Zoom set up differently from what was asked.

// Choices of the recording radio group, as the user reads them.
const (
	recordLocalLabel = "To this computer"
	recordCloudLabel = "To the cloud"
	recordNoneLabel  = "Don't record"
)

// Form limits the window checks before the agent does.
const (
	defaultMinutes = 45
	maxMinutes     = 24 * 60
	// basicMinutes is how long Zoom lets a Basic (free) account's
	// meeting last.
	basicMinutes = 40
)

// Date and time as the form takes them.
const (
	dateLayout = "2006-01-02"
	timeLayout = "15:04"
)

// scheduler is the New interview window's screen.
type scheduler struct {
	sh *shell
	st localapi.State

	body *fyne.Container // the form, the invitation, or why neither
	form fyne.CanvasObject

	name, role, date, start, minutes, agenda *widget.Entry
	record                                   *widget.RadioGroup
	zoneNote                                 *widget.Label
	recordNote                               *widget.Label
	scopes                                   *fyne.Container // "Sign in again to allow scheduling"
	create                                   *widget.Button

	// done is the last interview created, shown with its invitation.
	done *localapi.Scheduled
}

func newScheduler(sh *shell) screen {
	s := &scheduler{sh: sh}
	s.name = widget.NewEntry()
	s.name.SetPlaceHolder("Candidate's name")
	s.role = widget.NewEntry()
	s.role.SetPlaceHolder("Optional, e.g. Backend Engineer")
	s.date = widget.NewEntry()
	s.date.SetPlaceHolder("YYYY-MM-DD")
	s.start = widget.NewEntry()
	s.start.SetPlaceHolder("HH:MM")
	s.minutes = widget.NewEntry()
	s.agenda = widget.NewMultiLineEntry()
	s.agenda.SetPlaceHolder("Optional, e.g. Introduction, experience, questions")
	s.agenda.SetMinRowsVisible(2)
	s.record = widget.NewRadioGroup([]string{recordLocalLabel, recordCloudLabel, recordNoneLabel}, nil)
	s.record.Required = true
	s.zoneNote = widget.NewLabel("")
	s.recordNote = widget.NewLabel("")
	s.recordNote.Importance = widget.LowImportance
	s.recordNote.Wrapping = fyne.TextWrapWord
	s.recordNote.Hide()
	s.scopes = container.NewVBox()
	s.create = widget.NewButtonWithIcon("Create meeting", theme.ConfirmIcon(), s.onCreate)
	s.create.Importance = widget.HighImportance
	s.reset()

	when := container.NewHBox(fixedWidth(120, s.date), fixedWidth(70, s.start), widget.NewLabel("for"),
		fixedWidth(60, s.minutes), widget.NewLabel("min"))
	form := widget.NewForm(
		widget.NewFormItem("Candidate", s.name),
		widget.NewFormItem("Role", s.role),
		widget.NewFormItem("Starts", container.NewVBox(when, s.zoneNote)),
		widget.NewFormItem("Agenda", s.agenda),
		widget.NewFormItem("Record", container.NewVBox(s.record, s.recordNote)),
	)
	cancel := widget.NewButton("Close", func() { sh.win.Close() })
	s.form = container.NewBorder(
		container.NewVBox(heading("New interview"),
			note("Creates a Zoom meeting set up for interviewing: waiting room on, a passcode, the recording you choose."),
			s.scopes),
		container.NewHBox(layout.NewSpacer(), cancel, s.create), nil, nil,
		container.NewVScroll(form),
	)
	s.body = container.NewStack(s.form)
	return s
}

func (s *scheduler) object() fyne.CanvasObject { return container.NewPadded(s.body) }

// reset fills the form with its defaults: no name, the next half hour,
// 45 minutes, recorded to this computer.
func (s *scheduler) reset() {
	s.name.SetText("")
	s.role.SetText("")
	s.agenda.SetText("")
	next := nextHalfHour(s.sh.now(), s.sh.loc)
	s.date.SetText(next.Format(dateLayout))
	s.start.SetText(next.Format(timeLayout))
	s.minutes.SetText(strconv.Itoa(defaultMinutes))
	s.record.SetSelected(recordLocalLabel)
	s.done = nil
}

// nextHalfHour is the first :00 or :30 after now, in loc.
func nextHalfHour(now time.Time, loc *time.Location) time.Time {
	t := now.In(loc).Truncate(time.Minute)
	t = t.Add(-time.Duration(t.Minute()%30) * time.Minute).Add(30 * time.Minute)
	return t
}

func (s *scheduler) render(st localapi.State) {
	s.st = st
	switch {
	case st.Agent.SignIn.State == localapi.SignInWaiting:
		s.show(emptyState("Finish signing in with Zoom in your browser", st.Agent.SignIn.Message))
		return
	case !signedIn(st):
		btn := widget.NewButtonWithIcon("Sign in with Zoom", theme.LoginIcon(), nil)
		btn.Importance = widget.HighImportance
		btn.OnTapped = func() { s.sh.signIn(btn) }
		s.show(emptyState("Sign in to schedule interviews",
			"Interview Tray creates the interview's Zoom meeting in your account.", btn))
		return
	}
	s.zoneNote.SetText("Your time zone: " + zoneName(s.sh.loc, s.sh.now()))
	// A Basic account has no cloud recording.
	opts := []string{recordLocalLabel, recordCloudLabel, recordNoneLabel}
	if basicAccount(st) {
		opts = []string{recordLocalLabel, recordNoneLabel}
		s.recordNote.SetText("Recording to the cloud needs a paid Zoom plan.")
		s.recordNote.Show()
		if s.record.Selected == recordCloudLabel {
			s.record.SetSelected(recordLocalLabel)
		}
	} else {
		s.recordNote.Hide()
	}
	s.record.Options = opts
	s.record.Refresh()
	s.scopes.Objects = nil
	if st.Agent.SchedulingNotAllowed {
		s.scopes.Objects = signInAgainRow(s.sh)
	}
	s.scopes.Refresh()
	if s.done != nil {
		return // the invitation stays
	}
	s.show(s.form)
}

// signInAgainRow says that the sign-in lacks the scheduling scopes, with
// the button that signs in again.
func signInAgainRow(sh *shell) []fyne.CanvasObject {
	btn := widget.NewButtonWithIcon("Sign in again to allow scheduling", theme.LoginIcon(), nil)
	btn.Importance = widget.HighImportance
	btn.OnTapped = func() { sh.signIn(btn) }
	return []fyne.CanvasObject{container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(theme.WarningIcon())), nil,
		text("Your Zoom sign-in does not allow Interview Tray to create, change or delete meetings.")),
		container.NewHBox(btn)}
}

// zoneName names loc for the form: its abbreviation at t, and its IANA
// name when it has one.
func zoneName(loc *time.Location, t time.Time) string {
	abbr, _ := t.In(loc).Zone()
	if n := loc.String(); n != "Local" && n != "" && n != abbr {
		return n + " (" + abbr + ")"
	}
	return abbr
}

// basicAccount says whether the user's Zoom account is Basic (free).
func basicAccount(st localapi.State) bool {
	return st.Snapshot != nil && st.Snapshot.User != nil && st.Snapshot.User.Type == model.UserBasic
}

func (s *scheduler) show(o fyne.CanvasObject) {
	if len(s.body.Objects) == 1 && s.body.Objects[0] == o {
		return
	}
	s.body.Objects = []fyne.CanvasObject{o}
	s.body.Refresh()
}

// request reads and checks the form: a name, a date and time to come, a
// duration from 1 minute to a day.
func (s *scheduler) request() (localapi.ScheduleRequest, error) {
	var r localapi.ScheduleRequest
	r.Candidate = strings.TrimSpace(s.name.Text)
	if r.Candidate == "" {
		return r, errors.New("enter the candidate's name")
	}
	start, n, err := parseWhen(s.date.Text, s.start.Text, s.minutes.Text, s.sh.loc, s.sh.now())
	if err != nil {
		return r, err
	}
	r.Start, r.DurationMinutes = start, n
	r.Role = strings.TrimSpace(s.role.Text)
	r.Agenda = strings.TrimSpace(s.agenda.Text)
	switch s.record.Selected {
	case recordCloudLabel:
		r.Record = "cloud"
	case recordNoneLabel:
		r.Record = "none"
	default:
		r.Record = "local"
	}
	if n := s.sh.loc.String(); n != "Local" && n != "" {
		if _, err := time.LoadLocation(n); err == nil {
			r.Timezone = n
		}
	}
	return r, nil
}

// parseWhen reads a date, a start time and minutes in loc: a start to
// come after now (UTC), and a duration from 1 minute to a day.
func parseWhen(date, start, minutes string, loc *time.Location, now time.Time) (time.Time, int, error) {
	t, err := time.ParseInLocation(dateLayout+" "+timeLayout, strings.TrimSpace(date)+" "+strings.TrimSpace(start), loc)
	if err != nil {
		return time.Time{}, 0, errors.New("enter the date as YYYY-MM-DD and the time as HH:MM (24-hour)")
	}
	if !t.After(now) {
		return time.Time{}, 0, fmt.Errorf("%s is in the past: choose a later time", t.Format("Monday 2 January 15:04"))
	}
	n, err := strconv.Atoi(strings.TrimSpace(minutes))
	if err != nil || n < 1 || n > maxMinutes {
		return time.Time{}, 0, fmt.Errorf("the duration must be from 1 to %d minutes", maxMinutes)
	}
	return t.UTC(), n, nil
}

func (s *scheduler) onCreate() {
	r, err := s.request()
	if err != nil {
		s.sh.say(sentence(err.Error())+".", widget.DangerImportance)
		return
	}
	if basicAccount(s.st) && r.DurationMinutes > basicMinutes {
		s.confirmBasic(fmt.Sprintf("Your Zoom account is Basic (free): Zoom ends its meetings after %d minutes, and this interview is planned for %d minutes.",
			basicMinutes, r.DurationMinutes), r)
		return
	}
	s.send(r)
}

// confirmBasic asks whether to create an interview Zoom will cut short.
func (s *scheduler) confirmBasic(warning string, r localapi.ScheduleRequest) {
	d := dialog.NewConfirm("Longer than Zoom allows", warning+"\n\nCreate it anyway?", func(ok bool) {
		if ok {
			r.Confirm = true
			s.send(r)
		}
	}, s.sh.win)
	d.SetConfirmText("Create anyway")
	d.SetDismissText("Change it")
	d.Show()
}

// send asks the agent to create the meeting.
func (s *scheduler) send(r localapi.ScheduleRequest) {
	var res localapi.Result
	s.sh.act(s.create, "Creating the Zoom meeting…", "Could not create the meeting", func(ctx context.Context) error {
		var err error
		res, err = s.sh.api.Do(ctx, localapi.Command{Name: localapi.CmdScheduleInterview, Schedule: &r})
		return err
	}, func(ok bool) {
		switch {
		case !ok:
		case res.Scheduled == nil:
			s.sh.say("The agent did not say what it created; look in the agenda.", widget.WarningImportance)
		case res.Scheduled.Confirm != "":
			s.confirmBasic(res.Scheduled.Confirm, r)
		default:
			s.showDone(res.Scheduled)
		}
	})
}

// showDone shows the invitation of the interview just created.
func (s *scheduler) showDone(sc *localapi.Scheduled) {
	s.done = sc
	s.sh.say("The interview is in your Zoom account and the agenda.", widget.SuccessImportance)
	s.show(invitationView(s.sh, "Interview scheduled", sc, func() {
		s.reset()
		s.sh.say("", widget.MediumImportance)
		s.show(s.form)
	}, s.sh.win.Close))
}

// invitationView shows an invitation with Copy invitation, Copy link and
// Save .ics, and what Zoom set up differently; again, if any, starts over,
// and done closes it.
func invitationView(sh *shell, title string, sc *localapi.Scheduled, again, done func()) fyne.CanvasObject {
	top := container.NewVBox(heading(title))
	if sc.Interview != nil {
		top.Add(bold(topicText(sc.Interview.Topic)))
	}
	if len(sc.Differences) > 0 {
		warn := container.NewVBox(text("Zoom set up the meeting differently from what was asked (your account's settings decide these):"))
		for _, d := range sc.Differences {
			l := text("• " + d)
			l.Importance = widget.WarningImportance
			warn.Add(l)
		}
		top.Add(container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.WarningIcon())), nil, warn))
	}
	inv := sc.Invitation
	if inv == nil {
		top.Add(text("The invitation could not be written; the meeting's link and passcode are in the agenda."))
		return container.NewBorder(top, container.NewHBox(layout.NewSpacer(), widget.NewButton("Close", done)), nil, nil)
	}
	top.Add(note("Send this to the candidate:"))
	body := text(inv.Text)
	body.Selectable = true
	copyInv := widget.NewButtonWithIcon("Copy invitation", theme.ContentCopyIcon(), func() { sh.copyText(inv.Text, "the invitation") })
	copyInv.Importance = widget.HighImportance
	copyLink := widget.NewButtonWithIcon("Copy link", theme.ContentCopyIcon(), func() { sh.copyText(inv.JoinURL, "the join link") })
	if inv.JoinURL == "" {
		copyLink.Disable()
	}
	save := widget.NewButtonWithIcon("Save .ics…", theme.DocumentSaveIcon(), func() { saveICSDialog(sh, inv) })
	if inv.ICS == "" {
		save.Disable()
	}
	buttons := container.NewHBox(copyInv, copyLink, save, layout.NewSpacer())
	if again != nil {
		buttons.Add(widget.NewButton("New interview", again))
	}
	buttons.Add(widget.NewButton("Close", done))
	return container.NewBorder(top, buttons, nil, nil, container.NewVScroll(body))
}

// icsName is the .ics file's suggested name.
func icsName(inv *localapi.Invitation) string {
	return "interview-" + strconv.FormatInt(inv.MeetingID, 10) + ".ics"
}

// saveICSDialog asks where to save the invitation's .ics.
func saveICSDialog(sh *shell, inv *localapi.Invitation) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) { writeICS(sh, inv, w, err) }, sh.win)
	d.SetFileName(icsName(inv))
	d.Show()
}

// writeICS writes the .ics where the user chose (w nil: cancelled).
func writeICS(sh *shell, inv *localapi.Invitation, w fyne.URIWriteCloser, err error) {
	if err != nil {
		sh.say("Could not save the .ics: "+err.Error(), widget.DangerImportance)
		return
	}
	if w == nil {
		return
	}
	_, err = io.WriteString(w, inv.ICS)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		sh.say("Could not save the .ics: "+err.Error(), widget.DangerImportance)
		return
	}
	sh.say("Saved "+w.URI().Name()+": attach it to your email to the candidate.", widget.SuccessImportance)
}
