package agent

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/interviewtray/interviewtray/invite"
	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/zoom"
)

// The scheduling commands (see localapi/schedule.go); a failure is
// reported in words, and a refusal for lack of scopes is remembered
// (schedulingError).

func (a *Agent) doScheduleInterview(ctx context.Context, cmd localapi.Command) (res localapi.Result, err error) {
	if cmd.Schedule == nil {
		return res, localapi.BadCommand("%s needs schedule", cmd.Name)
	}
	res.Scheduled, err = a.scheduleInterview(ctx, *cmd.Schedule)
	return res, a.schedulingError(err)
}

func (a *Agent) doRescheduleInterview(ctx context.Context, cmd localapi.Command) (res localapi.Result, err error) {
	if cmd.Schedule == nil {
		return res, localapi.BadCommand("%s needs schedule", cmd.Name)
	}
	res.Scheduled, err = a.rescheduleInterview(ctx, cmd.MeetingID, *cmd.Schedule)
	return res, a.schedulingError(err)
}

func (a *Agent) doCancelInterview(ctx context.Context, cmd localapi.Command) (res localapi.Result, err error) {
	res.Scheduled, err = a.cancelInterview(ctx, cmd.MeetingID)
	return res, a.schedulingError(err)
}

func (a *Agent) doInvitation(_ context.Context, cmd localapi.Command) (res localapi.Result, err error) {
	inv, err := a.invitation(cmd.MeetingID)
	if err != nil {
		return res, a.schedulingError(err)
	}
	res.Scheduled = &localapi.Scheduled{Invitation: inv}
	return res, nil
}

func (a *Agent) doPlannedReminders(_ context.Context, cmd localapi.Command) (res localapi.Result, err error) {
	res.Planned = a.plannedReminders(cmd.MeetingID)
	return res, nil
}

// scheduleInterview creates the interview's meeting and returns it with
// its invitation, or the warning to confirm first.
func (a *Agent) scheduleInterview(ctx context.Context, r localapi.ScheduleRequest) (*localapi.Scheduled, error) {
	iv, diffs, err := a.engine.Schedule(ctx, meetingsync.ScheduleRequest{
		Candidate: r.Candidate, Role: r.Role, Start: r.Start, Duration: time.Duration(r.DurationMinutes) * time.Minute,
		Timezone: cmp.Or(r.Timezone, zoneName(a.opts.Location, os.Getenv, filepath.EvalSymlinks)),
		Agenda:   r.Agenda, Record: r.Record, Confirm40Min: r.Confirm,
	})
	var ce *meetingsync.ConfirmError
	if errors.As(err, &ce) {
		return &localapi.Scheduled{Confirm: ce.Warning}, nil
	}
	if err != nil && iv.ID == 0 {
		return nil, err
	}
	if err != nil {
		// Created, but the override for rules that miss its topic was not
		// saved: the meeting exists, say so rather than fail.
		diffs = append(diffs, err.Error())
	}
	a.allowScheduling()
	out := &localapi.Scheduled{Interview: &iv, Differences: diffs}
	out.Invitation, _ = a.invitation(iv.ID)
	return out, nil
}

// zoneName is loc's IANA name, the zone the user typed the time in, for
// the meeting and its invitation to name: for time.Local, from TZ or the
// /etc/localtime link (Linux, macOS); "" when it has none (the engine
// then uses the user's Zoom time zone).
func zoneName(loc *time.Location, getenv func(string) string, evalSymlinks func(string) (string, error)) string {
	valid := func(n string) bool {
		_, err := time.LoadLocation(n)
		return n != "" && n != "Local" && err == nil
	}
	if n := loc.String(); n != "Local" {
		if valid(n) {
			return n
		}
		return ""
	}
	if loc != time.Local {
		return ""
	}
	if tz := strings.TrimPrefix(getenv("TZ"), ":"); tz != "" {
		if valid(tz) {
			return tz
		}
		return "" // a POSIX rule such as "EST5EDT,M3.2.0,M11.1.0" has no name
	}
	if p, err := evalSymlinks("/etc/localtime"); err == nil {
		if _, name, ok := strings.Cut(filepath.ToSlash(p), "zoneinfo/"); ok && valid(name) {
			return name
		}
	}
	return ""
}

// rescheduleInterview moves an interview the user hosts.
func (a *Agent) rescheduleInterview(ctx context.Context, id int64, r localapi.ScheduleRequest) (*localapi.Scheduled, error) {
	iv, err := a.engine.Reschedule(ctx, id, r.Start, time.Duration(r.DurationMinutes)*time.Minute)
	if err != nil {
		return nil, err
	}
	a.allowScheduling()
	out := &localapi.Scheduled{Interview: &iv}
	out.Invitation, _ = a.invitation(id)
	return out, nil
}

// cancelInterview deletes an interview the user hosts and returns the
// cancellation note, written before the meeting leaves the lists.
func (a *Agent) cancelInterview(ctx context.Context, id int64) (*localapi.Scheduled, error) {
	inv, _ := a.invitation(id)
	if err := a.engine.Cancel(ctx, id); err != nil {
		return nil, err
	}
	a.allowScheduling()
	return &localapi.Scheduled{Invitation: inv}, nil
}

// invitation is meeting id's invitation, its .ics and cancellation note.
func (a *Agent) invitation(id int64) (*localapi.Invitation, error) {
	m, err := a.engine.Invitation(id)
	if err != nil {
		return nil, err
	}
	inv := &localapi.Invitation{Text: invite.Text(m), When: invite.When(m), Cancellation: invite.CancellationText(m),
		JoinURL: m.JoinURL, MeetingID: m.MeetingID, Passcode: m.Passcode, Recorded: m.Recorded()}
	if ics, err := invite.ICS(m, a.opts.Now()); err == nil {
		inv.ICS = string(ics)
	} else {
		a.log.Warn("could not write the invitation's .ics", "meeting", id, "err", err)
	}
	return inv, nil
}

// plannedReminders are the reminders still to fire of meeting id, or of
// every upcoming or running interview for 0.
func (a *Agent) plannedReminders(id int64) map[int64][]meetingsync.PlannedReminder {
	out := map[int64][]meetingsync.PlannedReminder{}
	var ids []int64
	if id != 0 {
		ids = []int64{id}
	} else if snap := a.engine.Snapshot(); snap != nil {
		for _, iv := range snap.Interviews {
			if iv.IsInterview && iv.State != meetingsync.StateEnded && !slices.Contains(ids, iv.ID) {
				ids = append(ids, iv.ID)
			}
		}
	}
	for _, id := range ids {
		if p := a.engine.PlannedReminders(id); len(p) > 0 {
			out[id] = p
		}
	}
	return out
}

// schedulingError is err as the local API answers it: missing scopes are
// remembered (the windows offer to sign in again), and each kind of
// failure gets its status.
func (a *Agent) schedulingError(err error) error {
	if err == nil {
		return nil
	}
	var ae *localapi.Error
	if errors.As(err, &ae) {
		return err
	}
	msg := strings.TrimPrefix(err.Error(), "schedule: ")
	status := http.StatusBadRequest
	switch {
	case errors.Is(err, meetingsync.ErrSchedulingNotAllowed):
		a.mu.Lock()
		a.schedulingNotAllowed = true
		a.mu.Unlock()
		a.changed()
		status = http.StatusForbidden
	case errors.Is(err, meetingsync.ErrNotHost):
		status = http.StatusForbidden
	case errors.Is(err, meetingsync.ErrUnknownMeeting):
		status = http.StatusNotFound
	case errors.Is(err, context.DeadlineExceeded):
		status = http.StatusGatewayTimeout
	default:
		if _, ok := zoom.AsError(err); ok {
			status = http.StatusBadGateway
		}
	}
	return &localapi.Error{Status: status, Message: msg}
}

// allowScheduling forgets an earlier refusal: a scheduling command just
// worked, or the user signed in again.
func (a *Agent) allowScheduling() {
	a.mu.Lock()
	was := a.schedulingNotAllowed
	a.schedulingNotAllowed = false
	a.mu.Unlock()
	if was {
		a.changed()
	}
}

// schedulingAllowed reports whether no scheduling command found the
// sign-in without the scheduling scopes since it was made.
func (a *Agent) schedulingAllowed() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return !a.schedulingNotAllowed
}
