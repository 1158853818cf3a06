package calendar

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzParse feeds arbitrary bytes to Parse: it must return (an error or a
// result) without panicking or hanging, and every occurrence must lie in
// the window.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.ics")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260310T090000Z\r\nRRULE:FREQ=SECONDLY;BYSECOND=61\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	from := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 1, 0)
	f.Fuzz(func(t *testing.T, body []byte) {
		res, err := ParseBytes(body, Options{From: from, To: to, Local: time.UTC, MaxPerSeries: 100})
		if err != nil {
			return
		}
		for _, o := range res.Occurrences {
			if !o.Start.Before(to) || o.End.Before(from) {
				t.Fatalf("occurrence %s outside the window", brief(o))
			}
		}
	})
}
