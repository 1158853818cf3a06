package zoomsim

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"
)

// The calendar feed's content: the signed-in user's calendar as Google's
// secret iCalendar address shows it. Zoom meetings the user hosts or is
// invited to appear as Zoom's calendar integration puts them there; the demo
// seed adds events a recruiting tool created (calendar_seed.go), which exist
// on the calendar only.
//
// The feed is written with go-ical's encoder, which escapes TEXT values,
// quotes parameters and checks each component's properties, and then folded
// to 75-octet lines (the encoder does not fold; RFC 5545 section 3.1 asks
// for it, and real readers must unfold).

// calendarProdID names the simulator as the feed's producer.
const calendarProdID = "-//Interview Tray//Zoom simulator calendar 1.0//EN"

// person is someone on a calendar event.
type person struct{ name, email string }

// attendee is an ATTENDEE of an event with its participation status.
type attendee struct {
	person
	partstat string // ACCEPTED, DECLINED, TENTATIVE or NEEDS-ACTION
}

// calEvent is one VEVENT of the feed: a single event, the master of a
// series, or an override of one occurrence (recurrenceID set).
type calEvent struct {
	uid                            string
	summary, description, location string
	start, end                     time.Time // for an all-day event, UTC midnights of the first and the day after the last day
	allDay                         bool
	zone                           *usZone // nil: written in UTC
	organizer                      person
	attendees                      []attendee
	rrule                          *rrule.ROption // nil: no recurrence
	exdates                        []time.Time
	recurrenceID                   time.Time // zero: not an override
	cancelled                      bool      // STATUS:CANCELLED
	transparent                    bool      // TRANSP:TRANSPARENT (free time)
	conference                     string    // X-GOOGLE-CONFERENCE
	created, modified              time.Time
	sequence                       int
}

// dateTime returns the date-time property name set to t, in ev's zone or UTC.
func (ev *calEvent) dateTime(name string, t time.Time) *ical.Prop {
	prop := ical.NewProp(name)
	if ev.zone != nil {
		prop.SetDateTime(ev.zone.in(t))
	} else {
		prop.SetDateTime(t.UTC())
	}
	return prop
}

func (ev *calEvent) component() *ical.Component {
	c := ical.NewComponent(ical.CompEvent)
	set := func(prop *ical.Prop) { c.Props.Set(prop) }
	if ev.allDay {
		c.Props.SetDate(ical.PropDateTimeStart, ev.start)
		c.Props.SetDate(ical.PropDateTimeEnd, ev.end)
	} else {
		set(ev.dateTime(ical.PropDateTimeStart, ev.start))
		set(ev.dateTime(ical.PropDateTimeEnd, ev.end))
	}
	if ev.rrule != nil {
		c.Props.SetRecurrenceRule(ev.rrule)
	}
	for _, t := range ev.exdates {
		c.Props.Add(ev.dateTime(ical.PropExceptionDates, t))
	}
	if !ev.recurrenceID.IsZero() {
		set(ev.dateTime(ical.PropRecurrenceID, ev.recurrenceID))
	}
	c.Props.SetDateTime(ical.PropDateTimeStamp, ev.modified.UTC())
	c.Props.Set(address(ical.PropOrganizer, ev.organizer, nil))
	c.Props.SetText(ical.PropUID, textValue(ev.uid))
	for _, a := range ev.attendees {
		c.Props.Add(address(ical.PropAttendee, a.person, map[string]string{
			"CUTYPE":       "INDIVIDUAL",
			"ROLE":         "REQ-PARTICIPANT",
			"PARTSTAT":     a.partstat,
			"X-NUM-GUESTS": "0",
		}))
	}
	if ev.conference != "" {
		prop := ical.NewProp("X-GOOGLE-CONFERENCE")
		prop.Value = ev.conference
		set(prop)
	}
	c.Props.SetDateTime(ical.PropCreated, ev.created.UTC())
	c.Props.SetText(ical.PropDescription, textValue(ev.description))
	c.Props.SetDateTime(ical.PropLastModified, ev.modified.UTC())
	c.Props.SetText(ical.PropLocation, textValue(ev.location))
	seq := ical.NewProp(ical.PropSequence)
	seq.Value = strconv.Itoa(ev.sequence)
	set(seq)
	status, transp := ical.EventConfirmed, "OPAQUE"
	if ev.cancelled {
		status = ical.EventCancelled
	}
	if ev.transparent {
		transp = "TRANSPARENT"
	}
	c.Props.SetText(ical.PropStatus, string(status))
	c.Props.SetText(ical.PropSummary, textValue(ev.summary))
	c.Props.SetText(ical.PropTransparency, transp)
	return c
}

// textValue makes s fit for a TEXT value: line breaks of any kind become
// the \n that go-ical escapes, and other control characters, which RFC 5545
// does not allow in TEXT (section 3.3.11), are dropped. Topics and agendas
// are whatever their authors typed.
func textValue(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case r < ' ' || r == 0x7f:
			return -1
		}
		return r
	}, s)
}

// xText is an extension property with a TEXT value, escaped, without the
// VALUE=TEXT parameter go-ical adds to properties it does not know.
func xText(name, text string) *ical.Prop {
	prop := ical.NewProp(name)
	prop.SetText(textValue(text))
	prop.Params.Del(ical.ParamValue)
	return prop
}

// address is an ORGANIZER or ATTENDEE property: mailto:EMAIL with CN.
func address(name string, p person, params map[string]string) *ical.Prop {
	prop := ical.NewProp(name)
	for k, v := range params {
		prop.Params.Set(k, v)
	}
	// A parameter value cannot hold a double quote or a control character
	// (RFC 5545 section 3.2).
	prop.Params.Set("CN", strings.Map(func(r rune) rune {
		if r == '"' || r < ' ' || r == 0x7f {
			return -1
		}
		return r
	}, p.name))
	prop.Value = "mailto:" + strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, p.email)
	return prop
}

// calMeta is what the calendar remembers of a Zoom meeting it shows: the
// event's UID, and its SEQUENCE and LAST-MODIFIED, which change when the
// meeting does.
type calMeta struct {
	uid         string
	fingerprint string
	modified    time.Time
	sequence    int
}

// onCalendar reports whether m is on the signed-in user's calendar: meetings
// the user hosts and meetings someone else hosts that the user is invited
// to. Deleted meetings have left it.
func (s *Sim) onCalendar(m *meeting) bool {
	return !m.deleted && (s.hostedByMe(m) || m.invited)
}

// meetingEvent is the calendar event of Zoom meeting m at now.
func (s *Sim) meetingEvent(m *meeting, now time.Time) calEvent {
	fp := fmt.Sprintf("%d|%d|%q|%q|%q|%q|%s", m.start.Unix(), m.duration, m.topic, m.agenda, m.altHosts, m.host.email, m.pwdToken)
	meta := s.cal.meta[m.id]
	switch {
	case meta == nil:
		meta = &calMeta{uid: newEventUID(), fingerprint: fp, modified: m.created}
		s.cal.meta[m.id] = meta
	case meta.fingerprint != fp:
		meta.fingerprint, meta.modified = fp, now.Truncate(time.Second)
		meta.sequence++
	}
	host := person{m.host.displayName(), m.host.email}
	ev := calEvent{
		uid:         meta.uid,
		summary:     m.topic,
		description: zoomInvitation(host.name, m.agenda, m.joinURL(), m.id, m.passcode),
		location:    m.joinURL(),
		start:       m.start,
		end:         m.scheduledEnd(),
		organizer:   host,
		attendees:   []attendee{{host, "ACCEPTED"}},
		created:     m.created,
		modified:    meta.modified,
		sequence:    meta.sequence,
	}
	if !s.hostedByMe(m) {
		ev.attendees = append(ev.attendees, attendee{person{s.me.displayName(), s.me.email}, "ACCEPTED"})
	}
	for _, e := range strings.Split(m.altHosts, ";") {
		if e = strings.TrimSpace(e); e != "" && !strings.EqualFold(e, s.me.email) {
			ev.attendees = append(ev.attendees, attendee{person{nameFromEmail(e), e}, "ACCEPTED"})
		}
	}
	return ev
}

// nameFromEmail guesses a display name from an address such as
// sam.okafor@northwind.example ("Sam Okafor").
func nameFromEmail(email string) string {
	local, _, _ := strings.Cut(email, "@")
	words := strings.FieldsFunc(local, func(r rune) bool { return r == '.' || r == '_' || r == '-' })
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	if len(words) == 0 {
		return email
	}
	return strings.Join(words, " ")
}

// zoomInvitation is the text Zoom's calendar integration writes into an
// event's description.
func zoomInvitation(hostName, agenda, joinURL string, id int64, passcode string) string {
	var b strings.Builder
	if agenda != "" {
		b.WriteString(agenda + "\n\n")
	}
	spaced := spacedMeetingID(id)
	fmt.Fprintf(&b, "%s is inviting you to a scheduled Zoom meeting.\n\n", hostName)
	fmt.Fprintf(&b, "Join Zoom Meeting\n%s\n\nMeeting ID: %s\nPasscode: %s\n\n---\n\n", joinURL, spaced, passcode)
	fmt.Fprintf(&b, "One tap mobile\n+16465588656,,%d# US (New York)\n+13017158592,,%d# US (Washington DC)\n\n---\n\n", id, id)
	fmt.Fprintf(&b, "Dial by your location\n• +1 646 558 8656 US (New York)\n• +1 301 715 8592 US (Washington DC)\n\n")
	fmt.Fprintf(&b, "Meeting ID: %s\n\nFind your local number: https://%s/u/kb8Yq1Xz3\n", spaced, zoomWebHost)
	return b.String()
}

// spacedMeetingID writes a meeting ID as Zoom's invitations do: 123 456 789,
// 123 456 7890 or 123 4567 8901.
func spacedMeetingID(id int64) string {
	d := strconv.FormatInt(id, 10)
	switch len(d) {
	case 9:
		return d[:3] + " " + d[3:6] + " " + d[6:]
	case 10:
		return d[:3] + " " + d[3:6] + " " + d[6:]
	case 11:
		return d[:3] + " " + d[3:7] + " " + d[7:]
	}
	return d
}

// eventUIDAlphabet is base32hex in lower case, the alphabet of Google's event
// IDs.
const eventUIDAlphabet = "0123456789abcdefghijklmnopqrstuv"

// newEventUID returns a UID in the shape of Google's.
func newEventUID() string { return randomString(eventUIDAlphabet, 26) + "@google.com" }

// calendarEvents returns every event of the feed at now, in a stable order.
func (s *Sim) calendarEvents(now time.Time) []calEvent {
	var evs []calEvent
	for _, m := range s.sortedMeetings(s.onCalendar) {
		evs = append(evs, s.meetingEvent(m, now))
	}
	evs = append(evs, s.cal.extra...)
	sort.SliceStable(evs, func(i, j int) bool {
		a, b := evs[i], evs[j]
		if !a.start.Equal(b.start) {
			return a.start.Before(b.start)
		}
		if a.uid != b.uid {
			return a.uid < b.uid
		}
		return a.recurrenceID.Before(b.recurrenceID)
	})
	return evs
}

// buildCalendar encodes the feed at now. Its bytes change only when an
// event does: DTSTAMP is each event's last modification, not the time of the
// request.
func (s *Sim) buildCalendar(now time.Time) ([]byte, error) {
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropProductID, calendarProdID)
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropCalendarScale, "GREGORIAN")
	cal.Props.SetText(ical.PropMethod, "PUBLISH")
	cal.Props.Set(xText("X-WR-CALNAME", s.me.email))
	cal.Props.Set(xText("X-WR-TIMEZONE", s.me.timezone))

	evs := s.calendarEvents(now)
	// The user's zone is always described, so even a calendar without
	// events holds a component, as RFC 5545 requires.
	zones := map[string]bool{s.me.timezone: true}
	for _, ev := range evs {
		if ev.zone != nil {
			zones[ev.zone.tzid] = true
		}
	}
	tzids := make([]string, 0, len(zones))
	for id := range zones {
		tzids = append(tzids, id)
	}
	sort.Strings(tzids)
	for _, id := range tzids {
		z, ok := calendarZones[id]
		if !ok {
			return nil, fmt.Errorf("calendar: no rules for time zone %q", id)
		}
		cal.Children = append(cal.Children, z.vtimezone())
	}
	for i := range evs {
		cal.Children = append(cal.Children, evs[i].component())
	}

	var raw bytes.Buffer
	if err := ical.NewEncoder(&raw).Encode(cal); err != nil {
		return nil, fmt.Errorf("calendar: %w", err)
	}
	return foldLines(raw.Bytes()), nil
}

// maxLineOctets is RFC 5545's limit for a content line, without its CRLF.
const maxLineOctets = 75

// foldLines folds every CRLF-terminated line of src longer than 75 octets:
// a CRLF and a space go in before the octet that would exceed the limit,
// never inside a UTF-8 sequence.
func foldLines(src []byte) []byte {
	out := make([]byte, 0, len(src)+len(src)/maxLineOctets*3)
	for len(src) > 0 {
		i := bytes.Index(src, []byte("\r\n"))
		if i < 0 {
			i = len(src)
		}
		line := src[:i]
		src = src[min(i+2, len(src)):]
		limit := maxLineOctets
		for len(line) > limit {
			cut := limit
			for cut > 0 && !utf8.RuneStart(line[cut]) {
				cut--
			}
			out = append(out, line[:cut]...)
			out = append(out, "\r\n "...)
			line = line[cut:]
			limit = maxLineOctets - 1 // the leading space counts
		}
		out = append(out, line...)
		out = append(out, "\r\n"...)
	}
	return out
}
