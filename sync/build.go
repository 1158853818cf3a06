package sync

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Limits on what a snapshot carries.
const (
	// maxSnapshotRecordings caps the recordings in a snapshot, newest first.
	maxSnapshotRecordings = 200
	// keepEnded is how long ended interviews stay in the snapshot.
	keepEnded = 12 * time.Hour
	// permissionAhead: interviews someone else hosts starting within it
	// become a problem ("ask the host for permission").
	permissionAhead = 24 * time.Hour
)

// pastOcc is an interview occurrence that has started. It is kept (in
// state.json) while its recordings are followed, and shown in the agenda
// for keepEnded after it ended.
type pastOcc struct {
	ID         int64     `json:"id"`
	UUID       string    `json:"uuid,omitempty"`
	Topic      string    `json:"topic"`
	Type       int       `json:"type,omitempty"`
	Start      time.Time `json:"start"`
	Duration   int       `json:"duration"`
	HostIsMe   bool      `json:"host_is_me"` // the user is the host: cloud recordings are visible
	HostedByMe bool      `json:"hosted_by_me"`
	HostKnown  bool      `json:"host_known"`
	// CalInterview: the calendar's facts made it an interview.
	CalInterview bool `json:"cal_interview,omitempty"`
	// EndedAt is the actual end, when Zoom said so.
	EndedAt time.Time    `json:"ended_at,omitzero"`
	Cloud   cloudTracker `json:"cloud"`
	Local   localTracker `json:"local"`
}

func (p *pastOcc) key() string    { return occKey(p.ID, p.Start) }
func (p *pastOcc) end() time.Time { return p.Start.Add(minutes(p.Duration)) }
func (p *pastOcc) endedOr() time.Time {
	if !p.EndedAt.IsZero() {
		return p.EndedAt
	}
	return p.end()
}

// overrideRec is a per-meeting override with when it was set.
type overrideRec struct {
	Mode  Override  `json:"mode"`
	SetAt time.Time `json:"set_at"`
}

// buildInput is everything the snapshot is computed from. buildSnapshot
// only reads it.
type buildInput struct {
	now       time.Time
	loc       *time.Location
	user      *User
	meetings  []meetingRec
	details   map[int64]*detailRec
	past      map[string]*pastOcc
	matcher   matcher
	overrides map[int64]overrideRec
	reminders *reminderState
	offsets   []Duration
	nags      []Duration
	// alertAll is Settings.AlertAllMeetings with the alert on, and
	// alertBefore its moment: other meetings get the alert's reminder.
	alertAll    bool
	alertBefore time.Duration
	listed      []Recording          // cloud recordings from the list
	tracked     map[string]Recording // followed cloud and local recordings, by key
	check       *SettingsCheck
	health      Health
	extra       []Problem // engine problems (unreadable settings file, missing folder)
	// calendars are the calendar sources' statuses; external and
	// myDomains are the "someone outside my domains is invited" rule.
	calendars []CalendarStatus
	external  bool
	myDomains []string
}

// view is the classified meetings: what the snapshot, the reminders and
// the schedule are computed from.
type view struct {
	interviews []Interview  // all meetings, in start order
	occs       []occurrence // interviews (and, with the alert for all meetings, other meetings) that have not ended, for reminders
	spans      []span       // interviews' scheduled times, for the poll schedule
}

// classifyMeetings turns the merged meetings and the started occurrences
// into interviews: is it one (rules and overrides), who hosts it, its
// state. It is pure.
func classifyMeetings(in *buildInput) view {
	v := view{interviews: make([]Interview, 0, len(in.meetings)+len(in.past))}
	var myID, myEmail string
	if in.user != nil {
		myID, myEmail = in.user.ID, in.user.Email
	}
	listed := make(map[string]bool, len(in.meetings))
	for i := range in.meetings {
		m := &in.meetings[i]
		k := m.key()
		listed[k] = true
		iv := Interview{
			ID:        m.ID,
			UUID:      m.UUID,
			Topic:     m.Topic,
			StartTime: m.Start,
			Duration:  m.Duration,
			EndTime:   m.end(),
			JoinURL:   m.JoinURL,
		}
		hostID := m.HostID
		switch d := in.details[m.ID]; {
		case d != nil && !d.NotVisible:
			iv.UUID = cmp.Or(iv.UUID, d.UUID)
			iv.HostKnown = true
			iv.Passcode = d.Passcode
			iv.HostedByMe = hostedByMe(myID, myEmail, cmp.Or(d.HostID, hostID), d.AltHosts)
		case hostID != "" && myID != "":
			// Only the hosted list carries host_id, and it lists only the
			// user's own meetings.
			iv.HostKnown = true
			iv.HostedByMe = hostID == myID
		case d != nil: // Zoom would not show it: someone else hosts it
			iv.HostKnown = true
		}
		if d := in.details[m.ID]; d != nil {
			iv.HostEmail = d.HostEmail
		}
		iv.Source = SourceZoom
		if c := m.Cal; c != nil {
			iv.Source = SourceCalendar
			if c.ZoomToo {
				iv.Source = SourceZoomCalendar
			}
			if c.Organizer != (Person{}) {
				org := c.Organizer
				iv.Organizer = &org
			}
			iv.Attendees = c.Attendees
			iv.Calendar, iv.CalendarID = c.SourceName, c.Source
			iv.Passcode = cmp.Or(iv.Passcode, c.Passcode)
			if !iv.HostKnown && c.Organizer.Email != "" && myEmail != "" && m.ID < 0 {
				// No Zoom meeting: the organizer is who to ask.
				iv.HostKnown = true
				iv.HostedByMe = strings.EqualFold(c.Organizer.Email, myEmail)
			}
		}
		iv.NeedsHostPermission = iv.HostKnown && !iv.HostedByMe && m.ID > 0
		o := in.overrides[m.ID]
		iv.Override = o.Mode
		iv.IsInterview = isInterviewRec(in.matcher, m, o.Mode, in.external, in.myDomains)
		end := iv.EndTime
		if p := in.past[k]; p != nil && !p.EndedAt.IsZero() && p.EndedAt.Before(end) {
			end = p.EndedAt
		}
		iv.State = stateAt(in.now, m.Start, end)
		_, iv.Joined = in.reminders.Joined[k]
		v.interviews = append(v.interviews, iv)
		switch {
		case iv.IsInterview:
			v.spans = append(v.spans, span{start: m.Start, end: iv.EndTime})
			if in.now.Before(end) {
				v.occs = append(v.occs, occurrence{ID: m.ID, Topic: m.Topic, Start: m.Start, End: end, JoinURL: m.JoinURL})
			}
		case in.alertAll && m.JoinURL != "" && in.now.Before(end):
			// Another Zoom meeting: the alert's reminder only.
			v.occs = append(v.occs, occurrence{ID: m.ID, Topic: m.Topic, Start: m.Start, End: end, JoinURL: m.JoinURL,
				alertOnly: true, alertBefore: in.alertBefore})
		}
	}
	// Started occurrences no longer listed (Zoom drops a meeting from the
	// upcoming lists once it ended): shown for keepEnded.
	for k, p := range in.past {
		if listed[k] || in.now.Sub(p.endedOr()) > keepEnded {
			continue
		}
		o := in.overrides[p.ID]
		iv := Interview{
			ID:                  p.ID,
			UUID:                p.UUID,
			Topic:               p.Topic,
			StartTime:           p.Start,
			Duration:            p.Duration,
			EndTime:             p.end(),
			HostedByMe:          p.HostedByMe,
			HostKnown:           p.HostKnown,
			NeedsHostPermission: p.HostKnown && !p.HostedByMe,
			IsInterview:         in.matcher.isInterview(p.Topic, o.Mode) || p.CalInterview && o.Mode != OverrideExclude,
			Override:            o.Mode,
			State:               StateEnded,
			Source:              SourceZoom,
		}
		if p.ID < 0 {
			iv.Source = SourceCalendar
		}
		if in.now.Before(p.endedOr()) {
			iv.State = StateInProgress
		}
		_, iv.Joined = in.reminders.Joined[k]
		v.interviews = append(v.interviews, iv)
	}
	slices.SortFunc(v.interviews, func(a, b Interview) int {
		return cmp.Or(a.StartTime.Compare(b.StartTime), cmp.Compare(a.ID, b.ID))
	})
	return v
}

func stateAt(now, start, end time.Time) string {
	switch {
	case now.Before(start):
		return StateUpcoming
	case now.Before(end):
		return StateInProgress
	}
	return StateEnded
}

// buildSnapshot computes the snapshot from in and an already computed view
// and active reminders. It is pure.
func buildSnapshot(in *buildInput, v view, active []Reminder) *Snapshot {
	s := &Snapshot{
		GeneratedAt:       in.now,
		User:              in.user,
		Interviews:        v.interviews,
		Recordings:        mergeRecordings(in.listed, in.tracked),
		RecordingSettings: in.check,
		Reminders:         active,
		Health:            in.health,
		Calendars:         withInterviewCounts(in.calendars, v.interviews),
	}
	if s.Reminders == nil {
		s.Reminders = []Reminder{}
	}
	s.Problems = problemsOf(in, v.interviews)
	return s
}

// mergeRecordings joins the listed cloud recordings (newest first, see
// recordingsFromList) and the followed ones (which win: they carry the
// share passcode and the local folders), newest first, capped.
func mergeRecordings(listed []Recording, tracked map[string]Recording) []Recording {
	out := make([]Recording, 0, min(len(listed)+len(tracked), maxSnapshotRecordings))
	for _, r := range tracked {
		out = append(out, r)
	}
	for i := range listed {
		if len(out) >= len(tracked)+maxSnapshotRecordings {
			break // listed is newest first: the rest cannot make the cut
		}
		if _, ok := tracked[listed[i].Key()]; !ok {
			out = append(out, listed[i])
		}
	}
	slices.SortFunc(out, func(a, b Recording) int {
		return cmp.Or(b.StartTime.Compare(a.StartTime), cmp.Compare(a.Key(), b.Key()))
	})
	if len(out) > maxSnapshotRecordings {
		out = slices.Clip(out[:maxSnapshotRecordings])
	}
	return out
}

// problemsOf lists what needs the user's attention, most important first.
func problemsOf(in *buildInput, ivs []Interview) []Problem {
	h := in.health
	out := []Problem{}
	clock := func(t time.Time) string { return t.In(in.loc).Format("15:04") }
	switch {
	case h.SignedOut:
		msg := "Not signed in to Zoom. Sign in to see your interviews."
		if h.LastError != "" {
			msg = h.LastError
		}
		out = append(out, Problem{Message: msg, Action: ActionSignIn, Label: "Sign in"})
	case h.KeychainProblem != "":
		out = append(out, Problem{Message: h.KeychainProblem, Action: ActionRetry, Label: "Try again"})
	case h.Offline:
		msg := "Zoom cannot be reached."
		if !h.LastSync.IsZero() {
			msg = fmt.Sprintf("Zoom cannot be reached; showing what was known at %s.", clock(h.LastSync))
		}
		out = append(out, Problem{Message: msg, Action: ActionRetry, Label: "Try again"})
	case h.RateLimited:
		msg := "Zoom asked Interview Tray to slow down."
		if !h.RetryAt.IsZero() {
			msg = fmt.Sprintf("Zoom asked Interview Tray to slow down; trying again at %s.", clock(h.RetryAt))
		}
		out = append(out, Problem{Message: msg})
	case h.LastError != "":
		out = append(out, Problem{Message: sentence(h.LastError), Action: ActionRetry, Label: "Try again"})
	}
	if h.Unreadable != "" {
		out = append(out, Problem{Message: h.Unreadable})
	}
	if c := in.check; c != nil {
		if len(c.Changed) > 0 {
			out = append(out, Problem{
				Message: fmt.Sprintf("Your Zoom recording settings changed since the last check: %s.", joinLabels(c.Changed)),
				Action:  ActionFixSettings, Label: "Fix recording settings",
			})
		}
		for _, st := range c.Settings {
			if !st.Required || slices.Contains(c.Changed, st.Label) {
				continue
			}
			switch st.State {
			case SettingNeedsChange:
				out = append(out, Problem{Message: fmt.Sprintf("%q is off in Zoom: interviews cannot be recorded to your computer.", st.Label),
					Action: ActionFixSettings, Label: "Fix it for me"})
			case SettingLocked:
				out = append(out, Problem{Message: fmt.Sprintf("%q is locked by your Zoom admin.", st.Label),
					Action: ActionContactAdmin, Label: "Copy a message for the admin"})
			}
		}
	}
	out = append(out, in.extra...)
	out = append(out, calendarProblems(in.calendars, in.loc)...)
	for _, iv := range ivs {
		if !iv.IsInterview || !iv.NeedsHostPermission || iv.State != StateUpcoming || iv.StartTime.Sub(in.now) > permissionAhead {
			continue
		}
		when := iv.StartTime.In(in.loc).Format("Mon 15:04")
		p := Problem{
			Message:   fmt.Sprintf("Someone else hosts the interview at %s: recording it to your computer needs the host's permission.", when),
			Action:    ActionOpenAgenda,
			Label:     "Show",
			MeetingID: iv.ID,
		}
		if who := hostOf(iv); who != "" {
			p.Message = fmt.Sprintf("%s hosts the interview at %s: recording it to your computer needs their permission.", who, when)
			p.Action, p.Label = ActionCopyHostRequest, "Copy request"
		}
		out = append(out, p)
	}
	return out
}

func joinLabels(ls []string) string {
	switch len(ls) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("%q", ls[0])
	}
	s := ""
	for i, l := range ls {
		switch {
		case i == len(ls)-1:
			s += " and "
		case i > 0:
			s += ", "
		}
		s += fmt.Sprintf("%q", l)
	}
	return s
}
