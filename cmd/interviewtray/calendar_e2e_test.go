package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// TestAgentCalendarOnDesktop: the demo agent reads the simulator's
// calendar feed (like Google's secret address). A panel a coordinator
// hosts three days out, which the user's Zoom API never shows, is in
// `status --json` with its organizer; a calendar-only interview reminds
// once; the feed's secret address is in the keychain only.
func TestAgentCalendarOnDesktop(t *testing.T) {
	r := newAgentRun(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	r.start(t)
	if _, err := r.watcher.WaitItem(ctx); err != nil {
		t.Fatal(err)
	}
	if err := r.api().SignIn(ctx); err != nil {
		t.Fatal(err)
	}
	st := r.waitState(t, "the demo calendar read", func(s localapi.State) bool {
		return s.Snapshot != nil && s.Snapshot.User != nil && len(s.Snapshot.Calendars) == 1 && s.Snapshot.Calendars[0].OK
	})
	if c := st.Snapshot.Calendars[0]; c.Name != "Work calendar" || c.Events == 0 {
		t.Errorf("calendar status %+v", c)
	}

	// The coordinator's panel three days out, from the calendar alone.
	js := r.statusJSON(t, "--demo")
	var panel *statusInterview
	for i, iv := range js.Interviews {
		if iv.Organizer != nil && strings.Contains(iv.Organizer.Name, "Dana Whitfield") && iv.Source == meetingsync.SourceCalendar &&
			time.Until(iv.StartTime) > 2*24*time.Hour && time.Until(iv.StartTime) < 4*24*time.Hour {
			panel = &js.Interviews[i]
		}
	}
	if panel == nil || panel.HostedByMe || panel.JoinURL == "" || panel.Calendar != "Work calendar" {
		t.Fatalf("no coordinator-hosted panel three days out in status --json: %+v", js.Interviews)
	}
	if len(js.Calendars) != 1 || !js.Calendars[0].OK {
		t.Errorf("status --json calendars = %+v", js.Calendars)
	}

	// A coordinator puts an interview on the calendar; its 10-minute
	// reminder comes once.
	start := time.Now().Add(10*time.Minute + 5*time.Second).UTC().Truncate(time.Second)
	body, _ := json.Marshal(zoomsim.CalendarEventSpec{Summary: "Interview: Calendar Reminder", StartTime: start, Duration: 30})
	resp, err := http.Post(r.simURL+"/_sim/calendar/events", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		t.Fatalf("add calendar event: %s", resp.Status)
	}
	if err := r.api().Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := r.notes.Wait(ctx, "Interview: Calendar Reminder in 10 min"); err != nil {
		t.Fatal(err)
	}
	// Another read of the calendar (and of Zoom) changes nothing.
	if err := r.api().Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	if n := countNotes(r.notes.Calls(), "Calendar Reminder in 10 min"); n != 1 {
		t.Errorf("the calendar interview's reminder was shown %d times", n)
	}

	// `calendar list` shows the masked address; no file under HOME and
	// nothing printed holds the feed's secret.
	var feed struct {
		URL string `json:"url"`
	}
	getJSON(t, r.simURL+"/_sim/calendar/feed", &feed)
	secret := feed.URL[strings.Index(feed.URL, "private-"):]
	secret = strings.TrimSuffix(secret, "/basic.ics")
	out, _, code := r.run(t, 30*time.Second, "--demo", "calendar", "list")
	if code != 0 || !strings.Contains(out, "Work calendar") || !strings.Contains(out, "127.0.0.1…") {
		t.Errorf("calendar list: exit %d\n%s", code, out)
	}
	scanForSecret(t, r.home, secret)
	if strings.Contains(r.output.String(), secret) {
		t.Error("the feed's secret appears in the output")
	}
}

// scanForSecret fails the test for each file under root holding secret.
func scanForSecret(t *testing.T, root, secret string) {
	t.Helper()
	n := 0
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		n++
		if bytes.Contains(data, []byte(secret)) {
			t.Errorf("the calendar's secret address appears in %s", path)
		}
		return nil
	})
	if err != nil || n < 3 {
		t.Fatalf("scanned %d files: %v", n, err)
	}
}

// TestCalendarCheck: `calendar check` reads a file once and prints every
// timed occurrence in the window, with the rule that decided; JSON as the
// README documents it; exit 1 when the source cannot be read, 2 on usage
// errors.
func TestCalendarCheck(t *testing.T) {
	e := newE2E(t)
	ics := filepath.Join(e.root, "work.ics")
	data := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nX-WR-CALNAME:Work\r\n" +
		"BEGIN:VEVENT\r\nUID:w1\r\nDTSTAMP:20261201T000000Z\r\nDTSTART;TZID=Europe/Berlin:20261207T100000\r\nDTEND;TZID=Europe/Berlin:20261207T104500\r\n" +
		"RRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:Interview: Grace\r\nLOCATION:https://acme.zoom.us/j/86512345678?pwd=Zx\r\nDESCRIPTION:Passcode: 777888\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:w2\r\nDTSTAMP:20261201T000000Z\r\nDTSTART;VALUE=DATE:20261208\r\nSUMMARY:Offsite\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:w3\r\nDTSTAMP:20261201T000000Z\r\nDTSTART:20261209T120000Z\r\nDTEND:20261209T130000Z\r\nSUMMARY:Lunch\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:broken\r\nDTSTAMP:20261201T000000Z\r\nDTSTART:not-a-date\r\nSUMMARY:Bad\r\nEND:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	if err := os.WriteFile(ics, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := e.run(t, 30*time.Second, "calendar", "check", ics, "--from", "2026-12-06T00:00:00Z", "--to", "2026-12-16T00:00:00Z", "--json")
	if code != 0 {
		t.Fatalf("check: exit %d, %s", code, errOut)
	}
	var got checkJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(got.Occurrences) != 3 || len(got.Unreadable) != 1 || got.Unreadable[0].UID != "broken" || got.Source.Name != "Work" {
		t.Fatalf("check = %+v", got)
	}
	first, lunch := got.Occurrences[0], got.Occurrences[1]
	if !first.Start.Equal(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)) || first.ZoomMeetingID != "86512345678" || first.Passcode != "777888" ||
		!first.Interview || first.Rule != meetingsync.RuleTopic || first.Status != "CONFIRMED" || first.AllDay {
		t.Errorf("first = %+v", first)
	}
	if lunch.Summary != "Lunch" || lunch.Interview || lunch.Rule != meetingsync.RuleNone {
		t.Errorf("lunch = %+v", lunch)
	}
	if !got.Occurrences[2].Start.Equal(time.Date(2026, 12, 14, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("the series' second week = %+v", got.Occurrences[2])
	}
	// Text: the passcode masked.
	out, _, code = e.run(t, 30*time.Second, "calendar", "check", ics, "--from", "2026-12-06T00:00:00Z", "--to", "2026-12-16T00:00:00Z")
	if code != 0 || !strings.Contains(out, "Interview: Grace") || strings.Contains(out, "777888") || !strings.Contains(out, "interview (topic)") ||
		!strings.Contains(out, "1 events could not be read") {
		t.Errorf("text check: exit %d\n%s", code, out)
	}
	if _, _, code = e.run(t, 30*time.Second, "calendar", "check", filepath.Join(e.root, "missing.ics")); code != 1 {
		t.Errorf("a missing file: exit %d, want 1", code)
	}
	if _, _, code = e.run(t, 30*time.Second, "calendar", "check", ics, "--from", "yesterday"); code != 2 {
		t.Errorf("a bad --from: exit %d, want 2", code)
	}
	if _, _, code = e.run(t, 30*time.Second, "calendar", "frobnicate"); code != 2 {
		t.Errorf("an unknown subcommand: exit %d, want 2", code)
	}
}
