package main

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/localapi"
)

// TestScheduleRescheduleCancelCLI: against the demo agent, `schedule`
// creates the interview and prints its link and passcode; `status --json`
// lists it hosted by the user with its reminders planned; `reschedule`
// moves it (and its reminders); `cancel` removes it, and its reminder,
// due seconds later, never fires.
func TestScheduleRescheduleCancelCLI(t *testing.T) {
	r := newAgentRun(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	r.start(t)
	if _, err := r.watcher.WaitItem(ctx); err != nil {
		t.Fatal(err)
	}

	if err := r.api().SignIn(ctx); err != nil {
		t.Fatal(err)
	}
	r.waitState(t, "signed in and synced", func(s localapi.State) bool {
		return s.Snapshot != nil && s.Snapshot.User != nil
	})

	// schedule --json
	start := time.Now().Add(40 * time.Minute).Truncate(time.Minute)
	out, errOut, code := r.run(t, 60*time.Second, "--demo", "schedule", "--candidate", "Ada Lovelace", "--role", "Engineer",
		"--start", start.Local().Format("2006-01-02 15:04"), "--duration", "45m", "--record", "cloud", "--json")
	if code != 0 {
		t.Fatalf("schedule exited %d\nstderr:\n%s", code, errOut)
	}
	var got scheduledJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("schedule --json printed %q: %v", out, err)
	}
	if got.ID == 0 || got.JoinURL == "" || got.Passcode == "" || !got.StartTime.Equal(start) || got.Topic != "Interview: Ada Lovelace — Engineer" {
		t.Fatalf("schedule --json: %+v", got)
	}
	if !strings.Contains(got.Invitation, "Passcode: "+got.Passcode) || !strings.Contains(got.Invitation, "This interview is recorded.") {
		t.Errorf("invitation:\n%s", got.Invitation)
	}

	// status --json: hosted by me, reminders planned.
	find := func(st statusJSON) *statusInterview {
		for i := range st.Interviews {
			if st.Interviews[i].ID == got.ID {
				return &st.Interviews[i]
			}
		}
		return nil
	}
	iv := find(r.statusJSON(t, "--demo"))
	if iv == nil || !iv.HostedByMe || !iv.StartTime.Equal(start) || len(iv.Reminders) == 0 ||
		!iv.Reminders[0].Due.Equal(start.Add(-10*time.Minute)) {
		t.Fatalf("status --json lists %+v", iv)
	}

	// reschedule: its 10-minute reminder comes due in about 40 seconds.
	moved := time.Now().Add(10*time.Minute + 40*time.Second).UTC().Truncate(time.Second)
	_, errOut, code = r.run(t, 60*time.Second, "--demo", "reschedule", strconv.FormatInt(got.ID, 10),
		"--start", moved.Format(time.RFC3339), "--duration", "30m")
	if code != 0 {
		t.Fatalf("reschedule exited %d\nstderr:\n%s", code, errOut)
	}
	iv = find(r.statusJSON(t, "--demo"))
	if iv == nil || !iv.StartTime.Equal(moved) || iv.Duration != 30 || len(iv.Reminders) == 0 ||
		!iv.Reminders[0].Due.Equal(moved.Add(-10*time.Minute)) {
		t.Fatalf("after reschedule status --json lists %+v", iv)
	}

	// cancel without --yes and without a terminal: nothing happens.
	if _, _, code = r.run(t, 30*time.Second, "--demo", "cancel", strconv.FormatInt(got.ID, 10)); code == 0 {
		t.Error("cancel without --yes, and nobody to ask, went ahead")
	}
	if find(r.statusJSON(t, "--demo")) == nil {
		t.Fatal("the interview went without --yes")
	}
	out, errOut, code = r.run(t, 60*time.Second, "--demo", "cancel", strconv.FormatInt(got.ID, 10), "--yes")
	if code != 0 || !strings.HasPrefix(out, "Cancelled: Interview: Ada Lovelace") {
		t.Fatalf("cancel exited %d, printed %q\nstderr:\n%s", code, out, errOut)
	}
	if iv := find(r.statusJSON(t, "--demo")); iv != nil {
		t.Fatalf("status --json still lists the cancelled interview: %+v", iv)
	}

	// The moved occurrence's reminder was due a few seconds from now:
	// wait past it; it never fires.
	time.Sleep(time.Until(moved.Add(-10*time.Minute + 5*time.Second)))
	if n := countNotes(r.notes.Calls(), "Ada Lovelace"); n != 0 {
		t.Errorf("%d reminders of the cancelled interview were shown", n)
	}

	// A meeting ID that is not the user's: a clear error.
	if _, errOut, code = r.run(t, 30*time.Second, "--demo", "cancel", "123", "--yes"); code == 0 || !strings.Contains(errOut, "no such meeting") {
		t.Errorf("cancel 123: exit %d, %q", code, errOut)
	}
}
