package zoomsim

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"
)

// The calendar tests run at a fixed date inside a synctest bubble: a
// Wednesday, 10:00 in New York, four days before the United States switch
// to daylight time (2026-03-08), so the demo's weekly series crosses it.
var calendarDay = time.Date(2026, time.March, 4, 15, 0, 0, 0, time.UTC)

// atCalendarDay runs f in a synctest bubble whose clock shows calendarDay
// when the simulator is created (and seeded).
func atCalendarDay(t *testing.T, opts Options, f func(t *testing.T, e *env)) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) {
		time.Sleep(time.Until(calendarDay))
		if opts.Start.IsZero() {
			opts.Start = calendarDay // the simulator's clock reads the bubble's
		}
		f(t, newEnv(t, "transport", opts))
	})
}

// feedURL asks the control API for the feed's address.
func (e *env) feedURL() string {
	e.t.Helper()
	a := decode[calendarAddress](e.t, e.ctl("GET", "/calendar/feed", nil, http.StatusOK))
	if a.URL == "" || !strings.HasSuffix(a.URL, a.Path) || a.Email != e.sim.User().Email {
		e.t.Fatalf("feed address %+v", a)
	}
	return a.URL
}

// feed fetches the feed at url and checks that it is a 200 iCalendar answer.
func (e *env) feed(url string) []byte {
	e.t.Helper()
	r := e.do("GET", url, nil, nil)
	wantStatus(e.t, r, http.StatusOK)
	if ct := r.header.Get("Content-Type"); ct != "text/calendar; charset=UTF-8" {
		e.t.Fatalf("Content-Type %q", ct)
	}
	return r.body
}

// parseFeed decodes an iCalendar body with go-ical.
func parseFeed(t *testing.T, body []byte) *ical.Calendar {
	t.Helper()
	cal, err := ical.NewDecoder(bytes.NewReader(body)).Decode()
	if err != nil {
		t.Fatalf("decode the feed: %v\n%s", err, body)
	}
	return cal
}

// eventsBySummary returns the feed's events grouped by SUMMARY.
func eventsBySummary(t *testing.T, cal *ical.Calendar) map[string][]ical.Event {
	t.Helper()
	out := map[string][]ical.Event{}
	for _, ev := range cal.Events() {
		s, err := ev.Props.Text(ical.PropSummary)
		if err != nil {
			t.Fatalf("SUMMARY: %v", err)
		}
		out[s] = append(out[s], ev)
	}
	return out
}

func text(t *testing.T, ev ical.Event, name string) string {
	t.Helper()
	s, err := ev.Props.Text(name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

func dtstart(t *testing.T, ev ical.Event) time.Time {
	t.Helper()
	start, err := ev.DateTimeStart(nil)
	if err != nil {
		t.Fatalf("DTSTART: %v", err)
	}
	return start.UTC()
}

// partstat returns the PARTSTAT of ev's ATTENDEE with email ("" if none).
func partstat(ev ical.Event, email string) string {
	for _, a := range ev.Props.Values(ical.PropAttendee) {
		if strings.EqualFold(a.Value, "mailto:"+email) {
			return a.Params.Get(ical.ParamParticipationStatus)
		}
	}
	return ""
}

// only returns the one event called summary.
func only(t *testing.T, evs map[string][]ical.Event, summary string) ical.Event {
	t.Helper()
	if len(evs[summary]) != 1 {
		t.Fatalf("%d events %q, want 1", len(evs[summary]), summary)
	}
	return evs[summary][0]
}

func TestCalendarFeedDemo(t *testing.T) {
	atCalendarDay(t, Options{Seed: "demo"}, func(t *testing.T, e *env) {
		me := e.sim.User().Email
		cal := parseFeed(t, e.feed(e.feedURL()))

		if v := cal.Props.Get(ical.PropVersion); v == nil || v.Value != "2.0" {
			t.Errorf("VERSION %v", v)
		}
		if v := cal.Props.Get("X-WR-TIMEZONE"); v == nil || v.Value != "America/New_York" {
			t.Errorf("X-WR-TIMEZONE %v", v)
		}
		var tzids []string
		for _, c := range cal.Children {
			if c.Name == ical.CompTimezone {
				tzids = append(tzids, c.Props.Get(ical.PropTimezoneID).Value)
			}
		}
		if !slices.Equal(tzids, []string{"America/Chicago", "America/New_York"}) {
			t.Errorf("VTIMEZONEs %v", tzids)
		}
		evs := eventsBySummary(t, cal)

		// Every Zoom meeting the user hosts or is invited to is there, with
		// its link in LOCATION and Zoom's invitation in DESCRIPTION.
		zoomIDs := map[int64]bool{}
		for _, m := range e.sim.Meetings() {
			zoomIDs[m.ID] = true
			if m.Host != "me" && !m.Invited {
				continue
			}
			ev := only(t, evs, m.Topic)
			if got := dtstart(t, ev); !got.Equal(m.StartTime) {
				t.Errorf("%q: DTSTART %v, want %v", m.Topic, got, m.StartTime)
			}
			if end, _ := ev.DateTimeEnd(nil); !end.Equal(m.StartTime.Add(time.Duration(m.Duration) * time.Minute)) {
				t.Errorf("%q: DTEND %v", m.Topic, end)
			}
			if loc := text(t, ev, ical.PropLocation); loc != m.JoinURL {
				t.Errorf("%q: LOCATION %q, want %q", m.Topic, loc, m.JoinURL)
			}
			desc := text(t, ev, ical.PropDescription)
			for _, want := range []string{"Join Zoom Meeting\n" + m.JoinURL + "\n", "Meeting ID: " + spacedMeetingID(m.ID) + "\n", "Passcode: " + m.Password + "\n"} {
				if !strings.Contains(desc, want) {
					t.Errorf("%q: DESCRIPTION lacks %q:\n%s", m.Topic, want, desc)
				}
			}
			if org := ev.Props.Get(ical.PropOrganizer); org == nil || org.Value != "mailto:"+m.HostEmail {
				t.Errorf("%q: ORGANIZER %v, want %s", m.Topic, org, m.HostEmail)
			}
			if m.Host == "other" && partstat(ev, me) != "ACCEPTED" {
				t.Errorf("%q: the user is no attendee", m.Topic)
			}
		}

		// The coordinator's panel, three days out, on the calendar only.
		panel := only(t, evs, "Panel Interview: Noor Haddad — Staff Backend Engineer")
		if got, want := dtstart(t, panel), time.Date(2026, 3, 7, 18, 0, 0, 0, time.UTC); !got.Equal(want) {
			t.Errorf("panel starts %v, want %v (12:00 in Chicago)", got, want)
		}
		if p := panel.Props.Get(ical.PropDateTimeStart); p.Params.Get(ical.ParamTimezoneID) != "America/Chicago" || p.Value != "20260307T120000" {
			t.Errorf("panel DTSTART %+v", p)
		}
		if org := panel.Props.Get(ical.PropOrganizer); org.Value != "mailto:"+coordinator.email || org.Params.Get(ical.ParamCommonName) != coordinator.name {
			t.Errorf("panel ORGANIZER %+v", org)
		}
		if partstat(panel, me) != "ACCEPTED" || partstat(panel, "noor.haddad@example.com") == "" {
			t.Errorf("panel attendees %+v", panel.Props.Values(ical.PropAttendee))
		}
		panelID := zoomMeetingID(t, text(t, panel, ical.PropLocation))
		if zoomIDs[panelID] {
			t.Errorf("the panel's meeting %d is a meeting of the simulator", panelID)
		}
		if desc := text(t, panel, ical.PropDescription); !strings.Contains(desc, `<a href="`+text(t, panel, ical.PropLocation)+`">`) {
			t.Errorf("panel DESCRIPTION has no link to its LOCATION: %s", desc)
		}

		// The weekly series: ten Thursdays at 11:00 New York time from
		// 2026-02-12, across the switch to daylight time, one moved to the
		// Friday afternoon and one cancelled.
		series := evs["Interview: Backend Phone Screen (weekly slot)"]
		if len(series) != 2 {
			t.Fatalf("%d weekly-series components, want the master and one override", len(series))
		}
		master, moved := series[0], series[1]
		if master.Props.Get(ical.PropRecurrenceID) != nil {
			master, moved = moved, master
		}
		if r := master.Props.Get(ical.PropRecurrenceRule); r == nil || r.Value != "FREQ=WEEKLY;COUNT=10;BYDAY=TH" {
			t.Errorf("RRULE %v", r)
		}
		if p := master.Props.Get(ical.PropDateTimeStart); p.Params.Get(ical.ParamTimezoneID) != "America/New_York" || p.Value != "20260212T110000" {
			t.Errorf("series DTSTART %+v", p)
		}
		if text(t, master, ical.PropUID) != text(t, moved, ical.PropUID) {
			t.Error("the override has another UID than its master")
		}
		if p := moved.Props.Get(ical.PropRecurrenceID); p.Params.Get(ical.ParamTimezoneID) != "America/New_York" || p.Value != "20260312T110000" {
			t.Errorf("RECURRENCE-ID %+v", p)
		}
		if got, want := dtstart(t, moved), time.Date(2026, 3, 13, 19, 0, 0, 0, time.UTC); !got.Equal(want) {
			t.Errorf("moved occurrence starts %v, want %v (15:00 EDT)", got, want)
		}
		set, err := master.RecurrenceSet(nil)
		if err != nil {
			t.Fatalf("recurrence set: %v", err)
		}
		var got []time.Time
		for _, o := range set.All() {
			if !o.Equal(time.Date(2026, 3, 12, 15, 0, 0, 0, time.UTC)) { // replaced by the override
				got = append(got, o.UTC())
			}
		}
		got = append(got, dtstart(t, moved))
		slices.SortFunc(got, time.Time.Compare)
		var want []time.Time
		for _, d := range []string{"02-12T16", "02-19T16", "02-26T16", "03-05T16", "03-13T19", "03-26T15", "04-02T15", "04-09T15", "04-16T15"} {
			w, _ := time.Parse("2006-01-02T15", "2026-"+d)
			want = append(want, w)
		}
		if !slices.EqualFunc(got, want, time.Time.Equal) {
			t.Errorf("series occurrences\n got %v\nwant %v", got, want)
		}

		// Declined by the user.
		declined := only(t, evs, "Interview: Wei Zhang — Mobile Engineer (Technical)")
		if partstat(declined, me) != "DECLINED" {
			t.Errorf("the user's PARTSTAT %q", partstat(declined, me))
		}
		if !strings.Contains(text(t, declined, ical.PropDescription), "https://us05web.zoom.us/j/") {
			t.Error("the declined interview has no Zoom link")
		}

		// On Google Meet: no Zoom link anywhere.
		meet := only(t, evs, "Interview Debrief: Jonah Keller")
		var all strings.Builder
		for _, ps := range meet.Props {
			for _, p := range ps {
				all.WriteString(p.Value)
			}
		}
		if strings.Contains(all.String(), "zoom") || meet.Props.Get("X-GOOGLE-CONFERENCE").Value != "https://meet.google.com/kxq-trbm-wza" {
			t.Errorf("Meet event %+v", meet.Props)
		}

		// All day, on the Sunday.
		allDay := only(t, evs, "Onsite Interviews: Backend Hiring Day")
		if p := allDay.Props.Get(ical.PropDateTimeStart); p.Params.Get(ical.ParamValue) != "DATE" || p.Value != "20260308" {
			t.Errorf("all-day DTSTART %+v", p)
		}
		if p := allDay.Props.Get(ical.PropDateTimeEnd); p.Value != "20260309" {
			t.Errorf("all-day DTEND %+v", p)
		}

		// Every event is complete.
		for _, ev := range cal.Events() {
			for _, name := range []string{ical.PropUID, ical.PropDateTimeStamp, ical.PropDateTimeStart, ical.PropDateTimeEnd, ical.PropOrganizer} {
				if ev.Props.Get(name) == nil {
					t.Errorf("%q has no %s", text(t, ev, ical.PropSummary), name)
				}
			}
		}
	})
}

// zoomMeetingID returns the meeting ID of a Zoom join link.
func zoomMeetingID(t *testing.T, link string) int64 {
	t.Helper()
	_, rest, ok := strings.Cut(link, "zoom.us/j/")
	id, _, _ := strings.Cut(rest, "?")
	n, err := strconv.ParseInt(id, 10, 64)
	if !ok || err != nil {
		t.Fatalf("no meeting ID in %q", link)
	}
	return n
}

func TestCalendarPanelInvisibleToZoomAPI(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		time.Sleep(time.Until(calendarDay))
		e, tok := signedIn(t, "transport", Options{Seed: "demo", TokenTTL: 10 * 24 * time.Hour})
		cal := parseFeed(t, e.feed(e.feedURL()))
		panel := only(t, eventsBySummary(t, cal), "Panel Interview: Noor Haddad — Staff Backend Engineer")
		id := zoomMeetingID(t, text(t, panel, ical.PropLocation))

		// An hour before the panel, when upcoming_meetings would list an
		// invitation Zoom knew of.
		e.sim.Advance(dtstart(t, panel).Add(-time.Hour).Sub(e.sim.Now()))
		for _, path := range []string{"/users/me/meetings", "/users/me/meetings?type=upcoming", "/users/me/upcoming_meetings"} {
			r := e.call("GET", path, tok, nil)
			wantStatus(t, r, http.StatusOK)
			if strings.Contains(string(r.body), strconv.FormatInt(id, 10)) {
				t.Errorf("%s lists the coordinator's panel: %s", path, r)
			}
		}
		wantAPIError(t, e.call("GET", "/meetings/"+strconv.FormatInt(id, 10), tok, nil), http.StatusNotFound, 3001)
		if _, ok := e.sim.Meeting(id); ok {
			t.Error("the panel is a meeting of the simulator")
		}
	})
}

func TestCalendarFeedEmptySeed(t *testing.T) {
	atCalendarDay(t, Options{}, func(t *testing.T, e *env) {
		url := e.feedURL()
		cal := parseFeed(t, e.feed(url))
		if n := len(cal.Events()); n != 0 {
			t.Errorf("%d events in the empty seed's feed", n)
		}
		if len(cal.Children) != 1 || cal.Children[0].Name != ical.CompTimezone {
			t.Errorf("components %v, want the user's VTIMEZONE only", cal.Children)
		}

		// Meetings join and leave the calendar as Zoom's calendar
		// integration would put them there.
		start := calendarDay.Add(26 * time.Hour)
		hosted := e.meeting(map[string]any{"topic": "Interview: Ada Lovelace", "start_time": start})
		e.meeting(map[string]any{"topic": "Interview: not invited", "start_time": start, "host": "other"})
		invited := e.meeting(map[string]any{"topic": "Interview: invited", "start_time": start, "host": "other", "invited": true})
		evs := eventsBySummary(t, parseFeed(t, e.feed(url)))
		if len(evs) != 2 || len(evs[hosted.Topic]) != 1 || len(evs[invited.Topic]) != 1 {
			t.Fatalf("events %v, want the hosted and the invited meeting", slices.Collect(mapsKeys(evs)))
		}
		e.ctl("DELETE", "/meetings/"+strconv.FormatInt(hosted.ID, 10), nil, http.StatusNoContent)
		if evs := eventsBySummary(t, parseFeed(t, e.feed(url))); len(evs) != 1 || len(evs[invited.Topic]) != 1 {
			t.Errorf("after the delete: events %v", slices.Collect(mapsKeys(evs)))
		}
	})
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func TestCalendarFeedConditional(t *testing.T) {
	atCalendarDay(t, Options{Seed: "demo"}, func(t *testing.T, e *env) {
		url := e.feedURL()
		first := e.do("GET", url, nil, nil)
		wantStatus(t, first, http.StatusOK)
		tag, lastMod := first.header.Get("ETag"), first.header.Get("Last-Modified")
		if !strings.HasPrefix(tag, `"`) || !strings.HasSuffix(tag, `"`) || len(tag) < 10 {
			t.Fatalf("ETag %q", tag)
		}
		if _, err := http.ParseTime(lastMod); err != nil {
			t.Fatalf("Last-Modified %q: %v", lastMod, err)
		}

		// Time passing changes nothing: the bytes and the tag stay.
		time.Sleep(2 * time.Hour)
		again := e.do("GET", url, nil, nil)
		if again.header.Get("ETag") != tag || !bytes.Equal(again.body, first.body) {
			t.Errorf("the feed changed while nothing happened: ETag %q, then %q", tag, again.header.Get("ETag"))
		}

		for _, inm := range []string{tag, "W/" + tag, `"other", ` + tag, "*"} {
			r := e.do("GET", url, http.Header{"If-None-Match": {inm}}, nil)
			if r.status != http.StatusNotModified || len(r.body) != 0 || r.header.Get("ETag") != tag {
				t.Errorf("If-None-Match %s: status %d, %d bytes, ETag %q", inm, r.status, len(r.body), r.header.Get("ETag"))
			}
		}
		wantStatus(t, e.do("GET", url, http.Header{"If-None-Match": {`"stale"`}}, nil), http.StatusOK)
		if r := e.do("GET", url, http.Header{"If-Modified-Since": {lastMod}}, nil); r.status != http.StatusNotModified {
			t.Errorf("If-Modified-Since its Last-Modified: status %d", r.status)
		}
		// If-None-Match decides when both are present (RFC 9110 section 13.2.2).
		wantStatus(t, e.do("GET", url, http.Header{"If-None-Match": {`"stale"`}, "If-Modified-Since": {lastMod}}, nil), http.StatusOK)

		// A rescheduled meeting changes the feed, its tag and the event's
		// SEQUENCE and LAST-MODIFIED.
		m := e.sim.Meetings()[len(e.sim.Meetings())-1]
		later := m.StartTime.Add(time.Hour)
		if _, err := e.sim.UpdateMeeting(m.ID, MeetingUpdate{StartTime: &later}); err != nil {
			t.Fatal(err)
		}
		r := e.do("GET", url, http.Header{"If-None-Match": {tag}, "If-Modified-Since": {lastMod}}, nil)
		wantStatus(t, r, http.StatusOK)
		if r.header.Get("ETag") == tag {
			t.Error("the ETag did not change with the feed")
		}
		if lm, _ := http.ParseTime(r.header.Get("Last-Modified")); !lm.Equal(e.sim.Now().Truncate(time.Second)) {
			t.Errorf("Last-Modified %q, want now (%v)", r.header.Get("Last-Modified"), e.sim.Now())
		}
		if r := e.do("GET", url, http.Header{"If-Modified-Since": {lastMod}}, nil); r.status != http.StatusOK {
			t.Errorf("If-Modified-Since before the change: status %d", r.status)
		}
		ev := only(t, eventsBySummary(t, parseFeed(t, r.body)), m.Topic)
		if seq := ev.Props.Get(ical.PropSequence).Value; seq != "1" {
			t.Errorf("SEQUENCE %s, want 1", seq)
		}
		if got := dtstart(t, ev); !got.Equal(later) {
			t.Errorf("DTSTART %v, want %v", got, later)
		}
		if lm, _ := ev.Props.DateTime(ical.PropLastModified, nil); !lm.Equal(e.sim.Now().Truncate(time.Second)) {
			t.Errorf("LAST-MODIFIED %v", lm)
		}
	})
}

func TestCalendarFeedGzip(t *testing.T) {
	atCalendarDay(t, Options{Seed: "demo"}, func(t *testing.T, e *env) {
		url := e.feedURL()
		plain := e.do("GET", url, nil, nil)
		zipped := e.do("GET", url, http.Header{"Accept-Encoding": {"gzip, deflate, br"}}, nil)
		wantStatus(t, zipped, http.StatusOK)
		if zipped.header.Get("Content-Encoding") != "gzip" || zipped.header.Get("Vary") != "Accept-Encoding" {
			t.Fatalf("headers %v", zipped.header)
		}
		zr, err := gzip.NewReader(bytes.NewReader(zipped.body))
		if err != nil {
			t.Fatal(err)
		}
		unzipped, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(unzipped, plain.body) {
			t.Fatalf("the gzipped feed is not the feed (err %v)", err)
		}
		if len(zipped.body) >= len(plain.body) {
			t.Errorf("gzip: %d bytes for %d", len(zipped.body), len(plain.body))
		}
		ztag := zipped.header.Get("ETag")
		if ztag == plain.header.Get("ETag") || ztag == "" {
			t.Errorf("the gzipped representation has the tag %q of the plain one", ztag)
		}
		// Either tag validates either representation.
		for _, tag := range []string{ztag, plain.header.Get("ETag")} {
			r := e.do("GET", url, http.Header{"Accept-Encoding": {"gzip"}, "If-None-Match": {tag}}, nil)
			if r.status != http.StatusNotModified || r.header.Get("ETag") != ztag {
				t.Errorf("If-None-Match %s with gzip: status %d, ETag %q", tag, r.status, r.header.Get("ETag"))
			}
		}
		for _, ae := range []string{"gzip;q=0", "identity", "br", "gzip; q=0.000"} {
			if r := e.do("GET", url, http.Header{"Accept-Encoding": {ae}}, nil); r.header.Get("Content-Encoding") != "" {
				t.Errorf("Accept-Encoding %q: Content-Encoding %q", ae, r.header.Get("Content-Encoding"))
			}
		}
	})
}

// TestCalendarFeedOverHTTP fetches the feed as a real client would, through
// a loopback server and Go's default transport (which asks for gzip and
// unpacks it).
func TestCalendarFeedOverHTTP(t *testing.T) {
	e := newEnv(t, "httptest", Options{Seed: "demo"})
	url := e.feedURL()
	if !strings.HasPrefix(url, strings.TrimSuffix(e.ctlURL, "/_sim")+"/calendar/ical/maya.lindqvist%40northwind.example/private-") {
		t.Fatalf("feed URL %q is not on the server %s", url, e.ctlURL)
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !resp.Uncompressed {
		t.Fatalf("status %d, uncompressed %v", resp.StatusCode, resp.Uncompressed)
	}
	if n := len(parseFeed(t, body).Events()); n < 10 {
		t.Errorf("%d events", n)
	}
}

func TestCalendarFeedReset(t *testing.T) {
	atCalendarDay(t, Options{Seed: "demo"}, func(t *testing.T, e *env) {
		old := e.feedURL()
		e.feed(old)
		oldPath, _ := e.sim.CalendarFeedPath("")
		secret := oldPath[strings.Index(oldPath, "private-")+len("private-") : strings.LastIndex(oldPath, "/")]
		if len(secret) != 32 {
			t.Errorf("secret %q, want 32 hex digits like Google's", secret)
		}

		reset := decode[calendarAddress](t, e.ctl("POST", "/calendar/reset", nil, http.StatusOK))
		if reset.URL == old || e.feedURL() != reset.URL {
			t.Fatalf("reset answered %q (old %q, now %q)", reset.URL, old, e.feedURL())
		}
		r := e.do("GET", old, nil, nil)
		wantStatus(t, r, http.StatusNotFound)
		if !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") || !bytes.Contains(r.body, []byte("<html")) ||
			!bytes.Contains(r.body, []byte("404")) {
			t.Errorf("old address: %v %s", r.header, r)
		}
		if bytes.Contains(r.body, []byte(secret)) {
			t.Error("the 404 page repeats the secret")
		}
		parseFeed(t, e.feed(reset.URL))

		// The Go twin resets too.
		p, err := e.sim.ResetCalendarFeed(e.sim.User().Email)
		if err != nil || strings.HasSuffix(reset.URL, p) {
			t.Fatalf("ResetCalendarFeed: %q, %v", p, err)
		}
		wantStatus(t, e.do("GET", reset.URL, nil, nil), http.StatusNotFound)

		// Addresses that never worked, anywhere below /calendar/ical/, answer
		// the same page.
		base := strings.TrimSuffix(reset.URL, reset.Path)
		for _, path := range []string{
			strings.Replace(p, "maya.lindqvist", "jordan.reyes", 1),
			strings.Replace(p, "private-", "private-0", 1),
			"/calendar/ical/maya.lindqvist%40northwind.example/public/basic.ics",
			"/calendar/ical/private-" + secret + "/basic.ics",
			strings.Replace(p, "basic.ics", "full.ics", 1),
			p + "/basic.ics",
			"/calendar/ical/x",
		} {
			r := e.do("GET", base+path, nil, nil)
			if r.status != http.StatusNotFound || !bytes.Contains(r.body, []byte("<html")) {
				t.Errorf("%s: status %d %s", path, r.status, r)
			}
		}
		// An upper-case email names the same calendar, like Google's.
		wantStatus(t, e.do("GET", base+strings.Replace(p, "maya", "MAYA", 1), nil, nil), http.StatusOK)
	})
}

func TestCalendarControlErrors(t *testing.T) {
	e := newEnv(t, "transport", Options{})
	if r := e.ctl("GET", "/calendar/feed?email=jordan.reyes%40northwind.example", nil, http.StatusNotFound); !strings.Contains(r.String(), "no such calendar") {
		t.Errorf("unknown calendar: %s", r)
	}
	e.ctl("POST", "/calendar/reset", map[string]any{"email": "nobody@example.com"}, http.StatusNotFound)
	e.ctl("POST", "/calendar/reset", map[string]any{"emial": "typo"}, http.StatusBadRequest)
	e.ctl("GET", "/calendar/feed?email=MAYA.lindqvist%40northwind.example", nil, http.StatusOK)
	if _, err := e.sim.CalendarFeedPath("nobody@example.com"); err == nil {
		t.Error("CalendarFeedPath accepted an unknown email")
	}
}

func TestCalendarFeedFoldingAndEscaping(t *testing.T) {
	atCalendarDay(t, Options{}, func(t *testing.T, e *env) {
		topic := "Interview: Zoë Ångström; Staff, Platform \\ Infra — " + strings.Repeat("très long ", 12)
		agenda := "Line one, with a comma;\nline two: ✓ ünïcödé " + strings.Repeat("€", 40)
		e.meeting(map[string]any{"topic": topic, "agenda": agenda, "start_time": calendarDay.Add(3 * time.Hour)})
		body := e.feed(e.feedURL())

		if !bytes.HasSuffix(body, []byte("END:VCALENDAR\r\n")) {
			t.Error("the feed does not end with END:VCALENDAR and CRLF")
		}
		lines := bytes.Split(bytes.TrimSuffix(body, []byte("\r\n")), []byte("\r\n"))
		folded := 0
		for i, l := range lines {
			if bytes.ContainsAny(l, "\r\n") {
				t.Errorf("line %d holds a bare CR or LF: %q", i+1, l)
			}
			if len(l) > 75 {
				t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
			}
			if !utf8.Valid(l) {
				t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, l)
			}
			if len(l) > 0 && l[0] == ' ' {
				folded++
			}
		}
		if folded < 10 {
			t.Errorf("only %d continuation lines", folded)
		}
		ev := only(t, eventsBySummary(t, parseFeed(t, body)), topic)
		if desc := text(t, ev, ical.PropDescription); !strings.HasPrefix(desc, agenda+"\n\n") {
			t.Errorf("DESCRIPTION does not start with the agenda:\n%q", desc)
		}
		if raw := ev.Props.Get(ical.PropSummary).Value; !strings.Contains(raw, `Ångström\; Staff\, Platform \\ Infra`) {
			t.Errorf("SUMMARY not escaped: %q", raw)
		}
	})
}

// TestCalendarZoneRules checks the feed's daylight-saving rules against the
// time zone database for every hour of twenty years.
func TestCalendarZoneRules(t *testing.T) {
	for id, z := range calendarZones {
		loc, err := time.LoadLocation(id)
		if err != nil {
			t.Skipf("no time zone database: %v", err)
		}
		for h := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC); h.Year() < 2035; h = h.Add(time.Hour) {
			_, want := h.In(loc).Zone()
			if _, got := z.in(h).Zone(); got != want {
				t.Fatalf("%s at %v: offset %d, want %d", id, h, got, want)
			}
		}
		for _, c := range []struct{ y, mo, d, h int }{{2026, 3, 7, 12}, {2026, 3, 9, 11}, {2026, 11, 1, 9}, {2026, 10, 31, 17}} {
			got := z.date(c.y, time.Month(c.mo), c.d, c.h, 30)
			want := time.Date(c.y, time.Month(c.mo), c.d, c.h, 30, 0, 0, loc)
			if !got.Equal(want) {
				t.Errorf("%s wall %v: %v, want %v", id, c, got.UTC(), want.UTC())
			}
		}
	}
}

func TestAcceptsGzip(t *testing.T) {
	for _, c := range []struct {
		header []string
		want   bool
	}{
		{nil, false},
		{[]string{"gzip"}, true},
		{[]string{"GZIP"}, true},
		{[]string{"deflate, gzip;q=0.5"}, true},
		{[]string{"br", "x-gzip"}, true},
		{[]string{"*"}, true},
		{[]string{"gzip;q=0"}, false},
		{[]string{"gzip;q=0.0, br"}, false},
		{[]string{"gzip;q=bogus"}, false},
		{[]string{"identity"}, false},
	} {
		if got := acceptsGzip(c.header); got != c.want {
			t.Errorf("%q: %v, want %v", c.header, got, c.want)
		}
	}
}

func TestCalendarFeedStatsLogsAndFaults(t *testing.T) {
	var logs logBuffer
	e := newEnv(t, "transport", Options{Seed: "demo", Logger: logs.logger()})
	url := e.feedURL()
	e.feed(url)
	wantStatus(t, e.do("GET", strings.Replace(url, "private-", "private-x", 1), nil, nil), http.StatusNotFound)
	if n := e.sim.Stats().Requests["GET /calendar/ical/{feed}"]; n != 2 {
		t.Errorf("%d feed requests counted, want 2", n)
	}
	path, _ := e.sim.CalendarFeedPath("")
	secret := path[strings.Index(path, "private-")+8 : strings.LastIndex(path, "/")]
	if strings.Contains(logs.String(), secret) {
		t.Errorf("the log holds the feed's secret:\n%s", logs.String())
	}

	// Faults reach the feed like any other request outside /_sim.
	if err := e.sim.InjectFault(Fault{Path: "/calendar/*", Status: http.StatusServiceUnavailable}); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, e.do("GET", url, nil, nil), http.StatusServiceUnavailable)
	e.feed(url)
}

func TestCalendarNoDemoCalendar(t *testing.T) {
	e := newEnv(t, "transport", Options{Seed: "demo", NoDemoCalendar: true})
	evs := eventsBySummary(t, parseFeed(t, e.feed(e.feedURL())))
	ms := e.sim.Meetings()
	onCal := 0
	for _, m := range ms {
		if m.Host == "me" || m.Invited {
			onCal++
			only(t, evs, m.Topic)
		}
	}
	if len(evs) != onCal {
		t.Errorf("%d events, want the %d Zoom meetings only", len(evs), onCal)
	}
}

// TestCalendarConcurrent fetches, changes and resets the feed from many
// goroutines over a real server; with -race it checks the calendar's state
// is guarded.
func TestCalendarConcurrent(t *testing.T) {
	e := newEnv(t, "httptest", Options{Seed: "demo"})
	var wg sync.WaitGroup
	var served atomic.Int32
	errs := make(chan error, 64)
	for w := range 6 {
		wg.Go(func() {
			for i := range 10 {
				switch w % 3 {
				case 0:
					if _, err := e.sim.CreateMeeting(MeetingSpec{Topic: fmt.Sprintf("Interview %d-%d", w, i), StartTime: e.sim.Now().Add(time.Hour)}); err != nil {
						errs <- err
					}
				case 1:
					if i%5 == 0 {
						if _, err := e.sim.ResetCalendarFeed(""); err != nil {
							errs <- err
						}
					}
				}
				p, err := e.sim.CalendarFeedPath("")
				if err != nil {
					errs <- err
					continue
				}
				resp, err := http.Get(strings.TrimSuffix(e.ctlURL, "/_sim") + p)
				if err != nil {
					errs <- err
					continue
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				// A reset between the path and the request gives a 404.
				if resp.StatusCode == http.StatusOK {
					served.Add(1)
					if _, err := ical.NewDecoder(bytes.NewReader(body)).Decode(); err != nil {
						errs <- err
					}
				} else if resp.StatusCode != http.StatusNotFound {
					errs <- fmt.Errorf("status %d", resp.StatusCode)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := served.Load(); n < 30 {
		t.Errorf("only %d of 60 fetches served the feed", n)
	}
}

func TestAddCalendarEvent(t *testing.T) {
	atCalendarDay(t, Options{}, func(t *testing.T, e *env) {
		start := calendarDay.Add(50 * time.Hour)
		ev := decode[CalendarEvent](t, e.ctl("POST", "/calendar/events", map[string]any{
			"summary": "Interview: Grace Hopper", "start_time": start, "duration": 45,
		}, http.StatusCreated))
		if !joinURLRE.MatchString(ev.JoinURL) || ev.MeetingID == 0 || ev.Passcode == "" || ev.Organizer != coordinator.email {
			t.Errorf("event %+v", ev)
		}
		if _, ok := e.sim.Meeting(ev.MeetingID); ok {
			t.Error("the event's Zoom meeting is a meeting of the simulator")
		}
		declined, err := e.sim.AddCalendarEvent(CalendarEventSpec{Summary: "Declined", StartTime: start, Organizer: "other", Response: "DECLINED"})
		if err != nil {
			t.Fatal(err)
		}
		no := false
		noZoom, err := e.sim.AddCalendarEvent(CalendarEventSpec{Summary: "No link", StartTime: start, Organizer: "me", Zoom: &no, Cancelled: true})
		if err != nil || noZoom.JoinURL != "" {
			t.Fatalf("%+v %v", noZoom, err)
		}

		evs := eventsBySummary(t, parseFeed(t, e.feed(e.feedURL())))
		got := only(t, evs, ev.Summary)
		if text(t, got, ical.PropUID) != ev.UID || text(t, got, ical.PropLocation) != ev.JoinURL || !dtstart(t, got).Equal(start) {
			t.Errorf("event in the feed %+v", got.Props)
		}
		if end, _ := got.DateTimeEnd(nil); !end.Equal(start.Add(45 * time.Minute)) {
			t.Errorf("DTEND %v", end)
		}
		if d := only(t, evs, declined.Summary); partstat(d, e.sim.User().Email) != "DECLINED" ||
			d.Props.Get(ical.PropOrganizer).Value != "mailto:jordan.reyes@northwind.example" {
			t.Errorf("declined event %+v", d.Props)
		}
		n := only(t, evs, noZoom.Summary)
		if st, _ := n.Status(); st != ical.EventCancelled || text(t, n, ical.PropLocation) != "" || strings.Contains(text(t, n, ical.PropDescription), "zoom") {
			t.Errorf("event without Zoom %+v", n.Props)
		}

		for _, bad := range []map[string]any{
			{"start_time": start},
			{"summary": "x"},
			{"summary": "x", "start_time": start, "organizer": "ceo"},
			{"summary": "x", "start_time": start, "response": "MAYBE"},
			{"summary": "x", "start_time": start, "duration": -5},
			{"summary": "x", "start_time": start, "colour": "red"},
		} {
			e.ctl("POST", "/calendar/events", bad, http.StatusBadRequest)
		}
	})
}

// TestCalendarFeedControlCharacters: topics, agendas and addresses are
// whatever their authors typed; the feed stays valid iCalendar.
func TestCalendarFeedControlCharacters(t *testing.T) {
	e := newEnv(t, "transport", Options{})
	topic := "Interview:\r\nBobby\x00 \x1b[31mTables\x7f\r"
	e.meeting(map[string]any{"topic": topic, "agenda": "a\rb\r\nc\td", "start_time": e.sim.Now().Add(time.Hour),
		"alternative_hosts": "sam@example.com\r\n;x@example.com"})
	body := e.feed(e.feedURL())
	if bytes.ContainsAny(bytes.ReplaceAll(body, []byte("\r\n"), nil), "\r\n\x00\x1b\x7f") {
		t.Errorf("control characters in the feed:\n%q", body)
	}
	ev := only(t, eventsBySummary(t, parseFeed(t, body)), "Interview:\nBobby [31mTables\n")
	if desc := text(t, ev, ical.PropDescription); !strings.HasPrefix(desc, "a\nb\nc\td\n\n") {
		t.Errorf("DESCRIPTION %q", desc)
	}
}
