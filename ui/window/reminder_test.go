package window

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

const priyaKey = "85746065432@2026-09-14T08:30:00Z/600"

func TestReminderPopup(t *testing.T) {
	// Given a reminder 10 minutes before an interview
	h := newHarness(t, NameReminder)
	h.now = at(0, 10, 20).In(testZone)
	h.state(demoState())
	h.golden("reminder.xml")
	h.mustShow("Interview: Priya Raman — Senior Backend Engineer in 10 min", "Starts at 10:30")

	// When the user taps its buttons, the agent acts on that reminder:
	// the snoozes are 1, 5 and 10 minutes and until it starts
	h.tap("Join now")
	h.tap("1 min")
	h.tap("5 min")
	h.tap("10 min")
	h.tap("Until it starts")
	h.tap("Dismiss")
	h.wantCalls("join 85746065432", "snooze "+priyaKey+" 1", "snooze "+priyaKey+" 5", "snooze "+priyaKey+" 10",
		"snooze "+priyaKey+" until_start", "dismiss "+priyaKey)

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
	h.now = at(0, 10, 5).In(testZone)
	st := demoState()
	st.Settings.HideNames = true
	st.Settings.Snooze = model.Duration(10 * 60e9)
	started := model.Reminder{Key: "k2", MeetingID: idJonah, Topic: "Panel Interview: Jonah Keller",
		StartTime: at(0, 10, 0), Kind: model.ReminderStarted, Minutes: 5, Snoozed: true, JoinURL: "https://zoom.us/j/1"}
	st.Snapshot.Reminders = append(st.Snapshot.Reminders, started)
	h.state(st)
	h.golden("reminder_two.xml")
	h.mustShow("Interview in 25 min", "Interview started 5 min ago", "Started at 10:00 · snoozed")
	h.mustNotShow("Priya", "Jonah")

	// When one of them goes, the window (grown to fit both, as a window
	// manager grows it) shrinks to the one left: no tall empty space
	// below it
	h.w.Resize(fyne.NewSize(480, 800))
	st.Snapshot.Reminders = st.Snapshot.Reminders[:1]
	h.state(st)
	one, want := h.w.Canvas().Size().Height, h.w.Content().MinSize().Height
	if one >= 800 || one > want+1 {
		t.Errorf("with one reminder left the window is %v high; its content needs %v", one, want)
	}
}

// TestReminderPopupSnoozes: the popup offers 1, 5 and 10 minutes, the
// settings' own snooze when it is another length, and "until it starts"
// only while the interview is at least a minute away.
func TestReminderPopupSnoozes(t *testing.T) {
	for _, tc := range []struct {
		name       string
		now        time.Time
		snooze     time.Duration
		want, none []string
	}{
		{"10 min before", at(0, 10, 20), 5 * time.Minute, []string{"1 min", "5 min", "10 min", "Until it starts"}, nil},
		{"a 15 min setting", at(0, 10, 20), 15 * time.Minute, []string{"1 min", "5 min", "10 min", "15 min", "Until it starts"}, nil},
		{"40 s before", at(0, 10, 29).Add(20 * time.Second), 5 * time.Minute, []string{"1 min", "5 min", "10 min"}, []string{"Until it starts"}},
		{"after the start", at(0, 10, 32), 5 * time.Minute, []string{"1 min", "5 min", "10 min"}, []string{"Until it starts"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, NameReminder)
			h.now = tc.now.In(testZone)
			st := demoState()
			st.Settings.Snooze = model.Duration(tc.snooze)
			h.state(st)
			for _, b := range tc.want {
				if !h.hasButton(b) {
					t.Errorf("no %q button; texts %q", b, texts(h.w))
				}
			}
			for _, b := range tc.none {
				if h.hasButton(b) {
					t.Errorf("a %q button", b)
				}
			}
		})
	}
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

// TestReminderPopupCountsDown: the popup's "in 10 min" follows the clock
// at each minute boundary, through the start and after it.
func TestReminderPopupCountsDown(t *testing.T) {
	// Given the 10-minute reminder for 10:30, shown at 10:20
	h := newHarness(t, NameReminder)
	h.now = at(0, 10, 20).In(testZone)
	h.state(demoState())
	ticker, ok := h.sh.scr.(minuteTicker)
	if !ok {
		t.Fatal("the reminder popup does not follow the minute boundaries")
	}
	const topic = "Interview: Priya Raman — Senior Backend Engineer"
	h.mustShow(topic+" in 10 min", "Starts at 10:30")

	// When the minutes pass, the headline counts down, then up
	for _, tt := range []struct {
		h, m, s    int
		want, when string
	}{
		{10, 21, 0, "in 9 min", "Starts at 10:30"},
		{10, 29, 0, "in 1 min", "Starts at 10:30"},
		{10, 30, 0, "starting now", "Started at 10:30"},
		{10, 30, 59, "starting now", "Started at 10:30"},
		{10, 33, 0, "started 3 min ago", "Started at 10:30"},
	} {
		h.now = time.Date(2026, 9, 14, tt.h, tt.m, tt.s, 0, testZone)
		ticker.tick()
		h.mustShow(topic+" "+tt.want, tt.when)
		if h.has("in 10 min") {
			t.Errorf("at %s the popup still says in 10 min", h.now.Format("15:04:05"))
		}
	}
}
