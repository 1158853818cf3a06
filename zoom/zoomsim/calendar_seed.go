package zoomsim

import (
	"fmt"
	"time"

	"github.com/teambition/rrule-go"
)

// The calendar's seed: a new secret address for every seed, and for "demo"
// the events a recruiting tool put on the interviewer's calendar. None of
// them is a meeting of the simulator's store, so the user's Zoom API never
// shows them, as Zoom does not show meetings that other users host.

// coordinator is the demo's recruiting coordinator, a Zoom user of another
// account whose meetings the simulator knows only from the calendar.
var coordinator = person{"Dana Whitfield", "dana.whitfield@northwind.example"}

// seedCalendar sets up the calendar at seed time now.
func (s *Sim) seedCalendar(now time.Time) {
	s.cal = calendarState{
		token:   newCalendarToken(),
		meta:    make(map[int64]*calMeta),
		changed: now.Truncate(time.Second),
	}
	if s.opts.Seed == "demo" && !s.opts.NoDemoCalendar {
		s.cal.extra = s.demoCalendarEvents(now)
	}
}

// calendarZoomLink returns a join link, meeting ID and passcode for a Zoom
// meeting that exists only in calendar invitations. The ID is drawn like a
// simulated meeting's, so a later simulated meeting gets the same one only
// by a chance of about one in 10^10.
func (s *Sim) calendarZoomLink() (string, int64, string) {
	id := s.newMeetingID(false)
	return fmt.Sprintf("https://%s/j/%d?pwd=%s", zoomWebHost, id, newPwdToken()), id, newPasscode()
}

// demoCalendarEvents are the demo's calendar-only events, at times relative
// to now on the demo user's New York wall clock:
//
//   - a panel interview three days out, hosted on Zoom by the coordinator
//     (ORGANIZER), written in America/Chicago, its description HTML as
//     recruiting tools write it;
//   - a weekly interview slot organised by the recruiter (RRULE, America/
//     New_York, ten occurrences) on the next working day's weekday,
//     started three weeks before it; the occurrence a week after the next
//     one moved to the following afternoon (a RECURRENCE-ID override) and
//     the one two weeks after the next is cancelled (EXDATE);
//   - an interview the user declined (PARTSTAT=DECLINED), in two days;
//   - an interview debrief on Google Meet tomorrow (no Zoom link);
//   - an all-day onsite interview day in four days.
func (s *Sim) demoCalendarEvents(now time.Time) []calEvent {
	ny, chi := calendarZones["America/New_York"], calendarZones["America/Chicago"]
	y, mo, d := ny.in(now).Date()
	at := func(z usZone, days, hour, minute int) time.Time { return z.date(y, mo, d+days, hour, minute) }
	me := person{s.me.displayName(), s.me.email}
	recruiter := person{s.other.displayName(), s.other.email}
	colleague := person{nameFromEmail(colleagueEmail), colleagueEmail}
	created := now.Add(-5 * 24 * time.Hour).Truncate(time.Hour)
	var evs []calEvent
	add := func(ev calEvent) {
		if ev.uid == "" {
			ev.uid = newEventUID()
		}
		if ev.created.IsZero() {
			ev.created, ev.modified = created, created
		}
		evs = append(evs, ev)
	}

	// The coordinator's panel, invisible to the user's Zoom API.
	link, id, pass := s.calendarZoomLink()
	add(calEvent{
		summary: "Panel Interview: Noor Haddad — Staff Backend Engineer",
		description: "<p>Panel interview for <b>Noor Haddad</b>, Staff Backend Engineer, scheduled by " +
			coordinator.name + ".</p><p>Interviewers: " + me.name + " (system design), " + colleague.name +
			" (coding)</p><p>Scorecards are due within 24 hours.</p><br>Join Zoom Meeting<br>" +
			`<a href="` + link + `">` + link + `</a><br><br>Meeting ID: ` + spacedMeetingID(id) +
			"<br>Passcode: " + pass + "<br>",
		location:  link,
		start:     at(chi, 3, 12, 0),
		end:       at(chi, 3, 13, 30),
		zone:      &chi,
		organizer: coordinator,
		attendees: []attendee{
			{coordinator, "ACCEPTED"},
			{me, "ACCEPTED"},
			{colleague, "ACCEPTED"},
			{person{"Noor Haddad", "noor.haddad@example.com"}, "ACCEPTED"},
		},
	})

	// The weekly interview slot: ten occurrences from three weeks before
	// the next working day.
	next := 1
	for weekend(ny.in(at(ny, next, 11, 0))) {
		next++
	}
	link, id, pass = s.calendarZoomLink()
	first := at(ny, next-21, 11, 0)
	weekly := calEvent{
		uid:         newEventUID(),
		summary:     "Interview: Backend Phone Screen (weekly slot)",
		description: zoomInvitation(recruiter.name, "Weekly phone-screen slot; the candidate is added by the recruiting tool.", link, id, pass),
		location:    link,
		start:       first,
		end:         first.Add(45 * time.Minute),
		zone:        &ny,
		organizer:   recruiter,
		attendees:   []attendee{{recruiter, "ACCEPTED"}, {me, "ACCEPTED"}},
		rrule: &rrule.ROption{Freq: rrule.WEEKLY, Count: 10,
			Byweekday: []rrule.Weekday{rruleWeekdays[ny.in(first).Weekday()]}},
		exdates: []time.Time{at(ny, next+14, 11, 0)},
		created: now.Add(-30 * 24 * time.Hour).Truncate(time.Hour),
	}
	weekly.modified = created
	add(weekly)
	moved := weekly
	moved.rrule, moved.exdates = nil, nil
	moved.recurrenceID = at(ny, next+7, 11, 0)
	moved.start, moved.end = at(ny, next+8, 15, 0), at(ny, next+8, 15, 45)
	moved.sequence = 1
	moved.modified = now.Add(-24 * time.Hour).Truncate(time.Hour)
	add(moved)

	// An interview the user declined.
	link, id, pass = s.calendarZoomLink()
	add(calEvent{
		summary:     "Interview: Wei Zhang — Mobile Engineer (Technical)",
		description: zoomInvitation(coordinator.name, "", link, id, pass),
		location:    link,
		start:       at(ny, 2, 10, 0),
		end:         at(ny, 2, 11, 0),
		organizer:   coordinator,
		attendees: []attendee{
			{coordinator, "ACCEPTED"},
			{me, "DECLINED"},
			{person{"Wei Zhang", "wei.zhang@example.org"}, "ACCEPTED"},
		},
	})

	// A debrief on Google Meet: not a Zoom meeting.
	meet := "https://meet.google.com/kxq-trbm-wza"
	add(calEvent{
		summary: "Interview Debrief: Jonah Keller",
		description: "Debrief for the panel with Jonah Keller.\n\n-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-\n" +
			"Join with Google Meet: " + meet + "\nOr dial: (US) +1 347-696-2148 PIN: 418 907 245#\n" +
			"More phone numbers: https://tel.meet/kxq-trbm-wza?pin=4189072451163\n" +
			"-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-",
		start:      at(ny, 1, 16, 0),
		end:        at(ny, 1, 16, 30),
		organizer:  recruiter,
		attendees:  []attendee{{recruiter, "ACCEPTED"}, {me, "ACCEPTED"}, {colleague, "TENTATIVE"}},
		conference: meet,
	})

	// An all-day event.
	add(calEvent{
		summary:     "Onsite Interviews: Backend Hiring Day",
		description: "Candidates on site all day; see the schedule from the recruiting tool.",
		start:       time.Date(y, mo, d+4, 0, 0, 0, 0, time.UTC),
		end:         time.Date(y, mo, d+5, 0, 0, 0, 0, time.UTC),
		allDay:      true,
		organizer:   recruiter,
		attendees:   []attendee{{recruiter, "ACCEPTED"}, {me, "ACCEPTED"}},
		transparent: true,
	})
	return evs
}

func weekend(t time.Time) bool { return t.Weekday() == time.Saturday || t.Weekday() == time.Sunday }

// rruleWeekdays maps Go's weekdays to rrule's.
var rruleWeekdays = map[time.Weekday]rrule.Weekday{
	time.Monday: rrule.MO, time.Tuesday: rrule.TU, time.Wednesday: rrule.WE, time.Thursday: rrule.TH,
	time.Friday: rrule.FR, time.Saturday: rrule.SA, time.Sunday: rrule.SU,
}
