package view

import (
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/model"
)

// The tests' clock and time zone: Monday 14 September 2026, 10:18 in a
// fixed UTC+2 zone (as ui/window's tests).
var (
	testZone = time.FixedZone("CEST", 2*60*60)
	testNow  = time.Date(2026, 9, 14, 10, 18, 0, 0, testZone)
)

// at is a time on the test day (days after it) in the test zone, in UTC.
func at(days, hour, minute int) time.Time {
	return time.Date(2026, 9, 14+days, hour, minute, 0, 0, testZone).UTC()
}

func interview(id int64, topic string, start time.Time, minutes int) model.Interview {
	return model.Interview{
		ID: id, Topic: topic, StartTime: start, Duration: minutes,
		EndTime: start.Add(time.Duration(minutes) * time.Minute), IsInterview: true, State: model.StateUpcoming,
	}
}

func TestCountdown(t *testing.T) {
	start := at(0, 10, 30)
	iv := interview(85746065432, "x", start, 45)
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
		{"started", start.Add(4*time.Minute + 30*time.Second), model.StateInProgress, "started 4 min ago"},
		{"Zoom says it runs early", start.Add(-2 * time.Minute), model.StateInProgress, "starting now"},
		{"over by the schedule", start.Add(45 * time.Minute), "", ""},
		{"ended by Zoom", start.Add(10 * time.Minute), model.StateEnded, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			iv := iv
			if tt.state != "" {
				iv.State = tt.state
			}
			if got := Countdown(iv, tt.now); got != tt.want {
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
		if got := Duration(d); got != want {
			t.Errorf("Duration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestSince(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "just now", 59 * time.Second: "just now", 26 * time.Minute: "26 min ago", 2 * time.Hour: "2 h ago",
	} {
		if got := Since(testNow.Add(-d), testNow); got != want {
			t.Errorf("Since(now-%v) = %q, want %q", d, got, want)
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
		if got := DayTitle(tt.day, testNow, testZone); got != tt.want {
			t.Errorf("DayTitle(%v) = %q, want %q", tt.day, got, tt.want)
		}
	}
}

func TestCopyTexts(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"11 digits with passcode", MeetingCopyText(model.Interview{ID: 85746065432, Passcode: "738201"}), "Meeting ID: 857 4606 5432\nPasscode: 738201"},
		{"10 digits", MeetingCopyText(model.Interview{ID: 9876543210}), "Meeting ID: 98 7654 3210"},
		{"short personal ID", MeetingCopyText(model.Interview{ID: 123456789}), "Meeting ID: 123456789"},
		{"share link with passcode", ShareCopyText(model.Recording{Links: model.Links{Share: "https://zoom.us/rec/share/x"}, Passcode: "p!"}), "https://zoom.us/rec/share/x\nPasscode: p!"},
		{"share link alone", ShareCopyText(model.Recording{Links: model.Links{Share: "https://zoom.us/rec/share/x"}}), "https://zoom.us/rec/share/x"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestTopic(t *testing.T) {
	for _, tt := range []struct {
		topic string
		hide  bool
		want  string
	}{
		{"Interview with Ada", false, "Interview with Ada"},
		{"Interview with Ada", true, "Interview"},
		{"  ", false, "Interview"},
		{"", false, "Interview"},
		{"Ada\nLovelace", false, "Ada Lovelace"},
	} {
		if got := Topic(tt.topic, tt.hide); got != tt.want {
			t.Errorf("Topic(%q, %v) = %q, want %q", tt.topic, tt.hide, got, tt.want)
		}
	}
}

func TestByDay(t *testing.T) {
	ivs := []model.Interview{
		interview(1, "a", at(0, 9, 0), 30), interview(2, "b", at(0, 23, 30), 30),
		interview(3, "c", at(1, 0, 10), 30), interview(4, "d", at(3, 8, 0), 30),
	}
	days := ByDay(ivs, func(iv model.Interview) time.Time { return iv.StartTime }, testZone)
	var got [][]int64
	for _, d := range days {
		var ids []int64
		for _, iv := range d.Items {
			ids = append(ids, iv.ID)
		}
		got = append(got, ids)
	}
	want := [][]int64{{1, 2}, {3}, {4}}
	if len(got) != len(want) {
		t.Fatalf("days %v, want %v", got, want)
	}
	for i := range want {
		if len(got[i]) != len(want[i]) || got[i][0] != want[i][0] || !days[i].Start.Equal(DayStart(ivs[want[i][0]-1].StartTime, testZone)) {
			t.Errorf("day %d: %v (from %v), want %v", i, got[i], days[i].Start, want[i])
		}
	}
}
