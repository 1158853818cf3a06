package window

import (
	"cmp"
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
	"github.com/interviewtray/interviewtray/ui/view"
)

// buttonColumn is the width of the agenda's Join and Copy column: the
// widest label, "Copy ID + passcode", with its icon.
const buttonColumn = 176

// soon is how close an interview's start must be for its Join button to
// stand out.
const soon = 15 * time.Minute

// agenda lists the coming interviews by day, with Join and Copy buttons.
// Other meetings show on request, each with an "Interview" box that
// includes or excludes it.
type agenda struct {
	sh *shell
	st localapi.State

	showAll  *widget.Check
	list     *fyne.Container
	syncLine *widget.Label
	syncBtn  *widget.Button
	problems *fyne.Container
	// problemsOpen says whether the user opened the list of problems
	// (more than one show as a single line until then).
	problemsOpen bool
}

func newAgenda(sh *shell) screen {
	a := &agenda{sh: sh}
	a.showAll = widget.NewCheck("Show all meetings", func(bool) { a.rebuild() })
	a.list = container.NewVBox()
	a.syncLine = widget.NewLabel("")
	a.syncLine.Truncation = fyne.TextTruncateEllipsis
	a.syncBtn = widget.NewButtonWithIcon("Sync now", theme.ViewRefreshIcon(), nil)
	a.syncBtn.OnTapped = func() {
		sh.act(a.syncBtn, "Syncing with Zoom…", "Could not sync", send(sh.api, localapi.Command{Name: localapi.CmdRefresh}), nil)
	}
	a.problems = container.NewVBox()
	return a
}

func (a *agenda) object() fyne.CanvasObject {
	top := container.NewBorder(nil, nil, nil, container.NewHBox(a.newInterviewButton(), a.showAll), heading("Upcoming interviews"))
	bottom := container.NewVBox(
		widget.NewSeparator(),
		a.problems,
		container.NewBorder(nil, nil, nil, a.syncBtn, a.syncLine),
	)
	return container.NewBorder(top, bottom, nil, nil, container.NewVScroll(a.list))
}

func (a *agenda) render(st localapi.State) {
	a.st = st
	a.rebuild()
}

func (a *agenda) tick() { a.rebuild() }

// rebuild redraws the list and the footer from the last state and the
// clock. The scroll position stays.
func (a *agenda) rebuild() {
	now := a.sh.now()
	a.list.Objects = a.rows(now)
	a.list.Refresh()
	a.syncLine.SetText(syncText(a.st, now, a.sh.loc))
	a.syncBtn.Disable()
	if signedIn(a.st) && a.sh.running == 0 {
		a.syncBtn.Enable()
	}
	a.renderProblems()
}

// problemsHeight is the most the open list of problems takes; it scrolls
// beyond.
const problemsHeight = 150

// renderProblems shows one problem as it is, and several as one line
// with "Show N problems", which opens them in a short scrolling list.
func (a *agenda) renderProblems() {
	rows := a.sh.problemRows(a.st, model.ActionOpenAgenda)
	switch {
	case len(rows) <= 1:
		a.problems.Objects = rows
	case !a.problemsOpen:
		show := widget.NewButton(fmt.Sprintf("Show %d problems", len(rows)), func() {
			a.problemsOpen = true
			a.renderProblems()
		})
		line := widget.NewLabel(fmt.Sprintf("%d things need your attention", len(rows)))
		line.Truncation = fyne.TextTruncateEllipsis
		a.problems.Objects = []fyne.CanvasObject{container.NewBorder(nil, nil,
			container.NewCenter(widget.NewIcon(theme.WarningIcon())), show, line)}
	default:
		hide := widget.NewButton("Hide problems", func() {
			a.problemsOpen = false
			a.renderProblems()
		})
		hide.Importance = widget.LowImportance
		list := container.NewVScroll(container.NewVBox(rows...))
		list.SetMinSize(fyne.NewSize(0, min(problemsHeight, container.NewVBox(rows...).MinSize().Height)))
		a.problems.Objects = []fyne.CanvasObject{list, container.NewHBox(layout.NewSpacer(), hide)}
	}
	a.problems.Refresh()
}

// shown are the meetings the agenda lists now: not over, and interviews
// only unless all meetings are shown. hidden counts the others.
func (a *agenda) shown(now time.Time) (shown []model.Interview, hidden int) {
	if a.st.Snapshot == nil {
		return nil, 0
	}
	for _, iv := range a.st.Snapshot.Interviews {
		if iv.State == model.StateEnded || !iv.EndTime.After(now) {
			continue
		}
		if !iv.IsInterview && !a.showAll.Checked {
			hidden++
			continue
		}
		shown = append(shown, iv)
	}
	return shown, hidden
}

func (a *agenda) rows(now time.Time) []fyne.CanvasObject {
	st := a.st
	switch {
	case st.View.SigningIn:
		return []fyne.CanvasObject{emptyState("Finish signing in with Zoom in your browser", st.Agent.SignIn.Message)}
	case !signedIn(st):
		btn := widget.NewButtonWithIcon("Sign in with Zoom", theme.LoginIcon(), nil)
		btn.Importance = widget.HighImportance
		btn.OnTapped = func() { a.sh.signIn(btn) }
		return []fyne.CanvasObject{emptyState("Sign in to see your interviews",
			"Interview Tray shows your upcoming Zoom interviews here, each with a Join button.", btn)}
	case st.Snapshot == nil:
		return []fyne.CanvasObject{emptyState("Syncing with Zoom…", "")}
	}
	shown, hidden := a.shown(now)
	if len(shown) == 0 {
		detail := "Interviews you host or are invited to in Zoom show up here."
		if hidden > 0 {
			detail = fmt.Sprintf("%d other %s. Tick \"Show all meetings\" to choose, or change the interview rules in Settings.",
				hidden, plural(hidden, "meeting does not look like an interview", "meetings do not look like interviews"))
		}
		return []fyne.CanvasObject{emptyState("No interviews in the next days", detail)}
	}
	var out []fyne.CanvasObject
	// A warning every interview shares (the Zoom app missing) comes once,
	// above the days.
	for _, iv := range shown {
		if lines := a.sh.readinessRows(a.st, readinessOf(a.st, model.OccurrenceKey(iv)), iv.ID, sharedLines); len(lines) > 0 {
			out = append(out, container.NewVBox(lines...))
			break
		}
	}
	var day time.Time
	var rows *fyne.Container
	for _, iv := range shown {
		if d := view.DayStart(iv.StartTime, a.sh.loc); !d.Equal(day) || rows == nil {
			day = d
			rows = container.NewVBox()
			out = append(out, widget.NewCard(view.DayTitle(d, now, a.sh.loc), "", rows))
		} else {
			rows.Add(widget.NewSeparator())
		}
		rows.Add(a.row(iv, now))
	}
	return out
}

// row is one meeting: its times, topic, countdown and host, and its
// buttons. Every row has the same layout, countdown or not; tapping it
// opens the details (the whole topic, the host, the passcode).
func (a *agenda) row(iv model.Interview, now time.Time) fyne.CanvasObject {
	topic := widget.NewLabel(topicText(iv.Topic))
	topic.Truncation = fyne.TextTruncateEllipsis
	if !iv.IsInterview {
		topic.Importance = widget.LowImportance
	}
	c := widget.NewLabel(view.Countdown(iv, now))
	if iv.State == model.StateInProgress || !now.Before(iv.StartTime) {
		c.Importance = widget.WarningImportance
	}
	chips := container.NewHBox(fixedWidth(countdownColumn(), c))
	if chip := hostChip(iv); chip != nil {
		chips.Add(chip)
	}
	if iv.Joined {
		chips.Add(badge("Joined", widget.MediumImportance))
	}
	if iv.Source == model.SourceCalendar {
		// Only the calendar knows it (Zoom does not list it).
		chips.Add(badge("Calendar", widget.LowImportance))
	}
	center := container.NewVBox(topic, chips)
	if o := organizerName(iv); o != "" {
		// On a line of its own: next to the chips it would be cut short.
		org := note("Organised by " + o)
		org.Wrapping = fyne.TextWrapOff
		org.Truncation = fyne.TextTruncateEllipsis
		center.Add(org)
	}
	if a.showAll.Checked {
		center.Add(a.overrideCheck(iv))
	}
	times := fixedWidth(timeColumn, container.NewVBox(timeRange(iv, a.sh.loc), note(view.Duration(iv.EndTime.Sub(iv.StartTime)))))
	body := newTapArea(container.NewBorder(nil, nil, times, nil, center), func() { a.showDetails(iv) })

	// One width for every row's buttons, so that they line up; a calendar
	// event without a Zoom link has none.
	right := fixedWidth(buttonColumn, container.NewVBox(a.buttons(iv, now)...))
	main := container.NewBorder(nil, nil, nil, right, body)
	// What to fix before this interview's start (overlaps, the plan, disk
	// space, the host's permission), across the row below it, after the
	// time column: in the topic's column alone a line would wrap into a
	// tall narrow block.
	lines := a.sh.readinessRows(a.st, readinessOf(a.st, model.OccurrenceKey(iv)), iv.ID, agendaLines)
	if len(lines) == 0 {
		return main
	}
	return container.NewVBox(main, container.NewBorder(nil, nil, fixedWidth(timeColumn, layout.NewSpacer()), nil, container.NewVBox(lines...)))
}

// timeColumn is the width of the agenda's time column: "10:30 – 11:15".
const timeColumn = 124

// countdownColumn is the width of a row's countdown before the start, the
// longest being "in 23 h 59 min", so that the host's chip after it stays
// put (a running meeting's "started 1 h 5 min ago" may push it).
func countdownColumn() float32 {
	return fyne.MeasureText("in 23 h 59 min", theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
}

// timeRange is "10:30 – 11:15", the start in bold.
func timeRange(iv model.Interview, loc *time.Location) *widget.RichText {
	r := widget.NewRichText(
		&widget.TextSegment{Text: view.Clock(iv.StartTime, loc), Style: widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}}},
		&widget.TextSegment{Text: " – " + view.Clock(iv.EndTime, loc), Style: widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePlaceHolder}},
	)
	return r
}

// hostChip says who hosts the meeting: the user, or someone else (whose
// permission a recording to the computer needs); nil while Zoom has not
// said.
func hostChip(iv model.Interview) fyne.CanvasObject {
	switch {
	case iv.HostedByMe:
		return badge("You host it", widget.SuccessImportance)
	case iv.NeedsHostPermission:
		return badge("Someone else hosts it", widget.WarningImportance)
	case iv.HostKnown:
		return badge("Someone else hosts it", widget.MediumImportance)
	}
	return nil
}

// organizerName is who organised a meeting the user does not host, from
// the calendar: the name, else the address; "" when the user hosts it or
// no calendar said.
func organizerName(iv model.Interview) string {
	if iv.HostedByMe || iv.Organizer == nil {
		return ""
	}
	return cmp.Or(iv.Organizer.Name, iv.Organizer.Email)
}

// hostText says in a sentence who hosts the meeting and, from the
// calendar, who organised it.
func hostText(iv model.Interview) string {
	var out string
	switch {
	case iv.HostedByMe:
		return "You host this meeting."
	case iv.NeedsHostPermission && iv.HostEmail != "":
		out = iv.HostEmail + " hosts this meeting: to record it to your computer, ask the host for permission in the meeting."
	case iv.NeedsHostPermission:
		out = "Someone else hosts this meeting: to record it to your computer, ask the host for permission in the meeting."
	case iv.HostKnown && iv.HostEmail != "":
		out = iv.HostEmail + " hosts this meeting."
	case iv.HostKnown:
		out = "Someone else hosts this meeting."
	case iv.JoinURL == "" && iv.ID <= 0:
		out = "Not a Zoom meeting: the calendar event has no Zoom link."
	default:
		out = "Zoom has not said yet who hosts this meeting."
	}
	if iv.Organizer != nil && (iv.Organizer.Name != "" || iv.Organizer.Email != "") {
		out = "Organised by " + iv.Organizer.String() + ". " + out
	}
	return out
}

// sourceText says where the meeting was found.
func sourceText(iv model.Interview) string {
	cal := "your calendar"
	if iv.Calendar != "" {
		cal = "your calendar " + quoted(iv.Calendar)
	}
	switch iv.Source {
	case model.SourceCalendar:
		return "Only in " + cal + "; Zoom does not list it for you."
	case model.SourceZoomCalendar:
		return "Zoom and " + cal + "."
	}
	return ""
}

// buttons are a row's Join and Copy buttons: Join for a meeting with a
// link, Copy for one with a Zoom meeting ID.
func (a *agenda) buttons(iv model.Interview, now time.Time) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	if iv.JoinURL != "" {
		out = append(out, a.joinButton(iv, now))
	}
	if iv.ID > 0 {
		out = append(out, a.copyButton(iv))
	}
	return out
}

func (a *agenda) joinButton(iv model.Interview, now time.Time) *widget.Button {
	join := widget.NewButtonWithIcon("Join", theme.MediaVideoIcon(), nil)
	join.OnTapped = func() {
		a.sh.act(join, "Opening the meeting in Zoom…", "Could not join", func(ctx context.Context) error {
			return do(ctx, a.sh.api, localapi.Command{Name: localapi.CmdJoin, MeetingID: iv.ID})
		}, nil)
	}
	if iv.State == model.StateInProgress || iv.StartTime.Sub(now) <= soon {
		join.Importance = widget.HighImportance
	}
	return join
}

func (a *agenda) copyButton(iv model.Interview) *widget.Button {
	copyLabel, what := "Copy ID", "the meeting ID"
	if iv.Passcode != "" {
		copyLabel, what = "Copy ID + passcode", "the meeting ID and passcode"
	}
	b := widget.NewButtonWithIcon(copyLabel, theme.ContentCopyIcon(), func() {
		a.sh.copyText(view.MeetingCopyText(iv), what)
	})
	b.Importance = widget.LowImportance
	return b
}

// showDetails shows everything about a meeting in a dialog: the whole
// topic, when, who hosts it, the meeting ID and passcode.
func (a *agenda) showDetails(iv model.Interview) {
	loc, now := a.sh.loc, a.sh.now()
	when := view.DayTitle(view.DayStart(iv.StartTime, loc), now, loc) + " · " + view.Clock(iv.StartTime, loc) + " – " + view.Clock(iv.EndTime, loc) +
		" (" + view.Duration(iv.EndTime.Sub(iv.StartTime)) + ")"
	if c := view.Countdown(iv, now); c != "" {
		when += " · " + c
	}
	topic := heading(topicText(iv.Topic))
	topic.Selectable = true
	form := widget.NewForm(
		widget.NewFormItem("When", text(when)),
		widget.NewFormItem("Host", text(hostText(iv))),
	)
	if src := sourceText(iv); src != "" {
		form.Append("Found in", text(src))
	}
	if iv.ID > 0 {
		form.Append("Meeting ID", text(view.GroupID(iv.ID)))
	}
	if iv.Passcode != "" {
		pass := text(iv.Passcode)
		pass.Selectable = true
		form.Append("Passcode", pass)
	}
	if iv.Joined {
		form.Append("", text("You joined it from "+appName+"."))
	}
	if !iv.IsInterview {
		form.Append("", text("Not an interview by your rules: no reminders and no recordings for it."))
	}
	buttons := container.NewHBox(a.buttons(iv, now)...)
	if iv.NeedsHostPermission && !iv.HostedByMe {
		ask := widget.NewButtonWithIcon("Copy request", theme.ContentCopyIcon(), func() {
			a.sh.copyHostRequest(a.st, iv)
		})
		ask.Importance = widget.LowImportance
		buttons.Add(ask)
	}
	var d dialog.Dialog
	buttons.Objects = append(buttons.Objects, a.changeButtons(iv, now, func() { d.Hide() })...)
	d = dialog.NewCustom("Meeting details", "Close", container.NewVBox(topic, form, buttons), a.sh.win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

// overrideCheck makes a meeting an interview or not, whatever the rules
// say.
func (a *agenda) overrideCheck(iv model.Interview) *widget.Check {
	c := widget.NewCheck("Interview", nil)
	c.Checked = iv.IsInterview
	c.OnChanged = func(on bool) {
		mode := string(model.OverrideExclude)
		if on {
			mode = string(model.OverrideInclude)
		}
		c.Disable()
		a.sh.act(nil, "Saving…", "Could not change the meeting", func(ctx context.Context) error {
			return do(ctx, a.sh.api, localapi.Command{Name: localapi.CmdOverride, MeetingID: iv.ID, Mode: mode})
		}, func(ok bool) {
			if !ok {
				a.rebuild() // back to what the agent says
			}
		})
	}
	return c
}

// topicText is a topic, or a stand-in for a meeting without one.
func topicText(t string) string {
	if t == "" {
		return "(no topic)"
	}
	return t
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// syncText says how fresh the agenda is.
func syncText(st localapi.State, now time.Time, loc *time.Location) string {
	if !signedIn(st) {
		return "Not signed in to Zoom"
	}
	if st.Snapshot == nil {
		return "Syncing with Zoom…"
	}
	h := st.Snapshot.Health
	switch {
	case h.Offline && !h.LastSync.IsZero():
		return "Offline — showing what was known at " + view.Clock(h.LastSync, loc)
	case h.Offline:
		return "Offline — Zoom cannot be reached"
	case h.RateLimited && !h.RetryAt.IsZero():
		return "Zoom asked to slow down; syncing again at " + view.Clock(h.RetryAt, loc)
	case h.RateLimited:
		return "Zoom asked to slow down; syncing again soon"
	case h.LastSync.IsZero():
		return "Syncing with Zoom…"
	}
	return "Up to date with Zoom · last sync " + view.Clock(h.LastSync, loc) + " (" + view.Since(h.LastSync, now) + ")"
}
