package window

import (
	"context"
	"slices"
	"sync"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// priyaNow is the key of Priya's "starting now" reminder.
const priyaNow = "85746065432@2026-09-14T08:30:00Z/0"

// alertAPI records the commands sent through Do whole (the alert sends all
// of its commands that way).
type alertAPI struct {
	*fakeAPI
	mu   sync.Mutex
	cmds []localapi.Command
}

func (c *alertAPI) Do(ctx context.Context, cmd localapi.Command) (localapi.Result, error) {
	c.mu.Lock()
	c.cmds = append(c.cmds, cmd)
	c.mu.Unlock()
	return c.fakeAPI.Do(ctx, cmd)
}

func (c *alertAPI) sent() []localapi.Command {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.cmds)
}

// alertState is demoState at Priya's start: her "starting now" reminder
// is shown, with her readiness.
func alertState() localapi.State {
	st := demoState()
	r := st.Snapshot.Reminders[0]
	r.Key, r.Kind, r.Minutes, r.Due = priyaNow, meetingsync.ReminderNow, 0, r.StartTime
	st.Snapshot.Reminders = []meetingsync.Reminder{r}
	st.Readiness = []meetingsync.InterviewReadiness{{
		Key: meetingsync.ReminderOccurrence(priyaNow), MeetingID: idPriya, StartTime: r.StartTime,
		Lines: []meetingsync.ReadinessLine{
			{Kind: meetingsync.ReadyHost, Severity: meetingsync.SeverityOK, Text: "You host this interview."},
			{Kind: meetingsync.ReadyDisk, Severity: meetingsync.SeverityWarn, Text: "Only 120 MB free in the recording folder.",
				Action: meetingsync.ActionCheckFolder, Label: "Choose folder"},
			{Kind: meetingsync.ReadyConsent, Severity: meetingsync.SeverityInfo, Text: "Tell the candidate the interview is recorded."},
		},
	}}
	return st
}

func newAlertHarness(t *testing.T) (*harness, *alertAPI) {
	t.Helper()
	h := newHarness(t, NameAlert)
	api := &alertAPI{fakeAPI: h.api}
	h.sh.deps.api = api
	h.now = at(0, 10, 29).In(testZone).Add(20e9) // 10:29:20
	return h, api
}

func isOpen(h *harness) bool { return slices.Contains(h.app.Driver().AllWindows(), h.w) }

func TestAlertShowsTheInterview(t *testing.T) {
	// Given Priya's interview starts in 40 s
	h, _ := newAlertHarness(t)
	h.state(alertState())

	// Then the alert covers the screen and shows what, when, who hosts and
	// the readiness, with its buttons
	if !h.w.FullScreen() {
		t.Error("the alert is not full screen")
	}
	h.mustShow("Interview: Priya Raman — Senior Backend Engineer", "Starts at 10:30 · in 1 min",
		"You host this interview.", "Only 120 MB free", "Tell the candidate the interview is recorded.")
	for _, b := range []string{"Join (Enter)", "1 min", "5 min", "10 min", "Dismiss (Esc)", "Choose folder"} {
		if !h.hasButton(b) {
			t.Errorf("no %q button", b)
		}
	}
	// Less than a minute before the start, "until it starts" is no snooze
	if h.hasButton("Until it starts") {
		t.Error(`"Until it starts" offered 40 s before the start`)
	}

	// At the start it is starting now; when the minute passes, the
	// countdown follows
	h.now = at(0, 10, 30).In(testZone)
	h.sh.scr.(minuteTicker).tick()
	h.mustShow("Starts at 10:30 · starting now")
	h.now = at(0, 10, 31).In(testZone)
	h.sh.scr.(minuteTicker).tick()
	h.mustShow("Started at 10:30 · 1 min ago")
}

func TestAlertHidesNames(t *testing.T) {
	h, _ := newAlertHarness(t)
	st := alertState()
	st.Settings.HideNames = true
	h.state(st)
	h.mustShow("Interview", "Starts at 10:30")
	h.mustNotShow("Priya")
}

func TestAlertButtons(t *testing.T) {
	for _, tc := range []struct {
		name  string
		press func(h *harness)
		want  localapi.Command
	}{
		{"join", func(h *harness) { h.tap("Join (Enter)") }, localapi.Command{Name: localapi.CmdJoin, MeetingID: idPriya}},
		{"enter", func(h *harness) { typeKey(h, fyne.KeyReturn) }, localapi.Command{Name: localapi.CmdJoin, MeetingID: idPriya}},
		{"escape", func(h *harness) { typeKey(h, fyne.KeyEscape) }, localapi.Command{Name: localapi.CmdAlertDismiss, Key: priyaNow}},
		{"dismiss", func(h *harness) { h.tap("Dismiss (Esc)") }, localapi.Command{Name: localapi.CmdAlertDismiss, Key: priyaNow}},
		{"snooze 5", func(h *harness) { h.tap("5 min") }, localapi.Command{Name: localapi.CmdAlertSnooze, Key: priyaNow, Minutes: 5}},
		{"until start", func(h *harness) {
			h.now = at(0, 10, 25).In(testZone)
			h.state(alertState())
			h.tap("Until it starts")
		}, localapi.Command{Name: localapi.CmdAlertSnooze, Key: priyaNow, Minutes: 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Given the alert on screen
			h, api := newAlertHarness(t)
			h.state(alertState())
			// When the user presses the button or key, the agent gets
			// the command, and the alert closes
			tc.press(h)
			if got := api.sent(); len(got) != 1 || got[0] != tc.want {
				t.Errorf("commands = %+v, want %+v", got, tc.want)
			}
			if isOpen(h) {
				t.Error("the alert is still open")
			}
		})
	}
}

func typeKey(h *harness, k fyne.KeyName) {
	h.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k})
	h.settle()
}

func TestAlertFailedCommandStaysOpen(t *testing.T) {
	h, _ := newAlertHarness(t)
	h.api.fail(localapi.CmdJoin, &localapi.Error{Message: "Zoom gave no join link"})
	h.state(alertState())
	typeKey(h, fyne.KeyEnter)
	if !isOpen(h) {
		t.Fatal("the alert closed although Join failed")
	}
	h.mustShow("Could not join: Zoom gave no join link")
}

func TestAlertClosesWhenTheReminderGoes(t *testing.T) {
	// Given the alert on screen
	h, _ := newAlertHarness(t)
	h.state(alertState())
	// When the 10-minute reminder is all that is left (the alert's was
	// answered elsewhere: the popup, a notification), the alert closes
	st := alertState()
	st.Snapshot.Reminders = demoState().Snapshot.Reminders
	st.Snapshot.Reminders[0].Key = "85746065432@2026-09-14T08:30:00Z/-600"
	h.state(st)
	if isOpen(h) {
		t.Error("the alert is still open with no reminder for it")
	}
}

func TestAlertOpenedWithNothingToShow(t *testing.T) {
	h, _ := newAlertHarness(t)
	st := alertState()
	st.Snapshot.Reminders = nil
	h.state(st)
	h.mustShow("No interview is starting")
	typeKey(h, fyne.KeyEscape) // nothing to dismiss
	if !isOpen(h) {
		t.Error("Esc closed the empty alert through a dismiss")
	}
}

// TestReadinessInPopupAndAgenda: the reminder popup shows the warnings
// and the consent line, the agenda the warnings (an overlap among them),
// each with its button.
func TestReadinessInPopupAndAgenda(t *testing.T) {
	st := demoState()
	occ := meetingsync.ReminderOccurrence(st.Snapshot.Reminders[0].Key)
	st.Readiness = []meetingsync.InterviewReadiness{{Key: occ, MeetingID: idPriya, Lines: []meetingsync.ReadinessLine{
		{Kind: meetingsync.ReadyHost, Severity: meetingsync.SeverityOK, Text: "You host this interview."},
		{Kind: meetingsync.ReadyOverlap, Severity: meetingsync.SeverityWarn, Text: "Overlaps the interview you host at 10:45.",
			Action: meetingsync.ActionOpenAgenda, Label: "Show"},
		{Kind: meetingsync.ReadyPlan, Severity: meetingsync.SeverityWarn, Text: "Your Zoom account is Basic (free).",
			Action: meetingsync.ActionOpenURL, Label: "Zoom plans", URL: meetingsync.ZoomPlansURL},
		{Kind: meetingsync.ReadyConsent, Severity: meetingsync.SeverityInfo, Text: "Tell the candidate the interview is recorded."},
	}}}

	popup := newHarness(t, NameReminder)
	popup.now = at(0, 10, 20).In(testZone)
	popup.state(st)
	popup.mustShow("Overlaps the interview you host at 10:45.", "Your Zoom account is Basic (free).", "Tell the candidate the interview is recorded.")
	popup.mustNotShow("You host this interview.")
	popup.tap("Zoom plans")
	popup.wantCalls("open_link " + meetingsync.ZoomPlansURL)

	agenda := newHarness(t, NameAgenda)
	agenda.state(st)
	agenda.mustShow("Overlaps the interview you host at 10:45.")
	agenda.mustNotShow("Tell the candidate the interview is recorded.", "You host this interview.")
	agenda.tap("Show")
	agenda.wantCalls("open_window agenda")
}
