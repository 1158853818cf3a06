package zoomsim

import (
	mrand "math/rand/v2"
	"time"
)

// Seeds: the account, its users and settings, and for "demo" an
// interviewer's week around the simulator's start.

// colleagueEmail is a colleague of the demo user who co-interviews as an
// alternative host; not a user of the simulator.
const colleagueEmail = "sam.okafor@northwind.example"

func (s *Sim) seed() {
	now := s.now()
	s.account = account{id: newUserID(), number: 10_000_000 + mrand.Int64N(89_999_999)}
	s.me = &user{
		id:        newUserID(),
		firstName: "Maya",
		lastName:  "Lindqvist",
		email:     "maya.lindqvist@northwind.example",
		timezone:  "America/New_York",
		dept:      "Engineering",
		roleName:  "Member",
		pmi:       s.newMeetingID(true),
		created:   now.AddDate(-2, -3, 0).Truncate(time.Second),
	}
	s.other = &user{
		id:        newUserID(),
		firstName: "Jordan",
		lastName:  "Reyes",
		email:     "jordan.reyes@northwind.example",
		timezone:  "America/Chicago",
		dept:      "Talent Acquisition",
		roleName:  "Member",
		pmi:       s.newMeetingID(true),
		created:   now.AddDate(-1, -1, 0).Truncate(time.Second),
	}
	// A new Zoom user records to computer files by default; the demo user
	// has it switched off, for the onboarding wizard to find.
	s.settings = defaultSettings(s.opts.Plan, s.opts.Seed != "demo")
	if s.opts.Seed == "demo" {
		s.seedDemo(now)
	}
	s.seedCalendar(now)
}

// seedDemo adds the demo week. Times are in UTC at hours that are working
// hours in New York.
func (s *Sim) seedDemo(now time.Time) {
	today := day(now)
	at := func(days, hour, minute int) time.Time {
		return today.AddDate(0, 0, days).Add(time.Duration(hour)*time.Hour + time.Duration(minute)*time.Minute)
	}
	roundUp := func(t time.Time, step time.Duration) time.Time {
		if r := t.Truncate(step); r.Before(t) {
			return r.Add(step)
		}
		return t
	}
	no := false
	add := func(spec MeetingSpec, createdDaysAgo int) *meeting {
		m, err := s.createMeeting(spec, now)
		if err != nil {
			panic("zoomsim: demo seed: " + err.Error()) // the specs below are fixed
		}
		m.created = now.AddDate(0, 0, -createdDaysAgo).Truncate(time.Second)
		return m
	}

	// Starts in about 11 minutes: its 10-minute reminder falls due about a
	// minute after start-up.
	add(MeetingSpec{
		Topic:     "Interview: Priya Raman — Senior Backend Engineer",
		Agenda:    "Technical interview, 45 minutes: API design and concurrency in Go.",
		StartTime: now.Add(11 * time.Minute).Round(time.Minute),
		Duration:  45,
	}, 6)
	// Hosted by the recruiter; the demo user is invited.
	add(MeetingSpec{
		Topic:     "Panel Interview: Jonah Keller — Principal Engineer",
		Agenda:    "Panel: hiring manager, two engineers. Jordan moderates.",
		StartTime: roundUp(now.Add(3*time.Hour), 30*time.Minute),
		Duration:  60,
		Host:      "other",
		Invited:   true,
	}, 4)
	// Not an interview.
	add(MeetingSpec{
		Topic:          "Platform Team Weekly Sync",
		StartTime:      roundUp(now.Add(5*time.Hour), 30*time.Minute),
		Duration:       30,
		CloudRecording: &no,
	}, 60)
	marcus := add(MeetingSpec{
		Topic:            "Interview: Marcus Chen — Staff SRE (System Design)",
		Agenda:           "System design: a multi-region job scheduler. Sam co-interviews.",
		StartTime:        at(1, 14, 0),
		Duration:         60,
		AlternativeHosts: colleagueEmail,
	}, 5)
	s.reidentify(marcus, true, nil) // an older, 10-digit meeting ID
	add(MeetingSpec{
		Topic:     "Interview: Elena Petrova — Frontend Engineer (Pair Programming)",
		StartTime: at(1, 18, 30),
		Duration:  60,
	}, 3)
	add(MeetingSpec{
		Topic:     "Interview: Tomás Silva — Engineering Manager",
		StartTime: at(2, 15, 0),
		Duration:  45,
	}, 3)
	add(MeetingSpec{
		Topic:     "Interview: Aisha Bello — Data Engineer (Take-home Review)",
		StartTime: at(3, 16, 0),
		Duration:  60,
	}, 2)

	// Yesterday's interview: ended, recording processed. Its UUID starts
	// with "/", so paths must double-encode it.
	lena := add(MeetingSpec{
		Topic:     "Interview: Lena Fischer — Backend Engineer",
		StartTime: at(-1, 15, 0),
		Duration:  60,
	}, 8)
	s.reidentify(lena, false, startsWithSlash)
	lena.endedAt = lena.start.Add(52 * time.Minute)
	lena.readyAt = lena.endedAt.Add(38 * time.Minute)

	// Ended a few minutes ago; Zoom is still processing the recording. Its
	// UUID contains "//".
	ravi := add(MeetingSpec{
		Topic:     "Interview: Ravi Patel — Site Reliability Engineer",
		StartTime: now.Add(-55 * time.Minute).Truncate(time.Minute),
		Duration:  45,
	}, 7)
	s.reidentify(ravi, false, hasDoubleSlash)
	ravi.endedAt = now.Add(-6 * time.Minute).Truncate(time.Second)
}

// reidentify gives m a new meeting ID (10 digits when tenDigits) and a new
// UUID accepted by wantUUID (nil: keep the UUID).
func (s *Sim) reidentify(m *meeting, tenDigits bool, wantUUID func(string) bool) {
	delete(s.meetings, m.id)
	delete(s.byUUID, m.uuid)
	if tenDigits {
		m.id = s.newMeetingID(true)
	}
	if wantUUID != nil {
		m.uuid = s.newUUID(wantUUID)
	}
	s.addMeeting(m)
}
