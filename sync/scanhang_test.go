package sync

import (
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// TestHungFolderScanDoesNotStopPolls: the recording folder stops
// answering (a hung network mount) while an interview's local recording
// is followed. The scan is abandoned after localScanTimeout, never started
// again while it hangs, the snapshot says the folder does not answer, and
// Zoom is polled on as before; once the folder answers, scanning resumes
// and the problem goes.
func TestHungFolderScanDoesNotStopPolls(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		start := v.at(0, 9, 0)
		v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: start, Host: "other", Invited: true})
		var calls atomic.Int32
		var hang atomic.Bool
		hang.Store(true)
		release := make(chan struct{})
		defer func() {
			select {
			case <-release:
			default:
				close(release)
			}
		}()
		v.options = func(o *Options) {
			o.scanLocal = func(root string, loc *time.Location, occs []*pastOcc, now time.Time) (localResult, error) {
				calls.Add(1)
				if hang.Load() {
					<-release
				}
				return scanLocal(root, loc, occs, now)
			}
		}
		e := v.start()
		defer v.stop()
		upcoming := func() int {
			v.sw.mu.Lock()
			defer v.sw.mu.Unlock()
			return v.sw.attempts["GET /v2/users/me/upcoming_meetings"]
		}

		// Given a scan that hangs from the interview's end,
		v.until(start.Add(50 * time.Minute))
		if calls.Load() != 1 {
			t.Fatalf("%d scans by the end, want 1 (hanging)", calls.Load())
		}
		polls := upcoming()
		// when two hours pass,
		v.until(start.Add(3 * time.Hour))
		// then Zoom was polled all along, no second scan started, and the
		// snapshot says why local recordings are not found.
		if n := upcoming() - polls; n < 5 {
			t.Errorf("%d upcoming_meetings polls in two hours while the folder hangs", n)
		}
		if n := calls.Load(); n != 1 {
			t.Errorf("%d scans started while one hangs, want 1", n)
		}
		if !hasFolderHung(e.Snapshot()) {
			t.Errorf("no problem about the folder: %+v", e.Snapshot().Problems)
		}
		// Once the folder answers, scanning resumes and the problem goes.
		hang.Store(false)
		close(release)
		synctest.Wait()
		v.until(start.Add(3*time.Hour + 2*time.Minute))
		if n := calls.Load(); n < 2 {
			t.Errorf("%d scans after the folder answered, want a new one", n)
		}
		if hasFolderHung(e.Snapshot()) {
			t.Errorf("problem still shown: %+v", e.Snapshot().Problems)
		}
	})
}

func hasFolderHung(s *Snapshot) bool {
	for _, p := range s.Problems {
		if strings.Contains(p.Message, "does not answer") {
			return true
		}
	}
	return false
}
