package invite

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/interviewtray/interviewtray/calendar"
)

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	return loc
}

const joinURL = "https://us05web.zoom.us/j/84541579170?pwd=AbCdEfGhIjKlMnOpQrStUvWxYz012345.1"

func sample(t *testing.T) Meeting {
	return Meeting{
		Topic: "Interview: Ada Lovelace — Engineer", Start: time.Date(2026, 3, 3, 19, 0, 0, 0, time.UTC),
		Duration: 45 * time.Minute, Zone: mustLoc(t, "America/New_York"), JoinURL: joinURL,
		MeetingID: 84541579170, Passcode: "Ab3dEf7hJk", Recording: "local",
		OrganizerName: "Maya Lindqvist", OrganizerEmail: "maya.lindqvist@northwind.example",
	}
}

func TestText(t *testing.T) {
	got := Text(sample(t))
	want := `Interview: Ada Lovelace — Engineer
Tuesday, March 3, 2026, 2:00 – 2:45 PM EST (America/New_York, UTC-05:00)

Join Zoom Meeting
` + joinURL + `

Meeting ID: 845 4157 9170
Passcode: Ab3dEf7hJk

This interview is recorded.
`
	if got != want {
		t.Errorf("Text =\n%s\nwant\n%s", got, want)
	}
}

func TestTextNotRecordedAndHostile(t *testing.T) {
	m := sample(t)
	m.Recording = "none"
	m.Topic = "Interview:\x1b[31m Bob\u202e\nDrop"
	m.JoinURL = "https://evil.example/j/1"
	got := Text(m)
	if strings.Contains(got, RecordedNote) {
		t.Error("an interview that is not recorded says it is")
	}
	if strings.Contains(got, "evil.example") {
		t.Error("a link that is not Zoom's is in the invitation")
	}
	if first := strings.SplitN(got, "\n", 2)[0]; first != "Interview: [31m Bob Drop" {
		t.Errorf("topic line %q: control characters must go", first)
	}
}

func TestWhen(t *testing.T) {
	berlin := mustLoc(t, "Europe/Berlin")
	tests := []struct {
		name string
		m    Meeting
		want string
	}{
		{"summer time in the candidate's zone",
			Meeting{Start: time.Date(2026, 7, 1, 8, 30, 0, 0, time.UTC), Duration: time.Hour, Zone: berlin},
			"Wednesday, July 1, 2026, 10:30 – 11:30 AM CEST (Europe/Berlin, UTC+02:00)"},
		{"after noon",
			Meeting{Start: time.Date(2026, 12, 8, 11, 30, 0, 0, time.UTC), Duration: time.Hour, Zone: berlin},
			"Tuesday, December 8, 2026, 12:30 – 1:30 PM CET (Europe/Berlin, UTC+01:00)"},
		{"across noon",
			Meeting{Start: time.Date(2026, 12, 8, 10, 30, 0, 0, time.UTC), Duration: time.Hour, Zone: berlin},
			"Tuesday, December 8, 2026, 11:30 AM – 12:30 PM CET (Europe/Berlin, UTC+01:00)"},
		{"across midnight",
			Meeting{Start: time.Date(2026, 12, 8, 22, 30, 0, 0, time.UTC), Duration: time.Hour, Zone: berlin},
			"Tuesday, December 8, 2026, 11:30 PM – Wednesday, December 9, 12:30 AM CET (Europe/Berlin, UTC+01:00)"},
		{"no zone is UTC",
			Meeting{Start: time.Date(2026, 12, 8, 14, 0, 0, 0, time.UTC), Duration: 45 * time.Minute},
			"Tuesday, December 8, 2026, 2:00 – 2:45 PM UTC (UTC+00:00)"},
	}
	for _, tt := range tests {
		if got := When(tt.m); got != tt.want {
			t.Errorf("%s: When = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestFormatMeetingID(t *testing.T) {
	for id, want := range map[int64]string{84541579170: "845 4157 9170", 3456789012: "345 678 9012", 123: "123"} {
		if got := FormatMeetingID(id); got != want {
			t.Errorf("FormatMeetingID(%d) = %q, want %q", id, got, want)
		}
	}
}

// TestICSReadsBack: the calendar package reads the file back as the
// meeting, with the organizer, the Zoom link, ID and passcode.
func TestICSReadsBack(t *testing.T) {
	m := sample(t)
	m.OrganizerName = `Maya "M" Lindqvist, PhD`
	b, err := ICS(m, time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range bytes.Split(b, []byte("\r\n")) {
		if len(line) > 75 {
			t.Errorf("line longer than 75 octets (RFC 5545 3.1): %q", line)
		}
	}
	res, err := calendar.ParseBytes(b, calendar.Options{From: m.Start.Add(-time.Hour), To: m.Start.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Unreadable) != 0 || len(res.Occurrences) != 1 || res.Method != "PUBLISH" {
		t.Fatalf("parsed %+v", res)
	}
	o := res.Occurrences[0]
	if o.UID != UID(m.MeetingID) || o.Summary != m.Topic || !o.Start.Equal(m.Start) || !o.End.Equal(m.Start.Add(45*time.Minute)) ||
		o.Status != calendar.StatusConfirmed {
		t.Errorf("occurrence %+v", o)
	}
	if o.Organizer.Email != m.OrganizerEmail || o.Organizer.Name != `Maya 'M' Lindqvist, PhD` {
		t.Errorf("organizer %+v", o.Organizer)
	}
	if o.Zoom == nil || o.Zoom.MeetingID != "84541579170" || o.Zoom.Passcode != m.Passcode || o.Zoom.JoinURL != joinURL {
		t.Errorf("zoom link %+v", o.Zoom)
	}
}

func TestICSRefusesNoTime(t *testing.T) {
	m := sample(t)
	m.Duration = 0
	if _, err := ICS(m, time.Now()); err == nil {
		t.Error("an .ics without a duration was written")
	}
}

func TestCancellationText(t *testing.T) {
	got := CancellationText(sample(t))
	if !strings.HasPrefix(got, "Cancelled: Interview: Ada Lovelace — Engineer\nTuesday, March 3, 2026, 2:00 – 2:45 PM EST") ||
		strings.Contains(got, "Passcode") || strings.Contains(got, joinURL) {
		t.Errorf("CancellationText =\n%s", got)
	}
}

func TestFoldKeepsRunesWhole(t *testing.T) {
	long := "SUMMARY:" + strings.Repeat("é—", 60)
	got := fold([]byte(long + "\r\nEND:VEVENT\r\n"))
	lines := strings.Split(string(got), "\r\n")
	var joined strings.Builder
	for i, l := range lines {
		if len(l) > maxLine {
			t.Errorf("line %d has %d octets", i, len(l))
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a character: %q", i, l)
		}
		if i > 0 && strings.HasPrefix(l, " ") {
			l = l[1:]
		} else if i > 0 {
			joined.WriteString("\r\n")
		}
		joined.WriteString(l)
	}
	if joined.String() != long+"\r\nEND:VEVENT\r\n" {
		t.Errorf("unfolded %q", joined.String())
	}
}
