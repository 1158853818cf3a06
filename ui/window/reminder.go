package window

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
	"github.com/interviewtray/interviewtray/ui/view"
)

// reminderPopup is the small reminder window. One process shows every
// active reminder (the agent starts at most one), so two never stack; it
// closes itself once none is left (joined, snoozed, dismissed or over).
type reminderPopup struct {
	sh   *shell
	list *fyne.Container
	// shown says whether a reminder was on screen: only then does an empty
	// list close the window (opened by hand, it says there is none).
	shown bool
	// keys are the reminders seen so far; a new one asks for attention.
	keys map[string]bool
	// st is the last state, drawn again at each minute boundary.
	st localapi.State
}

func newReminder(sh *shell) screen {
	return &reminderPopup{sh: sh, list: container.NewVBox(), keys: map[string]bool{}}
}

func (r *reminderPopup) object() fyne.CanvasObject { return r.list }

// tick counts down: "in 9 min", "starting now", "started 3 min ago".
func (r *reminderPopup) tick() { r.draw(r.st) }

func (r *reminderPopup) render(st localapi.State) {
	r.st = st
	r.draw(st)
}

func (r *reminderPopup) draw(st localapi.State) {
	var rs []model.Reminder
	if st.Snapshot != nil {
		rs = st.Snapshot.Reminders
	}
	if len(rs) == 0 {
		if r.shown {
			r.sh.win.Close()
			return
		}
		closeBtn := widget.NewButton("Close", r.sh.win.Close)
		r.list.Objects = []fyne.CanvasObject{emptyState("No reminders right now", "Reminders show here before your interviews.", closeBtn)}
		r.list.Refresh()
		return
	}
	r.shown = true
	fresh := false
	for _, rem := range rs {
		if r.keys[rem.Key] {
			continue
		}
		r.keys[rem.Key], fresh = true, true
	}
	if fresh {
		// The agent opens at most one popup: a reminder that comes while
		// it is open raises it instead.
		r.sh.win.RequestFocus()
	}
	snoozes := st.Settings.SnoozeChoices()
	r.list.Objects = r.list.Objects[:0]
	for i, rem := range rs {
		if i > 0 {
			r.list.Add(widget.NewSeparator())
		}
		r.list.Add(r.row(rem, st.View.HideNames, snoozes))
	}
	r.list.Refresh()
	r.fit()
}

// fit makes the window as tall as its reminders need: a window grows to
// its content by itself but never shrinks, so once one of two reminders
// went, the popup would keep a tall empty space below the other.
func (r *reminderPopup) fit() {
	c := r.sh.win.Content()
	if c == nil {
		return
	}
	size, want := r.sh.win.Canvas().Size(), c.MinSize().Height
	if size.Height > want+1 {
		r.sh.win.Resize(fyne.NewSize(size.Width, want))
	}
}

// row is one reminder: what and when, Join now, Dismiss, and the snoozes
// (the lengths in snoozes, in minutes, and "until it starts" while the
// interview is at least a minute away).
func (r *reminderPopup) row(rem model.Reminder, hideNames bool, snoozes []int) fyne.CanvasObject {
	sh := r.sh
	headline := heading(view.ReminderHeadline(rem, hideNames, sh.now()))
	when := "Starts at " + view.Clock(rem.StartTime, sh.loc)
	if !sh.now().Before(rem.StartTime) {
		when = "Started at " + view.Clock(rem.StartTime, sh.loc)
	}
	if rem.Snoozed {
		when += " · snoozed"
	}
	if iv, ok := reminded(r.st, rem); ok {
		if o := organizerName(iv); o != "" {
			when += " · organised by " + o
		}
	}
	join := widget.NewButtonWithIcon("Join now", theme.MediaVideoIcon(), nil)
	join.Importance = widget.HighImportance
	join.OnTapped = func() {
		sh.act(join, "Opening the meeting in Zoom…", "Could not join", func(ctx context.Context) error {
			return do(ctx, sh.api, localapi.Command{Name: localapi.CmdJoin, MeetingID: rem.MeetingID})
		}, nil)
	}
	snoozeRow := container.NewHBox(widget.NewLabel("Snooze:"))
	snooze := func(label string, cmd localapi.Command) {
		btn := widget.NewButton(label, nil)
		btn.OnTapped = func() {
			sh.act(btn, "Snoozing…", "Could not snooze", func(ctx context.Context) error {
				return do(ctx, sh.api, cmd)
			}, nil)
		}
		snoozeRow.Add(btn)
	}
	for _, m := range snoozes {
		snooze(fmt.Sprintf("%d min", m), localapi.Command{Name: localapi.CmdSnooze, Key: rem.Key, Minutes: m})
	}
	if model.SnoozeUntilStart(rem.StartTime, sh.now()) {
		snooze("Until it starts", localapi.Command{Name: localapi.CmdSnooze, Key: rem.Key, Mode: localapi.SnoozeUntilStart})
	}
	dismiss := widget.NewButtonWithIcon("Dismiss", theme.CancelIcon(), nil)
	dismiss.Importance = widget.LowImportance
	dismiss.OnTapped = func() {
		sh.act(dismiss, "Dismissing…", "Could not dismiss", func(ctx context.Context) error {
			return do(ctx, sh.api, localapi.Command{Name: localapi.CmdDismiss, Key: rem.Key})
		}, nil)
	}
	// A calendar event without a Zoom link has nothing to join.
	buttons := container.NewHBox(dismiss)
	if rem.JoinURL != "" {
		buttons.Objects = append([]fyne.CanvasObject{join}, buttons.Objects...)
	}
	icon := canvas.NewImageFromResource(appIcon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(48, 48))
	body := container.NewVBox(headline, note(when))
	for _, row := range sh.readinessRows(r.st, readinessOf(r.st, model.ReminderOccurrence(rem.Key)), rem.MeetingID, reminderLines) {
		body.Add(row)
	}
	body.Add(buttons)
	body.Add(snoozeRow)
	return container.NewPadded(container.NewBorder(nil, nil, container.NewVBox(icon), nil, body))
}

// reminded is the interview a reminder is for, when the snapshot has it.
func reminded(st localapi.State, rem model.Reminder) (model.Interview, bool) {
	if st.Snapshot == nil {
		return model.Interview{}, false
	}
	for _, iv := range st.Snapshot.Interviews {
		if iv.ID == rem.MeetingID && iv.StartTime.Equal(rem.StartTime) {
			return iv, true
		}
	}
	return model.Interview{}, false
}
