package zoomsim

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// Scheduling through the REST API: POST users/me/meetings (201 with the
// meeting), PATCH meetings/{meetingId} (204) and DELETE
// meetings/{meetingId} (204), as Zoom's API reference describes them (the
// 2023 schema subset has none of the three; what is not documented is
// marked below).
//
// A created meeting is a meeting like a seeded one: it appears in the
// lists and meetings/{meetingId}. Its settings are what the body asked
// for, except where the account locks a setting (SettingsUpdate.Locked):
// then the meeting gets the user's setting instead, silently, as Zoom
// applies locked settings; a client finds out by reading the meeting back.
//
// The write endpoints need their scopes (Options.Scopes): without them
// Zoom answers 400 code 4711.

// meetingSet is a meeting's settings as created through the REST API.
type meetingSet struct {
	hostVideo, participantVideo, joinBeforeHost, muteUponEntry, waitingRoom bool
	audio, autoRecording                                                    string
}

// meetingSettings is m's settings block: what it was created with, or for
// a seeded meeting the simulator's defaults.
func (s *Sim) meetingSettings(m *meeting) wireMeetingSettings {
	ms := wireMeetingSettings{
		ApprovalType:                      2,
		AlternativeHosts:                  m.altHosts,
		AlternativeHostsEmailNotification: true,
		EncryptionType:                    "enhanced_encryption",
		EmailNotification:                 true,
	}
	if m.set == nil {
		ms.MuteUponEntry, ms.Audio, ms.WaitingRoom, ms.AutoRecording = true, "voip", true, "none"
		if m.cloudRecording {
			ms.AutoRecording = "cloud"
		}
		return ms
	}
	ms.HostVideo, ms.ParticipantVideo = m.set.hostVideo, m.set.participantVideo
	ms.JoinBeforeHost, ms.MuteUponEntry, ms.WaitingRoom = m.set.joinBeforeHost, m.set.muteUponEntry, m.set.waitingRoom
	ms.Audio, ms.AutoRecording = m.set.audio, m.set.autoRecording
	return ms
}

// Scopes the write endpoints need: the granular one or the classic one.
const (
	scopeCreate = "meeting:write:meeting"
	scopeUpdate = "meeting:update:meeting"
	scopeDelete = "meeting:delete:meeting"
	scopeWrite  = "meeting:write" // classic: every write
)

// needScope wraps a REST handler that requires scope (or the classic
// meeting:write): without it the answer is Zoom's 400 code 4711.
func (s *Sim) needScope(scope string, h handler) handler {
	return func(c *call) reply {
		if !s.granted(scope) && !s.granted(scopeWrite) {
			return zoomError(http.StatusBadRequest, 4711,
				fmt.Sprintf("Invalid access token, does not contain scopes:[%s, %s].", scope, scopeWrite))
		}
		return h(c)
	}
}

// granted reports whether sign-ins are granted scope.
func (s *Sim) granted(scope string) bool {
	for _, g := range strings.Fields(s.grantedScopes()) {
		if g == scope {
			return true
		}
	}
	return false
}

// grantedScopes is the space-separated scope list of every sign-in:
// Options.Scopes, or all the app asks for.
func (s *Sim) grantedScopes() string {
	if s.opts.Scopes != nil {
		return strings.Join(s.opts.Scopes, " ")
	}
	return scopes
}

// wireNewMeeting is the body of POST users/me/meetings and PATCH
// meetings/{meetingId}, the fields the simulator models. Pointers tell an
// absent field from a zero one.
type wireNewMeeting struct {
	Topic     *string            `json:"topic"`
	Type      *int               `json:"type"`
	StartTime *string            `json:"start_time"`
	Duration  *int               `json:"duration"`
	Timezone  *string            `json:"timezone"`
	Password  *string            `json:"password"`
	Agenda    *string            `json:"agenda"`
	Settings  *wireNewMeetingSet `json:"settings"`
}

type wireNewMeetingSet struct {
	HostVideo        *bool   `json:"host_video"`
	ParticipantVideo *bool   `json:"participant_video"`
	JoinBeforeHost   *bool   `json:"join_before_host"`
	MuteUponEntry    *bool   `json:"mute_upon_entry"`
	WaitingRoom      *bool   `json:"waiting_room"`
	Audio            *string `json:"audio"`
	AutoRecording    *string `json:"auto_recording"`
}

// Zoom's limits on a meeting's fields.
const (
	maxTopic    = 200
	maxAgenda   = 2000
	maxPasscode = 10
	// maxDuration bounds a scheduled duration in minutes. Zoom documents
	// no bound for the field [U]; the simulator refuses more than a day.
	maxDuration = 24 * 60
	// defaultDuration is a meeting's duration when the body has none [U].
	defaultDuration = 60
)

// passcodeMessage is Zoom's text for a passcode that breaks the rules.
const passcodeMessage = "Passcode may only contain the following characters: [a-z A-Z 0-9 @ - _ *]. Max of 10 characters."

// decodeNewMeeting reads a create or update body. A body that is not a
// JSON object is Zoom's "valid JSON object" error; a field of the wrong
// type is a code-300 validation error naming it.
func decodeNewMeeting(body []byte) (wireNewMeeting, reply, bool) {
	var w wireNewMeeting
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&w); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return w, validationFailed([]fieldError{{Field: te.Field, Message: "Invalid field."}}), false
		}
		return w, zoomError(http.StatusBadRequest, 300, "Request Body should be a valid JSON object."), false
	}
	return w, reply{}, true
}

// parseStart reads start_time: "yyyy-MM-ddTHH:mm:ssZ" in UTC, or without
// the Z as a local time in zone (the meeting's timezone, else the
// user's).
func parseStart(v, zone string) (time.Time, bool) {
	if t, err := time.Parse(zoomTimeLayout, v); err == nil {
		return t, true
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation("2006-01-02T15:04:05", v, loc)
	return t, err == nil
}

func validPasscode(p string) bool {
	if p == "" || len(p) > maxPasscode {
		return false
	}
	for _, r := range p {
		ok := (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') || strings.ContainsRune("@-_*", r)
		if !ok {
			return false
		}
	}
	return true
}

// checkFields validates the fields common to create and update and
// returns the start time (zero when absent) and the field errors.
func (s *Sim) checkFields(w wireNewMeeting, zone string) (time.Time, []fieldError) {
	var errs []fieldError
	bad := func(field, msg string) { errs = append(errs, fieldError{Field: field, Message: msg}) }
	if w.Topic != nil && utf8.RuneCountInString(*w.Topic) > maxTopic {
		bad("topic", "Topic may not exceed 200 characters.")
	}
	if w.Agenda != nil && utf8.RuneCountInString(*w.Agenda) > maxAgenda {
		bad("agenda", "Agenda may not exceed 2000 characters.")
	}
	if w.Duration != nil && (*w.Duration < 1 || *w.Duration > maxDuration) {
		bad("duration", "Invalid field.")
	}
	if w.Timezone != nil && *w.Timezone != "" {
		if _, err := time.LoadLocation(*w.Timezone); err != nil {
			bad("timezone", "Invalid field.")
		}
	}
	if w.Password != nil && !validPasscode(*w.Password) {
		bad("password", passcodeMessage)
	}
	var start time.Time
	if w.StartTime != nil {
		t, ok := parseStart(*w.StartTime, zone)
		if !ok {
			bad("start_time", "Invalid field.")
		}
		start = t
	}
	if st := w.Settings; st != nil {
		if st.Audio != nil && !oneOf(*st.Audio, "both", "telephony", "voip", "thirdParty") {
			bad("settings.audio", "Invalid field.")
		}
		if st.AutoRecording != nil && !oneOf(*st.AutoRecording, "local", "cloud", "none") {
			bad("settings.auto_recording", "Invalid field.")
		}
	}
	return start, errs
}

func oneOf(v string, allowed ...string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}

// createMeetingAPI answers POST users/me/meetings.
func (s *Sim) createMeetingAPI(c *call) reply {
	w, rep, ok := decodeNewMeeting(c.body)
	if !ok {
		return rep
	}
	if w.Type != nil && *w.Type != 2 {
		// Zoom creates instant and recurring meetings too; the simulator
		// models scheduled meetings only.
		return validationFailed([]fieldError{{Field: "type", Message: "zoomsim models scheduled meetings (type 2) only."}})
	}
	zone := s.me.timezone
	if w.Timezone != nil && *w.Timezone != "" {
		zone = *w.Timezone
	}
	start, errs := s.checkFields(w, zone)
	if w.StartTime == nil {
		// A scheduled meeting needs its time [U: Zoom may default to now].
		errs = append(errs, fieldError{Field: "start_time", Message: "Invalid field."})
	}
	if len(errs) > 0 {
		return validationFailed(errs)
	}
	m := &meeting{
		id:       s.newMeetingID(false),
		uuid:     s.newUUID(nil),
		topic:    "Zoom Meeting",
		start:    start.UTC().Truncate(time.Second),
		duration: defaultDuration,
		timezone: zone,
		created:  c.now.Truncate(time.Second),
		host:     s.me,
		passcode: newPasscode(),
		pwdToken: newPwdToken(),
		set:      s.applyLocks(w.Settings),
	}
	if w.Topic != nil && *w.Topic != "" {
		m.topic = *w.Topic
	}
	if w.Duration != nil {
		m.duration = *w.Duration
	}
	if w.Agenda != nil {
		m.agenda = *w.Agenda
	}
	if w.Password != nil {
		m.passcode = *w.Password
	}
	m.cloudRecording = m.set.autoRecording == "cloud"
	s.addMeeting(m)
	return jsonReply(http.StatusCreated, s.wireDetail(m, c.now))
}

// lockedSettings maps a meeting setting to the user setting an admin can
// lock for it.
var lockedSettings = map[string]string{
	"host_video":        "schedule_meeting.host_video",
	"participant_video": "schedule_meeting.participants_video",
	"join_before_host":  "schedule_meeting.join_before_host",
	"waiting_room":      "in_meeting.waiting_room",
	"audio":             "schedule_meeting.audio_type",
	"auto_recording":    "recording.auto_recording",
}

// applyLocks returns the settings a new meeting gets: the body's, the
// user's settings for what it leaves out and for what the account locks,
// and no automatic recording to a place the account does not allow [U:
// Zoom's answer to an unavailable recording choice is not documented].
func (s *Sim) applyLocks(w *wireNewMeetingSet) *meetingSet {
	if w == nil {
		w = &wireNewMeetingSet{}
	}
	boolean := func(name string, asked *bool, fallback bool) bool {
		path := lockedSettings[name]
		user, _ := s.settingAt(path).(bool)
		if path != "" && (asked == nil || s.locked[path]) {
			return user
		}
		if asked == nil {
			return fallback
		}
		return *asked
	}
	text := func(name string, asked *string) string {
		path := lockedSettings[name]
		user, _ := s.settingAt(path).(string)
		if asked == nil || s.locked[path] {
			return user
		}
		return *asked
	}
	set := &meetingSet{
		hostVideo:        boolean("host_video", w.HostVideo, false),
		participantVideo: boolean("participant_video", w.ParticipantVideo, false),
		joinBeforeHost:   boolean("join_before_host", w.JoinBeforeHost, false),
		muteUponEntry:    boolean("mute_upon_entry", w.MuteUponEntry, false),
		waitingRoom:      boolean("waiting_room", w.WaitingRoom, true),
		audio:            cmp.Or(text("audio", w.Audio), "both"),
		autoRecording:    cmp.Or(text("auto_recording", w.AutoRecording), "none"),
	}
	switch set.autoRecording {
	case "cloud":
		if on, _ := s.settingAt("recording.cloud_recording").(bool); !on || s.opts.Plan == "free" {
			set.autoRecording = "none"
		}
	case "local":
		if on, _ := s.settingAt("recording.local_recording").(bool); !on {
			set.autoRecording = "none"
		}
	}
	return set
}

// settingAt returns the user's setting at a dotted path, nil when absent.
func (s *Sim) settingAt(path string) any {
	var v any = s.settings
	for _, part := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[part]
	}
	return v
}

// hostedMeeting resolves the meeting a write names: one the user hosts
// and that is not deleted, by meeting number. Others are Zoom's 404 3001.
func (s *Sim) hostedMeeting(c *call) (*meeting, reply, bool) {
	m := s.findMeeting(c.param)
	if m == nil || m.uuid == c.param || m.deleted || !s.hostedByMe(m) {
		return nil, meetingNotFound(c.param), false
	}
	return m, reply{}, true
}

// updateMeetingAPI answers PATCH meetings/{meetingId}: 204, or 400 code
// 300 for an invalid field, or 404 3001.
func (s *Sim) updateMeetingAPI(c *call) reply {
	m, rep, ok := s.hostedMeeting(c)
	if !ok {
		return rep
	}
	w, rep, ok := decodeNewMeeting(c.body)
	if !ok {
		return rep
	}
	zone := m.timezone
	if w.Timezone != nil && *w.Timezone != "" {
		zone = *w.Timezone
	}
	start, errs := s.checkFields(w, zone)
	if len(errs) > 0 {
		return validationFailed(errs)
	}
	if w.Topic != nil && *w.Topic != "" {
		m.topic = *w.Topic
	}
	if w.StartTime != nil {
		m.start = start.UTC().Truncate(time.Second)
		// A moved meeting is a new occasion: it has not ended.
		m.endedAt = time.Time{}
	}
	if w.Duration != nil {
		m.duration = *w.Duration
	}
	if w.Timezone != nil && *w.Timezone != "" {
		m.timezone = *w.Timezone
	}
	if w.Agenda != nil {
		m.agenda = *w.Agenda
	}
	if w.Password != nil {
		m.passcode = *w.Password
	}
	if w.Settings != nil {
		merged := s.meetingSettings(m)
		set := &meetingSet{hostVideo: merged.HostVideo, participantVideo: merged.ParticipantVideo,
			joinBeforeHost: merged.JoinBeforeHost, muteUponEntry: merged.MuteUponEntry, waitingRoom: merged.WaitingRoom,
			audio: merged.Audio, autoRecording: merged.AutoRecording}
		keep := func(dst *bool, v *bool) {
			if v != nil {
				*dst = *v
			}
		}
		keep(&set.hostVideo, w.Settings.HostVideo)
		keep(&set.participantVideo, w.Settings.ParticipantVideo)
		keep(&set.joinBeforeHost, w.Settings.JoinBeforeHost)
		keep(&set.muteUponEntry, w.Settings.MuteUponEntry)
		keep(&set.waitingRoom, w.Settings.WaitingRoom)
		if w.Settings.Audio != nil {
			set.audio = *w.Settings.Audio
		}
		if w.Settings.AutoRecording != nil {
			set.autoRecording = *w.Settings.AutoRecording
		}
		m.set = set
		m.cloudRecording = set.autoRecording == "cloud"
	}
	return noContent()
}

// deleteMeetingAPI answers DELETE meetings/{meetingId}: 204, or 404 3001
// for a meeting the user does not host or that is already deleted. The
// reminder options must be booleans.
func (s *Sim) deleteMeetingAPI(c *call) reply {
	q := c.r.URL.Query()
	for _, name := range []string{"schedule_for_reminder", "cancel_meeting_reminder"} {
		if v := q.Get(name); v != "" && v != "true" && v != "false" {
			return validationFailed([]fieldError{{Field: name, Message: "Invalid field."}})
		}
	}
	m, rep, ok := s.hostedMeeting(c)
	if !ok {
		return rep
	}
	m.deleted = true
	return noContent()
}
