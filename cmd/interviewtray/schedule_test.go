package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

func TestParseStartAndDuration(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]time.Time{
		"2026-12-08 14:00":          time.Date(2026, 12, 8, 14, 0, 0, 0, loc),
		"2026-12-08T14:30":          time.Date(2026, 12, 8, 14, 30, 0, 0, loc),
		"2026-12-08T14:00:00-05:00": time.Date(2026, 12, 8, 19, 0, 0, 0, time.UTC),
	} {
		got, err := parseStart(in, loc)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseStart(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "tomorrow", "2026-13-01 10:00", "14:00"} {
		if _, err := parseStart(bad, loc); err == nil {
			t.Errorf("parseStart(%q) accepted", bad)
		}
	}
	for in, want := range map[string]int{"45m": 45, "1h30m": 90, "30": 30, "": 0} {
		if got, err := parseMinutes(in); err != nil || got != want {
			t.Errorf("parseMinutes(%q) = %d, %v", in, got, err)
		}
	}
	for _, bad := range []string{"0", "0m", "-5m", "90s", "soon"} {
		if _, err := parseMinutes(bad); err == nil {
			t.Errorf("parseMinutes(%q) accepted", bad)
		}
	}
}

func TestScheduleUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"schedule", "--start", "2026-12-08 14:00"},
		{"schedule", "--candidate", "Ada"},
		{"schedule", "--candidate", "Ada", "--start", "2026-12-08 14:00", "--record", "tape"},
		{"schedule", "--candidate", "Ada", "--start", "2026-12-08 14:00", "--duration", "0"},
		{"reschedule", "--start", "2026-12-08 14:00"},
		{"reschedule", "abc", "--start", "2026-12-08 14:00"},
		{"cancel"},
		{"cancel", "1", "2"},
	} {
		var out, errOut bytes.Buffer
		if code := run(context.Background(), &out, &errOut, args); code != 2 {
			t.Errorf("%q: exit %d, want 2 (stderr %q)", args, code, errOut.String())
		}
		if strings.Contains(errOut.String(), "not running") {
			t.Errorf("%q: looked for the agent before checking its arguments", args)
		}
	}
}
