package agent

import (
	"context"
	"slices"
	"time"

	"github.com/interviewtray/interviewtray/internal/safetext"
	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/ui/tray"
)

// view is the tray's view of the agent's state now.
func (a *Agent) view(snap *meetingsync.Snapshot) tray.View {
	a.mu.Lock()
	v := tray.View{
		Now: a.opts.Now(), Loc: a.opts.Location,
		SignedIn:  a.signedIn && (snap == nil || !snap.Health.SignedOut),
		SigningIn: a.signIn.State == "waiting",
		Email:     a.email,
		// schedule.go
		SchedulingNotAllowed: a.schedulingNotAllowed,
	}
	a.mu.Unlock()
	v.HideNames = a.engine.Settings().HideNames
	v.Problems = a.agentProblems()
	return v
}

// renderTray keeps the tray in step: on every change, and at the moments
// the tooltip changes on its own (minute boundaries only while an interview
// is within the hour). Apply rebuilds the menu only when it changed.
func (a *Agent) renderTray(ctx context.Context, t *tray.Tray) {
	changes, stop := a.Changes()
	defer stop()
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		snap := a.displaySnapshot()
		v := a.view(snap)
		t.Apply(tray.Build(snap, v))
		// Timers run on the monotonic clock, which stops while a laptop
		// sleeps; a change (the engine's wake) redraws at once anyway.
		timer.Reset(max(tray.NextUpdate(snap, v).Sub(v.Now), time.Second))
		select {
		case <-ctx.Done():
			return
		case <-changes:
		case <-timer.C:
		}
	}
}

// displaySnapshot is the engine's snapshot as the agent shows it, in the
// tray and to the windows (State): every text that comes from Zoom (topics,
// the user's name and email, Zoom's messages) made one line of plain text
// by safetext.Clean. This is where Zoom's text enters every display; the
// tray and the notifiers clean what they show once more, as they also show
// text from elsewhere. The engine's snapshot is immutable: what changes is
// a copy, made only when something needs cleaning, and the last one is
// kept so that a snapshot is cleaned once.
func (a *Agent) displaySnapshot() *meetingsync.Snapshot {
	snap := a.engine.Snapshot()
	a.mu.Lock()
	defer a.mu.Unlock()
	if snap != a.shownFrom || a.shown == nil {
		a.shownFrom, a.shown = snap, cleanSnapshot(snap)
	}
	return a.shown
}

// cleanSnapshot returns snap, or a copy of it whose Zoom texts are clean.
func cleanSnapshot(snap *meetingsync.Snapshot) *meetingsync.Snapshot {
	if snap == nil {
		return nil
	}
	out := *snap
	if u := snap.User; u != nil && (safetext.Clean(u.Email) != u.Email || safetext.Clean(u.Name) != u.Name) {
		out.User = &meetingsync.User{ID: u.ID, Email: safetext.Clean(u.Email), Name: safetext.Clean(u.Name)}
	}
	out.Interviews = cleanEach(snap.Interviews, cleanInterview)
	out.Calendars = cleanEach(snap.Calendars, func(c *meetingsync.CalendarStatus) bool {
		n, e := cleanText(&c.Name), cleanText(&c.Error)
		return n || e
	})
	out.Recordings = cleanEach(snap.Recordings, func(r *meetingsync.Recording) bool { return cleanText(&r.Topic) })
	out.Reminders = cleanEach(snap.Reminders, func(r *meetingsync.Reminder) bool { return cleanText(&r.Topic) })
	out.Problems = cleanProblems(snap.Problems)
	out.Health.LastError = safetext.Clean(snap.Health.LastError)
	out.Health.KeychainProblem = safetext.Clean(snap.Health.KeychainProblem)
	return &out
}

// cleanInterview cleans the texts of an interview that come from Zoom or a
// calendar; the organizer is replaced, never changed in place (the
// engine's snapshot shares it).
func cleanInterview(iv *meetingsync.Interview) bool {
	t, h, c := cleanText(&iv.Topic), cleanText(&iv.HostEmail), cleanText(&iv.Calendar)
	changed := t || h || c
	if o := iv.Organizer; o != nil {
		org := *o
		if n, e := cleanText(&org.Name), cleanText(&org.Email); n || e {
			iv.Organizer, changed = &org, true
		}
	}
	return changed
}

// cleanText cleans *s in place and reports whether that changed it.
func cleanText(s *string) bool {
	c := safetext.Clean(*s)
	changed := c != *s
	*s = c
	return changed
}

// cleanEach returns items, or a copy with clean applied to every element
// when clean changes any (clean reports whether it changed its element).
func cleanEach[T any](items []T, clean func(*T) bool) []T {
	for i := range items {
		c := items[i]
		if !clean(&c) {
			continue
		}
		out := slices.Clone(items)
		out[i] = c
		for j := i + 1; j < len(out); j++ {
			clean(&out[j])
		}
		return out
	}
	return items
}

func cleanProblems(ps []meetingsync.Problem) []meetingsync.Problem {
	return cleanEach(ps, func(p *meetingsync.Problem) bool {
		m, l := cleanText(&p.Message), cleanText(&p.Label)
		return m || l
	})
}
