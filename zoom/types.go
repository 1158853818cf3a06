package zoom

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// User is the signed-in user (GET /users/me).
type User struct {
	ID          string `json:"id"`
	Email       string `json:"email"`
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name"`
	DisplayName string `json:"display_name"`
	Type        int    `json:"type"` // 1 basic, 2 licensed, ...
	Timezone    string `json:"timezone"`
	Language    string `json:"language"`
	AccountID   string `json:"account_id"`
	Status      string `json:"status"`
	PicURL      string `json:"pic_url"`
}

// UnmarshalJSON decodes the user, its type as a number or a numeric string.
func (u *User) UnmarshalJSON(b []byte) error {
	type plain User
	w := struct {
		*plain
		Type flexInt `json:"type"`
	}{plain: (*plain)(u)}
	*u = User{}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	u.Type = int(w.Type)
	return nil
}

// Name is the user's display name, falling back to first and last name, then
// to the email address.
func (u User) Name() string {
	if u.DisplayName != "" {
		return u.DisplayName
	}
	if n := strings.TrimSpace(u.FirstName + " " + u.LastName); n != "" {
		return n
	}
	return u.Email
}

// Meeting types.
const (
	MeetingInstant           = 1
	MeetingScheduled         = 2
	MeetingRecurringNoFixed  = 3
	MeetingPMI               = 4
	MeetingRecurringFixedSet = 8
)

// Meeting is a meeting as the list endpoints return it (users/me/meetings and
// users/me/upcoming_meetings). Lists carry no passcode; JoinURL may embed one.
type Meeting struct {
	ID        int64     `json:"id"`
	UUID      string    `json:"uuid"`    // absent from upcoming_meetings
	HostID    string    `json:"host_id"` // absent from upcoming_meetings
	Topic     string    `json:"topic"`
	Type      int       `json:"type"`
	StartTime time.Time `json:"start_time"` // UTC; zero for recurring meetings with no fixed time
	Duration  int       `json:"duration"`   // minutes
	JoinURL   string    `json:"join_url"`
}

// End is the scheduled end: StartTime plus Duration.
func (m Meeting) End() time.Time {
	return m.StartTime.Add(time.Duration(m.Duration) * time.Minute)
}

// UnmarshalJSON decodes Zoom's meeting, tolerating string IDs and empty times.
func (m *Meeting) UnmarshalJSON(b []byte) error {
	var w wireMeeting
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*m = w.meeting()
	return nil
}

// MeetingDetail is one meeting (GET /meetings/{id}). The host's start_url is
// deliberately not decoded: it is a credential that must never be kept.
type MeetingDetail struct {
	Meeting
	HostEmail   string          `json:"host_email"`
	Status      string          `json:"status"`   // "waiting" or "started"
	Timezone    string          `json:"timezone"` // the meeting's IANA zone, e.g. "Europe/Berlin"
	Agenda      string          `json:"agenda"`
	Password    string          `json:"password"` // the passcode; never log it
	Settings    MeetingSettings `json:"settings"`
	Occurrences []Occurrence    `json:"occurrences"`
}

// UnmarshalJSON decodes the embedded Meeting and the detail fields.
func (d *MeetingDetail) UnmarshalJSON(b []byte) error {
	var w wireMeetingDetail
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*d = w.detail()
	return nil
}

// AlternativeHosts splits the semicolon-separated alternative hosts setting.
func (d MeetingDetail) AlternativeHosts() []string {
	var out []string
	for _, h := range strings.FieldsFunc(d.Settings.AlternativeHosts, func(r rune) bool { return r == ';' || r == ',' }) {
		if h = strings.TrimSpace(h); h != "" {
			out = append(out, h)
		}
	}
	return out
}

// MeetingSettings is the part of a meeting's settings the app reads.
type MeetingSettings struct {
	AlternativeHosts string `json:"alternative_hosts"` // semicolon-separated emails or IDs
	AutoRecording    string `json:"auto_recording"`    // "local", "cloud" or "none"
	JoinBeforeHost   bool   `json:"join_before_host"`
	WaitingRoom      bool   `json:"waiting_room"`
	MuteUponEntry    bool   `json:"mute_upon_entry"`
	HostVideo        bool   `json:"host_video"`
	ParticipantVideo bool   `json:"participant_video"`
	Audio            string `json:"audio"` // "both", "telephony", "voip" or "thirdParty"
}

// Occurrence is one occurrence of a recurring meeting.
type Occurrence struct {
	OccurrenceID string    `json:"occurrence_id"`
	StartTime    time.Time `json:"start_time"`
	Duration     int       `json:"duration"`
	Status       string    `json:"status"`
}

// UnmarshalJSON tolerates an empty start time.
func (o *Occurrence) UnmarshalJSON(b []byte) error {
	var w wireOccurrence
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*o = w.occurrence()
	return nil
}

// PastMeeting is an ended meeting instance (GET /past_meetings/{uuid}).
type PastMeeting struct {
	ID        int64     `json:"id"`
	UUID      string    `json:"uuid"`
	HostID    string    `json:"host_id"`
	Topic     string    `json:"topic"`
	Type      int       `json:"type"`
	StartTime time.Time `json:"start_time"`
	EndTime   time.Time `json:"end_time"`
	Duration  int       `json:"duration"` // minutes
}

// UnmarshalJSON tolerates string IDs and empty times.
func (p *PastMeeting) UnmarshalJSON(b []byte) error {
	var w wirePastMeeting
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*p = w.pastMeeting()
	return nil
}

// Recording file types (file_type).
const (
	FileMP4        = "MP4"
	FileM4A        = "M4A"
	FileTranscript = "TRANSCRIPT"
	FileChat       = "CHAT"
	FileCC         = "CC"
	FileTimeline   = "TIMELINE"
	FileSummary    = "SUMMARY"
)

// RecordingMeeting is one meeting instance's cloud recording, from
// GET /meetings/{uuid}/recordings or an item of GET /users/me/recordings.
type RecordingMeeting struct {
	UUID           string          `json:"uuid"`
	ID             int64           `json:"id"`
	HostID         string          `json:"host_id"`
	Topic          string          `json:"topic"`
	Type           int             `json:"type"`
	StartTime      time.Time       `json:"start_time"`
	Duration       int             `json:"duration"` // minutes
	ShareURL       string          `json:"share_url"`
	Password       string          `json:"password"` // never log it
	RecordingFiles []RecordingFile `json:"recording_files"`
}

// UnmarshalJSON tolerates string IDs and empty times.
func (r *RecordingMeeting) UnmarshalJSON(b []byte) error {
	var w wireRecordingMeeting
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*r = w.recordingMeeting()
	return nil
}

// File returns the first completed file of the given file_type (MP4, M4A,
// TRANSCRIPT, ...), or false when there is none.
func (r RecordingMeeting) File(fileType string) (RecordingFile, bool) {
	for _, f := range r.RecordingFiles {
		if strings.EqualFold(f.FileType, fileType) && (f.Status == "" || f.Status == "completed") {
			return f, true
		}
	}
	return RecordingFile{}, false
}

// RecordingFile is one file of a cloud recording. Some kinds (CC, TIMELINE)
// lack id, status and play_url.
type RecordingFile struct {
	ID            string `json:"id"`
	MeetingID     string `json:"meeting_id"` // the instance UUID
	FileType      string `json:"file_type"`
	PlayURL       string `json:"play_url"`
	DownloadURL   string `json:"download_url"`
	Status        string `json:"status"`
	RecordingType string `json:"recording_type"`
}

// RecordingSummary is the part of a cloud recording that says what it is
// and which links it offers, as ScanRecordings reads the recordings list.
type RecordingSummary struct {
	UUID      string                 `json:"uuid"`
	ID        int64                  `json:"id"`
	Topic     string                 `json:"topic"`
	StartTime time.Time              `json:"start_time"`
	ShareURL  string                 `json:"share_url"`
	Password  string                 `json:"password"` // never log it
	Files     []RecordingFileSummary `json:"recording_files"`
}

// RecordingFileSummary is the part of a recording file that says what it
// is, whether it is ready and where to open it.
type RecordingFileSummary struct {
	FileType      string `json:"file_type"`
	RecordingType string `json:"recording_type"`
	Status        string `json:"status"`
	PlayURL       string `json:"play_url"`
	DownloadURL   string `json:"download_url"`
}

// Summary returns r's RecordingSummary (sharing nothing with r).
func (r *RecordingMeeting) Summary() RecordingSummary {
	return RecordingSummary{UUID: r.UUID, ID: r.ID, Topic: r.Topic, StartTime: r.StartTime, ShareURL: r.ShareURL, Password: r.Password,
		Files: convert(r.RecordingFiles, func(f RecordingFile) RecordingFileSummary {
			return RecordingFileSummary{FileType: f.FileType, RecordingType: f.RecordingType, Status: f.Status,
				PlayURL: f.PlayURL, DownloadURL: f.DownloadURL}
		})}
}

// flexTime decodes Zoom's timestamps: RFC 3339 (with or without fractional
// seconds), "" and null (zero time).
type flexTime time.Time

func (t *flexTime) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*t = flexTime{}
		return nil
	}
	s, ok := plainString(b)
	if !ok {
		if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("time: %w", err)
		}
	}
	if s == "" {
		*t = flexTime{}
		return nil
	}
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("time %q: not RFC 3339", s)
	}
	*t = flexTime(v)
	return nil
}

// plainString returns the content of a JSON string literal without escapes
// (what timestamps and IDs are), sparing a full decode.
func plainString(b []byte) (string, bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", false
	}
	inner := b[1 : len(b)-1]
	for _, c := range inner {
		if c == '\\' || c == '"' || c < 0x20 {
			return "", false
		}
	}
	return string(inner), true
}

func (t flexTime) utc() time.Time {
	v := time.Time(t)
	if v.IsZero() {
		return time.Time{}
	}
	return v.UTC()
}

// Numbers: Zoom's schema declares some numeric fields as strings (the
// recordings' meeting type is "2" there), its answers send IDs either way,
// and sizes come as 1.0e3. Every number the client decodes is therefore a
// flexInt64 or a flexInt, never a plain Go integer: a JSON number or a
// numeric string, null and "" meaning 0.

// flexInt64 decodes an integer sent as a JSON number or a numeric string;
// null and "" decode as 0. Whole-valued floats (1.0e3) are accepted.
type flexInt64 int64

func (n *flexInt64) UnmarshalJSON(b []byte) error {
	v, err := parseFlexInt(b)
	*n = flexInt64(v)
	return err
}

// flexInt is flexInt64 for the small numbers (types, durations, counts):
// a value beyond 32 bits is held at the nearest bound (the schema sets
// none, and tidying clamps durations far below it anyway).
type flexInt int

func (n *flexInt) UnmarshalJSON(b []byte) error {
	v, err := parseFlexInt(b)
	*n = flexInt(min(max(v, math.MinInt32), math.MaxInt32))
	return err
}

// parseFlexInt reads a JSON number or numeric string as an integer.
func parseFlexInt(b []byte) (int64, error) {
	if bytes.Equal(b, []byte("null")) {
		return 0, nil
	}
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		var ok bool
		if s, ok = plainString(b); !ok {
			if err := json.Unmarshal(b, &s); err != nil {
				return 0, err
			}
		}
		s = strings.TrimSpace(s)
		if s == "" {
			return 0, nil
		}
	}
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		return v, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != float64(int64(f)) || f > 1<<62 || f < -(1<<62) {
		return 0, fmt.Errorf("number %q: not an integer", s)
	}
	return int64(f), nil
}
