package sync

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	stdsync "sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// fakeCalendar is a CalendarReader serving a fixed list of events with an
// ETag, or failing while told to.
type fakeCalendar struct {
	mu     stdsync.Mutex
	events []CalendarEvent
	etag   string
	err    error
	reqs   []CalendarRequest
	reads  int // full reads (not 304)
}

func (f *fakeCalendar) ReadCalendar(ctx context.Context, req CalendarRequest) (CalendarResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reqs = append(f.reqs, req)
	if f.err != nil {
		return CalendarResult{}, f.err
	}
	if req.ETag != "" && req.ETag == f.etag {
		return CalendarResult{NotModified: true}, nil
	}
	f.reads++
	var evs []CalendarEvent
	for _, ev := range f.events {
		if ev.End.After(req.From) && ev.Start.Before(req.To) {
			evs = append(evs, ev)
		}
	}
	return CalendarResult{ETag: f.etag, Events: evs, Found: len(f.events), Unreadable: []string{"no DTSTART"}}, nil
}

func (f *fakeCalendar) set(etag string, err error, evs ...CalendarEvent) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.etag, f.err = etag, err
	if evs != nil {
		f.events = evs
	}
}

func (f *fakeCalendar) fullReads() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.reads
}

func (f *fakeCalendar) requests() []CalendarRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.reqs)
}

var work = CalendarSource{ID: "cal-1", Name: "Work"}

// withCalendar makes the env's engines read cal as the "Work" calendar.
func withCalendar(v *env, cal CalendarReader) {
	v.options = func(o *Options) { o.Calendars = cal }
	s := DefaultSettings()
	s.Calendars = []CalendarSource{work}
	writeSettings(v.t, v.dirs[1], s)
}

func writeSettings(t *testing.T, dir string, s Settings) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, settingsFile), string(data))
}

// TestMergeCalendar: calendar occurrences join Zoom's as one occurrence
// per meeting, with the calendar's time for meetings others host.
func TestMergeCalendar(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2026, 12, 8, h, m, 0, 0, time.UTC) }
	ev := func(id int64, start time.Time, mut ...func(*CalendarEvent)) CalendarEvent {
		e := CalendarEvent{UID: "uid-" + itoa(id) + start.Format("1504"), Summary: "Interview", Start: start, End: start.Add(45 * time.Minute),
			MeetingID: id, JoinURL: "https://zoom.us/j/" + itoa(id), Organizer: Person{Name: "Cora", Email: "cora@acme.example"}}
		for _, f := range mut {
			f(&e)
		}
		return e
	}
	zm := func(id int64, start time.Time) meetingRec {
		return meetingRec{ID: id, Topic: "Zoom topic", Start: start, Duration: 30, JoinURL: "https://zoom.us/j/" + itoa(id) + "?pwd=z"}
	}
	mine := func(id int64) bool { return id == 1 }
	for _, tc := range []struct {
		name   string
		zoom   []meetingRec
		events []CalendarEvent
		want   []string // "ID@HH:MM source" in order
	}{
		{"calendar only, beyond Zoom's 24 hours", nil, []CalendarEvent{ev(7, at(15, 0))}, []string{"7@15:00 cal"}},
		{"same start: one occurrence", []meetingRec{zm(2, at(10, 0))}, []CalendarEvent{ev(2, at(10, 0))}, []string{"2@10:00 both"}},
		{"hosted by me, calendar behind a reschedule: Zoom's time", []meetingRec{zm(1, at(11, 0))}, []CalendarEvent{ev(1, at(10, 0))}, []string{"1@11:00 both"}},
		{"hosted by someone else, moved in the calendar: the calendar's time", []meetingRec{zm(2, at(11, 0))}, []CalendarEvent{ev(2, at(12, 30))}, []string{"2@12:30 both"}},
		{"two occurrences of a series each match their own", []meetingRec{zm(2, at(9, 0)), zm(2, at(16, 0))}, []CalendarEvent{ev(2, at(16, 0)), ev(2, at(9, 0))}, []string{"2@09:00 both", "2@16:00 both"}},
		{"cancelled in the calendar, someone else hosts: gone", []meetingRec{zm(2, at(10, 0))}, []CalendarEvent{ev(2, at(10, 0), func(e *CalendarEvent) { e.Cancelled = true })}, nil},
		{"cancelled in the calendar, I host: Zoom wins", []meetingRec{zm(1, at(10, 0))}, []CalendarEvent{ev(1, at(10, 0), func(e *CalendarEvent) { e.Cancelled = true })}, []string{"1@10:00 zoom"}},
		{"declined: gone", []meetingRec{zm(2, at(10, 0))}, []CalendarEvent{ev(2, at(10, 0), func(e *CalendarEvent) { e.Declined = true })}, nil},
		{"declined, not in Zoom: not added", nil, []CalendarEvent{ev(3, at(10, 0), func(e *CalendarEvent) { e.Declined = true })}, nil},
		{"all-day: never a meeting", nil, []CalendarEvent{ev(0, at(0, 0), func(e *CalendarEvent) { e.AllDay = true; e.End = e.Start.Add(24 * time.Hour) })}, nil},
		{"no Zoom link: listed with a calendar ID", nil, []CalendarEvent{ev(0, at(13, 0), func(e *CalendarEvent) { e.JoinURL = "" })}, []string{"neg@13:00 cal"}},
		{"far apart starts are two occurrences", []meetingRec{zm(2, at(1, 0))}, []CalendarEvent{ev(2, at(23, 0))}, []string{"2@01:00 zoom", "2@23:00 cal"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := mergeCalendar(tc.zoom, []calSource{{src: work, events: tc.events}}, mine)
			var desc []string
			for _, m := range got {
				src := "zoom"
				if m.Cal != nil {
					src = "cal"
					if m.Cal.ZoomToo {
						src = "both"
					}
					if m.Cal.Organizer.Email != "cora@acme.example" {
						t.Errorf("organizer %+v", m.Cal.Organizer)
					}
				}
				id := itoa(m.ID)
				if m.ID < 0 {
					id = "neg"
					if m.JoinURL != "" {
						t.Errorf("a calendar event without a Zoom meeting has a join URL %q", m.JoinURL)
					}
				}
				desc = append(desc, id+"@"+m.Start.Format("15:04")+" "+src)
			}
			if !slices.Equal(desc, tc.want) {
				t.Errorf("merged = %q, want %q", desc, tc.want)
			}
		})
	}
	// The same event in two calendars is one occurrence.
	e := ev(5, at(10, 0))
	got := mergeCalendar(nil, []calSource{{src: work, events: []CalendarEvent{e}}, {src: CalendarSource{ID: "cal-2", Name: "Team"}, events: []CalendarEvent{e}}}, mine)
	if len(got) != 1 {
		t.Errorf("an event in two calendars: %d occurrences", len(got))
	}
	// A calendar event without a meeting keeps its ID across reads.
	id1, id2 := calendarMeetingID("a", "u", ""), calendarMeetingID("a", "u", "")
	if id1 != id2 || id1 >= 0 || id1 == calendarMeetingID("a", "u", "20261208T100000Z") || id1 == calendarMeetingID("b", "u", "") {
		t.Error("calendar IDs are not stable per source, UID and recurrence")
	}
}

func TestCalendarInterviewRules(t *testing.T) {
	org := Person{Email: "me@acme.example"}
	for _, tc := range []struct {
		name     string
		c        *calInfo
		external bool
		want     bool
	}{
		{"no calendar", nil, true, false},
		{"an interviews calendar", &calInfo{AllInterviews: true}, false, true},
		{"an outsider invited, rule on", &calInfo{Organizer: org, Attendees: []Person{{Email: "ada@gmail.com"}}}, true, true},
		{"an outsider invited, rule off", &calInfo{Organizer: org, Attendees: []Person{{Email: "ada@gmail.com"}}}, false, false},
		{"colleagues only", &calInfo{Organizer: org, Attendees: []Person{{Email: "bob@ACME.example"}}}, true, false},
		{"a room is no outsider", &calInfo{Organizer: org, Attendees: []Person{{Email: "c_1888@resource.calendar.google.com"}}}, true, false},
	} {
		if got := calendarInterview(tc.c, tc.external, []string{"acme.example"}); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestNextCalendarRead(t *testing.T) {
	loc := time.UTC
	day := time.Date(2026, 12, 8, 12, 0, 0, 0, loc)
	iv := []span{{start: day.Add(90 * time.Minute), end: day.Add(135 * time.Minute)}}
	for _, tc := range []struct {
		name     string
		last     time.Time
		failures int
		want     time.Duration
	}{
		{"by day", day, 0, 15 * time.Minute},
		{"at night", time.Date(2026, 12, 8, 23, 0, 0, 0, loc), 0, time.Hour},
		{"cut at an hour before the interview", day.Add(20 * time.Minute), 0, 10 * time.Minute},
		{"within the hour before", day.Add(40 * time.Minute), 0, 5 * time.Minute},
		{"first failure", day, 1, time.Minute},
		{"third failure", day, 3, 4 * time.Minute},
		{"many failures", day, 30, time.Hour},
	} {
		if got := nextCalendarRead(tc.last, iv, loc, tc.failures).Sub(tc.last); got != tc.want {
			t.Errorf("%s: next read after %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestCalendarPanelThreeDaysOut: a panel a coordinator hosts three days
// out is invisible to the user's Zoom API; the calendar shows it, with
// who organises it, and its reminders fire once.
func TestCalendarPanelThreeDaysOut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC), time.UTC)
		start := v.at(3, 14, 0)
		panel := v.meeting(zoomsim.MeetingSpec{Topic: "Panel: Ada Lovelace", StartTime: start, Host: "other"})
		cal := &fakeCalendar{etag: `"v1"`, events: []CalendarEvent{{
			UID: "panel@ats.example", Summary: "Interview panel: Ada Lovelace", Start: start, End: start.Add(time.Hour),
			MeetingID: panel.ID, JoinURL: "https://acme.zoom.us/j/" + itoa(panel.ID) + "?pwd=abc", Passcode: "123456",
			Organizer: Person{Name: "Cora Coordinator", Email: "cora@acme.example"},
			Attendees: []Person{{Name: "Ada Lovelace", Email: "ada@gmail.com"}},
		}}}
		withCalendar(v, cal)
		e := v.start()
		defer v.stop()

		iv, ok := interview(e.Snapshot(), panel.ID)
		if !ok {
			t.Fatalf("the calendar's panel is not in the snapshot: %+v", e.Snapshot().Interviews)
		}
		if iv.Source != SourceCalendar || !iv.IsInterview || iv.Organizer == nil || iv.Organizer.Email != "cora@acme.example" ||
			iv.Calendar != "Work" || iv.JoinURL == "" || iv.Passcode != "123456" || iv.HostedByMe {
			t.Errorf("panel = %+v", iv)
		}
		cs := e.Snapshot().Calendars
		if len(cs) != 1 || !cs[0].OK || cs[0].Events != 1 || cs[0].Unreadable != 1 || cs[0].Interviews != 1 || cs[0].LastFetched.IsZero() {
			t.Errorf("calendar status = %+v", cs)
		}
		if !slices.ContainsFunc(e.Snapshot().Problems, func(p Problem) bool { return p.Message == `1 event in "Work" could not be read.` }) {
			t.Errorf("no problem for the unreadable event: %+v", e.Snapshot().Problems)
		}

		// The next reads are conditional; a 304 keeps the events.
		v.until(v.at(0, 9, 0))
		reqs := cal.requests()
		if len(reqs) < 3 || reqs[0].ETag != "" || reqs[len(reqs)-1].ETag != `"v1"` || cal.fullReads() != 1 {
			t.Errorf("%d reads (%d full), first ETag %q, last %q", len(reqs), cal.fullReads(), reqs[0].ETag, reqs[len(reqs)-1].ETag)
		}
		if _, ok := interview(e.Snapshot(), panel.ID); !ok {
			t.Fatal("the panel left after a 304")
		}

		// Within a day, Zoom is asked who hosts it (someone else: 404).
		v.until(start.Add(-20 * time.Minute))
		iv, _ = interview(e.Snapshot(), panel.ID)
		if !iv.HostKnown || iv.HostedByMe || !iv.NeedsHostPermission {
			t.Errorf("panel within a day = %+v", iv)
		}
		v.until(start.Add(time.Minute))
		want := []string{rkey(panel.ID, start, -10*time.Minute), rkey(panel.ID, start, -time.Minute), rkey(panel.ID, start, 0)}
		if got := v.reminderKeys(); !slices.Equal(got, want) {
			t.Errorf("reminders %q, want %q", got, want)
		}
	})
}

// TestCalendarAndZoomRemindOnce: one occurrence that the calendar, the
// upcoming list and the hosted list all show reminds once per reminder,
// and a reminder that fired before the calendar knew it stays fired.
func TestCalendarAndZoomRemindOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC), time.UTC)
		start := v.at(0, 9, 0)
		m := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: start})
		cal := &fakeCalendar{etag: `"a"`}
		withCalendar(v, cal)
		e := v.start()
		defer v.stop()
		v.until(start.Add(-9 * time.Minute)) // the 10-minute reminder fired
		cal.set(`"b"`, nil, CalendarEvent{UID: "x", Summary: "Interview: Ada", Start: start, End: start.Add(45 * time.Minute), MeetingID: m.ID,
			Organizer: Person{Email: "me@example.com"}})
		e.Refresh()
		synctest.Wait()
		iv, ok := interview(e.Snapshot(), m.ID)
		if !ok || iv.Source != SourceZoomCalendar || !iv.HostedByMe {
			t.Fatalf("merged = %+v", iv)
		}
		if n := len(e.Snapshot().Interviews); n != 1 {
			t.Errorf("%d interviews, want 1", n)
		}
		v.until(start.Add(time.Minute))
		want := []string{rkey(m.ID, start, -10*time.Minute), rkey(m.ID, start, -time.Minute), rkey(m.ID, start, 0)}
		if got := v.reminderKeys(); !slices.Equal(got, want) {
			t.Errorf("reminders %q, want %q", got, want)
		}
	})
}

// TestCalendarFailureKeepsTheLastGoodCopy: a failed read keeps the events
// and says so; the cache shows them after an offline restart; removing
// the calendar removes its events.
func TestCalendarFailureKeepsTheLastGoodCopy(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{}, time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC), time.UTC)
		start := v.at(5, 10, 0)
		ev := CalendarEvent{UID: "screen", Summary: "Phone screen: Grace", Start: start, End: start.Add(30 * time.Minute)}
		cal := &fakeCalendar{etag: `"1"`, events: []CalendarEvent{ev}}
		withCalendar(v, cal)
		e := v.start()
		id := calendarMeetingID(work.ID, "screen", "")
		if iv, ok := interview(e.Snapshot(), id); !ok || iv.JoinURL != "" || iv.Source != SourceCalendar {
			t.Fatalf("calendar-only event = %+v, %v", iv, ok)
		}

		cal.set("", errors.New("This calendar address no longer works: copy the new secret address from Google Calendar's settings"))
		e.Refresh()
		synctest.Wait()
		s := e.Snapshot()
		if _, ok := interview(s, id); !ok {
			t.Fatal("a failed read dropped the last good events")
		}
		if len(s.Calendars) != 1 || s.Calendars[0].OK || s.Calendars[0].Error == "" || !hasProblem(s, ActionOpenCalendars) {
			t.Errorf("after a failure: %+v, problems %+v", s.Calendars, s.Problems)
		}
		// Backoff: a minute, then two...
		n := len(cal.requests())
		v.until(v.now().Add(4 * time.Minute))
		if got := len(cal.requests()) - n; got < 1 || got > 3 {
			t.Errorf("%d retries in 4 minutes", got)
		}
		v.stop()

		// An offline restart shows the cached events.
		e = v.start()
		if _, ok := interview(e.Snapshot(), id); !ok {
			t.Error("the cached calendar events are not shown after a restart")
		}
		info, err := os.Stat(filepath.Join(v.dirs[2], calendarsFile))
		if err != nil || (runtime.GOOS != "windows" && info.Mode().Perm() != 0o600) { // Windows: no modes, the profile's ACL
			t.Errorf("calendars.json: %v, %v", info, err)
		}

		// Removing the calendar removes its events.
		st := e.Settings()
		st.Calendars = nil
		if err := e.UpdateSettings(st); err != nil {
			t.Fatal(err)
		}
		if _, ok := interview(e.Snapshot(), id); ok || len(e.Snapshot().Calendars) != 0 {
			t.Error("a removed calendar's events stay")
		}
		v.stop()
	})
}

func TestCalendarRule(t *testing.T) {
	s := DefaultSettings()
	s.Rules.ExternalAttendee = true
	s.MyAddresses = []string{"me@acme.example"}
	ev := CalendarEvent{Summary: "Sync", Organizer: Person{Email: "me@acme.example"}, Attendees: []Person{{Email: "bob@acme.example"}}}
	outside := ev
	outside.Attendees = append(outside.Attendees, Person{Email: "ada@gmail.com"})
	declined := outside
	declined.Declined = true
	named := ev
	named.Summary = "Phone interview: Ada"
	for _, tc := range []struct {
		name string
		ev   CalendarEvent
		src  CalendarSource
		want bool
		rule string
	}{
		{"colleagues only", ev, work, false, RuleNone},
		{"the topic", named, work, true, RuleTopic},
		{"an outsider", outside, work, true, RuleExternalAttendee},
		{"declined", declined, work, false, RuleNotAMeeting},
		{"an interviews calendar", ev, CalendarSource{ID: "i", Name: "Interviews", AllInterviews: true}, true, RuleCalendar},
	} {
		if got, rule := CalendarRule(s, tc.ev, tc.src, ""); got != tc.want || rule != tc.rule {
			t.Errorf("%s: %v %q, want %v %q", tc.name, got, rule, tc.want, tc.rule)
		}
	}
}

func TestHostRequest(t *testing.T) {
	iv := Interview{ID: 86512345678, Topic: "Panel: Ada", StartTime: time.Date(2026, 12, 7, 14, 0, 0, 0, time.UTC),
		Organizer: &Person{Name: "Cora Coordinator", Email: "cora@acme.example"}}
	got := HostRequest(iv, &User{Email: "me@acme.example"}, time.UTC)
	for _, want := range []string{"Hi Cora,", `"Panel: Ada"`, "Mon Dec 7 at 14:00 UTC", "865 1234 5678", "Allow to record local files", "alternative host", "me@acme.example"} {
		if !strings.Contains(got, want) {
			t.Errorf("request lacks %q:\n%s", want, got)
		}
	}
	if hostOf(iv) != "Cora Coordinator <cora@acme.example>" || hostOf(Interview{HostEmail: "h@x.example"}) != "h@x.example" || hostOf(Interview{}) != "" {
		t.Error("hostOf")
	}
}

// TestHostileCalendarCache: a calendars.json with nulls, wrong types and
// absurd times never stops the engine; what is sane is kept.
func TestHostileCalendarCache(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{}, time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC), time.UTC)
		cal := &fakeCalendar{err: errors.New("offline")}
		withCalendar(v, cal)
		good := `{"uid":"ok","summary":"Interview: kept","start":"2026-12-05T10:00:00Z","end":"2026-12-05T11:00:00Z"}`
		for _, doc := range []string{
			`null`, `[]`, `{"version":1,"sources":null}`, `{"version":1,"sources":{"cal-1":null}}`,
			`{"version":1,"sources":{"cal-1":{"events":null}}}`,
			`{"version":1,"sources":{"cal-1":{"events":[null,` + good + `]}}}`,
			`{"version":1,"sources":{"cal-1":{"events":[{"start":"9999-01-01T00:00:00Z","end":"9999-01-01T01:00:00Z"},` + good + `]}}}`,
			`{"version":1,"sources":{"cal-1":{"events":[{"start":"2026-12-05T10:00:00Z","end":"2027-12-05T10:00:00Z"},` + good + `]}}}`,
			`{"version":1,"sources":{"cal-1":{"events":"x","found":-1}}}`,
			`{"version":1,"sources":{"cal-1":{"events":[{"meeting_id":"abc"}]}}}`,
		} {
			write(t, filepath.Join(v.dirs[2], calendarsFile), doc)
			e := v.start()
			v.until(v.now().Add(time.Minute))
			s := e.Snapshot()
			if _, err := json.Marshal(s); err != nil {
				t.Errorf("%s: %v", doc, err)
			}
			kept := 0
			for _, iv := range s.Interviews {
				if iv.Source == SourceCalendar && iv.Topic != "Interview: kept" {
					t.Errorf("%s: kept %+v", doc, iv)
				}
				if iv.Topic == "Interview: kept" {
					kept++
				}
			}
			if want := strings.Count(doc, `"uid":"ok"`); kept != want {
				t.Errorf("%s: %d good events kept, want %d", doc, kept, want)
			}
			v.stop()
		}
	})
}
