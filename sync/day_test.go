package sync

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/sync/internal/zoomfolder"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// TestDayOfEightInterviews runs a whole day: eight interviews (one hosted
// by a recruiter who invited the user, one where the user is an
// alternative host, two back to back), a meeting that is not an interview,
// cloud recordings ready an hour after each end, two local recordings. It
// checks every reminder fires once and on time, every recording is
// announced once, and the day costs at most 300 Zoom calls.
func TestDayOfEightInterviews(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		loc := mustLoc(t, "America/New_York")
		start := time.Date(2026, 3, 3, 0, 0, 0, 0, loc)
		v := newEnv(t, zoomsim.Options{AutoEnd: true, RecordingDelay: time.Hour, TokenTTL: time.Hour}, start, loc)
		me := v.sim.User()

		type plan struct {
			hh, mm  int
			host    string
			invited bool
			alt     string
			join    bool // the user joins through the app at the start
		}
		plans := []plan{
			{9, 0, "me", false, "", true},
			{10, 0, "me", false, "", false},
			{11, 0, "me", false, "", true},
			{13, 0, "other", true, "", false},
			{14, 0, "other", false, me.Email, true},
			{15, 0, "me", false, "", false},
			{16, 0, "me", false, "", true},
			{16, 45, "me", false, "", false},
		}
		type iv struct {
			plan
			id    int64
			start time.Time
		}
		var ivs []iv
		for i, p := range plans {
			s := v.at(0, p.hh, p.mm)
			m := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: candidate " + string(rune('A'+i)), StartTime: s,
				Host: p.host, Invited: p.invited, AlternativeHosts: p.alt})
			ivs = append(ivs, iv{plan: p, id: m.ID, start: s})
		}
		standup := v.meeting(zoomsim.MeetingSpec{Topic: "Team standup", StartTime: v.at(0, 12, 0), Duration: 15})

		e := v.start()
		defer v.stop()

		// Given the first sync, the agenda knows every meeting and who hosts what.
		snap := e.Snapshot()
		if snap.User == nil || snap.User.Email != me.Email {
			t.Fatalf("user %+v", snap.User)
		}
		if got, ok := interview(snap, standup.ID); !ok || got.IsInterview {
			t.Errorf("standup: %+v (want listed, not an interview)", got)
		}
		v.until(v.at(0, 8, 0)) // details are fetched within 24 h of the start
		snap = e.Snapshot()
		for _, x := range ivs {
			got, ok := interview(snap, x.id)
			if !ok || !got.IsInterview {
				t.Fatalf("interview %d missing: %+v", x.id, got)
			}
			wantHosted := x.host == "me" || x.alt != ""
			if got.HostedByMe != wantHosted || got.NeedsHostPermission == wantHosted || !got.HostKnown {
				t.Errorf("%s: hosted_by_me %v needs_host_permission %v host_known %v, want hosted %v",
					got.Topic, got.HostedByMe, got.NeedsHostPermission, got.HostKnown, wantHosted)
			}
			if wantHosted && got.Passcode == "" {
				t.Errorf("%s: no passcode for a meeting the user can host", got.Topic)
			}
		}
		if !hasProblem(snap, ActionOpenAgenda) {
			t.Error("no problem about the interview someone else hosts")
		}

		// When the day passes, the user joins some interviews right at
		// their start, and records two of them to the computer.
		folderA := filepath.Join(v.folder, v.at(0, 9, 1).In(loc).Format(zoomfolder.TimeLayout)+" Interview_ candidate A")
		folderH := filepath.Join(v.folder, v.at(0, 16, 46).In(loc).Format(zoomfolder.TimeLayout)+" Interview_ candidate H")
		type action struct {
			at time.Time
			do func()
		}
		var actions []action
		for _, x := range ivs {
			if x.join {
				actions = append(actions, action{x.start.Add(30 * time.Second), func() {
					if err := e.Joined(x.id); err != nil {
						t.Error(err)
					}
				}})
			}
		}
		actions = append(actions,
			action{v.at(0, 9, 50), func() { write(t, filepath.Join(folderA, "double_click_to_convert_01.zoom"), "x") }},
			action{v.at(0, 9, 52), func() {
				var found bool
				for _, r := range e.Snapshot().Recordings {
					if r.Kind == KindLocal && r.MeetingID == ivs[0].id {
						found = r.State == RecConverting
					}
				}
				if !found || len(v.eventsOf(EventLocalRecordingReady)) != 0 {
					t.Errorf("converting local recording: found %v, events %d", found, len(v.eventsOf(EventLocalRecordingReady)))
				}
			}},
			action{v.at(0, 10, 5), func() {
				if err := os.Remove(filepath.Join(folderA, "double_click_to_convert_01.zoom")); err != nil {
					t.Error(err)
				}
				write(t, filepath.Join(folderA, "video1.mp4"), "x")
				write(t, filepath.Join(folderA, "audio1.m4a"), "x")
			}},
			action{v.at(0, 17, 40), func() { write(t, filepath.Join(folderH, "video1.mp4"), "x") }},
		)
		slices.SortFunc(actions, func(a, b action) int { return a.at.Compare(b.at) })
		for _, a := range actions {
			v.until(a.at)
			a.do()
		}
		v.until(start.Add(24 * time.Hour))

		// Then every reminder fired once, on time; joined interviews got no nags.
		fired := map[string]int{}
		var maxLate time.Duration
		for _, ev := range v.eventsOf(EventReminder) {
			r := ev.Reminder
			fired[r.Key]++
			late := r.FiredAt.Sub(r.Due)
			maxLate = max(maxLate, late)
			if late < 0 || late > time.Second {
				t.Errorf("reminder %s fired %v after it was due", r.Key, late)
			}
		}
		t.Logf("reminders fired: %d, latest by %v", len(v.eventsOf(EventReminder)), maxLate)
		want := 0
		for _, x := range ivs {
			offs := []time.Duration{-10 * time.Minute, -time.Minute, 0}
			if !x.join {
				offs = append(offs, 2*time.Minute, 5*time.Minute, 10*time.Minute)
			}
			for _, off := range offs {
				want++
				if n := fired[rkey(x.id, x.start, off)]; n != 1 {
					t.Errorf("reminder %s fired %d times", rkey(x.id, x.start, off), n)
				}
			}
		}
		if len(fired) != want {
			t.Errorf("%d reminders fired, want %d: %v", len(fired), want, fired)
		}

		// And each cloud recording of an interview the user hosts was announced once, with its links.
		ready := map[string]int{}
		for _, ev := range v.eventsOf(EventRecordingReady) {
			ready[ev.Recording.MeetingUUID]++
			r := ev.Recording
			if r.Links.Watch == "" || r.Links.Listen == "" || r.Links.Transcript == "" || r.Links.Share == "" || r.Passcode == "" {
				t.Errorf("recording of %s lacks links: %+v", r.Topic, r.Links)
			}
		}
		if len(ready) != 6 {
			t.Errorf("%d cloud recordings announced, want 6 (the interviews the user hosts): %v", len(ready), ready)
		}
		for u, n := range ready {
			if n != 1 {
				t.Errorf("recording %s announced %d times", u, n)
			}
		}
		local := v.eventsOf(EventLocalRecordingReady)
		if len(local) != 2 || local[0].Recording.MeetingID != ivs[0].id || local[1].Recording.MeetingID != ivs[7].id {
			t.Errorf("local recordings announced: %+v", local)
		}
		snap = e.Snapshot()
		nCloud, nLocal := 0, 0
		for _, r := range snap.Recordings {
			switch {
			case r.Kind == KindCloud && r.State == RecReady:
				nCloud++
			case r.Kind == KindLocal && r.State == RecReady:
				nLocal++
			}
		}
		if nCloud != 6 || nLocal != 2 {
			t.Errorf("snapshot recordings: %d cloud and %d local ready, want 6 and 2", nCloud, nLocal)
		}

		// And the day cost at most 300 Zoom calls.
		total, per := v.apiCalls()
		t.Logf("Zoom API calls for the day: %d%s", total, breakdown(per))
		t.Logf("token refreshes: %d", v.sim.Stats().TokenRefreshes)
		if total > 300 {
			t.Errorf("%d Zoom calls in a day, budget 300", total)
		}
	})
}
