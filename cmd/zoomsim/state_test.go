package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// statePath is a state file's path in a folder that does not exist yet.
func statePath(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "demo", "zoomsim-state.json")
}

// attachedSim is a simulator with its state at path attached, as run makes
// it with --state; warnings go to the returned buffer.
func attachedSim(t *testing.T, path string) (*zoomsim.Sim, *simState, *bytes.Buffer) {
	t.Helper()
	var warnings bytes.Buffer
	st := newSimState(path, &warnings)
	sim, err := zoomsim.New(zoomsim.Options{ClientID: "interviewtray-demo", Seed: "demo", AutoEnd: true, OnChange: st.save})
	if err != nil {
		t.Fatal(err)
	}
	st.attach(sim)
	return sim, st, &warnings
}

func meetingIDsOf(sim *zoomsim.Sim) []int64 {
	var ids []int64
	for _, m := range sim.Meetings() {
		ids = append(ids, m.ID)
	}
	slices.Sort(ids)
	return ids
}

func TestStateKeptAcrossStarts(t *testing.T) {
	path := statePath(t)
	first, _, warnings := attachedSim(t, path)
	if warnings.Len() != 0 {
		t.Errorf("warnings on a first start: %s", warnings)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatalf("no state saved at the start: %v", err)
	}
	if runtime.GOOS != "windows" {
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("state file mode %v, want 0600", fi.Mode().Perm())
		}
		if di, err := os.Stat(filepath.Dir(path)); err != nil || di.Mode().Perm() != 0o700 {
			t.Errorf("state folder: %v, %v", di.Mode().Perm(), err)
		}
	}

	second, _, warnings := attachedSim(t, path)
	if warnings.Len() != 0 {
		t.Errorf("warnings on a restart: %s", warnings)
	}
	if second.User() != first.User() || !slices.Equal(meetingIDsOf(second), meetingIDsOf(first)) {
		t.Error("a restart made a new demo account or week")
	}
	if p1, _ := first.CalendarFeedPath(""); func() bool { p2, _ := second.CalendarFeedPath(""); return p1 != p2 }() {
		t.Error("a restart gave the calendar a new address")
	}
	// No temporary file is left next to it.
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp")); len(left) != 0 {
		t.Errorf("left behind: %q", left)
	}
}

// TestDemoStateOldWeek: a state saved more than 12 hours ago keeps the
// account but gets a new week.
func TestStateOldWeek(t *testing.T) {
	path := statePath(t)
	first, _, _ := attachedSim(t, path)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var tree map[string]any
	if err := json.Unmarshal(data, &tree); err != nil {
		t.Fatal(err)
	}
	tree["saved_at"] = time.Now().Add(-weekKept - time.Hour).UTC().Format(time.RFC3339Nano)
	data, _ = json.Marshal(tree)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}

	second, _, warnings := attachedSim(t, path)
	if warnings.Len() != 0 {
		t.Errorf("warnings: %s", warnings)
	}
	if second.User() != first.User() {
		t.Error("an old state lost the demo account")
	}
	if ids := meetingIDsOf(second); slices.ContainsFunc(ids, func(id int64) bool { return slices.Contains(meetingIDsOf(first), id) }) {
		t.Errorf("an old state kept its week: %v", ids)
	}
}

// TestDemoStateUnusable: a file that cannot be loaded is set aside with a
// warning, and the demo starts afresh.
func TestStateUnusable(t *testing.T) {
	for name, content := range map[string]string{
		"garbage": "{not json",
		"newer":   `{"version": 99}`,
	} {
		t.Run(name, func(t *testing.T) {
			path := statePath(t)
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			sim, _, warnings := attachedSim(t, path)
			if !strings.Contains(warnings.String(), "not usable") || !strings.Contains(warnings.String(), ".bad-") {
				t.Errorf("warning %q", warnings)
			}
			bad, _ := filepath.Glob(path + ".bad-*")
			if len(bad) != 1 {
				t.Fatalf("set aside: %q", bad)
			}
			if kept, _ := os.ReadFile(bad[0]); string(kept) != content {
				t.Errorf("the set-aside copy holds %q", kept)
			}
			// The fresh state was saved over it and loads.
			again, _, warnings := attachedSim(t, path)
			if warnings.Len() != 0 || again.User() != sim.User() {
				t.Errorf("the fresh state did not load: %s", warnings)
			}
		})
	}
}
