package agent

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// TestReminderNotificationSnoozes: a reminder's notification offers Join
// and the snoozes of 1, 5 and 10 minutes and "until it starts" (before the
// start only), the settings' snooze first, each button mapped to its
// command, at most five buttons.
func TestReminderNotificationSnoozes(t *testing.T) {
	start := time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)
	untilStart := localapi.Command{Name: localapi.CmdSnooze, Key: "k1", Mode: localapi.SnoozeUntilStart}
	snooze := func(m int) localapi.Command { return localapi.Command{Name: localapi.CmdSnooze, Key: "k1", Minutes: m} }
	for _, tc := range []struct {
		name   string
		now    time.Time
		snooze time.Duration
		keys   []string
	}{
		{"10 min before", start.Add(-10 * time.Minute), 5 * time.Minute, []string{"join", "snooze:5", "snooze:start", "snooze:1", "snooze:10"}},
		{"a 10 min setting", start.Add(-10 * time.Minute), 10 * time.Minute, []string{"join", "snooze:10", "snooze:start", "snooze:1", "snooze:5"}},
		{"a 15 min setting: five buttons", start.Add(-10 * time.Minute), 15 * time.Minute, []string{"join", "snooze:15", "snooze:start", "snooze:1", "snooze:5"}},
		{"30 s before", start.Add(-30 * time.Second), 5 * time.Minute, []string{"join", "snooze:5", "snooze:1", "snooze:10"}},
		{"started", start.Add(2 * time.Minute), 5 * time.Minute, []string{"join", "snooze:5", "snooze:1", "snooze:10"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, _, _ := newTestAgent(t)
			a.opts.Now = func() time.Time { return tc.now }
			s := a.engine.Settings()
			s.Snooze = meetingsync.Duration(tc.snooze)
			if err := a.engine.UpdateSettings(s); err != nil {
				t.Fatal(err)
			}
			ev := meetingsync.Event{Kind: meetingsync.EventReminder, Reminder: &meetingsync.Reminder{
				Key: "k1", MeetingID: 42, Topic: "Interview: Ada", StartTime: start, Kind: meetingsync.ReminderBefore, Minutes: 10}}
			n, cmds, ok := a.notification(ev)
			if !ok {
				t.Fatal("no notification")
			}
			var keys []string
			for _, b := range n.Buttons {
				keys = append(keys, b.Key)
				if _, ok := cmds[b.Key]; !ok {
					t.Errorf("button %q does nothing", b.Key)
				}
			}
			if !slices.Equal(keys, tc.keys) {
				t.Errorf("buttons %q, want %q", keys, tc.keys)
			}
			for key, want := range map[string]localapi.Command{"snooze:1": snooze(1), "snooze:5": snooze(5), "snooze:start": untilStart} {
				if got, ok := cmds[key]; ok && got != want {
					t.Errorf("%s = %+v, want %+v", key, got, want)
				}
			}
			for _, b := range n.Buttons {
				if b.Key == "snooze:start" && b.Label != "Snooze until it starts" || b.Key == "snooze:1" && b.Label != "Snooze 1 min" {
					t.Errorf("button %+v", b)
				}
			}
		})
	}
}

// TestSnoozeUntilStart: "Snooze until it starts" on a reminder's
// notification hides the reminder until the interview starts; an
// interview that has started has no such snooze.
func TestSnoozeUntilStart(t *testing.T) {
	dir := t.TempDir()
	a, _, _ := newTestAgentIn(t, dir, func(sim *zoomsim.Sim) {
		if _, err := sim.CreateMeeting(zoomsim.MeetingSpec{Topic: "Interview: Soon", StartTime: time.Now().Add(9*time.Minute + 30*time.Second), Duration: 45}); err != nil {
			t.Fatal(err)
		}
		if _, err := sim.CreateMeeting(zoomsim.MeetingSpec{Topic: "Interview: Begun", StartTime: time.Now().Add(-30 * time.Second), Duration: 45}); err != nil {
			t.Fatal(err)
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := a.engine.Start(ctx); err != nil {
		t.Fatal(err)
	}
	shown := func(topic string) (meetingsync.Reminder, bool) {
		for _, r := range a.engine.Snapshot().Reminders {
			if r.Topic == topic {
				return r, true
			}
		}
		return meetingsync.Reminder{}, false
	}
	var soon, begun meetingsync.Reminder
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		var ok1, ok2 bool
		soon, ok1 = shown("Interview: Soon")
		begun, ok2 = shown("Interview: Begun")
		if ok1 && ok2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("reminders %+v", a.engine.Snapshot().Reminders)
		}
	}

	// Given the notification of the 10-minute reminder
	n, cmds, _ := a.notification(meetingsync.Event{Kind: meetingsync.EventReminder, Reminder: &soon})
	a.mu.Lock()
	a.notes[n.Key] = cmds
	a.mu.Unlock()
	// When the user snoozes it until the start, it is gone until then
	a.onNotificationAction(n.Key, "snooze:start")
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if _, ok := shown("Interview: Soon"); !ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the reminder snoozed until the start is still shown")
		}
	}
	var st struct {
		Reminders struct {
			Snoozed map[string]time.Time `json:"snoozed"`
		} `json:"reminders"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "state", "state.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &st); err != nil {
		t.Fatal(err)
	}
	if until := st.Reminders.Snoozed[soon.Key]; until.Sub(soon.StartTime).Abs() > 2*time.Second {
		t.Errorf("snoozed until %v, want the start %v", until, soon.StartTime)
	}

	// An interview that has started cannot be snoozed until it starts
	if _, err := a.Do(ctx, localapi.Command{Name: localapi.CmdSnooze, Key: begun.Key, Mode: localapi.SnoozeUntilStart}); err == nil {
		t.Error("snoozed until the start an interview that has started")
	}
	if _, err := a.Do(ctx, localapi.Command{Name: localapi.CmdSnooze, Key: begun.Key, Mode: "forever"}); err == nil {
		t.Error("an unknown snooze mode was accepted")
	}
	if _, ok := shown("Interview: Begun"); !ok {
		t.Error("a refused snooze hid the reminder")
	}
}
