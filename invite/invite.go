// Package invite writes what an interviewer sends a candidate once the
// interview's Zoom meeting exists: the invitation text, ready to paste
// into an email, an iCalendar (.ics) file of the meeting that any mail
// program attaches, and the note that it was cancelled. Everything here
// is a pure function of a Meeting; nothing is sent or saved.
//
//	m := invite.Meeting{Topic: iv.Topic, Start: iv.StartTime, Duration: 45 * time.Minute,
//		Zone: loc, JoinURL: iv.JoinURL, MeetingID: iv.ID, Passcode: iv.Passcode,
//		Recording: "local", OrganizerName: u.Name, OrganizerEmail: u.Email}
//	text := invite.Text(m)
//	ics, err := invite.ICS(m, time.Now())
//
// The .ics is written with github.com/emersion/go-ical's encoder, and
// package calendar reads it back (a test holds the two together).
package invite

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/emersion/go-ical"

	"github.com/interviewtray/interviewtray/zoom"
)

// Meeting is the interview an invitation is about.
type Meeting struct {
	Topic    string
	Start    time.Time
	Duration time.Duration
	// Zone is the time zone the candidate reads the time in; nil is UTC.
	Zone *time.Location
	// JoinURL is the Zoom join link; one that is not a Zoom link is left
	// out.
	JoinURL   string
	MeetingID int64
	Passcode  string
	// Recording is the meeting's automatic recording: "local", "cloud",
	// or "none" / "" when it is not recorded.
	Recording string
	// OrganizerName and OrganizerEmail are the interviewer's (the Zoom
	// user's); the .ics names them as ORGANIZER.
	OrganizerName, OrganizerEmail string
}

// Recorded reports whether the interview is recorded.
func (m Meeting) Recorded() bool { return m.Recording == "local" || m.Recording == "cloud" }

func (m Meeting) zone() *time.Location {
	if m.Zone == nil {
		return time.UTC
	}
	return m.Zone
}

// plain makes text from Zoom or the user one line of plain text.
func plain(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, ""))
	return strings.Join(strings.Fields(s), " ")
}

// joinURL is the join link when it is a Zoom link, else "".
func (m Meeting) joinURL() string {
	if m.JoinURL == "" || zoom.CheckLink(m.JoinURL) != nil {
		return ""
	}
	return m.JoinURL
}

// When is the interview's time as the candidate reads it, with its time
// zone named: "Tuesday, March 3, 2026, 2:00 – 2:45 PM EST (America/New_York,
// UTC-05:00)". An interview that ends on another day names both days.
func When(m Meeting) string {
	loc := m.zone()
	s, e := m.Start.In(loc), m.Start.Add(m.Duration).In(loc)
	var b strings.Builder
	b.WriteString(s.Format("Monday, January 2, 2006, "))
	switch {
	case m.Duration <= 0:
		b.WriteString(s.Format("3:04 PM"))
	case s.YearDay() != e.YearDay() || s.Year() != e.Year():
		b.WriteString(s.Format("3:04 PM") + " – " + e.Format("Monday, January 2, 3:04 PM"))
	case s.Format("PM") == e.Format("PM"):
		b.WriteString(s.Format("3:04") + " – " + e.Format("3:04 PM"))
	default:
		b.WriteString(s.Format("3:04 PM") + " – " + e.Format("3:04 PM"))
	}
	abbr, _ := s.Zone()
	b.WriteString(" " + abbr + " (" + zoneLabel(loc, s) + ")")
	return b.String()
}

// zoneLabel names a zone for a reader anywhere: its IANA name and its
// offset from UTC at t, e.g. "Europe/Berlin, UTC+01:00".
func zoneLabel(loc *time.Location, t time.Time) string {
	_, off := t.Zone()
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	offset := fmt.Sprintf("UTC%s%02d:%02d", sign, off/3600, off%3600/60)
	if name := loc.String(); name != "UTC" && name != "Local" && name != "" {
		return name + ", " + offset
	}
	return offset
}

// FormatMeetingID groups a meeting number as Zoom shows it: "845 4157
// 9170" (11 digits), "845 415 7917" (10), else as is.
func FormatMeetingID(id int64) string {
	s := strconv.FormatInt(id, 10)
	switch len(s) {
	case 11:
		return s[:3] + " " + s[3:7] + " " + s[7:]
	case 10:
		return s[:3] + " " + s[3:6] + " " + s[6:]
	}
	return s
}

// RecordedNote is the invitation's line about the recording.
const RecordedNote = "This interview is recorded."

// Text is the invitation, ready to send: the topic, the time in the
// candidate's zone, the join link, the meeting ID and passcode, and a line
// saying the interview is recorded when it is.
func Text(m Meeting) string {
	var b strings.Builder
	b.WriteString(plain(m.Topic) + "\n")
	b.WriteString(When(m) + "\n")
	if u := m.joinURL(); u != "" {
		b.WriteString("\nJoin Zoom Meeting\n" + u + "\n")
	}
	if m.MeetingID > 0 {
		b.WriteString("\nMeeting ID: " + FormatMeetingID(m.MeetingID) + "\n")
	}
	if p := plain(m.Passcode); p != "" {
		b.WriteString("Passcode: " + p + "\n")
	}
	if m.Recorded() {
		b.WriteString("\n" + RecordedNote + "\n")
	}
	return b.String()
}

// CancellationText is the note that the interview was cancelled, for the
// user to send the candidate.
func CancellationText(m Meeting) string {
	return "Cancelled: " + plain(m.Topic) + "\n" + When(m) + "\n\nThis interview has been cancelled; the Zoom meeting no longer exists.\n"
}

// prodID names the program that wrote the .ics (RFC 5545 section 3.7.3).
const prodID = "-//Interview Tray//Interview Tray//EN"

// UID is the .ics UID of meeting id: the same for every file of the
// meeting, so a mail program replaces an earlier one after a reschedule.
func UID(id int64) string { return "zoom-" + strconv.FormatInt(id, 10) + "@interviewtray" }

// ICS is an iCalendar file with the interview as one event: the topic as
// SUMMARY, the time in UTC, the join link as LOCATION and URL, the
// invitation as DESCRIPTION and the user as ORGANIZER. now is its DTSTAMP.
func ICS(m Meeting, now time.Time) ([]byte, error) {
	if m.Start.IsZero() || m.Duration <= 0 {
		return nil, errors.New("invite: the meeting has no start or no duration")
	}
	ev := ical.NewEvent()
	ev.Props.SetText(ical.PropUID, UID(m.MeetingID))
	ev.Props.SetDateTime(ical.PropDateTimeStamp, now.UTC().Truncate(time.Second))
	ev.Props.SetDateTime(ical.PropDateTimeStart, m.Start.UTC())
	ev.Props.SetDateTime(ical.PropDateTimeEnd, m.Start.Add(m.Duration).UTC())
	ev.Props.SetText(ical.PropSummary, plain(m.Topic))
	ev.Props.SetText(ical.PropDescription, Text(m))
	ev.SetStatus(ical.EventConfirmed)
	if u := m.joinURL(); u != "" {
		ev.Props.SetText(ical.PropLocation, u)
		if pu, err := url.Parse(u); err == nil {
			ev.Props.SetURI(ical.PropURL, pu)
		}
	}
	if email := plain(m.OrganizerEmail); email != "" {
		org := ical.NewProp(ical.PropOrganizer)
		org.Value = "mailto:" + email
		if name := strings.ReplaceAll(plain(m.OrganizerName), `"`, "'"); name != "" {
			org.Params.Set(ical.ParamCommonName, name)
		}
		ev.Props.Set(org)
	}
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropProductID, prodID)
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropMethod, "PUBLISH")
	cal.Children = append(cal.Children, ev.Component)
	var buf bytes.Buffer
	if err := ical.NewEncoder(&buf).Encode(cal); err != nil {
		return nil, fmt.Errorf("invite: write the .ics: %w", err)
	}
	return fold(buf.Bytes()), nil
}

// maxLine is the longest content line RFC 5545 (section 3.1) wants, in
// octets without the CRLF.
const maxLine = 75

// fold folds the encoder's long content lines (go-ical writes them whole):
// a CRLF and a space before the octet that would pass maxLine, never
// inside a UTF-8 sequence.
func fold(b []byte) []byte {
	var out bytes.Buffer
	for _, line := range bytes.SplitAfter(b, []byte("\r\n")) {
		body, crlf := bytes.CutSuffix(line, []byte("\r\n"))
		limit := maxLine
		for len(body) > limit {
			cut := limit
			for cut > 0 && !utf8.RuneStart(body[cut]) {
				cut--
			}
			out.Write(body[:cut])
			out.WriteString("\r\n ")
			body = body[cut:]
			limit = maxLine - 1 // the leading space counts
		}
		out.Write(body)
		if crlf {
			out.WriteString("\r\n")
		}
	}
	return out.Bytes()
}
