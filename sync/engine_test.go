package sync

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/sync/internal/zoomfolder"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// TestSettingsCheckLocked: "Record to computer files" is off and locked by
// the admin. The check says it needs changing; the fix finds it locked and
// offers a message for the admin; once the admin turns it on, the check is
// fine and the lock is forgotten.
func TestSettingsCheckLocked(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		admin := func(body string) {
			t.Helper()
			resp := v.control("PUT", "/_sim/settings", body)
			if resp != 200 {
				t.Fatalf("admin settings: HTTP %d", resp)
			}
		}
		admin(`{"recording":{"local_recording":false,"recording_disclaimer":false},"locked":["local_recording"]}`)
		e := v.start()
		defer v.stop()
		s := e.Snapshot()
		c := s.RecordingSettings
		if c == nil || c.OK || stateOf(c, "recording.local_recording") != SettingNeedsChange || !hasProblem(s, ActionFixSettings) {
			t.Fatalf("first check: %+v problems %+v", c, s.Problems)
		}
		c, err := e.FixSettings(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if stateOf(c, "recording.local_recording") != SettingLocked || stateOf(c, "recording.recording_disclaimer") != SettingOK {
			t.Errorf("after fix: local %s, disclaimer %s", stateOf(c, "recording.local_recording"), stateOf(c, "recording.recording_disclaimer"))
		}
		if !strings.Contains(c.AdminMessage, "Record to computer files") || !hasProblem(e.Snapshot(), ActionContactAdmin) {
			t.Errorf("no admin message: %q %+v", c.AdminMessage, e.Snapshot().Problems)
		}
		// A plain check still knows it is locked.
		if c, err = e.CheckSettings(t.Context()); err != nil || stateOf(c, "recording.local_recording") != SettingLocked {
			t.Errorf("re-check: %v %v", stateOf(c, "recording.local_recording"), err)
		}
		admin(`{"recording":{"local_recording":true},"locked":[]}`)
		if c, err = e.CheckSettings(t.Context()); err != nil || !c.OK || c.AdminMessage != "" {
			t.Errorf("after the admin's change: %+v %v", c, err)
		}
		if hasProblem(e.Snapshot(), ActionContactAdmin) || hasProblem(e.Snapshot(), ActionFixSettings) {
			t.Errorf("problems left: %+v", e.Snapshot().Problems)
		}
		// Later someone turns it off again: the daily check reports the change.
		admin(`{"recording":{"local_recording":false}}`)
		v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: v.at(1, 9, 0)})
		e.Refresh()
		v.until(v.at(1, 8, 30))
		c = e.Snapshot().RecordingSettings
		if len(c.Changed) != 1 || !strings.Contains(e.Snapshot().Problems[0].Message, "changed") {
			t.Errorf("change not reported: %+v %+v", c.Changed, e.Snapshot().Problems)
		}
	})
}

// control calls the simulator's control API and returns the status.
func (v *env) control(method, path, body string) int {
	v.t.Helper()
	req, err := newRequest(method, "https://zoom.us"+path, body)
	if err != nil {
		v.t.Fatal(err)
	}
	resp, err := v.sim.Transport().RoundTrip(req)
	if err != nil {
		v.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestLocalRecordingAnnouncedOnce: a local recording converts, becomes
// ready, is announced once, and a restart does not announce it again.
func TestLocalRecordingAnnouncedOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		start := v.at(0, 9, 0)
		m := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada Lovelace, Backend (Round 2)", StartTime: start, Host: "other", Invited: true})
		v.start()
		dir := filepath.Join(v.folder, start.Add(2*time.Minute).Format(zoomfolder.TimeLayout)+" Interview_ Ada Lovelace, Backend (Round 2) "+itoa(m.ID))
		v.until(start.Add(50 * time.Minute))
		write(t, filepath.Join(dir, "recording.conf"), `{"items":[{"process":30}]}`)
		v.until(start.Add(55 * time.Minute))
		if n := len(v.eventsOf(EventLocalRecordingReady)); n != 0 {
			t.Fatalf("%d events while converting", n)
		}
		write(t, filepath.Join(dir, "recording.conf"), `{"items":[{"process":100}]}`)
		write(t, filepath.Join(dir, "video2041.mp4"), "x")
		v.until(start.Add(57 * time.Minute))
		ev := v.eventsOf(EventLocalRecordingReady)
		if len(ev) != 1 || ev[0].Recording.Links.Folder != dir || len(ev[0].Recording.Files) != 1 {
			t.Fatalf("events %+v", ev)
		}
		v.stop()
		v.start()
		defer v.stop()
		v.until(start.Add(3 * time.Hour))
		if n := len(v.eventsOf(EventLocalRecordingReady)); n != 1 {
			t.Errorf("%d events after a restart", n)
		}
		var found bool
		for _, r := range v.eng.Snapshot().Recordings {
			found = found || (r.Kind == KindLocal && r.State == RecReady && r.Links.Folder == dir)
		}
		if !found {
			t.Error("the local recording left the snapshot after a restart")
		}
	})
}

// TestCacheShowsAgendaOffline: a new engine, offline from the start, shows
// the cached agenda and reminds from it (after the first-sync grace).
func TestCacheShowsAgendaOffline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		start := v.at(0, 9, 0)
		m := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: start})
		v.start()
		v.until(v.at(0, 8, 30)) // details fetched
		v.stop()
		info, err := os.Stat(filepath.Join(v.dirs[2], cacheFile))
		if err != nil || (runtime.GOOS != "windows" && info.Mode().Perm() != 0o600) { // Windows: no modes, the profile's ACL
			t.Fatalf("cache file: %v %v", info, err)
		}
		for _, f := range []string{filepath.Join(v.dirs[0], stateFile)} {
			if info, err := os.Stat(f); err != nil || (runtime.GOOS != "windows" && info.Mode().Perm() != 0o600) {
				t.Errorf("%s: %v %v", f, info, err)
			}
		}
		v.sw.set(offlineErr())
		e := v.start()
		defer v.stop()
		iv, ok := interview(e.Snapshot(), m.ID)
		if !ok || iv.Passcode == "" || !iv.HostedByMe {
			t.Fatalf("cached interview %+v", iv)
		}
		v.until(start.Add(-9 * time.Minute))
		if got := v.reminderKeys(); len(got) != 1 || got[0] != rkey(m.ID, start, -10*time.Minute) {
			t.Errorf("reminders offline: %v", got)
		}
		if !e.Snapshot().Health.Offline {
			t.Error("not offline")
		}
	})
}

// TestCorruptCache: an unreadable cache is discarded (with a warning) and
// the engine starts as if there was none.
func TestCorruptCache(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		m := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: v.at(0, 11, 0)})
		for _, junk := range []string{"{not json", `{"version":99,"snapshot":{}}`, `{"version":1}`} {
			write(t, filepath.Join(v.dirs[2], cacheFile), junk)
			e, err := New(Options{Client: v.client, StateDir: v.dirs[0], ConfigDir: v.dirs[1], CacheDir: v.dirs[2], Now: v.now})
			if err != nil {
				t.Fatalf("%q: %v", junk, err)
			}
			if s := e.Snapshot(); len(s.Interviews) != 0 || s.User != nil {
				t.Errorf("%q: snapshot from a corrupt cache: %+v", junk, s)
			}
			e.Close()
		}
		e := v.start()
		defer v.stop()
		if _, ok := interview(e.Snapshot(), m.ID); !ok {
			t.Error("no interview after the first sync")
		}
	})
}

// TestSettingsFile: settings persist as JSON, missing fields keep their
// defaults, invalid ones are refused, a corrupt file is set aside.
func TestSettingsFile(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		write(t, filepath.Join(v.dirs[1], settingsFile), `{"reminder_offsets":["15m"],"rules":{"patterns":["screen"]}}`)
		e := v.start()
		s := e.Settings()
		if len(s.ReminderOffsets) != 1 || s.ReminderOffsets[0].D() != 15*time.Minute || !s.Popup || s.Snooze.D() != 5*time.Minute {
			t.Errorf("loaded %+v", s)
		}
		bad := s
		bad.Snooze = Duration(time.Second)
		if err := e.UpdateSettings(bad); err == nil || !strings.Contains(err.Error(), "snooze") {
			t.Errorf("invalid settings accepted: %v", err)
		}
		s.HideNames = true
		s.ReminderOffsets = []Duration{Duration(time.Minute), Duration(5 * time.Minute), Duration(time.Minute)}
		if err := e.UpdateSettings(s); err != nil {
			t.Fatal(err)
		}
		v.stop()
		var onDisk Settings
		data, _ := os.ReadFile(filepath.Join(v.dirs[1], settingsFile))
		if err := json.Unmarshal(data, &onDisk); err != nil || !onDisk.HideNames || len(onDisk.ReminderOffsets) != 2 {
			t.Errorf("on disk %s (%v)", data, err)
		}
		write(t, filepath.Join(v.dirs[1], settingsFile), `{"snooze": 12`)
		e = v.start()
		defer v.stop()
		if e.Settings().HideNames {
			t.Error("corrupt settings were not replaced by the defaults")
		}
		if !strings.Contains(e.Snapshot().Problems[0].Message, "could not be read") {
			t.Errorf("problems %+v", e.Snapshot().Problems)
		}
		matches, _ := filepath.Glob(filepath.Join(v.dirs[1], settingsFile+".bad-*"))
		if len(matches) != 1 {
			t.Errorf("the corrupt file was not kept: %v", matches)
		}
	})
}

// TestOverridesPersist: include and exclude win over the rules, survive a
// restart, and drive reminders.
func TestOverridesPersist(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		sync1 := v.meeting(zoomsim.MeetingSpec{Topic: "Candidate sync", StartTime: v.at(0, 10, 0)})
		iv := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: v.at(0, 10, 0)})
		e := v.start()
		if err := e.Include(sync1.ID); err != nil {
			t.Fatal(err)
		}
		if err := e.Exclude(iv.ID); err != nil {
			t.Fatal(err)
		}
		if err := e.Include(123); err == nil {
			t.Error("override of an unknown meeting accepted")
		}
		v.stop()
		e = v.start()
		defer v.stop()
		s := e.Snapshot()
		a, _ := interview(s, sync1.ID)
		b, _ := interview(s, iv.ID)
		if !a.IsInterview || a.Override != OverrideInclude || b.IsInterview || b.Override != OverrideExclude {
			t.Errorf("after restart: %+v %+v", a, b)
		}
		v.until(v.at(0, 9, 51))
		if got := v.reminderKeys(); len(got) != 1 || !strings.HasPrefix(got[0], itoa(sync1.ID)+"@") {
			t.Errorf("reminders %v", got)
		}
		if err := e.ClearOverride(iv.ID); err != nil {
			t.Fatal(err)
		}
		v.until(v.at(0, 9, 52))
		if got := v.reminderKeys(); len(got) != 2 {
			t.Errorf("after clearing the exclusion: %v", got)
		}
	})
}

// TestSnoozeAndDismiss: a snoozed reminder comes back after the snooze;
// dismissing the "starting now" reminder stops the nags.
func TestSnoozeAndDismiss(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		start := v.at(0, 10, 0)
		m := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: start})
		e := v.start()
		defer v.stop()
		v.until(start.Add(-10 * time.Minute))
		k10 := rkey(m.ID, start, -10*time.Minute)
		if err := e.Snooze(k10, 3*time.Minute); err != nil {
			t.Fatal(err)
		}
		if len(e.Snapshot().Reminders) != 0 {
			t.Error("snoozed reminder still shown")
		}
		if err := e.Snooze("nope", 0); err == nil {
			t.Error("snooze of an unknown key accepted")
		}
		v.until(start.Add(-7 * time.Minute))
		evs := v.eventsOf(EventReminder)
		if len(evs) != 2 || evs[1].Reminder.Key != k10 || !evs[1].Reminder.Snoozed || evs[1].Reminder.Minutes != 7 {
			t.Fatalf("after the snooze: %+v", evs)
		}
		v.until(start.Add(10 * time.Second))
		if err := e.Dismiss(rkey(m.ID, start, 0)); err != nil {
			t.Fatal(err)
		}
		v.until(start.Add(30 * time.Minute))
		if got := v.reminderKeys(); len(got) != 4 {
			t.Errorf("reminders %v, want 10 (twice), 1 and now only", got)
		}
		if len(e.Snapshot().Reminders) != 0 {
			t.Errorf("shown after dismiss: %+v", e.Snapshot().Reminders)
		}
	})
}

// TestSubscribe: subscribers get the current snapshot at once, then only
// changes; a quiet hour publishes nothing new.
func TestSubscribe(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 3, 3, 1, 0, 0, 0, time.UTC), time.UTC)
		v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: v.at(0, 18, 0)})
		e := v.start()
		defer v.stop()
		ch, unsubscribe := e.Subscribe()
		first := <-ch
		if first != e.Snapshot() {
			t.Fatal("first value is not the current snapshot")
		}
		n := 0
		done := make(chan struct{})
		go func() {
			defer close(done)
			for range ch {
				n++
			}
		}()
		v.until(v.at(0, 4, 0)) // three quiet night hours, polls included
		if n != 0 {
			t.Errorf("%d snapshots published in quiet hours", n)
		}
		// Night polls are hourly, jittered by up to 10%.
		if e.Snapshot().Health.LastSync.Before(v.now().Add(-pollNight - pollNight/10)) {
			t.Errorf("last sync %v not refreshed", e.Snapshot().Health.LastSync)
		}
		v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Bob", StartTime: v.at(0, 19, 0)})
		e.Refresh()
		synctest.Wait()
		unsubscribe()
		<-done
		if n != 1 {
			t.Errorf("%d snapshots for one new meeting, want 1", n)
		}
	})
}

// TestSyncOnce: a one-shot sync without Start fills the snapshot (for
// `interviewtray status` with no agent) and fires no reminder, so the
// agent will still announce it.
func TestSyncOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		start := v.at(0, 8, 5) // its 10-minute reminder is due
		m := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: start})
		e, err := New(Options{Client: v.client, StateDir: v.dirs[0], ConfigDir: v.dirs[1], CacheDir: v.dirs[2], Now: v.now})
		if err != nil {
			t.Fatal(err)
		}
		s, err := e.SyncOnce(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if iv, ok := interview(s, m.ID); !ok || !iv.HostedByMe || s.RecordingSettings == nil || s.Health.LastSync.IsZero() {
			t.Fatalf("one-shot snapshot: %+v", s)
		}
		e.Close()
		// The agent starts later and announces the reminder.
		v.start()
		defer v.stop()
		if got := v.reminderKeys(); len(got) != 1 || got[0] != rkey(m.ID, start, -10*time.Minute) {
			t.Errorf("reminders after the one-shot sync: %v", got)
		}
	})
}

// TestSnapshotCacheOnlyWhenChanged: a pass whose answers change nothing
// shown (a Refresh, a page of a date's recordings list) does not write
// snapshot.json again; one that brings news does.
func TestSnapshotCacheOnlyWhenChanged(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: v.at(0, 11, 0)})
		e := v.start()
		defer v.stop()
		v.until(v.now().Add(time.Second))
		path := filepath.Join(v.dirs[2], cacheFile)
		mark := func() {
			f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString("\n\n")
			f.Close()
		}
		marked := func() bool {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			return bytes.HasSuffix(data, []byte("\n\n"))
		}
		mark()
		before := e.Snapshot()
		e.Refresh()
		v.until(v.now().Add(time.Second))
		if n := v.sw.attempts["GET /v2/users/me/upcoming_meetings"]; n != 2 {
			t.Fatalf("upcoming_meetings asked %d times, want twice (the Refresh)", n)
		}
		if !marked() {
			t.Error("snapshot.json written again after a Refresh that changed nothing")
		}
		if s := e.Snapshot(); !s.Health.LastSync.After(before.Health.LastSync) {
			t.Errorf("LastSync %v not moved by the Refresh (was %v)", s.Health.LastSync, before.Health.LastSync)
		}

		v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Grace", StartTime: v.at(0, 13, 0)})
		e.Refresh()
		v.until(v.now().Add(time.Second))
		if marked() {
			t.Error("snapshot.json not written after a Refresh that found a new interview")
		}
	})
}
