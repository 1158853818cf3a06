package agent

import (
	"context"
	"slices"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// wizardDesktop is a fakeDesktop whose wizard window can be open.
type wizardDesktop struct {
	*fakeDesktop
	wizard atomic.Bool
}

func (d *wizardDesktop) WindowOpen(name string) bool {
	return name == localapi.WindowWizard && d.wizard.Load()
}

func (d *wizardDesktop) popups() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := 0
	for _, w := range d.windows {
		if w == localapi.WindowReminder {
			n++
		}
	}
	return n
}

// TestReminderPopupWaitsForTheWizard: while the onboarding wizard is open,
// a reminder is a notification only; its popup opens once the wizard
// closed. An interview that starts within 2 minutes pops up at once.
func TestReminderPopupWaitsForTheWizard(t *testing.T) {
	a, fd, _ := newTestAgent(t, func(sim *zoomsim.Sim) {
		if _, err := sim.CreateMeeting(zoomsim.MeetingSpec{Topic: "Interview: Popup", StartTime: time.Now().Add(5 * time.Minute), Duration: 30}); err != nil {
			t.Fatal(err)
		}
	})
	iv := firstInterview(t, a)
	// The popup after the wizard opens only while a reminder is shown: let
	// the engine fire the new interview's.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := a.engine.Start(ctx); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); len(a.engine.Snapshot().Reminders) == 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no reminder fired")
		}
	}
	synctest.Test(t, func(t *testing.T) {
		d := &wizardDesktop{fakeDesktop: fd}
		a.desk = d
		a.notifier = &withdrawingNotifier{}
		now := time.Now()
		a.opts.Now = func() time.Time { return time.Now() }
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()

		d.wizard.Store(true)
		a.popUp(ctx, &meetingsync.Reminder{MeetingID: iv.ID, StartTime: now.Add(10 * time.Minute), Kind: meetingsync.ReminderBefore, Minutes: 10})
		a.popUp(ctx, &meetingsync.Reminder{MeetingID: iv.ID, StartTime: now.Add(5 * time.Minute), Kind: meetingsync.ReminderBefore, Minutes: 5})
		time.Sleep(time.Minute)
		synctest.Wait()
		if n := d.popups(); n != 0 {
			t.Fatalf("%d popups in front of the wizard", n)
		}
		d.wizard.Store(false) // the user closes the wizard
		time.Sleep(wizardPoll)
		synctest.Wait()
		if n := d.popups(); n != 1 {
			t.Errorf("after the wizard closed: %d popups, want 1", n)
		}

		// Within 2 minutes of the start, the popup does not wait.
		d.wizard.Store(true)
		a.popUp(ctx, &meetingsync.Reminder{MeetingID: iv.ID, StartTime: time.Now().Add(90 * time.Second), Kind: meetingsync.ReminderBefore, Minutes: 1})
		if n := d.popups(); n != 2 {
			t.Errorf("an interview 90 s away: %d popups, want 2", n)
		}

		// Without notifications the popup is the reminder: it never waits.
		a.notifier = nil
		a.popUp(ctx, &meetingsync.Reminder{MeetingID: iv.ID, StartTime: time.Now().Add(10 * time.Minute), Kind: meetingsync.ReminderBefore, Minutes: 10})
		if n := d.popups(); n != 3 {
			t.Errorf("without notifications: %d popups, want 3", n)
		}
		cancel()
		synctest.Wait()
	})
	if !slices.Contains(fd.windows, localapi.WindowReminder) {
		t.Error("no reminder window")
	}
}
