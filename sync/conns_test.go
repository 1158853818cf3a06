package sync

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// TestIdleConnectionsClosedBetweenFarPasses: after a pass whose next one is
// far off, the engine closes the HTTP connections itself (awake anyway),
// not leaving it to net/http's idle timer and a wake-up of its own; during
// the 1-minute polls before an interview it keeps them for reuse.
func TestIdleConnectionsClosedBetweenFarPasses(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: v.at(0, 10, 0)})
		v.start()
		defer v.stop()
		v.until(v.at(0, 8, 5)) // the first sync's passes are done, the next poll is far off
		if n := v.closes.n.Load(); n == 0 {
			t.Fatal("the connections were kept after the first sync, though the next poll is far off")
		}
		v.until(v.at(0, 9, 50)) // the 1-minute polls
		before := v.closes.n.Load()
		v.until(v.at(0, 9, 58))
		if n := v.closes.n.Load(); n != before {
			t.Errorf("closed %d times during the 1-minute polls", n-before)
		}
	})
}
