package window

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
	"github.com/interviewtray/interviewtray/ui/view"
)

// NameAlert is the full-screen start alert (the agent opens it).
const NameAlert = localapi.WindowAlert

// alertScreen is the full-screen start alert: what starts when, who hosts,
// the readiness lines and big buttons (Join on Enter, Dismiss on Esc). It
// shows the first reminder model.AlertReminder picks and closes
// itself once none is left (joined, snoozed, dismissed, over).
type alertScreen struct {
	sh  *shell
	box *fyne.Container
	// shown says whether a reminder was on screen: only then does an empty
	// state close the window.
	shown bool
	// rem is the reminder on screen; st the last state, drawn again at
	// each minute boundary.
	rem model.Reminder
	st  localapi.State
	// busy is set while a button's command runs: keys do nothing then.
	busy bool
}

func newAlert(sh *shell) screen {
	a := &alertScreen{sh: sh, box: container.NewVBox()}
	// Full screen on the monitor the window manager put it on (the one
	// with the pointer, on most), above the other windows.
	if dw, ok := sh.win.(desktop.Window); ok {
		dw.RequestAlwaysOnTop()
	}
	sh.win.SetFullScreen(true)
	sh.win.Canvas().SetOnTypedKey(a.onKey)
	return a
}

func (a *alertScreen) object() fyne.CanvasObject {
	return container.NewCenter(container.NewPadded(fixedWidth(720, a.box)))
}

func (a *alertScreen) tick() { a.draw() }

func (a *alertScreen) render(st localapi.State) {
	a.st = st
	a.draw()
}

// onKey: Enter joins, Esc dismisses.
func (a *alertScreen) onKey(ev *fyne.KeyEvent) {
	if !a.shown || a.busy {
		return
	}
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if a.rem.JoinURL != "" {
			a.join()
		}
	case fyne.KeyEscape:
		a.dismiss()
	}
}

func (a *alertScreen) draw() {
	st, sh := a.st, a.sh
	var rs []model.Reminder
	if st.Snapshot != nil {
		rs = st.Snapshot.Reminders
	}
	rem, ok := model.AlertReminder(rs, st.Settings)
	if !ok {
		if a.shown {
			sh.win.Close()
			return
		}
		closeBtn := widget.NewButton("Close", sh.win.Close)
		a.box.Objects = []fyne.CanvasObject{emptyState("No interview is starting", "The alert shows here when an interview starts.", closeBtn)}
		a.box.Refresh()
		return
	}
	if !a.shown || rem.Key != a.rem.Key {
		sh.raise()
	}
	a.shown, a.rem = true, rem
	now := sh.now()

	topic := view.ReminderTopic(rem, st.Settings.HideNames)
	title := widget.NewRichText(&widget.TextSegment{Text: topic, Style: widget.RichTextStyle{
		Alignment: fyne.TextAlignCenter, SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true},
	}})
	title.Wrapping = fyne.TextWrapWord
	// "Starts at 10:30 · in 2 min", "Starts at 10:30 · starting now", then
	// "Started at 10:30 · 3 min ago".
	when := "Starts at " + view.Clock(rem.StartTime, sh.loc) + " · " + view.StartsIn(rem.StartTime, now)
	if now.Sub(rem.StartTime) >= time.Minute {
		when = "Started at " + view.Clock(rem.StartTime, sh.loc) + " · " + strings.TrimPrefix(view.StartsIn(rem.StartTime, now), "started ")
	}
	whenText := widget.NewLabelWithStyle(when, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	whenText.SizeName = theme.SizeNameSubHeadingText

	icon := canvas.NewImageFromResource(appIcon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(72, 72))

	objs := []fyne.CanvasObject{icon, title, whenText}
	if iv, ok := reminded(st, rem); ok {
		if o := organizerName(iv); o != "" && !iv.HostedByMe {
			objs = append(objs, noteAligned("Organised by "+o, fyne.TextAlignCenter))
		}
	}
	if rows := sh.readinessRows(st, readinessOf(st, model.ReminderOccurrence(rem.Key)), rem.MeetingID, allLines); len(rows) > 0 {
		objs = append(objs, widget.NewSeparator())
		objs = append(objs, rows...)
		objs = append(objs, widget.NewSeparator())
	}
	objs = append(objs, layout.NewSpacer(), a.buttons(rem, now))
	a.box.Objects = objs
	a.box.Refresh()
}

// buttons are Join (the default), the snoozes and Dismiss.
func (a *alertScreen) buttons(rem model.Reminder, now time.Time) fyne.CanvasObject {
	var rows []fyne.CanvasObject
	if rem.JoinURL != "" {
		join := widget.NewButtonWithIcon("Join (Enter)", theme.MediaVideoIcon(), a.join)
		join.Importance = widget.HighImportance
		rows = append(rows, container.NewGridWrap(fyne.NewSize(720, 64), join))
	}
	snoozes := []fyne.CanvasObject{widget.NewLabel("Snooze:")}
	for _, m := range a.st.Settings.SnoozeChoices() {
		snoozes = append(snoozes, a.snoozeButton(fmt.Sprintf("%d min", m), m))
	}
	if model.SnoozeUntilStart(rem.StartTime, now) {
		snoozes = append(snoozes, a.snoozeButton("Until it starts", 0))
	}
	dismiss := widget.NewButtonWithIcon("Dismiss (Esc)", theme.CancelIcon(), a.dismiss)
	rows = append(rows, container.NewCenter(container.NewHBox(snoozes...)), container.NewCenter(fixedWidth(240, dismiss)))
	return container.NewVBox(rows...)
}

func (a *alertScreen) snoozeButton(label string, minutes int) *widget.Button {
	btn := widget.NewButtonWithIcon(label, theme.HistoryIcon(), nil)
	btn.OnTapped = func() {
		a.run(btn, "Snoozing…", "Could not snooze", localapi.Command{Name: localapi.CmdAlertSnooze, Key: a.rem.Key, Minutes: minutes})
	}
	return btn
}

func (a *alertScreen) join() {
	a.run(nil, "Opening the meeting in Zoom…", "Could not join", localapi.Command{Name: localapi.CmdJoin, MeetingID: a.rem.MeetingID})
}

func (a *alertScreen) dismiss() {
	a.run(nil, "Dismissing…", "Could not dismiss", localapi.Command{Name: localapi.CmdAlertDismiss, Key: a.rem.Key})
}

// run sends cmd to the agent and closes the alert when it succeeded.
func (a *alertScreen) run(btn *widget.Button, doing, failed string, cmd localapi.Command) {
	a.busy = true
	a.sh.act(btn, doing, failed, func(ctx context.Context) error {
		_, err := a.sh.api.Do(ctx, cmd)
		return err
	}, func(ok bool) {
		a.busy = false
		if ok {
			a.sh.win.Close()
		}
	})
}
