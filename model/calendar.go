package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// CalendarSource is a configured calendar, as settings.json keeps it: no
// address (that is a secret, kept in the keychain under ID).
type CalendarSource struct {
	// ID is stable and random; it names the keychain entry.
	ID string `json:"id"`
	// Name is the user's name for it ("Work").
	Name string `json:"name"`
	// Masked is the address without its secret: the host and the last
	// characters ("calendar.google.com…c.ics"), or a file's path.
	Masked string `json:"masked,omitempty"`
	// AllInterviews: every event in this calendar is an interview (a
	// dedicated interviews calendar).
	AllInterviews bool `json:"all_interviews,omitempty"`
}

// Person is an organizer or attendee.
type Person struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
}

// String is "Name <email>", or whichever of the two is known.
func (p Person) String() string {
	switch {
	case p.Name != "" && p.Email != "":
		return p.Name + " <" + p.Email + ">"
	case p.Name != "":
		return p.Name
	}
	return p.Email
}

// CalendarStatus is how a source is doing, for Settings and `status`.
type CalendarStatus struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Masked string `json:"masked,omitempty"`
	// LastFetched is the last good read (a 304 counts).
	LastFetched time.Time `json:"last_fetched,omitzero"`
	// OK: the last read succeeded.
	OK bool `json:"ok"`
	// Error is why the last read failed, in words.
	Error string `json:"error,omitempty"`
	// Events counts the events in the source; Unreadable those that could
	// not be read; Interviews the upcoming interviews it contributes.
	Events     int `json:"events"`
	Unreadable int `json:"unreadable"`
	Interviews int `json:"interviews"`
}

// Interview sources.
const (
	SourceZoom         = "zoom"
	SourceCalendar     = "calendar"
	SourceZoomCalendar = "zoom+calendar"
)

// HostRequest is a short message for the host (or the organizer) of an
// interview the user does not host, asking to allow local recording or to
// make the user an alternative host. me is the user, when known.
func HostRequest(iv Interview, me *User, loc *time.Location) string {
	greeting := "Hi,"
	if o := iv.Organizer; o != nil && o.Name != "" {
		greeting = "Hi " + strings.Fields(o.Name)[0] + ","
	}
	id := ""
	if iv.ID > 0 {
		id = fmt.Sprintf(" (Zoom meeting %s)", FormatMeetingID(iv.ID))
	}
	msg := fmt.Sprintf("%s\n\nI'm interviewing in %q on %s%s. Could you allow me to record it to my computer "+
		"(in the meeting: Participants, then my name, More, \"Allow to record local files\"), "+
		"or make me an alternative host of the meeting?", greeting, iv.Topic, iv.StartTime.In(loc).Format("Mon Jan 2 at 15:04 MST"), id)
	if me != nil && me.Email != "" {
		msg += " My Zoom account is " + me.Email + "."
	}
	return msg + "\n\nThank you!"
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
