package window

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
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
}

func newAgenda(sh *shell) screen {
	a := &agenda{sh: sh}
	a.showAll = widget.NewCheck("Show all meetings", func(bool) { a.rebuild() })
	a.list = container.NewVBox()
	a.syncLine = widget.NewLabel("")
	a.syncLine.Truncation = fyne.TextTruncateEllipsis
	a.syncBtn = widget.NewButtonWithIcon("Sync now", theme.ViewRefreshIcon(), nil)
	a.syncBtn.OnTapped = func() {
		sh.act(a.syncBtn, "Syncing with Zoom…", "Could not sync", sh.api.Refresh, nil)
	}
	a.problems = container.NewVBox()
	return a
}

func (a *agenda) object() fyne.CanvasObject {
	top := container.NewBorder(nil, nil, nil, a.showAll, heading("Upcoming interviews"))
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
	a.problems.Objects = a.sh.problemRows(a.st, meetingsync.ActionOpenAgenda)
	a.problems.Refresh()
}

// shown are the meetings the agenda lists now: not over, and interviews
// only unless all meetings are shown. hidden counts the others.
func (a *agenda) shown(now time.Time) (shown []meetingsync.Interview, hidden int) {
	if a.st.Snapshot == nil {
		return nil, 0
	}
	for _, iv := range a.st.Snapshot.Interviews {
		if iv.State == meetingsync.StateEnded || !iv.EndTime.After(now) {
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
	case st.Agent.SignIn.State == localapi.SignInWaiting:
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
	var day time.Time
	var rows *fyne.Container
	for _, iv := range shown {
		if d := dayStart(iv.StartTime, a.sh.loc); !d.Equal(day) || rows == nil {
			day = d
			rows = container.NewVBox()
			out = append(out, widget.NewCard(dayTitle(d, now, a.sh.loc), "", rows))
		} else {
			rows.Add(widget.NewSeparator())
		}
		rows.Add(a.row(iv, now))
	}
	return out
}

// row is one meeting: its times, topic, countdown and badges, and its
// buttons.
func (a *agenda) row(iv meetingsync.Interview, now time.Time) fyne.CanvasObject {
	loc := a.sh.loc
	start := bold(clock(iv.StartTime, loc))
	end := note(clock(iv.EndTime, loc))
	end.Wrapping = fyne.TextWrapOff

	topic := widget.NewLabel(topicText(iv.Topic))
	topic.Truncation = fyne.TextTruncateEllipsis
	if !iv.IsInterview {
		topic.Importance = widget.LowImportance
	}
	meta := container.NewHBox()
	if c := countdown(iv, now); c != "" {
		l := widget.NewLabel(c)
		if iv.State == meetingsync.StateInProgress || !now.Before(iv.StartTime) {
			l.Importance = widget.WarningImportance
		}
		meta.Add(l)
	}
	switch {
	case iv.HostedByMe:
		meta.Add(badge("You host it", widget.SuccessImportance))
	case iv.NeedsHostPermission:
		meta.Add(badge("Recording needs the host's permission", widget.WarningImportance))
	}
	if iv.Joined {
		meta.Add(badge("Joined", widget.LowImportance))
	}
	center := container.NewVBox(topic, meta)
	if a.showAll.Checked {
		center.Add(a.overrideCheck(iv))
	}

	join := widget.NewButtonWithIcon("Join", theme.MediaVideoIcon(), nil)
	join.OnTapped = func() {
		a.sh.act(join, "Opening the meeting in Zoom…", "Could not join", func(ctx context.Context) error {
			return a.sh.api.Join(ctx, iv.ID)
		}, nil)
	}
	if iv.State == meetingsync.StateInProgress || iv.StartTime.Sub(now) <= soon {
		join.Importance = widget.HighImportance
	}
	if iv.JoinURL == "" {
		join.Disable()
	}
	copyLabel, what := "Copy ID", "the meeting ID"
	if iv.Passcode != "" {
		copyLabel, what = "Copy ID + passcode", "the meeting ID and passcode"
	}
	copyBtn := widget.NewButtonWithIcon(copyLabel, theme.ContentCopyIcon(), func() {
		a.sh.copyText(meetingCopyText(iv), what)
	})
	copyBtn.Importance = widget.LowImportance
	// One width for every row's buttons, so that they line up.
	right := fixedWidth(buttonColumn, container.NewVBox(join, copyBtn))
	return container.NewBorder(nil, nil, container.NewVBox(start, end), right, center)
}

// overrideCheck makes a meeting an interview or not, whatever the rules
// say.
func (a *agenda) overrideCheck(iv meetingsync.Interview) *widget.Check {
	c := widget.NewCheck("Interview", nil)
	c.Checked = iv.IsInterview
	c.OnChanged = func(on bool) {
		mode := string(meetingsync.OverrideExclude)
		if on {
			mode = string(meetingsync.OverrideInclude)
		}
		c.Disable()
		a.sh.act(nil, "Saving…", "Could not change the meeting", func(ctx context.Context) error {
			return a.sh.api.SetOverride(ctx, iv.ID, mode)
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
		return "Offline — showing what was known at " + clock(h.LastSync, loc)
	case h.Offline:
		return "Offline — Zoom cannot be reached"
	case h.RateLimited && !h.RetryAt.IsZero():
		return "Zoom asked to slow down; syncing again at " + clock(h.RetryAt, loc)
	case h.RateLimited:
		return "Zoom asked to slow down; syncing again soon"
	case h.LastSync.IsZero():
		return "Syncing with Zoom…"
	}
	return "Up to date with Zoom · last sync " + clock(h.LastSync, loc) + " (" + since(h.LastSync, now) + ")"
}
