package agent

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// TestAlertMemoryAcrossRestart: the alert's memory and the conflicts
// announced outlive the agent: restarted on the same state folder, it
// opens no second alert before the start, a dismissal still stops the
// escalations, and a conflict is not announced again.
func TestAlertMemoryAcrossRestart(t *testing.T) {
	dir := t.TempDir()
	// Given an agent that showed the alerts of A and B (two interviews
	// that overlap), announced their conflict, and whose user dismissed B
	a, _, rs := startedInterviewsIn(t, dir)
	ra, rb := rs[0], rs[1]
	ctx := context.Background()
	notes := a.notifier.(*withdrawingNotifier)
	conflictNotes := func(n *withdrawingNotifier) int {
		n.mu.Lock()
		defer n.mu.Unlock()
		c := 0
		for _, note := range n.shown {
			if strings.HasPrefix(note.Key, "conflicts:") {
				c++
			}
		}
		return c
	}
	a.noteConflicts(ctx)
	if conflictNotes(notes) != 1 {
		t.Fatalf("%d conflict notifications, want 1 (%d conflicts)", conflictNotes(notes), len(meetingsync.Conflicts(a.engine.Snapshot())))
	}
	if _, err := a.Do(ctx, localapi.Command{Name: localapi.CmdAlertDismiss, Key: rb.Key}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "state", alertFile)
	// (On Windows the profile's ACLs protect it, not the mode bits.)
	if fi, err := os.Stat(path); err != nil || (runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600) {
		t.Fatalf("alerts file: %v, %v", fi, err)
	}

	// When the agent restarts on the same state folder
	restart := func() (*Agent, *fakeDesktop, *withdrawingNotifier) {
		t.Helper()
		fd2, notes2 := &fakeDesktop{}, &withdrawingNotifier{}
		a2, err := New(Options{Session: &fakeSession{signedIn: true}, Engine: a.engine, Listener: nopListener{}, Desktop: fd2, StateDir: filepath.Join(dir, "state")})
		if err != nil {
			t.Fatal(err)
		}
		a2.notifier = notes2
		return a2, fd2, notes2
	}
	a2, fd2, notes2 := restart()

	// Then A's alert does not come again, B's escalations open none, and
	// the conflict is not announced again
	if a2.alert(ctx, &ra) {
		t.Error("A's alert came again after the restart")
	}
	if r := withOffset(rb, 2*time.Minute); a2.alert(ctx, &r) {
		t.Error("B's escalation opened the alert after its dismissal and a restart")
	}
	if n := fd2.count(localapi.WindowAlert); n != 0 {
		t.Errorf("%d alerts after the restart", n)
	}
	a2.noteConflicts(ctx)
	if n := conflictNotes(notes2); n != 0 {
		t.Errorf("the conflict was announced again after the restart (%d)", n)
	}
	// A's escalation still comes (A was neither joined nor dismissed)
	if r := withOffset(ra, 2*time.Minute); !a2.alert(ctx, &r) || fd2.count(localapi.WindowAlert) != 1 {
		t.Error("A's escalation did not open the alert after the restart")
	}

	// A file that cannot be read is set aside with a warning, and the
	// agent starts without it: the alert comes again
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	a3, err := New(Options{Session: &fakeSession{signedIn: true}, Engine: a.engine, Listener: nopListener{}, Desktop: &fakeDesktop{},
		StateDir: filepath.Join(dir, "state"), Log: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "alerts") {
		t.Errorf("no warning about the bad file: %s", logs.String())
	}
	bad, _ := filepath.Glob(path + ".bad-*")
	if len(bad) != 1 {
		t.Errorf("the bad file was not set aside: %q", bad)
	}
	if !a3.alert(ctx, &ra) {
		t.Error("with its memory set aside, the agent did not alert")
	}
}

// TestAlertMemoryPruned: occurrences that started more than a day ago
// leave the file.
func TestAlertMemoryPruned(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)
	a, _, _ := newTestAgentIn(t, dir)
	a.opts.Now = func() time.Time { return now }
	old := meetingsync.Reminder{Key: "81@2026-11-22T10:00:00Z/0", StartTime: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}
	fresh := meetingsync.Reminder{Key: "82@2026-11-23T14:00:00Z/0", StartTime: now}
	a.mu.Lock()
	a.memoLocked(old.Key, old.StartTime).shown = true
	a.memoLocked(fresh.Key, fresh.StartTime).shown = true
	a.ready.conflicts = map[string]time.Time{"overlap/old": old.StartTime, "overlap/new": now}
	a.mu.Unlock()
	now = now.Add(5 * time.Hour) // old started 33 h ago
	a.saveAlerts()
	data, err := os.ReadFile(filepath.Join(dir, "state", alertFile))
	if err != nil {
		t.Fatal(err)
	}
	if s := string(data); strings.Contains(s, "81@") || strings.Contains(s, "overlap/old") || !strings.Contains(s, "82@") || !strings.Contains(s, "overlap/new") {
		t.Errorf("alerts file:\n%s", s)
	}
}
