package zoom

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Scheduling: create, reschedule and delete a meeting the user hosts.
//
// Zoom's shapes (POST /users/{userId}/meetings, PATCH and DELETE
// /meetings/{meetingId}) are not in the 2023 schema subset the project
// keeps; they follow Zoom's API reference for "Create a meeting", "Update
// a meeting" and "Delete a meeting":
//
//   - POST answers 201 with the meeting (the same fields as GET
//     /meetings/{id}, start_url and password included); PATCH and DELETE
//     answer 204. [certain: Zoom's reference]
//   - start_time is "yyyy-MM-ddTHH:mm:ssZ" (UTC), or local without the Z
//     in the given timezone; the client always sends UTC and names the
//     zone. [certain]
//   - password: at most 10 characters of letters, digits and @ - _ *; an
//     account may require more (a length, a digit). [certain for the
//     characters and length; the account rules vary]
//   - Rate-limit labels: create Medium, update and delete Light. [from
//     Zoom's reference, not checked against a live account]
//   - Zoom also limits a user to 100 meeting creations or updates a day
//     (400 code 300). [from Zoom's reference; not simulated]

// MaxPasscodeLen is the longest meeting passcode Zoom accepts.
const MaxPasscodeLen = 10

// Recording choices for a meeting's auto_recording.
const (
	RecordLocal = "local"
	RecordCloud = "cloud"
	RecordNone  = "none"
)

// NewMeeting is a meeting to create (POST /users/me/meetings). Every
// setting is sent explicitly: what the account forbids shows up as a
// difference when the meeting is read back (Differences).
type NewMeeting struct {
	Topic     string    // at most 200 characters
	StartTime time.Time // sent in UTC
	Timezone  string    // IANA zone name the meeting is shown in, e.g. "Europe/Berlin"
	Duration  int       // minutes
	Agenda    string    // at most 2000 characters
	Password  string    // see NewPasscode and ValidPasscode
	Settings  NewMeetingSettings
}

// NewMeetingSettings are the settings a new meeting asks for.
type NewMeetingSettings struct {
	WaitingRoom      bool
	JoinBeforeHost   bool
	MuteUponEntry    bool
	HostVideo        bool
	ParticipantVideo bool
	Audio            string // "both", "telephony" or "voip"
	AutoRecording    string // RecordLocal, RecordCloud or RecordNone
}

// wireNewMeeting is NewMeeting's JSON body.
type wireNewMeeting struct {
	Topic     string                 `json:"topic"`
	Type      int                    `json:"type"`
	StartTime string                 `json:"start_time"`
	Timezone  string                 `json:"timezone,omitempty"`
	Duration  int                    `json:"duration"`
	Agenda    string                 `json:"agenda,omitempty"`
	Password  string                 `json:"password,omitempty"`
	Settings  wireNewMeetingSettings `json:"settings"`
}

type wireNewMeetingSettings struct {
	HostVideo        bool   `json:"host_video"`
	ParticipantVideo bool   `json:"participant_video"`
	JoinBeforeHost   bool   `json:"join_before_host"`
	MuteUponEntry    bool   `json:"mute_upon_entry"`
	WaitingRoom      bool   `json:"waiting_room"`
	Audio            string `json:"audio,omitempty"`
	AutoRecording    string `json:"auto_recording,omitempty"`
}

// zoomTimeLayout is the start_time Zoom accepts for a time in UTC.
const zoomTimeLayout = "2006-01-02T15:04:05Z"

func (n NewMeeting) wire() wireNewMeeting {
	return wireNewMeeting{
		Topic: n.Topic, Type: MeetingScheduled, StartTime: n.StartTime.UTC().Format(zoomTimeLayout),
		Timezone: n.Timezone, Duration: n.Duration, Agenda: n.Agenda, Password: n.Password,
		Settings: wireNewMeetingSettings{
			HostVideo: n.Settings.HostVideo, ParticipantVideo: n.Settings.ParticipantVideo,
			JoinBeforeHost: n.Settings.JoinBeforeHost, MuteUponEntry: n.Settings.MuteUponEntry,
			WaitingRoom: n.Settings.WaitingRoom, Audio: n.Settings.Audio, AutoRecording: n.Settings.AutoRecording,
		},
	}
}

// passcodeAlphabet is what the client's passcodes are made of: letters and
// digits only (Zoom also allows @ - _ *, which are easy to mistype from an
// email), without the look-alikes 0 O o 1 l I.
const passcodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"

// NewPasscode returns a random meeting passcode of MaxPasscodeLen
// characters with at least one letter and one digit (accounts may require
// both).
func NewPasscode() string {
	for {
		b := make([]byte, MaxPasscodeLen)
		_, _ = rand.Read(b) // never fails since Go 1.24
		for i := range b {
			// 256 is not a multiple of the alphabet's 56 letters: the
			// first few are a little more likely, which costs a passcode
			// of this length nothing that matters.
			b[i] = passcodeAlphabet[int(b[i])%len(passcodeAlphabet)]
		}
		p := string(b)
		if strings.ContainsAny(p, "23456789") && strings.ContainsFunc(p, isASCIILetter) {
			return p
		}
	}
}

func isASCIILetter(r rune) bool { return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') }

// ValidPasscode reports whether p follows Zoom's passcode rules: 1 to 10
// characters, each a letter, a digit or one of @ - _ *.
func ValidPasscode(p string) bool {
	if p == "" || len(p) > MaxPasscodeLen {
		return false
	}
	for _, r := range p {
		if !isASCIILetter(r) && (r < '0' || r > '9') && !strings.ContainsRune("@-_*", r) {
			return false
		}
	}
	return true
}

// CreateMeeting creates a scheduled meeting (POST /users/me/meetings) and
// returns it as Zoom answered (201).
//
// A create is never repeated blindly: after a timeout or a 5xx the meeting
// may exist although the answer was lost, so the client first looks for
// it among the upcoming meetings (same topic and start) and returns it
// when found; only when it is not there is the POST tried again (at most
// MaxAttempts times in all). A 429 is retried as for any call (Zoom
// refuses it before acting).
func (c *Client) CreateMeeting(ctx context.Context, n NewMeeting) (*MeetingDetail, error) {
	if n.StartTime.IsZero() {
		return nil, errors.New("zoom: create meeting: no start time")
	}
	if n.Password != "" && !ValidPasscode(n.Password) {
		return nil, errors.New("zoom: create meeting: the passcode must have 1 to 10 letters, digits or @ - _ *")
	}
	r := call{method: http.MethodPost, path: "/users/me/meetings", body: n.wire(), unsafe: true}
	for attempt := 1; ; attempt++ {
		var m MeetingDetail
		err := c.do(ctx, r, &m)
		if err == nil {
			return &m, nil
		}
		if !mayHaveActed(err) || ctx.Err() != nil {
			return nil, err
		}
		found, lerr := c.findCreated(ctx, n)
		if lerr != nil {
			return nil, fmt.Errorf("%w (and looking for the meeting failed: %v)", err, lerr)
		}
		if found != nil {
			return found, nil
		}
		if attempt >= c.opts.MaxAttempts {
			return nil, err
		}
		t := time.NewTimer(backoff(0))
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("%w (gave up waiting to retry: %v)", err, ctx.Err())
		case <-t.C:
		}
	}
}

// mayHaveActed reports whether a failed call may still have been carried
// out by Zoom: a 5xx, no answer at all (a timeout, a dropped connection)
// or a success answer that could not be read. A 4xx (429 included) means
// Zoom refused it.
func mayHaveActed(err error) bool {
	if ze, ok := AsError(err); ok {
		return ze.StatusCode >= 500
	}
	return true
}

// findCreated looks among the upcoming meetings for one with n's topic and
// start, and returns it in full (GET /meetings/{id}); nil when there is
// none.
func (c *Client) findCreated(ctx context.Context, n NewMeeting) (*MeetingDetail, error) {
	list, err := c.ListUpcomingMeetings(ctx)
	if err != nil {
		return nil, err
	}
	start := n.StartTime.UTC().Truncate(time.Second)
	for _, m := range list.Meetings {
		if m.Topic == tidyTopic(n.Topic) && m.StartTime.Equal(start) {
			return c.GetMeeting(ctx, m.ID)
		}
	}
	return nil, nil
}

// MeetingUpdate changes a meeting (PATCH /meetings/{id}); zero fields stay
// as they are.
type MeetingUpdate struct {
	StartTime time.Time // sent in UTC
	Timezone  string
	Duration  int // minutes
	Topic     string
	Agenda    string
}

type wireMeetingUpdate struct {
	Topic     string `json:"topic,omitempty"`
	StartTime string `json:"start_time,omitempty"`
	Timezone  string `json:"timezone,omitempty"`
	Duration  int    `json:"duration,omitempty"`
	Agenda    string `json:"agenda,omitempty"`
}

// UpdateMeeting reschedules or renames meeting id (PATCH /meetings/{id},
// 204). An update may be repeated safely, so it is retried like a read.
func (c *Client) UpdateMeeting(ctx context.Context, id int64, u MeetingUpdate) error {
	if id <= 0 {
		return errNoID
	}
	w := wireMeetingUpdate{Topic: u.Topic, Timezone: u.Timezone, Duration: u.Duration, Agenda: u.Agenda}
	if !u.StartTime.IsZero() {
		w.StartTime = u.StartTime.UTC().Format(zoomTimeLayout)
	}
	if w == (wireMeetingUpdate{}) {
		return errors.New("zoom: update meeting: nothing to change")
	}
	return c.do(ctx, call{method: http.MethodPatch, path: "/meetings/" + strconv.FormatInt(id, 10), body: w}, nil)
}

// DeleteMeeting deletes meeting id (DELETE /meetings/{id}, 204). When
// notify is set, Zoom emails the host and alternative hosts that it was
// cancelled (cancel_meeting_reminder). A meeting that is already gone
// answers IsMeetingNotFound; after a retry that may mean the first
// attempt deleted it.
func (c *Client) DeleteMeeting(ctx context.Context, id int64, notify bool) error {
	if id <= 0 {
		return errNoID
	}
	q := url.Values{}
	if notify {
		q.Set("cancel_meeting_reminder", "true")
	}
	return c.do(ctx, call{method: http.MethodDelete, path: "/meetings/" + strconv.FormatInt(id, 10), query: q}, nil)
}

// Differences lists what a meeting as Zoom keeps it (read back after
// creating it) has differently from what n asked for, one line each for
// the user to read, e.g. "waiting room: off (asked on)". Zoom applies an
// account's locked settings silently; this is how they become visible.
// Nil when everything was applied.
func (n NewMeeting) Differences(got *MeetingDetail) []string {
	var out []string
	onOff := func(b bool) string {
		if b {
			return "on"
		}
		return "off"
	}
	flag := func(name string, want, have bool) {
		if want != have {
			out = append(out, fmt.Sprintf("%s: %s (asked %s)", name, onOff(have), onOff(want)))
		}
	}
	text := func(name, want, have string) {
		if want != "" && want != have {
			out = append(out, fmt.Sprintf("%s: %q (asked %q)", name, have, want))
		}
	}
	s, g := n.Settings, got.Settings
	flag("waiting room", s.WaitingRoom, g.WaitingRoom)
	flag("join before host", s.JoinBeforeHost, g.JoinBeforeHost)
	flag("mute upon entry", s.MuteUponEntry, g.MuteUponEntry)
	flag("host video", s.HostVideo, g.HostVideo)
	flag("participant video", s.ParticipantVideo, g.ParticipantVideo)
	text("audio", s.Audio, g.Audio)
	text("automatic recording", s.AutoRecording, g.AutoRecording)
	if !got.StartTime.Equal(n.StartTime.UTC().Truncate(time.Second)) {
		out = append(out, fmt.Sprintf("start: %s (asked %s)", got.StartTime.Format(time.RFC3339), n.StartTime.UTC().Format(time.RFC3339)))
	}
	if n.Duration != got.Duration {
		out = append(out, fmt.Sprintf("duration: %d min (asked %d min)", got.Duration, n.Duration))
	}
	if n.Password != "" && got.Password != n.Password {
		out = append(out, "passcode: Zoom set a different passcode")
	}
	return out
}
