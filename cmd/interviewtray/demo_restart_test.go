package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// zoomInterviewIDs are the IDs of the snapshot's interviews that come from
// Zoom (not from the calendar), sorted.
func zoomInterviewIDs(s *meetingsync.Snapshot) []int64 {
	var ids []int64
	for _, iv := range s.Interviews {
		if iv.Source != meetingsync.SourceCalendar {
			ids = append(ids, iv.ID)
		}
	}
	slices.Sort(ids)
	return ids
}

// waitSynced waits until the agent started after since has synced with the
// simulator, or has given up on its sign-in.
func (r *agentRun) waitSynced(t *testing.T, pid int, since time.Time) localapi.State {
	t.Helper()
	return r.waitState(t, "a sync of the restarted agent", func(s localapi.State) bool {
		return s.Agent.PID != pid && s.Snapshot != nil &&
			(s.Snapshot.Health.SignedOut || !s.Agent.SignedIn || s.Snapshot.Health.LastSync.After(since))
	})
}

// TestDemoRestartStaysSignedIn signs the demo agent in, stops it (SIGTERM,
// then kill -9 after the simulator rotated the tokens) and starts it again:
// it stays signed in with the same interviews, as with Zoom.
func TestDemoRestartStaysSignedIn(t *testing.T) {
	r := newAgentRun(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()

	agent := r.start(t)
	item, err := r.watcher.WaitItem(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r.waitMenu(t, item.Sender, "Sign in with Zoom")
	if err := r.api().SignIn(ctx); err != nil {
		t.Fatal(err)
	}
	st := r.waitState(t, "the demo interviews", func(s localapi.State) bool {
		return s.Snapshot != nil && s.Snapshot.User != nil && len(zoomInterviewIDs(s.Snapshot)) > 3
	})
	ids, user := zoomInterviewIDs(st.Snapshot), st.Snapshot.User.ID
	tokens := simTokens(t, r.simURL)

	statePath := filepath.Join(r.home, ".local", "state", "interviewtray", "demo", demoStateName)
	if fi, err := os.Stat(statePath); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the simulator's state file: %v", err)
	}

	restart := func(how string, prev *exec.Cmd) *exec.Cmd {
		t.Helper()
		if how == "SIGTERM" {
			prev.Process.Signal(syscall.SIGTERM)
		} else {
			prev.Process.Signal(syscall.SIGKILL)
		}
		prev.Wait()
		since := time.Now()
		next := r.start(t)
		st := r.waitSynced(t, prev.Process.Pid, since)
		if !st.Agent.SignedIn || st.Snapshot.Health.SignedOut || st.Agent.SignedOutReason != "" {
			t.Fatalf("after %s and a restart: signed in %v, reason %q (%s)", how, st.Agent.SignedIn,
				st.Agent.SignedOutReason, st.Agent.SignedOutMessage)
		}
		if st.Snapshot.User == nil || st.Snapshot.User.ID != user {
			t.Errorf("after %s: user %+v, want %s", how, st.Snapshot.User, user)
		}
		if got := zoomInterviewIDs(st.Snapshot); !slices.Equal(got, ids) {
			t.Errorf("after %s: interviews %v, want %v", how, got, ids)
		}
		return next
	}

	// A clean stop saves the simulator's state; the next start uses it.
	agent = restart("SIGTERM", agent)

	// The access token expires at the simulator: the agent refreshes, and
	// the simulator saves the rotated refresh token before handing it out,
	// so kill -9 right after loses nothing.
	before := simStats(t, r.simURL).TokenRefreshes
	oldExpiry := r.waitState(t, "a token", func(s localapi.State) bool { return s.Agent.TokenExpiresAt != nil }).Agent.TokenExpiresAt
	post(t, r.simURL+"/_sim/tokens/expire")
	refreshed := time.Now()
	if err := r.api().Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	// Wait until the agent uses the new token (it stores a token in the
	// keychain before it uses it): a kill before then would lose it with
	// Zoom too.
	r.waitState(t, "the refreshed token in use", func(s localapi.State) bool {
		return s.Agent.TokenExpiresAt != nil && !s.Agent.TokenExpiresAt.Equal(*oldExpiry) &&
			s.Snapshot != nil && s.Snapshot.Health.LastSync.After(refreshed)
	})
	if simStats(t, r.simURL).TokenRefreshes == before {
		t.Fatal("the agent never refreshed its token")
	}
	tokens = append(tokens, simTokens(t, r.simURL)...)
	agent = restart("kill -9", agent)
	tokens = append(tokens, simTokens(t, r.simURL)...)

	// The state file holds no token, nor does any other file.
	scanFiles(t, r.home, slices.DeleteFunc(tokens, func(tok zoomsim.TokenInfo) bool { return tok.Value == "" }))
	_ = agent
}
