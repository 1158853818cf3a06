package calendar

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"
)

// benchFeed builds a feed like a busy interviewer's Google calendar: 5,000
// events over 5 years, 200 of them weekly series, with VTIMEZONEs, HTML
// descriptions and Zoom links.
func benchFeed() []byte {
	var b bytes.Buffer
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//interviewtray//bench//EN\r\nX-WR-TIMEZONE:America/New_York\r\n")
	b.WriteString("BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nDTSTART:19700308T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nDTSTART:19701101T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n")
	start := time.Date(2022, 1, 3, 9, 0, 0, 0, time.UTC)
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:bench-%d@example.com\r\nDTSTAMP:20260101T000000Z\r\nSEQUENCE:%d\r\n", i, i%3)
		if i < 200 {
			t := start.Add(time.Duration(i%40) * 24 * time.Hour).Add(time.Duration(i%8) * time.Hour)
			fmt.Fprintf(&b, "DTSTART;TZID=America/New_York:%s\r\nDTEND;TZID=America/New_York:%s\r\n", t.Format("20060102T150405"), t.Add(time.Hour).Format("20060102T150405"))
			if i%4 == 0 {
				b.WriteString("RRULE:FREQ=WEEKLY;UNTIL=20270101T000000Z\r\n")
			} else {
				fmt.Fprintf(&b, "RRULE:FREQ=WEEKLY;INTERVAL=%d;BYDAY=MO,WE\r\n", 1+i%2)
			}
			fmt.Fprintf(&b, "EXDATE;TZID=America/New_York:%s\r\n", t.AddDate(0, 0, 7*(1+i%50)).Format("20060102T150405"))
		} else {
			t := start.Add(time.Duration(i) * 5 * time.Hour * 24 * 365 / 5000)
			fmt.Fprintf(&b, "DTSTART:%s\r\nDTEND:%s\r\n", t.Format("20060102T150405Z"), t.Add(45*time.Minute).Format("20060102T150405Z"))
		}
		fmt.Fprintf(&b, "SUMMARY:Interview %d: Senior Backend Engineer\r\n", i)
		fmt.Fprintf(&b, "ORGANIZER;CN=Rita Recruiter:mailto:rita@example.com\r\nATTENDEE;CN=Me;PARTSTAT=ACCEPTED:mailto:me@example.com\r\nATTENDEE;CN=Candidate %d;PARTSTAT=NEEDS-ACTION:mailto:cand%d@other.org\r\n", i, i)
		fmt.Fprintf(&b, "LOCATION:https://acme.zoom.us/j/9%010d?pwd=AbCdEfGhIjKlMnOp\r\n", i)
		fmt.Fprintf(&b, "DESCRIPTION:<p>Rita Recruiter is inviting you to a scheduled Zoom meeting.</p><p>Join Zoom Meeti\r\n ng<br><a href=\"https://acme.zoom.us/j/9%010d?pwd=AbCdEfGhIjKlMnOp\">https://acme.zoom<wbr>.us/j/9%010d</a></p><p>Meeting ID: 9%010d<br>Passcode: 123456</p>\r\n", i, i, i)
		b.WriteString("END:VEVENT\r\n")
	}
	b.WriteString("END:VCALENDAR\r\n")
	return b.Bytes()
}

var benchNow = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

// BenchmarkFetchParse is the engine's pass over a changed feed: fetch over
// TLS, parse and expand the default window. Targets: 100 ms, 30 MB.
func BenchmarkFetchParse(b *testing.B) {
	feed := benchFeed()
	_, f := tlsServer(b, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"bench"`)
		w.Write(feed)
	})
	from, to := DefaultWindow(benchNow)
	ctx := context.Background()
	b.SetBytes(int64(len(feed)))
	b.ReportAllocs()
	var n int
	cpu := processCPU()
	for b.Loop() {
		got, err := f.Fetch(ctx, "https://calendar.example.com/feed.ics", Validators{})
		if err != nil {
			b.Fatal(err)
		}
		res, err := ParseBytes(got.Body, Options{From: from, To: to, Local: time.UTC, UserAddresses: []string{"me@example.com"}})
		if err != nil {
			b.Fatal(err)
		}
		n = len(res.Occurrences)
	}
	b.ReportMetric(float64(processCPU()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
	b.ReportMetric(float64(n), "occurrences")
}

// BenchmarkNotModified is the pass over an unchanged feed: a 304 and no
// parse. Target: under 1 ms of CPU.
func BenchmarkNotModified(b *testing.B) {
	_, f := tlsServer(b, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotModified)
	})
	ctx := context.Background()
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		got, err := f.Fetch(ctx, "https://calendar.example.com/feed.ics", Validators{ETag: `"bench"`})
		if err != nil || !got.NotModified {
			b.Fatal(err, got)
		}
	}
	// Both ends of the connection run in this process: the server's share
	// is counted too.
	b.ReportMetric(float64(processCPU()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
}
