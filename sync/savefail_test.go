package sync

import (
	"errors"
	"os"
	"runtime"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// breakDir makes dir unwritable for anyone, root included: it becomes a
// regular file, so that creating a file in it fails. The returned func
// makes it a folder again. Both wait until the engine's goroutines are
// idle (it runs in a synctest bubble), so that no write races with them.
func breakDir(t *testing.T, dir string) (restore func()) {
	t.Helper()
	synctest.Wait()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	return func() {
		synctest.Wait()
		if err := os.Remove(dir); err != nil {
			t.Fatal(err)
		}
	}
}

// saveProblem returns the snapshot's problem about saving name, if any.
func saveProblem(s *Snapshot, name string) string {
	for _, p := range s.Problems {
		if strings.HasPrefix(p.Message, "Interview Tray cannot save "+name) {
			return p.Message
		}
	}
	return ""
}

// TestFailedSaveReported: when a file cannot be written (here its folder
// cannot hold files; a read-only or full disk does the same), the command
// says so to its caller (ErrNotSaved: the change applies now, but not
// after a restart) and the snapshot shows a problem until a save works
// again; the old code reported success and said nothing.
func TestFailedSaveReported(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		m := v.meeting(zoomsim.MeetingSpec{Topic: "Team sync", StartTime: v.at(0, 11, 0)})
		e := v.start()
		defer v.stop()

		// Given a state folder that cannot be written,
		restore := breakDir(t, v.dirs[0])
		// when the user includes a meeting,
		err := e.Include(m.ID)
		// then the caller hears the change was not saved, it applies
		// anyway, and the snapshot shows why.
		if !errors.Is(err, ErrNotSaved) || !strings.Contains(err.Error(), "include") {
			t.Errorf("Include on an unwritable folder: %v, want ErrNotSaved", err)
		}
		if iv, _ := interview(e.Snapshot(), m.ID); !iv.IsInterview {
			t.Error("the override does not apply")
		}
		if p := saveProblem(e.Snapshot(), stateFile); p == "" {
			t.Errorf("no problem about %s in %+v", stateFile, e.Snapshot().Problems)
		}
		// Once the folder works again, the next save clears the problem.
		restore()
		if err := e.Exclude(m.ID); err != nil {
			t.Errorf("Exclude: %v", err)
		}
		if p := saveProblem(e.Snapshot(), stateFile); p != "" {
			t.Errorf("problem still shown: %s", p)
		}

		// A read-only folder does the same (root writes into one anyway;
		// on Windows the read-only attribute does not stop writes in a
		// folder).
		if os.Getuid() != 0 && runtime.GOOS != "windows" {
			if err := os.Chmod(v.dirs[0], 0o500); err != nil {
				t.Fatal(err)
			}
			if err := e.Include(m.ID); !errors.Is(err, ErrNotSaved) {
				t.Errorf("Include in a read-only folder: %v, want ErrNotSaved", err)
			}
			if err := os.Chmod(v.dirs[0], 0o700); err != nil {
				t.Fatal(err)
			}
		}

		// Settings: refused and shown.
		restore = breakDir(t, v.dirs[1])
		s := e.Settings()
		s.HideNames = true
		if err := e.UpdateSettings(s); err == nil {
			t.Error("UpdateSettings on an unwritable folder succeeded")
		}
		if p := saveProblem(e.Snapshot(), settingsFile); p == "" {
			t.Errorf("no problem about %s in %+v", settingsFile, e.Snapshot().Problems)
		}
		restore()

		// The cache, written in the background: shown after the pass.
		restore = breakDir(t, v.dirs[2])
		defer restore()
		topic := "Team sync (moved)"
		if _, err := v.sim.UpdateMeeting(m.ID, zoomsim.MeetingUpdate{Topic: &topic}); err != nil {
			t.Fatal(err)
		}
		e.Refresh()
		synctest.Wait()
		if p := saveProblem(e.Snapshot(), cacheFile); p == "" {
			t.Errorf("no problem about %s in %+v", cacheFile, e.Snapshot().Problems)
		}
	})
}
