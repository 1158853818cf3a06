package sync

// The engine's commands: what the agent, the local API and the windows
// ask of it. Each takes the lock briefly; none waits for Zoom except
// CheckSettings, FixSettings and SyncOnce, which take a context.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/interviewtray/interviewtray/zoom"
)

// SyncOnce makes the Zoom calls that are due (all of them on a fresh
// engine) in the caller's goroutine, in as many passes as the cloud
// recordings list takes to cover the week (a page of a date per pass), and returns
// the resulting snapshot. It
// fires no reminders. It is for one-shot use without Start, such as
// `interviewtray status` when no agent runs; with Start it waits for a
// running pass. The snapshot's Health tells whether Zoom answered.
func (e *Engine) SyncOnce(ctx context.Context) (*Snapshot, error) {
	if err := e.callAllowed(); err != nil && !errors.Is(err, ErrNotSignedIn) {
		return nil, err
	}
	if e.opts.Calendars != nil {
		// First, so that the Zoom passes ask who hosts the calendar's
		// interviews.
		e.calendarPass(ctx)
	}
	err := e.syncPasses(ctx, func(pass func()) { pass() })
	return e.Snapshot(), err
}

// syncPasses runs SyncOnce's passes: a pass lists at most one date of the
// cloud recordings, and the passes go on until the week is listed (or a
// failure stops the round). each runs every pass (the benchmarks measure
// them one by one).
func (e *Engine) syncPasses(ctx context.Context, each func(pass func())) error {
	for range maxSyncOncePasses {
		each(func() { e.syncPass(ctx) })
		if err := ctx.Err(); err != nil {
			return err
		}
		e.mu.Lock()
		more := e.listMoreLocked(e.now())
		e.mu.Unlock()
		if !more {
			return nil
		}
	}
	return nil
}

// maxSyncOncePasses bounds SyncOnce's passes (a safety net: each lists a
// page of a date of the week, of which there are eight; 400 pages are
// 120,000 recordings).
const maxSyncOncePasses = 400

// UpdateSettings validates s, saves it and applies it at once (reminder
// offsets, rules, the recording folder). An invalid s changes nothing and
// the error says what is wrong.
func (e *Engine) UpdateSettings(s Settings) error {
	if err := s.Validate(); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	s.Onboarding = e.settings.Onboarding // only SetOnboarding changes it
	s = s.Normalised()
	if err := e.writeFile(e.paths.settings, func() ([]byte, error) { return json.MarshalIndent(s, "", "  ") }); err != nil {
		e.changedLocked() // the problem shows
		return fmt.Errorf("save settings: %w", err)
	}
	if s.RecordingFolder != e.settings.RecordingFolder {
		for _, p := range e.st.Past {
			if p.Local.Active {
				p.Local.Next = time.Time{}
			}
		}
		e.kickSyncLoop()
	}
	oldCals := e.settings.Calendars
	e.settings, e.settingsNote = s, ""
	e.matcher = compileRules(s.Rules)
	e.syncCalendarsLocked(oldCals)
	e.acct.listed = recordingsFromList(e.acct.listedRaw, e.matcher, e.overrideModes())
	if e.st.Check != nil {
		// Manual confirmations show at once.
		c := *e.st.Check
		c.ManualChecks = nil
		for _, m := range e.st.Check.ManualChecks {
			m.Confirmed = containsString(s.ManualChecksDone, m.Key)
			c.ManualChecks = append(c.ManualChecks, m)
		}
		e.st.Check = &c
	}
	e.changedLocked()
	e.wakeClock() // new offsets may make reminders due
	return nil
}

// containsString reports whether ss holds s.
func containsString(ss []string, s string) bool {
	for _, v := range ss {
		if v == s {
			return true
		}
	}
	return false
}

// Refresh asks Zoom again now: both meeting lists, and the recording
// folder. It clears a network or server backoff, not a rate limit.
func (e *Engine) Refresh() {
	e.mu.Lock()
	e.sched.upcoming, e.sched.hosted = time.Time{}, time.Time{}
	if e.sched.failClass != classRateLimited {
		e.sched.backoffUntil = time.Time{}
	}
	for _, p := range e.st.Past {
		if p.Local.Active {
			p.Local.Next = time.Time{}
		}
	}
	e.kickCalendarsLocked(allSources)
	e.mu.Unlock()
	e.kickSyncLoop()
}

// Wake re-evaluates everything against the wall clock at once and polls
// Zoom: the agent calls it when the computer resumes from sleep.
func (e *Engine) Wake() {
	e.mu.Lock()
	e.sched.upcoming = time.Time{}
	if e.sched.failClass == classOffline {
		e.sched.backoffUntil = time.Time{}
	}
	e.kickCalendarsLocked(allSources)
	e.mu.Unlock()
	e.kick()
}

// NetworkChanged tells the engine the network came back (or changed):
// while offline it polls at once instead of waiting for its backoff.
func (e *Engine) NetworkChanged() {
	e.mu.Lock()
	wasOffline := e.health.Offline || e.sched.failClass == classOffline
	if wasOffline {
		e.sched.backoffUntil = time.Time{}
		e.sched.upcoming = time.Time{}
	}
	e.kickCalendarsLocked(failedSources)
	e.mu.Unlock()
	if wasOffline {
		e.kickSyncLoop()
	}
}

// SignedIn tells the engine the user signed in (again): polling resumes at
// once, starting with who the user is.
func (e *Engine) SignedIn() {
	e.mu.Lock()
	e.health.SignedOut, e.health.SignedOutReason = false, ""
	e.health.KeychainProblem, e.health.LastError = "", ""
	e.authRejected = false
	e.sched = schedule{checkNow: e.st.Check == nil}
	e.changedLocked()
	e.mu.Unlock()
	e.kickSyncLoop()
}

// kick wakes both loops; the sends never block.
func (e *Engine) kick() {
	e.kickSyncLoop()
	e.wakeClock()
}

// kickSyncLoop wakes the sync loop only: it wakes the clock loop itself
// once the pass is done, so that a pass publishes one snapshot, not one per
// call.
func (e *Engine) kickSyncLoop() {
	select {
	case e.kickSync <- struct{}{}:
	default:
	}
}

// Joined records that the user joined the meeting's current occurrence
// (the one running, or starting within the hour): its reminders stop.
func (e *Engine) Joined(meetingID int64) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.now()
	var best *meetingRec
	for i := range e.acct.meetings {
		m := &e.acct.meetings[i]
		if m.ID != meetingID || now.Before(m.Start.Add(-time.Hour)) || !now.Before(m.end()) {
			continue
		}
		if best == nil || absDur(m.Start.Sub(now)) < absDur(best.Start.Sub(now)) {
			best = m
		}
	}
	if best == nil {
		return fmt.Errorf("joined %d: %w (none running or starting within the hour)", meetingID, ErrUnknownMeeting)
	}
	e.st.Reminders.Joined[best.key()] = now
	err := e.saveStateLocked()
	e.changedLocked()
	e.log.Info("joined", "meeting", meetingID)
	return notSaved("joined", meetingID, err)
}

// absDur is |d|.
func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// Snooze hides a shown reminder for d (the settings' default when d <= 0);
// it comes back then, unless a later reminder of the interview came first
// or the interview ended.
func (e *Engine) Snooze(key string, d time.Duration) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.shownLocked(key) {
		return fmt.Errorf("snooze %q: %w", key, ErrUnknownReminder)
	}
	if d <= 0 {
		d = e.settings.Snooze.D()
	}
	e.st.Reminders.Snoozed[key] = e.now().Add(d)
	err := e.saveStateLocked()
	e.changedLocked()
	e.wakeClock()
	return notSaved("snooze", key, err)
}

// Dismiss hides a shown reminder. Dismissing the "starting now" or a
// "started N minutes ago" reminder also stops the later ones.
func (e *Engine) Dismiss(key string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.shownLocked(key) {
		return fmt.Errorf("dismiss %q: %w", key, ErrUnknownReminder)
	}
	now := e.now()
	e.st.Reminders.Dismissed[key] = now
	for _, r := range e.current.Load().Reminders {
		if r.Key == key && r.Kind != ReminderBefore {
			e.st.Reminders.NagsOff[occKeyOf(key)] = now
		}
	}
	err := e.saveStateLocked()
	e.changedLocked()
	return notSaved("dismiss", key, err)
}

// notSaved is a command's error when its change was made but not saved:
// ErrNotSaved and why; nil when err is nil.
func notSaved(cmd string, what any, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s %v: %w: %w", cmd, what, ErrNotSaved, err)
}

// shownLocked reports whether a reminder with key is shown now.
func (e *Engine) shownLocked(key string) bool {
	for _, r := range e.current.Load().Reminders {
		if r.Key == key {
			return true
		}
	}
	return false
}

// Include makes a meeting an interview whatever its topic.
func (e *Engine) Include(meetingID int64) error { return e.setOverride(meetingID, OverrideInclude) }

// Exclude makes a meeting not an interview whatever its topic.
func (e *Engine) Exclude(meetingID int64) error { return e.setOverride(meetingID, OverrideExclude) }

// ClearOverride lets the rules decide again for a meeting.
func (e *Engine) ClearOverride(meetingID int64) error { return e.setOverride(meetingID, OverrideNone) }

// setOverride stores (or, with OverrideNone, clears) an override.
func (e *Engine) setOverride(id int64, o Override) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if o == OverrideNone {
		delete(e.st.Overrides, id)
	} else {
		if !e.knownLocked(id) {
			return fmt.Errorf("%s %d: %w", o, id, ErrUnknownMeeting)
		}
		e.st.Overrides[id] = overrideRec{Mode: o, SetAt: e.now()}
	}
	err := e.saveStateLocked()
	e.acct.listed = recordingsFromList(e.acct.listedRaw, e.matcher, e.overrideModes())
	e.changedLocked()
	e.kick()
	name := string(o)
	if o == OverrideNone {
		name = "clear override of"
	}
	return notSaved(name, id, err)
}

// knownLocked reports whether the engine knows meeting id: listed,
// started, or among the cloud recordings.
func (e *Engine) knownLocked(id int64) bool { return e.knownIDsLocked()[id] }

// knownIDsLocked returns the IDs of every meeting the engine knows.
func (e *Engine) knownIDsLocked() map[int64]bool {
	known := make(map[int64]bool, len(e.acct.meetings)+len(e.st.Past)+len(e.acct.listedRaw))
	for i := range e.acct.meetings {
		known[e.acct.meetings[i].ID] = true
	}
	for _, p := range e.st.Past {
		known[p.ID] = true
	}
	for i := range e.acct.listedRaw {
		known[e.acct.listedRaw[i].ID] = true
	}
	return known
}

// overrideModes returns the overrides without their dates.
func (e *Engine) overrideModes() map[int64]Override {
	out := make(map[int64]Override, len(e.st.Overrides))
	for id, o := range e.st.Overrides {
		out[id] = o.Mode
	}
	return out
}

// wakeClock wakes the clock loop; the send never blocks.
func (e *Engine) wakeClock() {
	select {
	case e.kickClock <- struct{}{}:
	default:
	}
}

// CheckSettings reads the user's recording settings from Zoom and
// returns the check (also published in the snapshot).
func (e *Engine) CheckSettings(ctx context.Context) (*SettingsCheck, error) {
	if err := e.callAllowed(); err != nil {
		return nil, err
	}
	s, err := e.client.GetSettings(ctx)
	now := e.now()
	e.mu.Lock()
	defer e.mu.Unlock()
	if err != nil {
		e.failedLocked(err, now)
		e.changedLocked()
		return nil, fmt.Errorf("check recording settings: %w", err)
	}
	e.succeededLocked(now)
	return e.storeCheckLocked(s, now), nil
}

// FixSettings changes the recording settings that need it, reads them
// back and returns the check: a setting Zoom did not change is locked by
// an admin (SettingsCheck.AdminMessage is then ready to send).
func (e *Engine) FixSettings(ctx context.Context) (*SettingsCheck, error) {
	if err := e.callAllowed(); err != nil {
		return nil, err
	}
	now := e.now()
	s, locked, err := fixSettings(ctx, e.client, now)
	e.mu.Lock()
	defer e.mu.Unlock()
	if err != nil {
		e.failedLocked(err, now)
		e.changedLocked()
		return nil, fmt.Errorf("fix recording settings: %w", err)
	}
	e.succeededLocked(now)
	for k, l := range locked {
		e.st.Locked[k] = l
	}
	c := e.storeCheckLocked(s, now)
	e.log.Info("recording settings fixed", "ok", c.OK, "locked", len(locked))
	return c, nil
}

// storeCheckLocked evaluates, stores and publishes a settings check.
func (e *Engine) storeCheckLocked(s *zoom.Settings, now time.Time) *SettingsCheck {
	email := ""
	if e.acct.User != nil {
		email = e.acct.User.Email
	}
	c := evaluateSettings(s, e.st.Check, e.st.Locked, e.settings.ManualChecksDone, email, now)
	if u := e.opts.SettingsURL; u != "" && u != SettingsURL {
		c.SettingsURL = u
		for i := range c.ManualChecks {
			if c.ManualChecks[i].URL == SettingsURL {
				c.ManualChecks[i].URL = u
			}
		}
	}
	// A lock no longer in force (the value changed) is forgotten.
	for _, st := range c.Settings {
		if st.State == SettingOK {
			delete(e.st.Locked, st.Key)
		}
	}
	if e.st.Check != nil && len(c.Changed) == 0 {
		// Keep reporting an earlier change until the settings are fine.
		for _, label := range e.st.Check.Changed {
			for _, st := range c.Settings {
				if st.Label == label && st.State != SettingOK {
					c.Changed = append(c.Changed, label)
				}
			}
		}
	}
	e.st.Check = c
	e.sched.checkNow = false
	e.saveStateLocked()
	e.changedLocked()
	return c
}

// callAllowed refuses Zoom calls while signed out or closed.
func (e *Engine) callAllowed() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	switch {
	case e.closed:
		return ErrClosed
	case e.health.SignedOut:
		return ErrNotSignedIn
	}
	return nil
}
