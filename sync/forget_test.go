package sync

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// TestForgetAccount: signing out forgets the account's Zoom data in memory
// and on disk, keeps the user's own (calendars, fired reminders' keys),
// stops polling, and a sign-in brings the data back.
func TestForgetAccount(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada Secretname", StartTime: v.at(0, 8, 5)})
		e := v.start()
		defer v.stop()
		synctest.Wait()
		if len(e.Snapshot().Interviews) == 0 || len(v.reminderKeys()) == 0 {
			t.Fatalf("before: %d interviews, reminders %q", len(e.Snapshot().Interviews), v.reminderKeys())
		}
		cache := v.dirs[2]
		cal := filepath.Join(cache, calendarsFile)
		if err := os.WriteFile(cal, []byte(`{"version":1,"sources":{}}`), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(cache, cacheFile)); err != nil {
			t.Fatalf("no snapshot cache before: %v", err)
		}

		if err := e.ForgetAccount(); err != nil {
			t.Fatal(err)
		}
		s := e.Snapshot()
		if s.User != nil || len(s.Interviews) != 0 || len(s.Recordings) != 0 || len(s.Reminders) != 0 || !s.Health.SignedOut {
			t.Errorf("after: user %v, %d interviews, %d recordings, %d reminders, signed out %v",
				s.User, len(s.Interviews), len(s.Recordings), len(s.Reminders), s.Health.SignedOut)
		}
		if _, err := os.Stat(filepath.Join(cache, cacheFile)); !os.IsNotExist(err) {
			t.Errorf("snapshot.json is still there: %v", err)
		}
		if _, err := os.Stat(cal); err != nil {
			t.Errorf("the calendar cache is gone: %v", err)
		}
		state, err := os.ReadFile(filepath.Join(v.dirs[0], stateFile))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(state), "Secretname") || !strings.Contains(string(state), v.reminderKeys()[0]) {
			t.Errorf("state.json = %s", state)
		}

		// No Zoom call while signed out.
		before, _ := v.apiCalls()
		time.Sleep(2 * time.Hour)
		synctest.Wait()
		if after, _ := v.apiCalls(); after != before || len(e.Snapshot().Interviews) != 0 {
			t.Errorf("signed out: %d Zoom calls, %d interviews", after-before, len(e.Snapshot().Interviews))
		}
		e.SignedIn()
		synctest.Wait()
		if e.Snapshot().User == nil {
			t.Error("signing in again brought nothing back")
		}
	})
}
