package window

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

func TestCountdown(t *testing.T) {
	start := at(0, 10, 30)
	iv := interview(idPriya, "x", start, 45)
	tests := []struct {
		name  string
		now   time.Time
		state string
		want  string
	}{
		{"rounds up before the start", start.Add(-11*time.Minute - 50*time.Second), "", "in 12 min"},
		{"whole minutes", start.Add(-12 * time.Minute), "", "in 12 min"},
		{"last seconds", start.Add(-10 * time.Second), "", "in 1 min"},
		{"an hour", start.Add(-time.Hour), "", "in 1 h"},
		{"hours and minutes", start.Add(-(3*time.Hour + 28*time.Minute)), "", "in 3 h 28 min"},
		{"within a day", start.Add(-(23*time.Hour + 59*time.Minute)), "", "in 23 h 59 min"},
		{"a day or more: the heading says when", start.Add(-24 * time.Hour), "", ""},
		{"at the start", start, "", "starting now"},
		{"under a minute in", start.Add(59 * time.Second), "", "starting now"},
		{"started", start.Add(4*time.Minute + 30*time.Second), meetingsync.StateInProgress, "started 4 min ago"},
		{"Zoom says it runs early", start.Add(-2 * time.Minute), meetingsync.StateInProgress, "starting now"},
		{"over by the schedule", start.Add(45 * time.Minute), "", ""},
		{"ended by Zoom", start.Add(10 * time.Minute), meetingsync.StateEnded, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			iv := iv
			if tt.state != "" {
				iv.State = tt.state
			}
			if got := countdown(iv, tt.now); got != tt.want {
				t.Errorf("countdown at %v = %q, want %q", tt.now.In(testZone).Format("15:04:05"), got, tt.want)
			}
		})
	}
}

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0 min", time.Minute: "1 min", 59 * time.Minute: "59 min", time.Hour: "1 h",
		90 * time.Minute: "1 h 30 min", 47 * time.Hour: "47 h", 48 * time.Hour: "2 days", 80 * time.Hour: "3 days",
		-time.Minute: "0 min",
	} {
		if got := duration(d); got != want {
			t.Errorf("duration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestSince(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "just now", 59 * time.Second: "just now", 26 * time.Minute: "26 min ago", 2 * time.Hour: "2 h ago",
	} {
		if got := since(testNow.Add(-d), testNow); got != want {
			t.Errorf("since(now-%v) = %q, want %q", d, got, want)
		}
	}
}

func TestDayTitle(t *testing.T) {
	tests := []struct {
		day  time.Time
		want string
	}{
		{at(0, 0, 0), "Today · Monday 14 September"},
		{at(0, 23, 59), "Today · Monday 14 September"},
		{at(1, 0, 0), "Tomorrow · Tuesday 15 September"},
		{at(-1, 12, 0), "Yesterday · Sunday 13 September"},
		{at(2, 9, 0), "Wednesday 16 September"},
		// 23:30 UTC on the 14th is already the 15th in the test zone.
		{time.Date(2026, 9, 14, 23, 30, 0, 0, time.UTC), "Tomorrow · Tuesday 15 September"},
	}
	for _, tt := range tests {
		if got := dayTitle(tt.day, testNow, testZone); got != tt.want {
			t.Errorf("dayTitle(%v) = %q, want %q", tt.day, got, tt.want)
		}
	}
}

func TestCopyTexts(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"11 digits with passcode", meetingCopyText(meetingsync.Interview{ID: 85746065432, Passcode: "738201"}), "Meeting ID: 857 4606 5432\nPasscode: 738201"},
		{"10 digits", meetingCopyText(meetingsync.Interview{ID: 9876543210}), "Meeting ID: 98 7654 3210"},
		{"short personal ID", meetingCopyText(meetingsync.Interview{ID: 123456789}), "Meeting ID: 123456789"},
		{"share link with passcode", shareCopyText(meetingsync.Recording{Links: meetingsync.Links{Share: "https://zoom.us/rec/share/x"}, Passcode: "p!"}), "https://zoom.us/rec/share/x\nPasscode: p!"},
		{"share link alone", shareCopyText(meetingsync.Recording{Links: meetingsync.Links{Share: "https://zoom.us/rec/share/x"}}), "https://zoom.us/rec/share/x"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestPlayFile(t *testing.T) {
	tests := []struct {
		files []string
		want  string
	}{
		{[]string{"/r/audio.m4a", "/r/video.MP4"}, "/r/video.MP4"},
		{[]string{"/r/audio.m4a"}, "/r/audio.m4a"},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := playFile(meetingsync.Recording{Files: tt.files}); got != tt.want {
			t.Errorf("playFile(%q) = %q, want %q", tt.files, got, tt.want)
		}
	}
}

func TestOffsets(t *testing.T) {
	m := func(n int) meetingsync.Duration { return meetingsync.Duration(time.Duration(n) * time.Minute) }
	tests := []struct {
		in      string
		want    []meetingsync.Duration
		wantErr string
	}{
		{"10, 1", []meetingsync.Duration{m(10), m(1)}, ""},
		{" 15,5 ;1 ", []meetingsync.Duration{m(15), m(5), m(1)}, ""},
		{"90s 1h", []meetingsync.Duration{meetingsync.Duration(90 * time.Second), m(60)}, ""},
		{"", []meetingsync.Duration{}, ""},
		{"10, soon", nil, `"soon" is not a number of minutes`},
		{"0", nil, `"0": reminders come before the start`},
		{"-5", nil, `"-5": reminders come before the start`},
	}
	for _, tt := range tests {
		got, err := parseOffsets(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseOffsets(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("parseOffsets(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		// What the field shows reads back the same.
		if back, err := parseOffsets(formatOffsets(got)); err != nil || fmt.Sprint(back) != fmt.Sprint(got) {
			t.Errorf("parseOffsets(formatOffsets(%v)) = %v, %v", got, back, err)
		}
	}
	if got := formatOffsets([]meetingsync.Duration{m(10), meetingsync.Duration(90 * time.Second)}); got != "10, 1m30s" {
		t.Errorf("formatOffsets = %q", got)
	}
}

func TestParsePatterns(t *testing.T) {
	got := parsePatterns("interview\n\n  screening call \r\n*panel*\n")
	want := []string{"interview", "screening call", "*panel*"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("parsePatterns = %q, want %q", got, want)
	}
	if got := parsePatterns(" \n "); got == nil || len(got) != 0 {
		t.Errorf("parsePatterns(blank) = %#v, want an empty list", got)
	}
}

func TestErrText(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{fmt.Errorf("%w (/run/x.sock)", localapi.ErrNoAgent), "Interview Tray is not running"},
		{fmt.Errorf("local API: %w", context.DeadlineExceeded), "Interview Tray did not answer in time"},
		{&localapi.Error{Status: 400, Message: "Zoom gave no join link for \"x\""}, "Zoom gave no join link for \"x\""},
		{errors.New(""), "unknown error"},
	}
	for _, tt := range tests {
		if got := errText(tt.err); got != tt.want {
			t.Errorf("errText(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
	if got := sentence("ünknown"); got != "Ünknown" {
		t.Errorf("sentence = %q", got)
	}
}
