package zoomsim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/teambition/rrule-go"
)

// ErrStateVersion is returned by LoadState for a state written in another
// format version, such as one from a newer simulator.
var ErrStateVersion = errors.New("zoomsim: unsupported state version")

// LoadState replaces the simulator's durable state with one SaveState
// wrote, and returns when it was saved (the real clock's reading). The
// simulator clock continues from the saved offset to the real clock.
// Tokens saved live work again: the saved access tokens until their
// expiry, the refresh tokens until used. The calendar feed keeps its
// address.
//
// On any error (unreadable JSON, ErrStateVersion, a state of another
// client ID, inconsistent data) nothing changes: the simulator keeps its
// fresh seed and the caller may go on with it.
func (s *Sim) LoadState(r io.Reader) (time.Time, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxStateBytes+1))
	if err != nil {
		return time.Time{}, fmt.Errorf("zoomsim: read the state: %w", err)
	}
	if len(b) > maxStateBytes {
		return time.Time{}, fmt.Errorf("zoomsim: the state is larger than %d bytes", maxStateBytes)
	}
	var head struct {
		Version int `json:"version"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return time.Time{}, fmt.Errorf("zoomsim: the state is not valid JSON: %w", err)
	}
	if head.Version != stateVersion {
		return time.Time{}, fmt.Errorf("%w %d (this simulator reads version %d)", ErrStateVersion, head.Version, stateVersion)
	}
	var st stateFile
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil {
		return time.Time{}, fmt.Errorf("zoomsim: the state does not fit version %d: %w", stateVersion, err)
	}
	if st.ClientID != s.opts.ClientID {
		return time.Time{}, fmt.Errorf("zoomsim: the state belongs to client ID %q, not %q", st.ClientID, s.opts.ClientID)
	}
	l, err := s.restore(&st)
	if err != nil {
		return time.Time{}, fmt.Errorf("zoomsim: the state is inconsistent: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.offset = st.Offset
	s.account, s.me, s.other = l.account, l.me, l.other
	s.meetings, s.byUUID = l.meetings, l.byUUID
	s.settings, s.locked = l.settings, l.locked
	s.grants, s.tokens, s.issued = l.grants, l.tokens, l.issued
	s.cal = l.cal
	s.consents, s.codes, s.pages = make(map[string]*consent), make(map[string]*authCode), make(map[string]*pageCursor)
	s.digest = s.stateDigest(s.now())
	return st.SavedAt, nil
}

// loaded is a restored state before it replaces the simulator's.
type loaded struct {
	account   account
	me, other *user
	meetings  map[int64]*meeting
	byUUID    map[string]*meeting
	settings  map[string]any
	locked    map[string]bool
	grants    []*grant
	tokens    map[string]*token
	issued    []*token
	cal       calendarState
}

func restoreUser(u stateUser) (*user, error) {
	if u.ID == "" || u.Email == "" {
		return nil, errors.New("a user without ID or email")
	}
	return &user{id: u.ID, firstName: u.FirstName, lastName: u.LastName, email: u.Email, timezone: u.Timezone,
		dept: u.Dept, roleName: u.RoleName, pmi: u.PMI, created: u.Created}, nil
}

// restore builds the state st describes, without touching s's.
func (s *Sim) restore(st *stateFile) (*loaded, error) {
	l := &loaded{
		account:  account{id: st.Account.ID, number: st.Account.Number},
		meetings: make(map[int64]*meeting),
		byUUID:   make(map[string]*meeting),
		locked:   make(map[string]bool),
		tokens:   make(map[string]*token),
	}
	var err error
	if l.me, err = restoreUser(st.Me); err != nil {
		return nil, err
	}
	if l.other, err = restoreUser(st.Other); err != nil {
		return nil, err
	}
	who := func(name string) (*user, error) {
		switch name {
		case "me":
			return l.me, nil
		case "other":
			return l.other, nil
		}
		return nil, fmt.Errorf("unknown user %q", name)
	}
	for _, sm := range st.Meetings {
		m, err := restoreMeeting(sm, who)
		if err != nil {
			return nil, fmt.Errorf("meeting %d: %w", sm.ID, err)
		}
		if l.meetings[m.id] != nil || l.byUUID[m.uuid] != nil {
			return nil, fmt.Errorf("meeting %d: its ID or UUID is taken", m.id)
		}
		l.meetings[m.id], l.byUUID[m.uuid] = m, m
	}
	if l.settings, err = restoreSettings(s.opts.Plan, st.Settings); err != nil {
		return nil, err
	}
	for _, path := range st.Locked {
		l.locked[path] = true
	}
	byID := make(map[int]*grant)
	for _, sg := range st.Grants {
		u, err := who(sg.User)
		if err != nil {
			return nil, fmt.Errorf("grant %d: %w", sg.ID, err)
		}
		if sg.ID != len(l.grants)+1 {
			return nil, fmt.Errorf("grant %d out of order", sg.ID)
		}
		g := &grant{id: sg.ID, user: u, revoked: sg.Revoked}
		l.grants = append(l.grants, g)
		byID[g.id] = g
	}
	for _, stt := range st.Tokens {
		g := byID[stt.Grant]
		if g == nil || (stt.Kind != "access" && stt.Kind != "refresh") || len(stt.SHA256) != 64 {
			return nil, fmt.Errorf("a %s token of grant %d", stt.Kind, stt.Grant)
		}
		t := &token{hash: stt.SHA256, kind: stt.Kind, grant: g, issued: stt.Issued, expires: stt.Expires}
		l.tokens[t.hash] = t
		l.issued = append(l.issued, t)
	}
	l.cal = calendarState{token: st.Calendar.Token, hash: st.Calendar.Hash, changed: st.Calendar.Changed,
		meta: make(map[int64]*calMeta)}
	if len(l.cal.token) != 32 {
		return nil, errors.New("the calendar address has no secret")
	}
	for _, m := range st.Calendar.Meta {
		l.cal.meta[m.Meeting] = &calMeta{uid: m.UID, fingerprint: m.Fingerprint, modified: m.Modified, sequence: m.Sequence}
	}
	for _, se := range st.Calendar.Extra {
		ev, err := restoreCalEvent(se)
		if err != nil {
			return nil, fmt.Errorf("calendar event %q: %w", se.UID, err)
		}
		l.cal.extra = append(l.cal.extra, ev)
	}
	return l, nil
}

func restoreMeeting(sm stateMeeting, who func(string) (*user, error)) (*meeting, error) {
	host, err := who(sm.Host)
	if err != nil {
		return nil, err
	}
	if sm.ID <= 0 || sm.UUID == "" || sm.Start.IsZero() {
		return nil, errors.New("no ID, UUID or start")
	}
	for _, t := range sm.FileTypes {
		if _, ok := fileKinds[t]; !ok {
			return nil, fmt.Errorf("unknown recording file type %q", t)
		}
	}
	m := &meeting{
		id: sm.ID, uuid: sm.UUID, topic: sm.Topic, agenda: sm.Agenda, start: sm.Start, duration: sm.Duration,
		timezone: sm.Timezone, created: sm.Created, host: host, invited: sm.Invited, altHosts: sm.AltHosts,
		passcode: sm.Passcode, pwdToken: sm.PwdToken, cloudRecording: sm.CloudRecording, deleted: sm.Deleted,
		endedAt: sm.EndedAt, readyAt: sm.ReadyAt, fileTypes: sm.FileTypes,
	}
	if sr := sm.Recording; sr != nil {
		r := &recording{start: sr.Start, end: sr.End, shareID: sr.ShareID, passcode: sr.Passcode, playPass: sr.PlayPass}
		for _, f := range sr.Files {
			r.files = append(r.files, recordingFile{id: f.ID, fileType: f.FileType, extension: f.Extension,
				recordingType: f.RecordingType, size: f.Size, playID: f.PlayID, downloadID: f.DownloadID})
		}
		m.recording = r
	}
	return m, nil
}

// restoreSettings merges the saved settings into the plan's defaults, with
// the checks of a PATCH: a value of the wrong JSON type is an error, and a
// setting the saved tree lacks keeps its default.
func restoreSettings(plan string, saved json.RawMessage) (map[string]any, error) {
	tree, err := decodeTree(saved)
	if err != nil {
		return nil, fmt.Errorf("settings: %w", err)
	}
	settings := defaultSettings(plan, true)
	if errs := checkSettings(settings, tree, ""); len(errs) > 0 {
		return nil, fmt.Errorf("settings: %s has the wrong type", errs[0].Field)
	}
	mergeSettings(settings, tree, "", nil)
	return settings, nil
}

func restoreCalEvent(se stateCalEvent) (calEvent, error) {
	ev := calEvent{
		uid: se.UID, summary: se.Summary, description: se.Description, location: se.Location,
		start: se.Start, end: se.End, allDay: se.AllDay, organizer: person{se.Organizer.Name, se.Organizer.Email},
		exdates: se.ExDates, recurrenceID: se.RecurrenceID, cancelled: se.Cancelled, transparent: se.Transparent,
		conference: se.Conference, created: se.Created, modified: se.Modified, sequence: se.Sequence,
	}
	if ev.uid == "" || ev.start.IsZero() {
		return calEvent{}, errors.New("no UID or start")
	}
	if se.Zone != "" {
		z, ok := calendarZones[se.Zone]
		if !ok {
			return calEvent{}, fmt.Errorf("unknown zone %q", se.Zone)
		}
		ev.zone = &z
	}
	if se.RRule != "" {
		ro, err := rrule.StrToROption(se.RRule)
		if err != nil {
			return calEvent{}, fmt.Errorf("recurrence rule: %w", err)
		}
		ev.rrule = ro
	}
	for _, a := range se.Attendees {
		ev.attendees = append(ev.attendees, attendee{person{a.Name, a.Email}, a.Partstat})
	}
	return ev, nil
}

// ReseedWeek replaces the meetings and the calendar-only events with those
// of a fresh seed (Options.Seed) around the simulator's current time,
// keeping the account, the users, their settings, the sign-ins and the
// calendar's address. A demo whose saved week lies in the past calls it
// after LoadState: still signed in, with interviews to come.
func (s *Sim) ReseedWeek() {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.meetings, s.byUUID = make(map[int64]*meeting), make(map[string]*meeting)
	s.pages = make(map[string]*pageCursor)
	s.cal.meta, s.cal.extra = make(map[int64]*calMeta), nil
	if s.opts.Seed == "demo" {
		s.seedDemo(now)
		if !s.opts.NoDemoCalendar {
			s.cal.extra = s.demoCalendarEvents(now)
		}
	}
}
