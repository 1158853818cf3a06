package zoomsim

import (
	"errors"
	"fmt"
	"net/http"
	"time"
)

// CalendarEventSpec describes an event that exists only on the calendar, as
// a recruiting tool or another user's invitation puts it there: no Zoom API
// call of the user shows it.
type CalendarEventSpec struct {
	Summary   string    `json:"summary"`    // required
	StartTime time.Time `json:"start_time"` // required (RFC 3339 in JSON)
	Duration  int       `json:"duration"`   // minutes; 0 means 60
	// Organizer is "coordinator" (the recruiting coordinator, Dana
	// Whitfield; the default), "other" (the recruiter) or "me".
	Organizer string `json:"organizer"`
	// Zoom gives the event a Zoom meeting of its own, which the simulator
	// does not otherwise know: its join link in LOCATION and DESCRIPTION.
	// nil means true; false makes an event without any meeting link.
	Zoom *bool `json:"zoom"`
	// Response is the user's PARTSTAT: ACCEPTED (default), DECLINED,
	// TENTATIVE or NEEDS-ACTION.
	Response string `json:"response"`
	// Cancelled writes the event with STATUS:CANCELLED.
	Cancelled bool `json:"cancelled"`
}

// CalendarEvent is an event added with AddCalendarEvent.
type CalendarEvent struct {
	UID       string    `json:"uid"`
	Summary   string    `json:"summary"`
	StartTime time.Time `json:"start_time"`
	Duration  int       `json:"duration"`
	Organizer string    `json:"organizer_email"`
	// JoinURL, MeetingID and Passcode are empty without a Zoom meeting.
	JoinURL   string `json:"join_url,omitempty"`
	MeetingID int64  `json:"meeting_id,omitempty"`
	Passcode  string `json:"passcode,omitempty"`
}

// AddCalendarEvent puts an event on the signed-in user's calendar only.
func (s *Sim) AddCalendarEvent(spec CalendarEventSpec) (CalendarEvent, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addCalendarEvent(spec, s.now())
}

func (s *Sim) addCalendarEvent(spec CalendarEventSpec, now time.Time) (CalendarEvent, error) {
	if spec.Summary == "" {
		return CalendarEvent{}, errors.New("calendar event: summary is required")
	}
	if spec.StartTime.IsZero() {
		return CalendarEvent{}, errors.New("calendar event: start_time is required")
	}
	if spec.Duration < 0 {
		return CalendarEvent{}, fmt.Errorf("calendar event: negative duration %d", spec.Duration)
	}
	if spec.Duration == 0 {
		spec.Duration = 60
	}
	me := person{s.me.displayName(), s.me.email}
	var org person
	switch spec.Organizer {
	case "", "coordinator":
		org = coordinator
	case "other":
		org = person{s.other.displayName(), s.other.email}
	case "me":
		org = me
	default:
		return CalendarEvent{}, fmt.Errorf("calendar event: organizer %q (want coordinator, other or me)", spec.Organizer)
	}
	switch spec.Response {
	case "":
		spec.Response = "ACCEPTED"
	case "ACCEPTED", "DECLINED", "TENTATIVE", "NEEDS-ACTION":
	default:
		return CalendarEvent{}, fmt.Errorf("calendar event: response %q (want ACCEPTED, DECLINED, TENTATIVE or NEEDS-ACTION)", spec.Response)
	}
	start := spec.StartTime.UTC().Truncate(time.Second)
	ev := calEvent{
		uid:       newEventUID(),
		summary:   spec.Summary,
		start:     start,
		end:       start.Add(time.Duration(spec.Duration) * time.Minute),
		organizer: org,
		attendees: []attendee{{org, "ACCEPTED"}},
		cancelled: spec.Cancelled,
		created:   now.Truncate(time.Second),
		modified:  now.Truncate(time.Second),
	}
	if org != me {
		ev.attendees = append(ev.attendees, attendee{me, spec.Response})
	}
	out := CalendarEvent{UID: ev.uid, Summary: ev.summary, StartTime: start, Duration: spec.Duration, Organizer: org.email}
	if spec.Zoom == nil || *spec.Zoom {
		out.JoinURL, out.MeetingID, out.Passcode = s.calendarZoomLink()
		ev.location = out.JoinURL
		ev.description = zoomInvitation(org.name, "", out.JoinURL, out.MeetingID, out.Passcode)
	}
	s.cal.extra = append(s.cal.extra, ev)
	return out, nil
}

// ctlAddCalendarEvent answers POST /_sim/calendar/events.
func (s *Sim) ctlAddCalendarEvent(c *call) reply {
	var spec CalendarEventSpec
	if err := decodeStrict(c.body, &spec, false); err != nil {
		return controlError(http.StatusBadRequest, "calendar event: %v", err)
	}
	ev, err := s.addCalendarEvent(spec, c.now)
	if err != nil {
		return controlError(http.StatusBadRequest, "%v", err)
	}
	return jsonReply(http.StatusCreated, ev)
}
