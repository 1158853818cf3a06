package window

import (
	"slices"
	"testing"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

const priyaKey = "85746065432@2026-09-14T08:30:00Z/600"

func TestReminderPopup(t *testing.T) {
	// Given a reminder 10 minutes before an interview
	h := newHarness(t, NameReminder)
	h.state(demoState())
	h.golden("reminder.xml")
	h.mustShow("Interview: Priya Raman — Senior Backend Engineer in 10 min", "Starts at 10:30")

	// When the user taps its buttons, the agent acts on that reminder
	h.tap("Join now")
	h.tap("Snooze 5 min")
	h.tap("Dismiss")
	h.wantCalls("join 85746065432", "snooze "+priyaKey+" 5", "dismiss "+priyaKey)

	// When the agent says no reminder is left, the popup closes itself
	st := demoState()
	st.Snapshot.Reminders = nil
	h.state(st)
	if slices.Contains(h.app.Driver().AllWindows(), h.w) {
		t.Error("the popup is still open with no reminder left")
	}
}

func TestReminderPopupShowsAll(t *testing.T) {
	// Given two reminders and hidden names, one window shows both
	h := newHarness(t, NameReminder)
	st := demoState()
	st.Settings.HideNames = true
	st.Settings.Snooze = meetingsync.Duration(10 * 60e9)
	started := meetingsync.Reminder{Key: "k2", MeetingID: idJonah, Topic: "Panel Interview: Jonah Keller",
		StartTime: at(0, 10, 0), Kind: meetingsync.ReminderStarted, Minutes: 5, Snoozed: true, JoinURL: "https://zoom.us/j/1"}
	st.Snapshot.Reminders = append(st.Snapshot.Reminders, started)
	h.state(st)
	h.golden("reminder_two.xml")
	h.mustShow("Interview in 10 min", "Interview started 5 min ago", "Started at 10:00 · snoozed", "Snooze 10 min")
	h.mustNotShow("Priya", "Jonah")
}

func TestReminderPopupOpenedByHand(t *testing.T) {
	// Given the popup opened with no reminder, it says so and stays open
	h := newHarness(t, NameReminder)
	st := demoState()
	st.Snapshot.Reminders = nil
	h.state(st)
	h.mustShow("No reminders right now")
	if !slices.Contains(h.app.Driver().AllWindows(), h.w) {
		t.Fatal("the popup closed itself without having shown a reminder")
	}
	h.tap("Close")
	if slices.Contains(h.app.Driver().AllWindows(), h.w) {
		t.Error("Close did not close the popup")
	}
}

func TestReminderPopupJoinFails(t *testing.T) {
	h := newHarness(t, NameReminder)
	h.state(demoState())
	h.api.fail("join", &localapi.Error{Status: 400, Message: "no meeting 85746065432"})
	h.tap("Join now")
	if h.status() != "Could not join: no meeting 85746065432" {
		t.Errorf("status = %q", h.status())
	}
}
