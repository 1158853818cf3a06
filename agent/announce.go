package agent

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/ui/tray"
	"github.com/interviewtray/interviewtray/ui/view"
)

// noteCommands are what a notification's buttons do: the command of each
// button key, and of "default" (a click on the notification itself).
type noteCommands map[string]localapi.Command

// notifyTimeout bounds one notification.
const notifyTimeout = 5 * time.Second

// announce shows the engine's events: reminders as notifications (and the
// reminder window), recordings as notifications. The engine delivers each
// event once.
func (a *Agent) announce(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-a.engine.Events():
			if !ok {
				return
			}
			a.log.Info("event", "event", ev.String())
			note, target, ok := a.notification(ev)
			if !ok {
				continue
			}
			if ev.Kind == meetingsync.EventReminder && !a.alert(ctx, ev.Reminder) && a.engine.Settings().Popup {
				a.popUp(ctx, ev.Reminder)
			}
			if a.notifier == nil || a.alertShows(ev.Reminder) {
				continue
			}
			a.mu.Lock()
			a.notes[note.Key] = target
			a.mu.Unlock()
			nctx, cancel := context.WithTimeout(ctx, notifyTimeout)
			if err := a.notifier.Notify(nctx, note); err != nil {
				a.log.Warn("notification failed", "err", err)
			}
			cancel()
		}
	}
}

// popupWaitsUntil: while the onboarding wizard is on screen, a reminder's
// popup waits for it to close (the notification shows at once), unless
// the interview starts within this long.
const popupWaitsUntil = 2 * time.Minute

// wizardPoll is how often a waiting popup looks whether the wizard closed.
const wizardPoll = 2 * time.Second

// windowWatcher is a Desktop that knows which of its windows are open.
type windowWatcher interface {
	WindowOpen(name string) bool
}

// wizardOpen reports whether the onboarding wizard's window is open. A
// desktop that cannot tell never holds a popup back.
func (a *Agent) wizardOpen() bool {
	w, ok := a.desk.(windowWatcher)
	return ok && w.WindowOpen(localapi.WindowWizard)
}

// popUp opens the reminder window for r, or, while the wizard is on
// screen and the interview is more than popupWaitsUntil away, once the
// wizard closed (if a reminder is still shown then): a popup in front of
// the wizard in the middle of the sign-in is in the way, and the
// notification has told the user already. Without notifications the popup
// is the reminder, and never waits.
func (a *Agent) popUp(ctx context.Context, r *meetingsync.Reminder) {
	if r != nil && a.notifier != nil && a.wizardOpen() && r.StartTime.Sub(a.opts.Now()) > popupWaitsUntil {
		a.mu.Lock()
		waiting := a.popupWaiting
		a.popupWaiting = true
		a.mu.Unlock()
		if !waiting {
			a.log.Info("the reminder window waits for the wizard to close")
			go a.popUpAfterWizard(ctx)
		}
		return
	}
	if err := a.desk.StartWindow(localapi.WindowReminder); err != nil {
		a.log.Warn("could not open the reminder window", "err", err)
	}
}

// popUpAfterWizard opens the reminder window once the wizard closed, if a
// reminder is still shown.
func (a *Agent) popUpAfterWizard(ctx context.Context) {
	defer func() {
		a.mu.Lock()
		a.popupWaiting = false
		a.mu.Unlock()
	}()
	tick := time.NewTicker(wizardPoll)
	defer tick.Stop()
	for a.wizardOpen() {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
	if snap := a.engine.Snapshot(); len(snap.Reminders) == 0 {
		return
	}
	if err := a.desk.StartWindow(localapi.WindowReminder); err != nil {
		a.log.Warn("could not open the reminder window", "err", err)
	}
}

// notification turns an event into a notification.
func (a *Agent) notification(ev meetingsync.Event) (tray.Notification, noteCommands, bool) {
	hide := a.engine.Settings().HideNames
	switch {
	case ev.Kind == meetingsync.EventReminder && ev.Reminder != nil:
		r := ev.Reminder
		body := "Starts at " + r.StartTime.In(a.opts.Location).Format("15:04")
		if r.Kind != meetingsync.ReminderBefore {
			body = "Started at " + r.StartTime.In(a.opts.Location).Format("15:04")
		}
		n := tray.Notification{
			// One notification per meeting: a later reminder replaces it.
			Key:     "meeting:" + strconv.FormatInt(r.MeetingID, 10),
			Title:   r.Headline(hide),
			Body:    body,
			Lines:   a.reminderNote(r),
			Urgent:  r.Kind != meetingsync.ReminderBefore,
			Default: "Join",
		}
		join := localapi.Command{Name: localapi.CmdJoin, MeetingID: r.MeetingID}
		cmds := noteCommands{"join": join, "default": join}
		n.Buttons = append([]tray.Button{{Key: "join", Label: "Join"}}, a.snoozeButtons(r, cmds)...)
		return n, cmds, true
	case ev.Recording != nil:
		r := ev.Recording
		n := tray.Notification{Key: "recording:" + r.MeetingUUID + r.Links.Folder, Body: view.Topic(r.Topic, hide) + ", " + r.StartTime.In(a.opts.Location).Format("Jan 2 15:04")}
		var open localapi.Command
		if r.Kind == meetingsync.KindLocal {
			n.Title = "Local recording ready"
			n.Buttons = []tray.Button{{Key: "open", Label: "Open folder"}}
			n.Default = "Open folder"
			open = localapi.Command{Name: localapi.CmdOpenFolder, Path: r.Links.Folder}
		} else {
			n.Title = "Cloud recording ready"
			n.Buttons = []tray.Button{{Key: "open", Label: "Watch"}}
			n.Default = "Watch"
			open = localapi.Command{Name: localapi.CmdOpenLink, URL: cmp.Or(r.Links.Watch, r.Links.Share)}
		}
		return n, noteCommands{"open": open, "default": open}, true
	}
	return tray.Notification{}, nil, false
}

// maxNoteButtons is the most buttons a notification has: Windows shows at
// most five (GNOME three, KDE all).
const maxNoteButtons = 5

// snoozeButtons are a reminder notification's snoozes, with their commands
// put in cmds: the settings' snooze first and "until it starts" next (a
// notification server that shows fewer buttons shows those), then the
// other lengths of Settings.SnoozeChoices, up to maxNoteButtons with Join.
func (a *Agent) snoozeButtons(r *meetingsync.Reminder, cmds noteCommands) []tray.Button {
	choices := a.engine.Settings().SnoozeChoices()
	def := int(a.engine.Settings().Snooze.D() / time.Minute)
	if i := slices.Index(choices, def); i > 0 {
		choices = append([]int{def}, slices.Delete(choices, i, i+1)...)
	}
	var out []tray.Button
	add := func(key, label string, cmd localapi.Command) {
		if len(out) < maxNoteButtons-1 {
			out = append(out, tray.Button{Key: key, Label: label})
			cmds[key] = cmd
		}
	}
	for i, m := range choices {
		add("snooze:"+strconv.Itoa(m), "Snooze "+strconv.Itoa(m)+" min", localapi.Command{Name: localapi.CmdSnooze, Key: r.Key, Minutes: m})
		if i == 0 && meetingsync.SnoozeUntilStart(r.StartTime, a.opts.Now()) {
			add("snooze:start", "Snooze until it starts", localapi.Command{Name: localapi.CmdSnooze, Key: r.Key, Mode: localapi.SnoozeUntilStart})
		}
	}
	return out
}

// onNotificationAction carries out a notification button: the command
// announce kept for it. A notification the agent no longer knows (after a
// sign-out, or a button it has not) does nothing.
func (a *Agent) onNotificationAction(key, action string) {
	a.mu.Lock()
	cmd, ok := a.notes[key][action]
	a.mu.Unlock()
	if ok {
		a.run("notification", cmd)
	}
}

// withdrawNotifications takes back the notifications shown (where the
// platform can: see tray.Withdrawer) and forgets what their buttons act on,
// so that a click on one left on screen does nothing.
func (a *Agent) withdrawNotifications(ctx context.Context) {
	a.mu.Lock()
	keys := make([]string, 0, len(a.notes))
	for k := range a.notes {
		keys = append(keys, k)
	}
	clear(a.notes)
	a.mu.Unlock()
	w, ok := a.notifier.(tray.Withdrawer)
	if !ok {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, notifyTimeout)
	defer cancel()
	for _, k := range keys {
		if err := w.Withdraw(ctx, k); err != nil {
			a.log.Warn("could not take back a notification", "err", err)
			return
		}
	}
}
