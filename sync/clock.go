package sync

import (
	"context"
	"time"

	"github.com/interviewtray/interviewtray/internal/walltimer"
)

// firstSyncGrace: after Start, reminders from the cached data wait this
// long for the first poll (which may show a meeting was cancelled or
// moved) before firing anyway (offline, or Zoom slow).
const firstSyncGrace = 20 * time.Second

// idleEvaluate: with nothing due, the clock loop still evaluates (and
// prunes old state) this often. New data always wakes it at once.
const idleEvaluate = time.Hour

// minSleep keeps the loops from spinning when a due time is a hair away.
const minSleep = 10 * time.Millisecond

// clockLoop evaluates reminders and time-driven changes (an interview
// starting or ending) at the next due time, and at once when kicked (Wake,
// Snooze, new data). It never waits on Zoom.
func (e *Engine) clockLoop(ctx context.Context) {
	force := true
	var next time.Time // when something is next due
	for {
		var now time.Time
		now, next = e.tickClock(force, next)
		force = e.sleep(ctx, now, next, e.kickClock)
		if ctx.Err() != nil {
			return
		}
	}
}

// tickClock evaluates when forced (kicked) or when something is due by the
// wall clock, which may have jumped during a sleep; otherwise it only
// checks the time, so that an early wake (the default timer's cap, a clock
// change) costs next to nothing. It returns the time it read and the next
// due time.
func (e *Engine) tickClock(force bool, next time.Time) (now, due time.Time) {
	e.mu.Lock()
	now = e.now()
	if !force && !next.IsZero() && now.Before(next) {
		e.mu.Unlock()
		return now, next
	}
	next = e.evaluateLocked(now)
	if next.IsZero() {
		next = now.Add(idleEvaluate)
	}
	e.mu.Unlock()
	e.saveCache()
	return now, next
}

// sleep waits with Options.WaitUntil until the wall clock reaches next (at
// least minSleep after now; idleEvaluate after it when next is zero), a
// kick or the end of ctx, and reports whether it was kicked. The wait may
// end early: the loops then look at the clock and sleep again.
func (e *Engine) sleep(ctx context.Context, now, next time.Time, kick <-chan struct{}) bool {
	if next.IsZero() {
		next = now.Add(idleEvaluate)
	}
	return e.opts.WaitUntil(ctx, maxTime(next, now.Add(minSleep)), kick)
}

// waitCapped is the default Options.WaitUntil: a monotonic timer against
// Options.Now, never longer than maxSleep, because monotonic timers stop
// while a laptop sleeps. It is also what the synctest tests run on.
func (e *Engine) waitCapped(ctx context.Context, t time.Time, kick <-chan struct{}) bool {
	return walltimer.Sleep(ctx, sleepUntil(e.now(), t), kick)
}

func sleepUntil(now, next time.Time) time.Duration {
	if next.IsZero() {
		return maxSleep
	}
	return min(max(next.Sub(now), minSleep), maxSleep)
}

// evaluateLocked fires due reminders (persisting them before announcing
// them), records started occurrences, prunes old state and publishes. It
// returns the next time something is due.
func (e *Engine) evaluateLocked(now time.Time) time.Time {
	in := e.inputLocked(now)
	v := classifyMeetings(in)
	dirty := e.notePastLocked(now, v)
	known := e.knownIDsLocked()
	if e.st.prune(now, func(id int64) bool { return known[id] }) {
		dirty = true
	}
	for k, r := range e.acct.Tracked {
		if now.Sub(r.StartTime) > announcedRetention {
			delete(e.acct.Tracked, k)
		}
	}
	for id, d := range e.acct.Details {
		if now.Sub(d.FetchedAt) > pastRetention && !known[id] {
			delete(e.acct.Details, id)
		}
	}
	var next time.Time
	holdFire := !e.firstSyncDone && now.Sub(e.startedAt) < firstSyncGrace
	if holdFire {
		next = e.startedAt.Add(firstSyncGrace)
	} else {
		plan := planReminders(v.occs, &e.st.Reminders, e.settings.ReminderOffsets, e.settings.StartedNags, now)
		next = plan.nextDue
		if len(plan.markFired) > 0 || len(plan.unsnooze) > 0 {
			for _, k := range plan.markFired {
				e.st.Reminders.Fired[k] = now
			}
			for _, k := range plan.unsnooze {
				delete(e.st.Reminders.Snoozed, k)
			}
			for _, r := range plan.fire {
				e.st.Reminders.Fired[r.Key] = now
			}
			dirty = true
		}
		if dirty {
			e.saveStateLocked() // before anything is announced
			dirty = false
		}
		for _, r := range plan.fire {
			e.log.Info("reminder", "key", r.Key, "kind", r.Kind, "minutes", r.Minutes,
				"late", now.Sub(r.Due).Round(time.Millisecond), "snoozed", r.Snoozed)
			e.queueLocked(Event{Kind: EventReminder, At: now, Reminder: &r})
		}
	}
	if dirty {
		e.saveStateLocked()
	}
	e.publishLocked(now)
	// Interview starts and ends change the snapshot (state) too.
	for _, iv := range v.interviews {
		for _, t := range []time.Time{iv.StartTime, iv.EndTime} {
			if t.After(now) && (next.IsZero() || t.Before(next)) {
				next = t
			}
		}
	}
	return next
}

// notePastLocked records interview occurrences that have started, so that
// their recordings can be followed after they leave Zoom's lists, and
// keeps what it knows of them current while they are listed. It reports
// whether the state changed.
func (e *Engine) notePastLocked(now time.Time, v view) bool {
	changed := false
	listedStart := map[int64]time.Time{}
	for _, iv := range v.interviews {
		if iv.State == StateUpcoming {
			if _, ok := listedStart[iv.ID]; !ok {
				listedStart[iv.ID] = iv.StartTime
			}
		}
	}
	myID := ""
	if e.acct.User != nil {
		myID = e.acct.User.ID
	}
	for i := range e.acct.meetings {
		m := &e.acct.meetings[i]
		if now.Before(m.Start) {
			continue
		}
		iv := interviewOf(v.interviews, m.ID, m.Start)
		if iv == nil || !iv.IsInterview {
			continue
		}
		hostIsMe := m.HostID != "" && m.HostID == myID
		if d := e.acct.Details[m.ID]; d != nil && !d.NotVisible && d.HostID != "" {
			hostIsMe = d.HostID == myID
		}
		k := m.key()
		p, ok := e.st.Past[k]
		if !ok {
			p = &pastOcc{
				ID: m.ID, Start: m.Start,
				Cloud: cloudTracker{Phase: cloudWaitEnd, Next: m.end().Add(time.Minute)},
				Local: localTracker{Active: true, Next: m.end()},
			}
			e.st.Past[k] = p
			changed = true
			// The sync loop follows its recordings; it sleeps until its own
			// next due time, which this changes.
			e.kickSyncLoop()
			e.log.Info("interview started", "meeting", m.ID, "start", m.Start)
		}
		calIv := calendarInterview(m.Cal, e.settings.Rules.ExternalAttendee, e.myDomainsLocked())
		if p.UUID != iv.UUID || p.Topic != m.Topic || p.Type != m.Type || p.Duration != m.Duration ||
			p.HostIsMe != hostIsMe || p.HostedByMe != iv.HostedByMe || p.HostKnown != iv.HostKnown || p.CalInterview != calIv {
			p.UUID, p.Topic, p.Type, p.Duration = iv.UUID, m.Topic, m.Type, m.Duration
			p.HostIsMe, p.HostedByMe, p.HostKnown = hostIsMe, iv.HostedByMe, iv.HostKnown
			p.CalInterview = calIv
			changed = true
		}
	}
	// A one-off meeting moved after its start passed (the host rescheduled
	// it without starting it): the old occurrence did not happen.
	for k, p := range e.st.Past {
		if p.Type == 0 || p.Type == 2 {
			if s, ok := listedStart[p.ID]; ok && !s.Equal(p.Start) && p.EndedAt.IsZero() && now.Before(p.end()) {
				delete(e.st.Past, k)
				changed = true
			}
		}
	}
	return changed
}

func interviewOf(ivs []Interview, id int64, start time.Time) *Interview {
	for i := range ivs {
		if ivs[i].ID == id && ivs[i].StartTime.Equal(start) {
			return &ivs[i]
		}
	}
	return nil
}
