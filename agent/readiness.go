package agent

import (
	"context"
	"strings"
	"time"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/ui/tray"
)

// Readiness: the agent measures this computer (free space in the
// recording folder's file system, the Zoom app) at most every
// computerMaxAge, off the caller's path, and sends every coming
// interview's readiness lines (meetingsync.UpcomingReadiness) with its
// state to the windows: the reminder popup, the agenda and the alert. The
// reminders' notifications carry the warnings too, and overlapping or
// back-to-back interviews are announced once, when they appear.

// computerMaxAge is how long a measurement of the computer is used.
const computerMaxAge = 5 * time.Minute

// computerChecker is a Desktop that measures the computer for a
// recording; the system desktop does (meetingsync.CheckComputer).
type computerChecker interface {
	CheckComputer(ctx context.Context, folder string) meetingsync.Computer
}

// CheckComputer measures the recording folder's free space and whether
// the Zoom app is installed.
func (d *systemDesktop) CheckComputer(ctx context.Context, folder string) meetingsync.Computer {
	return meetingsync.CheckComputer(ctx, folder, meetingsync.SystemDiskSpace(), meetingsync.SystemZoomApp())
}

// readinessCache is the last measurement of the computer (guarded by
// Agent.mu) and the conflicts announced.
type readinessCache struct {
	pc       meetingsync.Computer
	at       time.Time // when pc was measured; zero: never
	folder   string    // the folder pc measured
	checking bool      // a measurement runs
	// conflicts are the keys of the conflicts announced, with the later
	// interview's start (kept in Options.StateDir: alertstate.go); nil
	// until the first snapshot was looked at or the file read.
	conflicts map[string]time.Time
}

// readiness is the readiness of snap's coming interviews with the last
// measurement of the computer; a stale measurement is renewed in the
// background (the windows get the new lines with the next change).
func (a *Agent) readiness(snap *meetingsync.Snapshot) []meetingsync.InterviewReadiness {
	if snap == nil {
		return nil
	}
	folder := a.engine.RecordingFolder()
	now := a.opts.Now()
	a.mu.Lock()
	pc := a.ready.pc
	stale := a.ready.at.IsZero() || now.Sub(a.ready.at) > computerMaxAge || now.Before(a.ready.at) || a.ready.folder != folder
	start := stale && !a.ready.checking
	if start {
		a.ready.checking = true
	}
	a.mu.Unlock()
	if start {
		go a.checkComputer(folder)
	}
	return meetingsync.UpcomingReadiness(snap, meetingsync.ReadinessInput{
		Now: now, Location: a.opts.Location, Settings: a.engine.Settings(), Computer: pc,
	})
}

// checkComputer measures the computer (each probe is bounded) and tells
// the watchers.
func (a *Agent) checkComputer(folder string) {
	var pc meetingsync.Computer
	if c, ok := a.desk.(computerChecker); ok {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		pc = c.CheckComputer(ctx, folder)
		cancel()
	}
	a.mu.Lock()
	changed := pc != a.ready.pc
	a.ready.pc, a.ready.at, a.ready.folder, a.ready.checking = pc, a.opts.Now(), folder, false
	a.mu.Unlock()
	if changed {
		a.changed()
	}
}

// readinessOf is the readiness of one occurrence.
func (a *Agent) readinessOf(meetingID int64, start time.Time) []meetingsync.ReadinessLine {
	snap := a.displaySnapshot()
	for _, r := range a.readiness(snap) {
		if r.MeetingID == meetingID && r.StartTime.Equal(start) {
			return r.Lines
		}
	}
	return nil
}

// reminderNote is what a reminder's notification shows below its body, a
// line each: the readiness warnings before the start, and the consent line
// at the start.
func (a *Agent) reminderNote(r *meetingsync.Reminder) []string {
	var parts []string
	for _, l := range a.readinessOf(r.MeetingID, r.StartTime) {
		switch {
		case l.Kind == meetingsync.ReadyConsent && r.Kind != meetingsync.ReminderStarted:
			parts = append(parts, l.Text)
		case l.Severity == meetingsync.SeverityWarn && r.Kind == meetingsync.ReminderBefore:
			parts = append(parts, l.Text)
		}
	}
	return parts
}

// noteConflicts announces, once each, the overlapping and back-to-back
// interviews that appear in the engine's snapshot.
func (a *Agent) noteConflicts(ctx context.Context) {
	snap := a.engine.Snapshot()
	if snap == nil {
		return
	}
	cs := meetingsync.Conflicts(snap)
	var fresh []meetingsync.Conflict
	a.mu.Lock()
	if a.ready.conflicts == nil {
		a.ready.conflicts = map[string]time.Time{}
	}
	for _, c := range cs {
		if _, seen := a.ready.conflicts[c.Key]; !seen {
			a.ready.conflicts[c.Key] = c.Second.StartTime
			fresh = append(fresh, c)
		}
	}
	a.mu.Unlock()
	if len(fresh) == 0 {
		return
	}
	a.saveAlerts()
	if a.notifier == nil {
		return
	}
	n := conflictNote(fresh, a.engine.Settings().HideNames, a.opts.Location)
	a.mu.Lock()
	agenda := localapi.Command{Name: localapi.CmdOpenWindow, Window: localapi.WindowAgenda}
	a.notes[n.Key] = noteCommands{"default": agenda, "open": agenda}
	a.mu.Unlock()
	nctx, cancel := context.WithTimeout(ctx, notifyTimeout)
	defer cancel()
	if err := a.notifier.Notify(nctx, n); err != nil {
		a.log.Warn("notification failed", "err", err)
	}
}

// conflictNote is the notification of new conflicts; its click opens the
// agenda, which flags them.
func conflictNote(cs []meetingsync.Conflict, hide bool, loc *time.Location) tray.Notification {
	title := "Two interviews overlap"
	if len(cs) > 1 {
		title = "Interviews overlap or follow each other with no break"
	} else if cs[0].Kind == meetingsync.ConflictBackToBack {
		title = "Two interviews with no break"
	}
	var lines []string
	for _, c := range cs {
		what := "overlaps"
		if c.Kind == meetingsync.ConflictBackToBack {
			what = "ends when the next starts:"
		}
		line := topicOf(c.First, hide) + " at " + c.First.StartTime.In(loc).Format("Mon 15:04") + " " + what + " " +
			topicOf(c.Second, hide) + " at " + c.Second.StartTime.In(loc).Format("15:04")
		if c.Kind == meetingsync.ConflictOverlap && c.BothHosted {
			line += " (you host both: one host cannot run two Zoom meetings at once on most plans)"
		}
		lines = append(lines, line)
	}
	return tray.Notification{Key: "conflicts:" + cs[0].Key, Title: title, Body: strings.Join(lines, "; "),
		Buttons: []tray.Button{{Key: "agenda", Label: "Show"}}, Default: "Show"}
}

// topicOf is an interview's topic, or "Interview" with names hidden.
func topicOf(iv meetingsync.Interview, hide bool) string {
	if hide || iv.Topic == "" {
		return "Interview"
	}
	return iv.Topic
}
