package sync

// Scheduling commands: create an interview's Zoom meeting, move it, cancel
// it. Each calls Zoom in the caller's goroutine and then updates the
// engine's meeting lists in memory at once, as a poll would have found
// them: the agenda, the reminders (the old occurrence's drop, the new
// one's are planned) and the tray follow without waiting for the next
// poll. The lists are updated when no sync pass runs (passMu), so that a
// poll begun before the change cannot put back what Zoom said before it;
// a pass that starts afterwards finds the change in Zoom.
//
// A failure is returned to the caller and changes nothing else: a sign-in
// that lacks the scheduling scopes (ErrSchedulingNotAllowed) leaves the
// rest of the app working, and shows nowhere but where the user asked to
// schedule.

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/interviewtray/interviewtray/invite"
	"github.com/interviewtray/interviewtray/zoom"
)

// Errors of the scheduling commands.
var (
	// ErrSchedulingNotAllowed: the Zoom sign-in lacks the scopes to create,
	// change or delete meetings (Zoom's 4711 or 104). The user signs in
	// again once the app asks for them.
	ErrSchedulingNotAllowed = errors.New("sign in again to allow scheduling: the Zoom sign-in does not include permission to create, change or delete meetings")
	// ErrNotHost: Reschedule or Cancel of a meeting someone else hosts.
	ErrNotHost = errors.New("someone else hosts this meeting: ask the organizer")
	// ErrNeedsConfirm is matched by a *ConfirmError.
	ErrNeedsConfirm = errors.New("needs confirmation")
)

// ConfirmError is Schedule's answer when the request needs the user's
// confirmation first: Warning says why, for the user to read. Asking
// again with the request's confirmation field set goes ahead.
type ConfirmError struct {
	Warning string
}

func (e *ConfirmError) Error() string        { return "schedule: needs confirmation: " + e.Warning }
func (e *ConfirmError) Is(target error) bool { return target == ErrNeedsConfirm }

// Defaults and limits of a ScheduleRequest.
const (
	DefaultInterviewDuration = 45 * time.Minute
	maxInterviewDuration     = 24 * time.Hour
	// basicLimit is how long a meeting on a Basic (free) Zoom account may
	// last before Zoom ends it.
	basicLimit = 40 * time.Minute
)

// ScheduleRequest is an interview to schedule.
type ScheduleRequest struct {
	// Candidate is the candidate's name; required.
	Candidate string
	// Role is the position, optional.
	Role string
	// Start is when the interview starts; it must be in the future.
	Start time.Time
	// Duration is whole minutes, at most 24 hours; zero means 45 minutes.
	Duration time.Duration
	// Timezone is the IANA zone Zoom shows the meeting in (and the
	// invitation names); empty means the engine's Location, or else the
	// user's Zoom time zone.
	Timezone string
	// Agenda is optional, e.g. "Introduction, experience, questions".
	Agenda string
	// Record is zoom.RecordLocal (the default when empty), zoom.RecordCloud
	// or zoom.RecordNone.
	Record string
	// Confirm40Min confirms a Basic (free) account's interview longer
	// than Zoom's 40-minute limit (see ConfirmError).
	Confirm40Min bool
}

// InterviewTopic is the meeting topic of an interview: "Interview: NAME —
// ROLE", or "Interview: NAME" without a role. The default interview rule
// ("interview") finds it.
func InterviewTopic(candidate, role string) string {
	t := "Interview: " + cleanLine(candidate)
	if r := cleanLine(role); r != "" {
		t += " — " + r
	}
	return t
}

// cleanLine makes user input one plain line: control and bidirectional
// characters become spaces, runs of spaces one.
func cleanLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, ""))
	return strings.Join(strings.Fields(s), " ")
}

// check validates r at now and returns the meeting to create.
func (r ScheduleRequest) check(now time.Time) (zoom.NewMeeting, error) {
	var n zoom.NewMeeting
	if cleanLine(r.Candidate) == "" {
		return n, errors.New("schedule: the candidate's name is empty")
	}
	d, err := checkDuration(r.Duration)
	if err != nil {
		return n, fmt.Errorf("schedule: %w", err)
	}
	if !r.Start.After(now) {
		return n, fmt.Errorf("schedule: the start %s is not in the future", r.Start.Format(time.RFC3339))
	}
	rec := r.Record
	if rec == "" {
		rec = zoom.RecordLocal
	}
	if rec != zoom.RecordLocal && rec != zoom.RecordCloud && rec != zoom.RecordNone {
		return n, fmt.Errorf("schedule: recording %q is not local, cloud or none", r.Record)
	}
	topic := InterviewTopic(r.Candidate, r.Role)
	if utf8.RuneCountInString(topic) > zoom.MaxTopicRunes {
		return n, fmt.Errorf("schedule: the name and role are too long for a Zoom topic (at most %d characters)", zoom.MaxTopicRunes)
	}
	agenda := strings.TrimSpace(strings.ToValidUTF8(r.Agenda, ""))
	if utf8.RuneCountInString(agenda) > 2000 {
		return n, errors.New("schedule: the agenda is longer than Zoom's 2000 characters")
	}
	if r.Timezone != "" {
		if _, err := time.LoadLocation(r.Timezone); err != nil {
			return n, fmt.Errorf("schedule: unknown time zone %q", r.Timezone)
		}
	}
	return zoom.NewMeeting{
		Topic: topic, StartTime: r.Start.UTC().Truncate(time.Second), Timezone: r.Timezone,
		Duration: int(d / time.Minute), Agenda: agenda, Password: zoom.NewPasscode(),
		Settings: zoom.NewMeetingSettings{
			WaitingRoom: true, JoinBeforeHost: false, MuteUponEntry: false,
			HostVideo: true, ParticipantVideo: true, Audio: "both", AutoRecording: rec,
		},
	}, nil
}

// checkDuration returns d, or the default for zero, if it is whole
// minutes from one minute to a day.
func checkDuration(d time.Duration) (time.Duration, error) {
	if d == 0 {
		d = DefaultInterviewDuration
	}
	switch {
	case d < time.Minute || d > maxInterviewDuration:
		return 0, fmt.Errorf("the duration %v is not between 1 minute and 24 hours", d)
	case d%time.Minute != 0:
		return 0, fmt.Errorf("the duration %v is not whole minutes", d)
	}
	return d, nil
}

// Schedule creates the interview's Zoom meeting (see ScheduleRequest) with
// interview settings: a generated passcode, the waiting room on, join
// before host off, video on, audio both, recording as asked. It returns
// the interview as the agenda now shows it, with its reminders planned,
// and what Zoom applied differently from what was asked (a setting the
// account locks), one line each for the user to read.
//
// On a Basic (free) account an interview longer than 40 minutes is a
// *ConfirmError (errors.Is ErrNeedsConfirm) unless req.Confirm40Min is
// set; nothing is created then.
func (e *Engine) Schedule(ctx context.Context, req ScheduleRequest) (Interview, []string, error) {
	n, err := req.check(e.now())
	if err != nil {
		return Interview{}, nil, err
	}
	if err := e.callAllowed(); err != nil {
		return Interview{}, nil, fmt.Errorf("schedule: %w", err)
	}

	u, err := e.userForScheduling(ctx)
	if err != nil {
		return Interview{}, nil, fmt.Errorf("schedule: %w", schedulingErr(err))
	}
	if n.Timezone == "" {
		n.Timezone = e.zoneName(u)
	}
	if u.Type == UserBasic && time.Duration(n.Duration)*time.Minute > basicLimit && !req.Confirm40Min {
		return Interview{}, nil, &ConfirmError{Warning: fmt.Sprintf(
			"Your Zoom account is Basic (free): Zoom ends its meetings after 40 minutes, and this interview is planned for %d minutes.", n.Duration)}
	}

	created, err := e.client.CreateMeeting(ctx, n)
	if err != nil {
		return Interview{}, nil, fmt.Errorf("schedule: %w", schedulingErr(err))
	}
	e.log.Info("scheduled an interview", "meeting", created.ID)
	back, err := e.client.GetMeeting(ctx, created.ID)
	var diffs []string
	if err != nil {
		// The meeting exists: report, do not fail (a retry would create
		// a second one).
		back = created
		diffs = append(diffs, "Zoom's copy of the meeting could not be read back to check its settings: "+errorText(classify(err), err))
	}
	diffs = append(diffs, n.Differences(back)...)

	var iv Interview
	var saveErr error
	e.apply(func() {
		now := e.now()
		e.putMeetingLocked(now, back, u.ID, true)
		if !e.matcher.match(back.Topic) {
			// The user's rules would miss it: it is an interview all the same.
			e.st.Overrides[back.ID] = overrideRec{Mode: OverrideInclude, SetAt: now}
			saveErr = e.saveStateLocked()
		}
		e.appliedLocked()
		iv, _ = e.interviewLocked(back.ID, back.StartTime)
	})
	return iv, diffs, notSaved("schedule", back.ID, saveErr)
}

// Reschedule moves an interview the user hosts to start at start for
// duration (zero keeps its length). Its reminders follow at once: those of
// the old time never fire, the new time's are planned.
func (e *Engine) Reschedule(ctx context.Context, id int64, start time.Time, duration time.Duration) (Interview, error) {
	if !start.After(e.now()) {
		return Interview{}, fmt.Errorf("reschedule %d: the start %s is not in the future", id, start.Format(time.RFC3339))
	}
	m, err := e.hostedUpcoming(id, "reschedule")
	if err != nil {
		return Interview{}, err
	}
	if duration == 0 {
		duration = minutes(m.Duration)
	}
	d, err := checkDuration(duration)
	if err != nil {
		return Interview{}, fmt.Errorf("reschedule %d: %w", id, err)
	}
	if err := e.callAllowed(); err != nil {
		return Interview{}, fmt.Errorf("reschedule %d: %w", id, err)
	}

	start = start.UTC().Truncate(time.Second)
	err = e.client.UpdateMeeting(ctx, id, zoom.MeetingUpdate{StartTime: start, Duration: int(d / time.Minute)})
	if zoom.IsMeetingNotFound(err) {
		e.forget(id)
		return Interview{}, fmt.Errorf("reschedule %d: %w (Zoom no longer has it)", id, ErrUnknownMeeting)
	}
	if err != nil {
		return Interview{}, fmt.Errorf("reschedule %d: %w", id, schedulingErr(err))
	}
	e.log.Info("rescheduled an interview", "meeting", id)
	back, err := e.client.GetMeeting(ctx, id)
	fresh := err == nil
	if !fresh {
		// Zoom took the change; show it as asked until the next poll, with
		// the details known before.
		back = detailOf(m)
		back.StartTime, back.Duration = start, int(d/time.Minute)
	}

	var iv Interview
	e.apply(func() {
		myID := ""
		if e.acct.User != nil {
			myID = e.acct.User.ID
		}
		e.putMeetingLocked(e.now(), back, myID, fresh)
		e.appliedLocked()
		iv, _ = e.interviewLocked(id, back.StartTime)
	})
	return iv, nil
}

// Cancel deletes an interview the user hosts from Zoom; it leaves the
// agenda at once and none of its reminders fires. A meeting Zoom no longer
// has is taken as cancelled.
func (e *Engine) Cancel(ctx context.Context, id int64) error {
	if _, err := e.hostedUpcoming(id, "cancel"); err != nil {
		return err
	}
	if err := e.callAllowed(); err != nil {
		return fmt.Errorf("cancel %d: %w", id, err)
	}
	err := e.client.DeleteMeeting(ctx, id, false)
	if err != nil && !zoom.IsMeetingNotFound(err) {
		return fmt.Errorf("cancel %d: %w", id, schedulingErr(err))
	}
	e.log.Info("cancelled an interview", "meeting", id)
	e.forget(id)
	return nil
}

// schedulingErr maps missing scopes to ErrSchedulingNotAllowed, keeping
// Zoom's error in the chain.
func schedulingErr(err error) error {
	if zoom.IsMissingScopes(err) {
		return fmt.Errorf("%w (%w)", ErrSchedulingNotAllowed, err)
	}
	return err
}

// maxApplyWait bounds how long a command waits for a running sync pass
// before it updates the lists anyway (a pass is bounded by the client's
// timeouts; this is a safety net).
const maxApplyWait = 2 * time.Minute

// apply runs f with e.mu held once no sync pass runs, and keeps passes
// off meanwhile: a pass that fetched the lists before Zoom took the change
// stores them first, and f's change goes on top. If a pass does not end
// within maxApplyWait, f runs anyway and both lists are polled again at
// once.
func (e *Engine) apply(f func()) {
	deadline := time.Now().Add(maxApplyWait)
	locked := true
	for !e.passMu.TryLock() {
		if time.Now().After(deadline) {
			locked = false
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	e.mu.Lock()
	f()
	if !locked {
		e.sched.upcoming, e.sched.hosted = time.Time{}, time.Time{}
	}
	e.mu.Unlock()
	if locked {
		e.passMu.Unlock()
	} else {
		e.kickSyncLoop()
	}
}

// userForScheduling returns the signed-in user with the account type,
// asking Zoom when the engine does not know it yet.
func (e *Engine) userForScheduling(ctx context.Context) (User, error) {
	e.mu.Lock()
	u := e.acct.User
	e.mu.Unlock()
	if u != nil && u.Type != 0 {
		return *u, nil
	}
	zu, err := e.client.Me(ctx)
	if err != nil {
		return User{}, err
	}
	nu := User{ID: zu.ID, Email: zu.Email, Name: zu.Name(), Type: zu.Type, Timezone: zu.Timezone}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.acct.User == nil || e.acct.User.ID == nu.ID {
		// Another user's sign-in is the sync loop's to notice (it forgets
		// the previous user's meetings); here only the type is learnt.
		e.acct.User, e.acct.UserAt = &nu, e.now()
	}
	return nu, nil
}

// zoneName is the time zone a meeting is scheduled in when the request
// names none: the engine's Location when it has an IANA name, else the
// user's Zoom time zone.
func (e *Engine) zoneName(u User) string {
	if name := e.loc.String(); name != "Local" && name != "" {
		return name
	}
	return u.Timezone
}

// hostedUpcoming returns the upcoming occurrence of meeting id, if the
// user hosts it: else ErrUnknownMeeting or ErrNotHost.
func (e *Engine) hostedUpcoming(id int64, cmd string) (meetingRec, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.now()
	var found *meetingRec
	for i := range e.acct.meetings {
		m := &e.acct.meetings[i]
		if m.ID == id && now.Before(m.end()) {
			found = m
			break
		}
	}
	if found == nil {
		return meetingRec{}, fmt.Errorf("%s %d: %w", cmd, id, ErrUnknownMeeting)
	}
	if !e.hostsLocked(*found) {
		return meetingRec{}, fmt.Errorf("%s %d: %w", cmd, id, ErrNotHost)
	}
	if !now.Before(found.Start) {
		return meetingRec{}, fmt.Errorf("%s %d: the interview has already started", cmd, id)
	}
	return *found, nil
}

// hostsLocked reports whether the user is the host of m: Zoom said so
// (the meeting's details), or it is in the list of meetings the user
// hosts. An alternative host is not: Zoom lets only the host change it.
func (e *Engine) hostsLocked(m meetingRec) bool {
	myID := ""
	if e.acct.User != nil {
		myID = e.acct.User.ID
	}
	if d := e.acct.Details[m.ID]; d != nil && !d.NotVisible && d.HostID != "" {
		return myID != "" && d.HostID == myID
	}
	if m.HostID != "" {
		return myID != "" && m.HostID == myID
	}
	return slices.ContainsFunc(e.acct.Hosted, func(h zoom.Meeting) bool { return h.ID == m.ID })
}

// detailOf is a meeting record as a MeetingDetail (for the lists).
func detailOf(m meetingRec) *zoom.MeetingDetail {
	return &zoom.MeetingDetail{Meeting: zoom.Meeting{ID: m.ID, UUID: m.UUID, HostID: m.HostID, Topic: m.Topic,
		Type: m.Type, StartTime: m.Start, Duration: m.Duration, JoinURL: m.JoinURL}}
}

// putMeetingLocked puts meeting d (which the user, hostID, hosts) into the
// lists as the next poll will find it, in place of any earlier occurrence:
// into the hosted list, and into the upcoming list when it starts within
// that list's window. When fresh, d is what Zoom just said of it and
// replaces its details; else the details known are kept.
func (e *Engine) putMeetingLocked(now time.Time, d *zoom.MeetingDetail, hostID string, fresh bool) {
	m := d.Meeting
	m.HostID = cmp.Or(m.HostID, hostID)
	if m.Type == 0 {
		m.Type = zoom.MeetingScheduled
	}
	e.notePastLocked(now, classifyMeetings(e.inputLocked(now)))
	e.acct.Hosted = append(without(e.acct.Hosted, m.ID), m)
	e.acct.Upcoming = without(e.acct.Upcoming, m.ID)
	if !e.acct.UpcomingAt.IsZero() && m.StartTime.Before(e.acct.UpcomingAt.Add(upcomingWindow)) {
		e.acct.Upcoming = append(e.acct.Upcoming, m)
	}
	if fresh || e.acct.Details[m.ID] == nil {
		det := detailFrom(d, now)
		det.HostID = cmp.Or(det.HostID, hostID)
		e.acct.Details[m.ID] = det
	}
	e.acct.meetings = e.mergedLocked()
}

// forget takes meeting id out of the lists: Zoom no longer has it.
func (e *Engine) forget(id int64) {
	e.apply(func() {
		e.notePastLocked(e.now(), classifyMeetings(e.inputLocked(e.now())))
		e.acct.Hosted = without(e.acct.Hosted, id)
		e.acct.Upcoming = without(e.acct.Upcoming, id)
		delete(e.acct.Details, id)
		e.acct.meetings = e.mergedLocked()
		e.appliedLocked()
	})
}

// appliedLocked publishes a change the user made and lets the clock loop
// re-plan the reminders.
func (e *Engine) appliedLocked() {
	e.changedLocked()
	e.wakeClock()
}

// interviewLocked finds the published interview of meeting id starting at
// start.
func (e *Engine) interviewLocked(id int64, start time.Time) (Interview, bool) {
	for _, iv := range e.current.Load().Interviews {
		if iv.ID == id && iv.StartTime.Equal(start) {
			return iv, true
		}
	}
	return Interview{}, false
}

// without returns ms without meeting id, as a new slice (the lists are
// replaced, never changed in place).
func without(ms []zoom.Meeting, id int64) []zoom.Meeting {
	out := make([]zoom.Meeting, 0, len(ms)+1)
	for _, m := range ms {
		if m.ID != id {
			out = append(out, m)
		}
	}
	return out
}

// Invitation returns what the invitation and the .ics of meeting id's
// next occurrence say (package invite writes them): its time in the
// meeting's time zone (else the engine's), the link, ID and passcode,
// whether it is recorded, and the user as organizer.
func (e *Engine) Invitation(id int64) (invite.Meeting, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.now()
	for _, m := range e.acct.meetings {
		if m.ID != id || !now.Before(m.end()) {
			continue
		}
		im := invite.Meeting{Topic: m.Topic, Start: m.Start, Duration: minutes(m.Duration), Zone: e.loc,
			JoinURL: m.JoinURL, MeetingID: m.ID}
		if d := e.acct.Details[id]; d != nil && !d.NotVisible {
			im.Passcode, im.Recording = d.Passcode, d.AutoRecording
			if loc, err := time.LoadLocation(d.Timezone); err == nil && d.Timezone != "" {
				im.Zone = loc
			}
		}
		if e.acct.User != nil {
			im.OrganizerName, im.OrganizerEmail = e.acct.User.Name, e.acct.User.Email
		}
		return im, nil
	}
	return invite.Meeting{}, fmt.Errorf("invitation %d: %w", id, ErrUnknownMeeting)
}
