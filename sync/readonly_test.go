package sync

import (
	"crypto/sha256"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/sync/internal/cloudlist"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// dirState is every file under root with its mode and content hash.
func dirState(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		v := info.Mode().String()
		if d.Type().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			v += " " + string(sum[:])
		}
		out[p] = v
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReadOnlyOneShotKeepsAgentData: `status` and `doctor` run a one-shot
// engine on the agent's files when no agent runs. An agent that starts
// meanwhile and saves an override must find it after the one-shot engine
// is done: the one-shot engine (ReadOnly) writes nothing at all, not even
// when it syncs, checks the settings, is given a command, or finds a file
// it cannot read. (Without ReadOnly, the one-shot engine's settings check
// and cache write put back the state it had loaded, and the override was
// lost.)
func TestReadOnlyOneShotKeepsAgentData(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		a := v.meeting(zoomsim.MeetingSpec{Topic: "Team sync", StartTime: v.at(0, 11, 0)})
		b := v.meeting(zoomsim.MeetingSpec{Topic: "Design review", StartTime: v.at(0, 13, 0)})
		e := v.start()
		if err := e.Include(a.ID); err != nil {
			t.Fatal(err)
		}
		v.stop() // the agent quits
		write(t, filepath.Join(v.dirs[2], cloudlist.DatePrefix+"2026-03-02.json"), `{"version":1,"recordings":[null`)

		// Given a one-shot engine on the agent's files,
		oneShot, err := New(Options{Client: v.client, StateDir: v.dirs[0], ConfigDir: v.dirs[1], CacheDir: v.dirs[2],
			Now: v.now, Logger: slog.New(slog.DiscardHandler), ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		// and an agent that starts meanwhile and includes another meeting,
		agent := v.start()
		if err := agent.Include(b.ID); err != nil {
			t.Fatal(err)
		}
		v.stop()
		before := dirState(t, filepath.Dir(v.dirs[0]))
		// when the one-shot engine syncs, checks the settings, is told to
		// exclude a meeting and closes,
		if _, err := oneShot.SyncOnce(t.Context()); err != nil {
			t.Fatal(err)
		}
		if _, err := oneShot.CheckSettings(t.Context()); err != nil {
			t.Fatal(err)
		}
		if err := oneShot.Exclude(a.ID); err != nil {
			t.Errorf("Exclude on a read-only engine: %v", err)
		}
		oneShot.Close()
		// then no file changed, and the agent's next start has both overrides.
		after := dirState(t, filepath.Dir(v.dirs[0]))
		for p, s := range after {
			if before[p] != s {
				t.Errorf("the one-shot engine wrote %s", p)
			}
		}
		for p := range before {
			if _, ok := after[p]; !ok {
				t.Errorf("the one-shot engine removed %s", p)
			}
		}
		e = v.start()
		defer v.stop()
		for _, id := range []int64{a.ID, b.ID} {
			if iv, _ := interview(e.Snapshot(), id); iv.Override != OverrideInclude {
				t.Errorf("meeting %d: override %q after the one-shot run, want include", id, iv.Override)
			}
		}
	})
}
