package sync

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// TestRecordingOfAnInterviewBeforeTheStartIsAnnounced: an interview that
// ended just before the engine started, whose cloud recording Zoom is
// still processing, is announced once when the recording is ready,
// though no tracker followed it (the engine never saw it start).
func TestRecordingOfAnInterviewBeforeTheStartIsAnnounced(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{AutoEnd: true, RecordingDelay: 30 * time.Minute}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		m := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ravi", StartTime: v.at(0, 7, 0), Duration: 45})
		e := v.start()
		defer v.stop()
		v.until(v.at(0, 8, 10))
		if n := len(v.eventsOf(EventRecordingReady)); n != 0 {
			t.Fatalf("%d ready events before the recording is ready", n)
		}
		v.until(v.at(0, 8, 45))
		ev := v.eventsOf(EventRecordingReady)
		if len(ev) != 1 || ev[0].Recording.MeetingID != m.ID {
			t.Fatalf("ready events %+v", ev)
		}
		var shown bool
		for _, r := range e.Snapshot().Recordings {
			shown = shown || (r.MeetingID == m.ID && r.State == RecReady && r.Links.Watch != "")
		}
		if !shown {
			t.Errorf("the recording is not in the snapshot: %+v", e.Snapshot().Recordings)
		}
		// Not again: not by the later looks, the next day's list, or a restart.
		v.until(v.at(1, 10, 0))
		v.stop()
		v.start()
		v.until(v.at(1, 12, 0))
		if n := len(v.eventsOf(EventRecordingReady)); n != 1 {
			t.Errorf("%d ready events a day later", n)
		}
	})
}
