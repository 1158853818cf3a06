package model

import (
	"testing"
	"time"
)

var (
	testZone = time.FixedZone("CEST", 2*60*60)
	testNow  = time.Date(2026, 9, 14, 10, 18, 0, 0, testZone)
)

func at(days, hour, minute int) time.Time {
	return time.Date(2026, 9, 14+days, hour, minute, 0, 0, testZone).UTC()
}

func interview(id int64, topic string, start time.Time, minutes int) Interview {
	return Interview{ID: id, Topic: topic, StartTime: start, Duration: minutes,
		EndTime: start.Add(time.Duration(minutes) * time.Minute), IsInterview: true, State: StateUpcoming}
}

func TestNextInterview(t *testing.T) {
	ended := interview(1, "ended", at(0, 8, 0), 30)
	notOne := interview(2, "sync", at(0, 10, 0), 60)
	notOne.IsInterview = false
	on := interview(3, "on", at(0, 10, 0), 45)
	later := interview(4, "later", at(0, 13, 0), 45)
	snap := &Snapshot{Interviews: []Interview{ended, notOne, on, later}}
	if iv, ok := snap.NextInterview(testNow); !ok || iv.ID != 3 {
		t.Errorf("at 10:18: %v %v, want the one on", iv.ID, ok)
	}
	if iv, ok := snap.NextInterview(at(0, 11, 0)); !ok || iv.ID != 4 {
		t.Errorf("at 11:00: %v %v, want the next", iv.ID, ok)
	}
	if _, ok := snap.NextInterview(at(1, 0, 0)); ok {
		t.Error("tomorrow: an interview, want none")
	}
	if _, ok := (*Snapshot)(nil).NextInterview(testNow); ok {
		t.Error("no snapshot: an interview")
	}
}
