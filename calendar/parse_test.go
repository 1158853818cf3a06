package calendar

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var (
	march    = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	april    = time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	kolkata  = mustZone("Asia/Kolkata")
	marchOpt = Options{From: march, To: april, Local: time.UTC}
)

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func parseFile(t *testing.T, name string, opt Options) *Result {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	res, err := ParseBytes(b, opt)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return res
}

// brief renders an occurrence as "uid start duration [status] [rid=...]".
func brief(o Occurrence) string {
	s := fmt.Sprintf("%s %s %s", o.UID, o.Start.Format("01-02T15:04Z"), o.End.Sub(o.Start))
	if o.Status != "" && o.Status != StatusConfirmed {
		s += " " + string(o.Status)
	}
	if o.AllDay {
		s += " allday"
	}
	if o.Declined {
		s += " declined"
	}
	return s
}

func briefs(res *Result, uids ...string) []string {
	var out []string
	for _, o := range res.Occurrences {
		if len(uids) == 0 || slices.Contains(uids, o.UID) {
			out = append(out, brief(o))
		}
	}
	return out
}

func wantBriefs(t *testing.T, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("occurrences:\n got %q\nwant %q", got, want)
	}
}

func TestFoldingEscapingLineEndings(t *testing.T) {
	crlf, err := os.ReadFile("testdata/folding_crlf.ics")
	if err != nil {
		t.Fatal(err)
	}
	variants := map[string][]byte{
		"crlf":    crlf,
		"lf":      bytes.ReplaceAll(crlf, []byte("\r\n"), []byte("\n")),
		"cr":      bytes.ReplaceAll(crlf, []byte("\r\n"), []byte("\r")),
		"lf file": mustRead(t, "testdata/folding_lf.ics"),
		"bom":     append([]byte("\xef\xbb\xbf"), crlf...),
	}
	for name, body := range variants {
		t.Run(name, func(t *testing.T) {
			res, err := ParseBytes(body, marchOpt)
			if err != nil {
				t.Fatal(err)
			}
			if res.Name != "Work, interviews" {
				t.Errorf("name %q", res.Name)
			}
			if len(res.Occurrences) != 1 {
				t.Fatalf("occurrences %d, unreadable %v", len(res.Occurrences), res.Unreadable)
			}
			o := res.Occurrences[0]
			if want := `Interview: Ada, Lovelace; backend \ infra round 2`; o.Summary != want {
				t.Errorf("summary %q, want %q", o.Summary, want)
			}
			if want := "https://acme.zoom.us/j/9876543210?pwd=AbCdEf123"; o.Location != want {
				t.Errorf("location (folded mid-URL) %q, want %q", o.Location, want)
			}
			if o.Zoom == nil || o.Zoom.MeetingID != "9876543210" || o.Zoom.PWD != "AbCdEf123" || o.Zoom.Passcode != "421337" {
				t.Errorf("zoom %+v", o.Zoom)
			}
		})
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestTimeZones(t *testing.T) {
	opt := Options{From: march, To: time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC), Local: kolkata}
	// Given a file with VTIMEZONEs for an IANA, a custom and a Windows
	// name, and TZIDs without VTIMEZONE.
	res := parseFile(t, "timezones.ics", opt)
	want := map[string]string{
		"tz-iana-vtimezone":    "03-10T09:00Z", // Berlin CET
		"tz-custom":            "03-10T03:30Z", // the file's own rule: +0630 after the 2nd Sunday of March
		"tz-custom-winter":     "03-01T04:30Z", // +0530 before it
		"tz-windows-pacific":   "03-10T16:00Z", // America/Los_Angeles, PDT
		"tz-windows-weurope":   "03-10T08:00Z", // Europe/Berlin through CLDR, no VTIMEZONE
		"tz-windows-gmt":       "04-01T08:00Z", // Europe/London, BST
		"tz-iana-no-vtimezone": "03-10T13:00Z", // New York EDT
		"tz-mozilla":           "03-10T00:00Z", // Asia/Tokyo behind a vendor prefix
		"tz-unknown":           "03-10T03:30Z", // unknown, no X-WR-TIMEZONE: Options.Local (Kolkata)
		"tz-floating":          "03-10T03:30Z",
		"tz-utc-with-tzid":     "03-10T09:00Z", // Z wins over TZID
	}
	check := func(res *Result, want map[string]string) {
		t.Helper()
		if len(res.Unreadable) != 0 {
			t.Errorf("unreadable %v: an unknown TZID is not an error", res.Unreadable)
		}
		got := map[string]string{}
		for _, o := range res.Occurrences {
			got[o.UID] = o.Start.Format("01-02T15:04Z")
		}
		for uid, w := range want {
			if got[uid] != w {
				t.Errorf("%s starts %s, want %s", uid, got[uid], w)
			}
		}
	}
	check(res, want)
	// When the feed names X-WR-TIMEZONE, floating times and unknown TZIDs
	// are read there instead.
	xwr := parseFile(t, "timezones_xwr.ics", opt)
	want["tz-unknown"], want["tz-floating"] = "03-10T14:00Z", "03-10T14:00Z" // Chicago CDT
	check(xwr, want)
}

func TestWindowsZoneTable(t *testing.T) {
	for win, iana := range map[string]string{
		"Pacific Standard Time":   "America/Los_Angeles",
		"W. Europe Standard Time": "Europe/Berlin",
		"GMT Standard Time":       "Europe/London",
		"Romance Standard Time":   "Europe/Paris",
		"India Standard Time":     "Asia/Calcutta",
	} {
		if got := windowsZones[win]; got != iana {
			t.Errorf("%s -> %q, want %q", win, got, iana)
		}
		if resolveName(win) == nil {
			t.Errorf("%s does not load", win)
		}
	}
}

func TestRecurrence(t *testing.T) {
	res := parseFile(t, "recurrence.ics", marchOpt)
	if len(res.Unreadable) != 0 {
		t.Errorf("unreadable %v", res.Unreadable)
	}
	for _, tc := range []struct {
		uid  string
		want []string
	}{
		{"count", []string{"count 03-02T09:00Z 30m0s", "count 03-03T09:00Z 30m0s", "count 03-04T09:00Z 30m0s"}},
		{"until-interval-byday", []string{ // every other week, UNTIL inclusive
			"until-interval-byday 03-02T14:00Z 1h0m0s", "until-interval-byday 03-04T14:00Z 1h0m0s", "until-interval-byday 03-16T14:00Z 1h0m0s"}},
		{"started-years-ago", []string{"started-years-ago 03-06T16:00Z 1h0m0s", "started-years-ago 03-13T16:00Z 1h0m0s",
			"started-years-ago 03-20T16:00Z 1h0m0s", "started-years-ago 03-27T16:00Z 1h0m0s"}},
		{"rdate", []string{"rdate 03-03T10:00Z 1h0m0s", "rdate 03-05T10:00Z 1h0m0s", "rdate 03-07T10:00Z 1h0m0s",
			"rdate 03-09T12:00Z 15m0s", "rdate 03-11T12:00Z 2h0m0s"}},
		{"rdate-dates", []string{"rdate-dates 03-03T00:00Z 24h0m0s allday", "rdate-dates 03-10T00:00Z 24h0m0s allday", "rdate-dates 03-17T00:00Z 24h0m0s allday"}},
		{"exdate", []string{"exdate 03-02T08:00Z 30m0s", "exdate 03-04T08:00Z 30m0s", "exdate 03-06T08:00Z 30m0s"}},
		{"moved-before-master", []string{"moved-before-master 03-03T13:00Z 1h0m0s", "moved-before-master 03-11T17:00Z 1h0m0s",
			"moved-before-master 03-17T13:00Z 1h0m0s CANCELLED", "moved-before-master 03-24T13:00Z 1h0m0s"}},
		{"orphan", []string{"orphan 03-20T10:00Z 1h0m0s"}},
		{"future", []string{"future 03-02T11:00Z 1h0m0s", "future 03-09T11:00Z 1h0m0s",
			"future 03-16T15:00Z 30m0s", "future 03-23T15:00Z 30m0s", "future 03-30T15:00Z 30m0s"}},
		{"date-rid", []string{"date-rid 03-02T09:00Z 1h0m0s", "date-rid 03-03T14:00Z 1h0m0s", "date-rid 03-04T09:00Z 1h0m0s",
			"date-rid 03-10T13:00Z 1h0m0s"}}, // RDATE 09:00 New York (EDT)
		{"two-rrules", []string{"two-rrules 03-02T07:00Z 15m0s", "two-rrules 03-09T07:00Z 15m0s", "two-rrules 03-17T07:00Z 15m0s"}},
	} {
		t.Run(tc.uid, func(t *testing.T) { wantBriefs(t, briefs(res, tc.uid), tc.want) })
	}
	// Recurrence IDs name the original instance, also for a moved one.
	for _, o := range res.Occurrences {
		if o.UID == "moved-before-master" && o.Start.Day() == 11 && o.RecurrenceID != "20260310T130000Z" {
			t.Errorf("moved occurrence has RecurrenceID %q", o.RecurrenceID)
		}
		if o.UID == "orphan" && o.RecurrenceID != "20260320T090000Z" {
			t.Errorf("orphan RecurrenceID %q", o.RecurrenceID)
		}
		if o.UID == "future" && o.Start.Day() == 23 && (o.RecurrenceID != "20260323T110000Z" || !strings.HasPrefix(o.Summary, "after")) {
			t.Errorf("THISANDFUTURE instance %+v", o)
		}
	}
	// Sorted by start.
	if !slices.IsSortedFunc(res.Occurrences, func(a, b Occurrence) int { return a.Start.Compare(b.Start) }) {
		t.Error("occurrences are not sorted by start")
	}
}

func TestExpansionIsBounded(t *testing.T) {
	// Given rules that would cost rrule-go minutes or forever from DTSTART.
	start := time.Now()
	res := parseFile(t, "guards.ics", Options{From: march, To: april, Local: time.UTC, MaxPerSeries: 50})
	if el := time.Since(start); el > 10*time.Second { // unguarded, these take minutes or forever
		t.Errorf("took %v", el)
	}
	if got := len(briefs(res, "secondly")); got != 50 {
		t.Errorf("secondly: %d occurrences, want the cap of 50", got)
	}
	if o := res.Occurrences[0]; o.UID != "secondly" || !o.Start.Equal(march) {
		t.Errorf("first occurrence %s, want secondly at the window start", brief(o))
	}
	wantBriefs(t, briefs(res, "weekly"), []string{"weekly 03-02T09:00Z 1h0m0s", "weekly 03-09T09:00Z 1h0m0s",
		"weekly 03-16T09:00Z 1h0m0s", "weekly 03-23T09:00Z 1h0m0s", "weekly 03-30T09:00Z 1h0m0s"})
	wantBriefs(t, briefs(res, "never-match"), nil)
	reasons := map[string]string{}
	for _, u := range res.Unreadable {
		reasons[u.UID] = u.Reason
	}
	for uid, want := range map[string]string{
		"secondly":       "more than 50 occurrences",
		"minutely-count": "needs more than",
		"never-loop":     "can never match",
	} {
		if !strings.Contains(reasons[uid], want) {
			t.Errorf("%s: reason %q, want it to say %q", uid, reasons[uid], want)
		}
	}
}

func TestExpandRuleFarFuture(t *testing.T) {
	// A window years after DTSTART and a rule that never matches again both
	// return quickly.
	opt := Options{From: time.Date(2090, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2090, 2, 1, 0, 0, 0, 0, time.UTC), Local: time.UTC}
	start := time.Now()
	res := parseFile(t, "guards.ics", opt)
	if el := time.Since(start); el > 10*time.Second { // unguarded, these take minutes or forever
		t.Errorf("took %v", el)
	}
	if n := len(briefs(res, "weekly")); n != 5 {
		t.Errorf("weekly in January 2090: %d, want 5", n)
	}
}

func TestDST(t *testing.T) {
	opt := Options{From: march, To: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Local: time.UTC}
	res := parseFile(t, "dst.ics", opt)
	wantBriefs(t, briefs(res), []string{
		"ny-weekly 03-02T14:30Z 1h0m0s", // EST
		"ny-gap 03-08T07:30Z 0s",        // 02:30 does not exist: read with EST (before the gap); the end, 03:30 EDT, is the same instant
		"ny-weekly 03-09T13:30Z 1h0m0s", // EDT
		"ny-weekly 03-16T13:30Z 1h0m0s",
		"berlin-gap-daily 03-28T01:30Z 30m0s", // CET
		"berlin-gap-daily 03-29T01:30Z 30m0s", // in the gap: CET, i.e. 03:30 CEST
		"berlin-gap-daily 03-30T00:30Z 30m0s", // CEST
		"berlin-weekly 10-19T07:30Z 1h0m0s",   // CEST
		"berlin-weekly 10-26T08:30Z 1h0m0s",   // CET
	})
}

func TestWallToInstantOverlap(t *testing.T) {
	// 01:30 happens twice in New York on 2026-11-01 and 02:30 twice in
	// Berlin on 2026-10-25: RFC 5545 means the first.
	for _, tc := range []struct {
		zone string
		wall time.Time
		want time.Time
	}{
		{"America/New_York", time.Date(2026, 11, 1, 1, 30, 0, 0, time.UTC), time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC)},
		{"Europe/Berlin", time.Date(2026, 10, 25, 2, 30, 0, 0, time.UTC), time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC)},
	} {
		if got := wallToInstant(tc.wall, mustZone(tc.zone)); !got.Equal(tc.want) {
			t.Errorf("%s %v -> %v, want %v", tc.zone, tc.wall, got, tc.want)
		}
	}
}

func TestStatusAllDayDeclined(t *testing.T) {
	opt := marchOpt
	opt.UserAddresses = []string{"mailto:ME@example.com"}
	res := parseFile(t, "status.ics", opt)
	wantBriefs(t, briefs(res), []string{
		"cancelled 03-10T09:00Z 1h0m0s CANCELLED",
		"tentative 03-11T09:00Z 1h0m0s TENTATIVE",
		"allday 03-12T00:00Z 48h0m0s allday",
		"allday-noend 03-15T00:00Z 24h0m0s allday",
		"declined 03-16T09:00Z 1h0m0s declined",
		"declined-by-other 03-17T09:00Z 1h0m0s",
	})
	for _, o := range res.Occurrences {
		if o.UID != "declined" {
			continue
		}
		if o.Organizer != (Person{Name: "Rita Recruiter", Email: "rita@example.com"}) {
			t.Errorf("organizer %+v", o.Organizer)
		}
		want := []Attendee{{Person{"Me", "Me@Example.com"}, "DECLINED"}, {Person{"Candidate", "cand@other.org"}, "ACCEPTED"}}
		if !slices.Equal(o.Attendees, want) {
			t.Errorf("attendees %+v", o.Attendees)
		}
	}
	// METHOD:CANCEL cancels every event in the file.
	for _, o := range parseFile(t, "method_cancel.ics", opt).Occurrences {
		if !o.Cancelled() {
			t.Errorf("%s in a METHOD:CANCEL file is not cancelled", brief(o))
		}
	}
}

func TestMalformedKeepsTheRest(t *testing.T) {
	res := parseFile(t, "malformed.ics", marchOpt)
	wantBriefs(t, briefs(res), []string{
		"outer 03-10T09:00Z 1h0m0s",
		"inner 03-11T09:00Z 1h0m0s", // nested VEVENT read as its own event
		"twice 03-12T09:00Z 0s",     // the same DTSTART twice is fine
		"space-line 03-14T09:00Z 0s",
		"after-unterminated 03-19T09:00Z 1h0m0s",
		"last-good 03-21T09:00Z 0s",
	})
	got := map[string]string{}
	for _, u := range res.Unreadable {
		got[u.UID] = u.Reason
	}
	for uid, want := range map[string]string{
		"conflict":       "DTSTART given twice",
		"bad-param":      "malformed param",
		"bad-date":       "bad date-time",
		"bad-rrule":      "bad RRULE",
		"never-ends":     "no END:VEVENT",
		"mismatched-end": "malformed component",
	} {
		if !strings.Contains(got[uid], want) {
			t.Errorf("%s: reason %q, want %q", uid, got[uid], want)
		}
	}
	if len(res.Unreadable) != 6 || res.Events != 12 {
		t.Errorf("unreadable %d (want 6), events %d (want 12): %v", len(res.Unreadable), res.Events, res.Unreadable)
	}
	for _, o := range res.Occurrences {
		if o.UID == "twice" && o.Summary != "Same DTSTART twice" {
			t.Errorf("a property given twice: summary %q, want the first", o.Summary)
		}
	}
}

func TestNotACalendar(t *testing.T) {
	for name, tc := range map[string]struct {
		body string
		want error
	}{
		"html":      {"<!DOCTYPE html><html><body>Sign in</body></html>", ErrNotICalendar},
		"empty":     {"", ErrNotICalendar},
		"binary":    {"\x00\x01\x02\xff\xfe garbage", ErrNotICalendar},
		"truncated": {"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260310T090000Z\r\n", ErrTruncated},
	} {
		if _, err := ParseBytes([]byte(tc.body), marchOpt); !errors.Is(err, tc.want) {
			t.Errorf("%s: err %v, want %v", name, err, tc.want)
		}
	}
	if _, err := Parse(bytes.NewReader(make([]byte, MaxBodySize+1)), marchOpt); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over the cap: %v", err)
	}
}

func TestTextIsPlainData(t *testing.T) {
	body := "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:ctl\r\nDTSTART:20260310T090000Z\r\n" +
		"SUMMARY:Bell\x07 and \u202eoverride\u202c and \\x escape\r\nLOCATION:Room\x1b[31m 4\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	res, err := ParseBytes([]byte(body), marchOpt)
	if err != nil || len(res.Occurrences) != 1 {
		t.Fatal(err, res)
	}
	o := res.Occurrences[0]
	if o.Summary != "Bell and override and x escape" || o.Location != "Room[31m 4" {
		t.Errorf("summary %q location %q", o.Summary, o.Location)
	}
}
