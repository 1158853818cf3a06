package zoomsim

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"
)

// Go helpers for tests and demo mode. Each has an HTTP twin in the control
// API (control.go); both run the same code.

// Errors returned by the helpers; the control API answers them with 404 and
// 409.
var (
	ErrNoMeeting = errors.New("zoomsim: no such meeting")
	ErrConflict  = errors.New("zoomsim: not possible in the meeting's state")
)

// MeetingSpec describes a meeting to create.
type MeetingSpec struct {
	Topic     string    `json:"topic"`      // default "Zoom Meeting"; at most 200 characters
	Agenda    string    `json:"agenda"`     // optional
	StartTime time.Time `json:"start_time"` // required (RFC 3339 in JSON)
	Duration  int       `json:"duration"`   // minutes; 0 means 60
	// Host is "me" (the signed-in user; the default) or "other" (a recruiter
	// of the same account).
	Host string `json:"host"`
	// Invited marks a meeting hosted by "other" as one the signed-in user is
	// invited to: it then appears in users/me/upcoming_meetings.
	Invited bool `json:"invited"`
	// AlternativeHosts is a semicolon-separated list of emails; the
	// signed-in user's may be among them.
	AlternativeHosts string `json:"alternative_hosts"`
	// CloudRecording says whether the host records to the cloud; nil means
	// true for host "me" and false for "other".
	CloudRecording *bool `json:"cloud_recording"`
	// Timezone is the meeting's time zone name; default the host's.
	Timezone string `json:"timezone"`
}

// MeetingUpdate reschedules or renames a meeting that has not ended; nil
// fields stay as they are.
type MeetingUpdate struct {
	StartTime *time.Time `json:"start_time"`
	Duration  *int       `json:"duration"` // minutes
	Topic     *string    `json:"topic"`
}

// SimMeeting is a meeting as the control API shows it, with what the REST
// API would hide (password) and the simulator's own state.
type SimMeeting struct {
	ID               int64     `json:"id"`
	UUID             string    `json:"uuid"`
	Topic            string    `json:"topic"`
	Agenda           string    `json:"agenda,omitempty"`
	StartTime        time.Time `json:"start_time"`
	Duration         int       `json:"duration"` // minutes
	Timezone         string    `json:"timezone"`
	CreatedAt        time.Time `json:"created_at"`
	Host             string    `json:"host"` // "me" or "other"
	HostID           string    `json:"host_id"`
	HostEmail        string    `json:"host_email"`
	Invited          bool      `json:"invited"`
	AlternativeHosts string    `json:"alternative_hosts"`
	CloudRecording   bool      `json:"cloud_recording"`
	JoinURL          string    `json:"join_url"`
	Password         string    `json:"password"`
	// Status is "waiting", "started" or "ended".
	Status  string    `json:"status"`
	EndTime time.Time `json:"end_time,omitzero"`
	// Recording is "none" (no cloud recording), "waiting" (the meeting has
	// not ended), "processing" or "ready".
	Recording string `json:"recording"`
	Deleted   bool   `json:"deleted,omitempty"`
}

// SimUser is a user of the simulated account.
type SimUser struct {
	ID        string `json:"id"`
	Email     string `json:"email"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Timezone  string `json:"timezone"`
}

// Stats counts what the simulator has served.
type Stats struct {
	// Requests counts OAuth and REST requests by method and route pattern,
	// e.g. "GET /v2/meetings/{meetingId}", whatever their outcome.
	Requests       map[string]int `json:"requests"`
	TokenRefreshes int            `json:"token_refreshes"` // successful refresh grants
	Grants         int            `json:"grants"`          // successful sign-ins
	Revoked        int            `json:"revoked"`         // grants ended by /oauth/revoke
	Superseded     int            `json:"superseded"`      // grants ended by a newer sign-in
	RateLimited    int            `json:"rate_limited"`    // requests answered 429 by the limiter
}

// User returns the user who signs in.
func (s *Sim) User() SimUser {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.user()
}

// user is User for callers holding s.mu.
func (s *Sim) user() SimUser {
	u := s.me
	return SimUser{ID: u.id, Email: u.email, FirstName: u.firstName, LastName: u.lastName, Timezone: u.timezone}
}

// Stats returns a copy of the counters.
func (s *Sim) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.Requests = maps.Clone(s.stats.Requests)
	return st
}

// CreateMeeting creates a meeting.
func (s *Sim) CreateMeeting(spec MeetingSpec) (SimMeeting, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	m, err := s.createMeeting(spec, now)
	if err != nil {
		return SimMeeting{}, err
	}
	return s.view(m, now), nil
}

// UpdateMeeting reschedules or renames meeting id.
func (s *Sim) UpdateMeeting(id int64, u MeetingUpdate) (SimMeeting, error) {
	return s.withMeeting(id, func(m *meeting, now time.Time) error { return s.updateMeeting(m, u, now) })
}

// DeleteMeeting cancels meeting id: it leaves every meeting listing and
// meetings/{id} answers 404. A past instance and its recording remain.
func (s *Sim) DeleteMeeting(id int64) error {
	_, err := s.withMeeting(id, cancelMeeting)
	return err
}

func cancelMeeting(m *meeting, _ time.Time) error {
	m.deleted = true
	return nil
}

// EndMeeting ends meeting id now (simulator time). A meeting that has not
// started yet is taken to have been opened and closed at once.
func (s *Sim) EndMeeting(id int64) (SimMeeting, error) {
	return s.withMeeting(id, s.endMeeting)
}

// MakeRecordingReady makes meeting id's cloud recording ready now with
// files of the given types ("MP4", "M4A", "TRANSCRIPT", "CHAT"; default
// MP4, M4A and TRANSCRIPT), ending the meeting first if it is running. It
// fails with ErrConflict for a meeting that does not record to the cloud.
// A recording already ready stays as it is.
func (s *Sim) MakeRecordingReady(id int64, fileTypes ...string) (SimMeeting, error) {
	return s.withMeeting(id, func(m *meeting, now time.Time) error {
		return s.makeRecordingReady(m, fileTypes, now)
	})
}

// Meeting returns meeting id, deleted or not.
func (s *Sim) Meeting(id int64) (SimMeeting, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.meetings[id]
	if !ok {
		return SimMeeting{}, false
	}
	return s.view(m, s.now()), true
}

// Meetings returns every meeting, deleted ones included, by start time.
func (s *Sim) Meetings() []SimMeeting {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.views(s.now())
}

func (s *Sim) views(now time.Time) []SimMeeting {
	out := []SimMeeting{}
	for _, m := range s.sortedMeetings(func(*meeting) bool { return true }) {
		out = append(out, s.view(m, now))
	}
	return out
}

// withMeeting runs change on meeting id and returns its view.
func (s *Sim) withMeeting(id int64, change func(*meeting, time.Time) error) (SimMeeting, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changeMeeting(id, s.now(), change)
}

// changeMeeting is withMeeting for callers holding s.mu. Deleted meetings
// cannot be changed.
func (s *Sim) changeMeeting(id int64, now time.Time, change func(*meeting, time.Time) error) (SimMeeting, error) {
	m, ok := s.meetings[id]
	if !ok || m.deleted {
		return SimMeeting{}, fmt.Errorf("%w: %d", ErrNoMeeting, id)
	}
	if err := change(m, now); err != nil {
		return SimMeeting{}, err
	}
	return s.view(m, now), nil
}

func (s *Sim) createMeeting(spec MeetingSpec, now time.Time) (*meeting, error) {
	if spec.StartTime.IsZero() {
		return nil, errors.New("zoomsim: start_time is required")
	}
	if spec.Topic == "" {
		spec.Topic = "Zoom Meeting"
	}
	if len([]rune(spec.Topic)) > 200 {
		return nil, errors.New("zoomsim: topic is longer than 200 characters")
	}
	switch {
	case spec.Duration < 0:
		return nil, errors.New("zoomsim: duration must not be negative")
	case spec.Duration == 0:
		spec.Duration = 60
	}
	host := s.me
	switch spec.Host {
	case "", "me":
	case "other":
		host = s.other
	default:
		return nil, fmt.Errorf("zoomsim: host %q is neither me nor other", spec.Host)
	}
	cloud := host == s.me
	if spec.CloudRecording != nil {
		cloud = *spec.CloudRecording
	}
	m := &meeting{
		id:             s.newMeetingID(false),
		uuid:           s.newUUID(nil),
		topic:          spec.Topic,
		agenda:         spec.Agenda,
		start:          spec.StartTime.UTC().Truncate(time.Second),
		duration:       spec.Duration,
		timezone:       cmp.Or(spec.Timezone, host.timezone),
		created:        now.Truncate(time.Second),
		host:           host,
		invited:        spec.Invited && host != s.me,
		altHosts:       spec.AlternativeHosts,
		passcode:       newPasscode(),
		pwdToken:       newPwdToken(),
		cloudRecording: cloud,
	}
	s.addMeeting(m)
	return m, nil
}

func (s *Sim) addMeeting(m *meeting) {
	s.meetings[m.id] = m
	s.byUUID[m.uuid] = m
}

func (s *Sim) updateMeeting(m *meeting, u MeetingUpdate, now time.Time) error {
	if _, ended := s.ended(m, now); ended {
		return fmt.Errorf("%w: meeting %d has ended", ErrConflict, m.id)
	}
	if u.Topic != nil && (*u.Topic == "" || len([]rune(*u.Topic)) > 200) {
		return errors.New("zoomsim: topic must have 1 to 200 characters")
	}
	if u.Duration != nil && *u.Duration <= 0 {
		return errors.New("zoomsim: duration must be positive")
	}
	if u.StartTime != nil && u.StartTime.IsZero() {
		return errors.New("zoomsim: start_time must not be zero")
	}
	if u.Topic != nil {
		m.topic = *u.Topic
	}
	if u.Duration != nil {
		m.duration = *u.Duration
	}
	if u.StartTime != nil {
		m.start = u.StartTime.UTC().Truncate(time.Second)
	}
	return nil
}

func (s *Sim) endMeeting(m *meeting, now time.Time) error {
	if _, ended := s.ended(m, now); ended {
		return fmt.Errorf("%w: meeting %d has already ended", ErrConflict, m.id)
	}
	m.endedAt = now.Truncate(time.Second)
	return nil
}

func (s *Sim) makeRecordingReady(m *meeting, fileTypes []string, now time.Time) error {
	for _, t := range fileTypes {
		if _, ok := fileKinds[t]; !ok {
			return fmt.Errorf("zoomsim: unknown recording file type %q", t)
		}
	}
	if !m.cloudRecording || s.opts.Plan == "free" {
		return fmt.Errorf("%w: meeting %d does not record to the cloud", ErrConflict, m.id)
	}
	if s.recordingFor(m, now) != nil {
		return nil
	}
	if _, ended := s.ended(m, now); !ended {
		m.endedAt = now.Truncate(time.Second)
	}
	m.readyAt = now
	m.fileTypes = slices.Clone(fileTypes)
	s.recordingFor(m, now)
	return nil
}

// view is m as the control API shows it.
func (s *Sim) view(m *meeting, now time.Time) SimMeeting {
	v := SimMeeting{
		ID:               m.id,
		UUID:             m.uuid,
		Topic:            m.topic,
		Agenda:           m.agenda,
		StartTime:        m.start,
		Duration:         m.duration,
		Timezone:         m.timezone,
		CreatedAt:        m.created,
		Host:             "me",
		HostID:           m.host.id,
		HostEmail:        m.host.email,
		Invited:          m.invited,
		AlternativeHosts: m.altHosts,
		CloudRecording:   m.cloudRecording,
		JoinURL:          m.joinURL(),
		Password:         m.passcode,
		Status:           s.status(m, now),
		Recording:        "none",
		Deleted:          m.deleted,
	}
	if m.host != s.me {
		v.Host = "other"
	}
	end, ended := s.ended(m, now)
	if ended {
		v.Status, v.EndTime = "ended", end
	}
	switch {
	case !m.cloudRecording || s.opts.Plan == "free":
	case s.recordingFor(m, now) != nil:
		v.Recording = "ready"
	case ended:
		v.Recording = "processing"
	default:
		v.Recording = "waiting"
	}
	return v
}
