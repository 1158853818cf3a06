package zoomsim

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"time"
)

// Saved state: SaveState writes what a simulator must remember to behave
// like the same Zoom after a restart (the account and users, the meetings
// with their recordings, the settings and their locks, the sign-ins and
// their live tokens, the clock, the calendar's address and events), and
// LoadState reads it back into a new simulator. What lasts one request or
// one test (rate-limit windows, faults, counters, page cursors, consent
// pages and authorization codes) is left out.
//
// Tokens are saved as SHA-256 hashes, never as values: the simulator
// recognises a saved token when a client presents it, and the file holds
// nothing a client could use. Everything in it is the simulator's own:
// made-up users and meetings, fake tokens (no real Zoom token ever reaches
// a simulator). The tokens' HMAC key is not saved: the simulator never
// checks a signature, a token is valid because it is known.

// stateVersion is the version of the format SaveState writes. LoadState
// refuses other versions.
const stateVersion = 1

// maxStateBytes caps what LoadState reads.
const maxStateBytes = 16 << 20

// stateFile is the saved state.
type stateFile struct {
	Version int `json:"version"`
	// SavedAt is the real clock's reading at the save (not the
	// simulator's), for a caller that wants to know the state's age.
	SavedAt  time.Time       `json:"saved_at,omitzero"`
	ClientID string          `json:"client_id"`
	Offset   time.Duration   `json:"clock_offset_ns"`
	Account  stateAccount    `json:"account"`
	Me       stateUser       `json:"me"`
	Other    stateUser       `json:"other"`
	Meetings []stateMeeting  `json:"meetings"`
	Settings json.RawMessage `json:"settings"`
	Locked   []string        `json:"locked"`
	Grants   []stateGrant    `json:"grants"`
	Tokens   []stateToken    `json:"tokens"`
	Calendar stateCalendar   `json:"calendar"`
}

type stateAccount struct {
	ID     string `json:"id"`
	Number int64  `json:"number"`
}

type stateUser struct {
	ID        string    `json:"id"`
	FirstName string    `json:"first_name"`
	LastName  string    `json:"last_name"`
	Email     string    `json:"email"`
	Timezone  string    `json:"timezone"`
	Dept      string    `json:"dept"`
	RoleName  string    `json:"role_name"`
	PMI       int64     `json:"pmi"`
	Created   time.Time `json:"created"`
}

type stateMeeting struct {
	ID             int64           `json:"id"`
	UUID           string          `json:"uuid"`
	Topic          string          `json:"topic"`
	Agenda         string          `json:"agenda,omitempty"`
	Start          time.Time       `json:"start"`
	Duration       int             `json:"duration"`
	Timezone       string          `json:"timezone"`
	Created        time.Time       `json:"created"`
	Host           string          `json:"host"` // "me" or "other"
	Invited        bool            `json:"invited,omitempty"`
	AltHosts       string          `json:"alternative_hosts,omitempty"`
	Passcode       string          `json:"passcode"`
	PwdToken       string          `json:"pwd_token"`
	CloudRecording bool            `json:"cloud_recording,omitempty"`
	Deleted        bool            `json:"deleted,omitempty"`
	EndedAt        time.Time       `json:"ended_at,omitzero"`
	ReadyAt        time.Time       `json:"ready_at,omitzero"`
	FileTypes      []string        `json:"file_types,omitempty"`
	Recording      *stateRecording `json:"recording,omitempty"`
}

type stateRecording struct {
	Start    time.Time            `json:"start"`
	End      time.Time            `json:"end"`
	ShareID  string               `json:"share_id"`
	Passcode string               `json:"passcode"`
	PlayPass string               `json:"play_passcode"`
	Files    []stateRecordingFile `json:"files"`
}

type stateRecordingFile struct {
	ID            string `json:"id"`
	FileType      string `json:"file_type"`
	Extension     string `json:"extension"`
	RecordingType string `json:"recording_type"`
	Size          int64  `json:"size"`
	PlayID        string `json:"play_id"`
	DownloadID    string `json:"download_id"`
}

type stateGrant struct {
	ID      int    `json:"id"`
	User    string `json:"user"` // "me" or "other"
	Revoked bool   `json:"revoked,omitempty"`
}

// stateToken is a live token: its hash, never its value.
type stateToken struct {
	Kind    string    `json:"kind"`
	SHA256  string    `json:"sha256"`
	Grant   int       `json:"grant"`
	Issued  time.Time `json:"issued"`
	Expires time.Time `json:"expires,omitzero"`
}

type stateCalendar struct {
	Token   string          `json:"token"`
	Extra   []stateCalEvent `json:"events"`
	Meta    []stateCalMeta  `json:"meetings"`
	Hash    string          `json:"hash,omitempty"`
	Changed time.Time       `json:"changed"`
}

type stateCalMeta struct {
	Meeting     int64     `json:"meeting"`
	UID         string    `json:"uid"`
	Fingerprint string    `json:"fingerprint"`
	Modified    time.Time `json:"modified"`
	Sequence    int       `json:"sequence"`
}

type statePerson struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

type stateAttendee struct {
	statePerson
	Partstat string `json:"partstat"`
}

type stateCalEvent struct {
	UID          string          `json:"uid"`
	Summary      string          `json:"summary"`
	Description  string          `json:"description,omitempty"`
	Location     string          `json:"location,omitempty"`
	Start        time.Time       `json:"start"`
	End          time.Time       `json:"end"`
	AllDay       bool            `json:"all_day,omitempty"`
	Zone         string          `json:"zone,omitempty"` // a calendarZones name; empty: UTC
	Organizer    statePerson     `json:"organizer"`
	Attendees    []stateAttendee `json:"attendees"`
	RRule        string          `json:"rrule,omitempty"` // without DTSTART
	ExDates      []time.Time     `json:"exdates,omitempty"`
	RecurrenceID time.Time       `json:"recurrence_id,omitzero"`
	Cancelled    bool            `json:"cancelled,omitempty"`
	Transparent  bool            `json:"transparent,omitempty"`
	Conference   string          `json:"conference,omitempty"`
	Created      time.Time       `json:"created"`
	Modified     time.Time       `json:"modified"`
	Sequence     int             `json:"sequence,omitempty"`
}

// SaveState writes the simulator's durable state as JSON (see LoadState).
// The file holds no token value, but it describes the simulated account:
// keep it private (mode 0600).
func (s *Sim) SaveState(w io.Writer) error {
	s.mu.Lock()
	st := s.state(s.now())
	s.mu.Unlock()
	st.SavedAt = time.Now().UTC().Round(0)
	b, err := json.MarshalIndent(st, "", "\t")
	if err != nil {
		return fmt.Errorf("zoomsim: encode the state: %w", err)
	}
	if _, err := w.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("zoomsim: write the state: %w", err)
	}
	return nil
}

// tokenHash is how the state and the token table name a token.
func tokenHash(value string) string {
	sum := sha256.Sum256([]byte(value))
	return hex.EncodeToString(sum[:])
}

// whose names u as the state does.
func (s *Sim) whose(u *user) string {
	if u == s.other {
		return "other"
	}
	return "me"
}

func saveUser(u *user) stateUser {
	return stateUser{ID: u.id, FirstName: u.firstName, LastName: u.lastName, Email: u.email,
		Timezone: u.timezone, Dept: u.dept, RoleName: u.roleName, PMI: u.pmi, Created: u.created}
}

// state is the durable state at now, without SavedAt; s.mu held. It is
// deterministic (sorted), so that two calls on the same state give the
// same JSON.
func (s *Sim) state(now time.Time) stateFile {
	settings, err := json.Marshal(s.settings)
	if err != nil {
		panic("zoomsim: encode settings: " + err.Error()) // a tree of JSON values
	}
	st := stateFile{
		Version:  stateVersion,
		ClientID: s.opts.ClientID,
		Offset:   s.offset,
		Account:  stateAccount{ID: s.account.id, Number: s.account.number},
		Me:       saveUser(s.me),
		Other:    saveUser(s.other),
		Settings: settings,
		Locked:   s.lockedList(),
		Meetings: []stateMeeting{},
		Grants:   []stateGrant{},
		Tokens:   []stateToken{},
		Calendar: stateCalendar{Token: s.cal.token, Hash: s.cal.hash, Changed: s.cal.changed,
			Extra: []stateCalEvent{}, Meta: []stateCalMeta{}},
	}
	for _, m := range s.sortedMeetings(func(*meeting) bool { return true }) {
		st.Meetings = append(st.Meetings, s.saveMeeting(m))
	}
	for _, g := range s.grants {
		st.Grants = append(st.Grants, stateGrant{ID: g.id, User: s.whose(g.user), Revoked: g.revoked})
	}
	for _, t := range s.issued {
		if t.state(now) == stateActive {
			st.Tokens = append(st.Tokens, stateToken{Kind: t.kind, SHA256: t.hash, Grant: t.grant.id,
				Issued: t.issued, Expires: t.expires})
		}
	}
	for _, ev := range s.cal.extra {
		st.Calendar.Extra = append(st.Calendar.Extra, saveCalEvent(ev))
	}
	for id, m := range s.cal.meta {
		st.Calendar.Meta = append(st.Calendar.Meta, stateCalMeta{Meeting: id, UID: m.uid,
			Fingerprint: m.fingerprint, Modified: m.modified, Sequence: m.sequence})
	}
	sort.Slice(st.Calendar.Meta, func(i, j int) bool { return st.Calendar.Meta[i].Meeting < st.Calendar.Meta[j].Meeting })
	return st
}

func (s *Sim) saveMeeting(m *meeting) stateMeeting {
	sm := stateMeeting{
		ID: m.id, UUID: m.uuid, Topic: m.topic, Agenda: m.agenda, Start: m.start, Duration: m.duration,
		Timezone: m.timezone, Created: m.created, Host: s.whose(m.host), Invited: m.invited,
		AltHosts: m.altHosts, Passcode: m.passcode, PwdToken: m.pwdToken, CloudRecording: m.cloudRecording,
		Deleted: m.deleted, EndedAt: m.endedAt, ReadyAt: m.readyAt, FileTypes: slices.Clone(m.fileTypes),
	}
	if r := m.recording; r != nil {
		sr := &stateRecording{Start: r.start, End: r.end, ShareID: r.shareID, Passcode: r.passcode, PlayPass: r.playPass}
		for _, f := range r.files {
			sr.Files = append(sr.Files, stateRecordingFile{ID: f.id, FileType: f.fileType, Extension: f.extension,
				RecordingType: f.recordingType, Size: f.size, PlayID: f.playID, DownloadID: f.downloadID})
		}
		sm.Recording = sr
	}
	return sm
}

func saveCalEvent(ev calEvent) stateCalEvent {
	se := stateCalEvent{
		UID: ev.uid, Summary: ev.summary, Description: ev.description, Location: ev.location,
		Start: ev.start, End: ev.end, AllDay: ev.allDay,
		Organizer: statePerson{ev.organizer.name, ev.organizer.email},
		ExDates:   slices.Clone(ev.exdates), RecurrenceID: ev.recurrenceID, Cancelled: ev.cancelled,
		Transparent: ev.transparent, Conference: ev.conference, Created: ev.created, Modified: ev.modified,
		Sequence: ev.sequence,
	}
	if ev.zone != nil {
		se.Zone = ev.zone.tzid
	}
	if ev.rrule != nil {
		se.RRule = ev.rrule.RRuleString()
	}
	for _, a := range ev.attendees {
		se.Attendees = append(se.Attendees, stateAttendee{statePerson{a.name, a.email}, a.partstat})
	}
	return se
}

// stateDigest is a digest of the durable state at now (s.mu held), to tell
// whether a request changed it.
func (s *Sim) stateDigest(now time.Time) [sha256.Size]byte {
	b, err := json.Marshal(s.state(now))
	if err != nil {
		panic("zoomsim: encode the state: " + err.Error())
	}
	return sha256.Sum256(b)
}
