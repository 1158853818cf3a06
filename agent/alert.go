package agent

import (
	"context"
	"sync"
	"time"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// The full-screen start alert. The engine fires each reminder once (across
// restarts and wakes); the agent opens the alert window with the reminders
// meetingsync.AlertFor allows, instead of the reminder popup: before the
// start once per occurrence (again when it was snoozed from the alert),
// and with each escalation ("started 2 min ago", "started 5 min ago")
// while the user has neither joined nor dismissed it. The notification
// is not sent for a reminder the alert shows (one alert at a time across
// notification, popup and alert); while the screen is locked the alert
// waits for it to be unlocked, and the notification goes out meanwhile.

// alertLockPoll is how often a waiting alert looks whether the screen was
// unlocked.
const alertLockPoll = 3 * time.Second

// alertLockTimeout bounds one look at the screen lock.
const alertLockTimeout = 2 * time.Second

// alertMemoryKept is how long after an interview's start the agent
// remembers its alert.
const alertMemoryKept = 24 * time.Hour

// screenLocker is a Desktop that can tell whether the screen is locked.
type screenLocker interface {
	ScreenLocked(ctx context.Context) (bool, error)
}

// alertMemo is what the agent remembers of one occurrence's alert.
type alertMemo struct {
	start     time.Time
	shown     bool // the alert opened before the start
	snoozed   bool // snoozed from the alert: the next reminder opens it again
	dismissed bool // dismissed from the alert: no more alerts
	waiting   bool // waits for the screen to be unlocked
	// onScreen is the key of the reminder the alert window shows, set when
	// it opened for it: its notification is not sent.
	onScreen string
}

// alertBook is the agent's alert memory, by occurrence key, kept in
// Options.StateDir (alertstate.go).
type alertBook struct {
	memos map[string]*alertMemo // guarded by Agent.mu
	// saveMu orders the saves of the memory (saveAlerts).
	saveMu sync.Mutex
}

// memoLocked returns the memo of the reminder's occurrence, made on first
// use, dropping old ones. Call with a.mu held.
func (a *Agent) memoLocked(key string, start time.Time) *alertMemo {
	if a.alerts.memos == nil {
		a.alerts.memos = map[string]*alertMemo{}
	}
	now := a.opts.Now()
	for k, m := range a.alerts.memos {
		if now.Sub(m.start) > alertMemoryKept {
			delete(a.alerts.memos, k)
		}
	}
	occ := meetingsync.ReminderOccurrence(key)
	m := a.alerts.memos[occ]
	if m == nil {
		m = &alertMemo{start: start}
		a.alerts.memos[occ] = m
	}
	return m
}

// wantsAlert decides whether reminder r opens the alert, and notes it.
func (a *Agent) wantsAlert(r *meetingsync.Reminder) bool {
	if r == nil || !meetingsync.AlertFor(*r, a.engine.Settings()) {
		return false
	}
	off, _ := meetingsync.ReminderOffset(r.Key)
	a.mu.Lock()
	m := a.memoLocked(r.Key, r.StartTime)
	switch {
	case m.dismissed:
		a.mu.Unlock()
		return false
	case off > 0: // an escalation: the engine fires each once
	case m.shown && !m.snoozed:
		a.mu.Unlock()
		return false // before the start, once
	}
	changed := !m.shown || m.snoozed
	m.shown, m.snoozed = true, false
	a.mu.Unlock()
	if changed {
		a.saveAlerts()
	}
	return true
}

// alert opens the start alert for r when it should (see wantsAlert),
// once the screen is unlocked. It reports whether it did (or will): the
// reminder popup is then not opened.
func (a *Agent) alert(ctx context.Context, r *meetingsync.Reminder) bool {
	if !a.wantsAlert(r) {
		// The alert on screen shows this reminder too: nothing besides it.
		if r == nil || !meetingsync.AlertFor(*r, a.engine.Settings()) || !a.alertOnScreen() {
			return false
		}
		a.noteOnScreen(r)
		return true
	}
	if !a.screenLocked(ctx) {
		if a.openAlert() {
			a.noteOnScreen(r)
		}
		return true
	}
	a.mu.Lock()
	m := a.memoLocked(r.Key, r.StartTime)
	waiting := m.waiting
	m.waiting = true
	a.mu.Unlock()
	if !waiting {
		a.log.Info("the start alert waits for the screen to be unlocked")
		go a.alertAfterUnlock(ctx, *r)
	}
	return true
}

// alertAfterUnlock opens the alert once the screen is unlocked, if a
// reminder of r's occurrence is still shown then.
func (a *Agent) alertAfterUnlock(ctx context.Context, r meetingsync.Reminder) {
	defer func() {
		a.mu.Lock()
		a.memoLocked(r.Key, r.StartTime).waiting = false
		a.mu.Unlock()
	}()
	tick := time.NewTicker(alertLockPoll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if !a.reminderShown(meetingsync.ReminderOccurrence(r.Key)) {
			return // joined, dismissed or over meanwhile
		}
		if !a.screenLocked(ctx) {
			a.openAlert()
			return
		}
	}
}

// reminderShown says whether a reminder of the occurrence is shown.
func (a *Agent) reminderShown(occ string) bool {
	snap := a.engine.Snapshot()
	if snap == nil {
		return false
	}
	for _, r := range snap.Reminders {
		if meetingsync.ReminderOccurrence(r.Key) == occ {
			return true
		}
	}
	return false
}

// screenLocked asks the desktop whether the screen is locked; a desktop
// that cannot tell, or does not answer, counts as unlocked.
func (a *Agent) screenLocked(ctx context.Context) bool {
	l, ok := a.desk.(screenLocker)
	if !ok {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, alertLockTimeout)
	defer cancel()
	locked, err := l.ScreenLocked(ctx)
	if err != nil {
		a.log.Debug("could not tell whether the screen is locked", "err", err)
		return false
	}
	return locked
}

// alertOnScreen says whether the alert window is open (a desktop that
// cannot tell says no).
func (a *Agent) alertOnScreen() bool {
	w, ok := a.desk.(windowWatcher)
	return ok && w.WindowOpen(localapi.WindowAlert)
}

// openAlert opens the alert window; it reports whether it could.
func (a *Agent) openAlert() bool {
	if err := a.desk.StartWindow(localapi.WindowAlert); err != nil {
		a.log.Warn("could not open the start alert", "err", err)
		return false
	}
	return true
}

// noteOnScreen notes that the alert shows r.
func (a *Agent) noteOnScreen(r *meetingsync.Reminder) {
	a.mu.Lock()
	a.memoLocked(r.Key, r.StartTime).onScreen = r.Key
	a.mu.Unlock()
}

// alertShows says whether the alert window shows r (so its notification
// is not sent).
func (a *Agent) alertShows(r *meetingsync.Reminder) bool {
	if r == nil {
		return false
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.memoLocked(r.Key, r.StartTime).onScreen == r.Key
}

// doAlertSnooze snoozes the alert's reminder for Minutes, or until the
// start when Minutes is 0; the alert comes back when the snooze ends.
func (a *Agent) doAlertSnooze(_ context.Context, cmd localapi.Command) (res localapi.Result, err error) {
	r, found := a.shownReminder(cmd.Key)
	if !found {
		return res, localapi.BadCommand("no reminder %q is shown", cmd.Key)
	}
	d := time.Duration(cmd.Minutes) * time.Minute
	if cmd.Minutes <= 0 { // until the start
		if d, err = a.untilStart(r); err != nil {
			return res, err
		}
	}
	if err := a.engine.Snooze(cmd.Key, d); err != nil {
		return res, err
	}
	a.mu.Lock()
	a.memoLocked(cmd.Key, r.StartTime).snoozed = true
	a.mu.Unlock()
	a.saveAlerts()
	return res, nil
}

// doAlertDismiss dismisses the alert's reminder: no more alerts for its
// interview.
func (a *Agent) doAlertDismiss(_ context.Context, cmd localapi.Command) (res localapi.Result, err error) {
	r, found := a.shownReminder(cmd.Key)
	if !found {
		return res, localapi.BadCommand("no reminder %q is shown", cmd.Key)
	}
	if err := a.engine.Dismiss(cmd.Key); err != nil {
		return res, err
	}
	a.mu.Lock()
	a.memoLocked(cmd.Key, r.StartTime).dismissed = true
	a.mu.Unlock()
	a.saveAlerts()
	return res, nil
}

// doJoinNext joins the interview in progress, else the next one
// (sync.JoinTarget): the tray's Join and the global shortcut.
func (a *Agent) doJoinNext(context.Context, localapi.Command) (res localapi.Result, err error) {
	iv, found := meetingsync.JoinTarget(a.engine.Snapshot(), a.opts.Now())
	if !found {
		return res, localapi.BadCommand("no interview to join today")
	}
	if err := a.join(iv.ID); err != nil {
		return res, err
	}
	res.Message = "Joining the interview at " + iv.StartTime.In(a.opts.Location).Format("15:04")
	return res, nil
}

// shownReminder finds a shown reminder by key.
func (a *Agent) shownReminder(key string) (meetingsync.Reminder, bool) {
	if snap := a.engine.Snapshot(); snap != nil {
		for _, r := range snap.Reminders {
			if r.Key == key {
				return r, true
			}
		}
	}
	return meetingsync.Reminder{}, false
}
