package window

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

func TestAgenda(t *testing.T) {
	// Given the agent's state at 10:18 on Monday
	h := newHarness(t, NameAgenda)
	h.state(demoState())

	// Then today's and tomorrow's interviews show, by day, with countdowns
	// and badges; the other meeting and the ended one do not
	h.golden("agenda.xml")
	h.mustShow("Today · Monday 14 September", "Tomorrow · Tuesday 15 September",
		"Interview: Priya Raman — Senior Backend Engineer", "in 12 min", "You host it",
		"Panel Interview: Jonah Keller — Principal Engineer", "in 3 h 12 min", "Someone else hosts it",
		"Interview: Marcus Chen — Staff SRE (System Design)",
		"Up to date with Zoom · last sync 10:17 (1 min ago)",
		"\"Record to computer files\" is off in Zoom")
	h.mustNotShow("Platform Team Weekly Sync", "Ravi Patel")
	if h.w.Title() != "Interviews — Interview Tray" {
		t.Errorf("title %q", h.w.Title())
	}

	// When the user taps Join on the first interview, the agent joins it
	h.tap("Join")
	h.wantCalls("join 85746065432")
	if h.status() != "" {
		t.Errorf("status after a good join = %q", h.status())
	}

	// When the user copies the meeting ID and passcode, they are on the
	// clipboard as Zoom writes them
	h.tap("Copy ID + passcode")
	if got := h.app.Clipboard().Content(); got != "Meeting ID: 857 4606 5432\nPasscode: 738201" {
		t.Errorf("clipboard = %q", got)
	}
	if h.status() != "Copied the meeting ID and passcode." {
		t.Errorf("status = %q", h.status())
	}
}

func TestAgendaJoinFails(t *testing.T) {
	h := newHarness(t, NameAgenda)
	h.state(demoState())
	h.api.fail("join", &localapi.Error{Status: 400, Message: `Zoom gave no join link for "x"`})
	join := h.button("Join")
	test.Tap(join)
	if !join.Disabled() || h.status() != "Opening the meeting in Zoom…" {
		t.Errorf("while joining: button disabled %v, status %q", join.Disabled(), h.status())
	}
	h.settle()
	if h.status() != `Could not join: Zoom gave no join link for "x"` || h.sh.status.Importance != widget.DangerImportance {
		t.Errorf("status = %q (%v)", h.status(), h.sh.status.Importance)
	}
	if join.Disabled() {
		t.Error("Join stays disabled after the failure")
	}
}

func TestAgendaOtherMeetings(t *testing.T) {
	h := newHarness(t, NameAgenda)
	h.state(demoState())

	// When the user shows all meetings, the other meeting appears, and
	// every meeting gets an Interview box
	toggle(h.check("Show all meetings"))
	h.golden("agenda_all.xml")
	h.mustShow("Platform Team Weekly Sync")
	var boxes []*widget.Check
	walk(h.w, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && c.Text == "Interview" {
			boxes = append(boxes, c)
		}
	})
	if len(boxes) != 4 {
		t.Fatalf("%d Interview boxes, want 4", len(boxes))
	}
	want := []bool{true, true, false, true} // Priya, Jonah, the sync, Marcus
	for i, c := range boxes {
		if c.Checked != want[i] {
			t.Errorf("box %d checked %v, want %v", i, c.Checked, want[i])
		}
	}

	// When the user ticks the other meeting and unticks an interview, the
	// agent overrides the rules for each
	toggle(boxes[2])
	h.settle()
	toggle(boxes[0])
	h.settle()
	h.wantCalls("override 89911122233 include", "override 85746065432 exclude")

	// When the agent refuses, the box goes back to what the agent says
	h.api.fail("override", &localapi.Error{Status: 400, Message: "no meeting 1"})
	toggle(h.check("Show all meetings"))
	toggle(h.check("Show all meetings"))
	var sync *widget.Check
	walk(h.w, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && c.Text == "Interview" && !c.Checked && sync == nil {
			sync = c
		}
	})
	toggle(sync)
	h.settle()
	if h.status() != "Could not change the meeting: no meeting 1" {
		t.Errorf("status = %q", h.status())
	}
	unchecked := 0
	walk(h.w, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && c.Text == "Interview" && !c.Checked {
			unchecked++
		}
	})
	if unchecked != 1 {
		t.Errorf("%d unticked boxes after a refused change, want 1 (the agent's view)", unchecked)
	}

	// When the user hides the other meetings again, it is gone
	toggle(h.check("Show all meetings"))
	h.mustNotShow("Platform Team Weekly Sync")
}

func TestAgendaCountdownAtMinuteBoundaries(t *testing.T) {
	h := newHarness(t, NameAgenda)
	h.state(demoState())
	h.mustShow("in 12 min")

	tests := []struct {
		now  time.Time
		want string
	}{
		{at(0, 10, 25), "in 5 min"},
		{at(0, 10, 30), "starting now"},
		{at(0, 10, 34), "started 4 min ago"},
	}
	for _, tt := range tests {
		h.now = tt.now.In(testZone)
		h.sh.scr.(minuteTicker).tick()
		if !h.has(tt.want) {
			t.Errorf("at %s the agenda does not show %q: %q", h.now.Format("15:04"), tt.want, texts(h.w))
		}
	}
	// Once it is over it leaves the agenda
	h.now = at(0, 11, 15).In(testZone)
	h.sh.scr.(minuteTicker).tick()
	h.mustNotShow("Priya Raman")
}

func TestAgendaEmptyStates(t *testing.T) {
	t.Run("signed out", func(t *testing.T) {
		h := newHarness(t, NameAgenda)
		h.state(signedOutState())
		h.golden("agenda_signed_out.xml")
		h.mustShow("Sign in to see your interviews", "Not signed in to Zoom")
		if !h.button("Sync now").Disabled() {
			t.Error("Sync now is enabled while signed out")
		}
		h.tap("Sign in with Zoom")
		h.wantCalls("sign_in")

		// While the user signs in, the agenda says where to finish
		st := signedOutState()
		st.Agent.SignIn = localapi.SignInProgress{State: localapi.SignInWaiting, Message: "Finish signing in with Zoom in your browser."}
		h.state(st)
		h.mustShow("Finish signing in with Zoom in your browser")
	})
	t.Run("no interviews", func(t *testing.T) {
		h := newHarness(t, NameAgenda)
		st := demoState()
		snap := *st.Snapshot
		snap.Interviews = []model.Interview{snap.Interviews[3]} // the weekly sync only
		snap.Problems = nil
		st.Snapshot = &snap
		h.state(st)
		h.golden("agenda_empty.xml")
		h.mustShow("No interviews in the next days", "1 other meeting does not look like an interview")
	})
	t.Run("first sync", func(t *testing.T) {
		h := newHarness(t, NameAgenda)
		st := demoState()
		st.Snapshot = nil
		h.state(st)
		h.mustShow("Syncing with Zoom…")
	})
	t.Run("offline", func(t *testing.T) {
		h := newHarness(t, NameAgenda)
		st := demoState()
		snap := *st.Snapshot
		snap.Health = model.Health{Offline: true, LastSync: at(0, 9, 40)}
		st.Snapshot = &snap
		h.state(st)
		h.mustShow("Offline — showing what was known at 09:40", "Priya Raman")
	})
}

func TestAgendaFooterActions(t *testing.T) {
	h := newHarness(t, NameAgenda)
	h.state(demoState())

	// The problem's button fixes the settings through the agent and says
	// what came of it
	fixed := demoCheck()
	fixed.OK, fixed.AdminMessage = true, ""
	h.api.check = fixed
	h.tap("Fix it for me")
	if h.status() != "Your Zoom recording settings are ready." {
		t.Errorf("status = %q", h.status())
	}
	h.tap("Sync now")
	h.wantCalls("fix_settings", "refresh")

	// A problem about an interview the agenda shows has no button to show it
	st := demoState()
	st.Snapshot.Problems = append(st.Snapshot.Problems, model.Problem{
		Message: "Someone else hosts the interview at 13:30.", Action: model.ActionOpenAgenda, Label: "Show", MeetingID: idJonah,
	})
	st.Agent.Problems = []model.Problem{{Message: "System notifications are not available."}}
	h.state(st)

	// Several problems take one line until the user opens them
	h.mustShow("3 things need your attention")
	h.mustNotShow("Someone else hosts the interview at 13:30.", "System notifications are not available.")
	h.tap("Show 3 problems")
	h.mustShow("Someone else hosts the interview at 13:30.", "System notifications are not available.")
	if h.hasButton("Show") {
		t.Error("the agenda offers to show the agenda")
	}
	h.tap("Hide problems")
	h.mustNotShow("System notifications are not available.")
}

// TestAgendaProblemsStaySmall: however many problems there are, the open
// list scrolls within a small height instead of pushing the interviews
// out of the window.
func TestAgendaProblemsStaySmall(t *testing.T) {
	h := newHarness(t, NameAgenda)
	st := demoState()
	for i := range 8 {
		st.Snapshot.Problems = append(st.Snapshot.Problems, model.Problem{
			Message: fmt.Sprintf("Problem %d: something that takes a long sentence to explain, long enough to wrap onto a second line.", i)})
	}
	h.state(st)
	closed := h.sh.scr.(*agenda).problems.MinSize().Height
	if closed > 60 {
		t.Errorf("the closed problems take %v px, want one line", closed)
	}
	h.tap("Show 9 problems")
	if open := h.sh.scr.(*agenda).problems.MinSize().Height; open > problemsHeight+60 {
		t.Errorf("the open problems take %v px, want at most about %d", open, problemsHeight)
	}
}

// TestAgendaRows: each row reads "10:30 – 11:15", the host chip sits at
// the same place with or without a countdown, and "Joined" is readable.
func TestAgendaRows(t *testing.T) {
	h := newHarness(t, NameAgenda)
	st := demoState()
	st.Snapshot.Interviews[1].Joined = true // Priya
	h.state(st)
	h.mustShow("10:30 – 11:15", "13:30 – 14:30", "16:00 – 17:00", "45 min")

	// The chips of today's row (countdown) and tomorrow's (none) line up
	chipX := map[string][]float32{}
	walk(h.w, func(o fyne.CanvasObject) {
		if t, ok := o.(*canvas.Text); ok && (t.Text == "You host it" || t.Text == "Joined") {
			chipX[t.Text] = append(chipX[t.Text], fyne.CurrentApp().Driver().AbsolutePositionForObject(o).X)
		}
		if t, ok := o.(*canvas.Text); ok && t.Text == "Joined" && t.Color == theme.Color(theme.ColorNameDisabled) {
			// grey on grey
			chipX["grey"] = append(chipX["grey"], 0)
		}
	})
	if xs := chipX["You host it"]; len(xs) != 2 || xs[0] != xs[1] {
		t.Errorf("the \"You host it\" chips sit at x = %v, want one place for both rows", xs)
	}
	if len(chipX["Joined"]) != 1 || len(chipX["grey"]) != 0 {
		t.Errorf("Joined chips %v, grey ones %v: want one, readable", chipX["Joined"], chipX["grey"])
	}
}

// TestAgendaDetails: tapping a row shows the whole topic, when, who hosts
// it, the meeting ID and the passcode, with Join and Copy.
func TestAgendaDetails(t *testing.T) {
	h := newHarness(t, NameAgenda)
	st := demoState()
	long := "Interview: Priya Raman — Senior Backend Engineer, Payments Platform (second round, system design and coding)"
	st.Snapshot.Interviews[1].Topic = long
	h.state(st)
	var rows []*tapArea
	walk(h.w, func(o fyne.CanvasObject) {
		if t, ok := o.(*tapArea); ok {
			rows = append(rows, t)
		}
	})
	if len(rows) != 3 {
		t.Fatalf("%d tappable rows, want 3", len(rows))
	}
	test.Tap(rows[0])
	h.mustShow("Meeting details", long, "Today · Monday 14 September · 10:30 – 11:15 (45 min) · in 12 min",
		"You host this meeting.", "857 4606 5432", "738201")
	h.tap("Close")
	h.mustNotShow("Meeting details")

	test.Tap(rows[1])
	h.mustShow("Panel Interview: Jonah Keller — Principal Engineer",
		"Someone else hosts this meeting: to record it to your computer, ask the host for permission in the meeting.")
	h.api.calls = nil
	var joins []*widget.Button
	for _, o := range h.w.Canvas().Overlays().List() {
		walkObject(o, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == "Join" {
				joins = append(joins, b)
			}
		})
	}
	if len(joins) != 1 {
		t.Fatalf("%d Join buttons in the details", len(joins))
	}
	test.Tap(joins[0])
	h.settle()
	h.wantCalls("join 81234567890")
}

func TestAgendaProblemActions(t *testing.T) {
	// Each problem action goes to the agent as the tray would do it
	tests := []struct {
		action, label string
		want          []string
		clipboard     string
	}{
		{model.ActionSignIn, "Sign in", []string{"sign_in"}, ""},
		{model.ActionRetry, "Try again", []string{"refresh"}, ""},
		{model.ActionOpenSettings, "Open Zoom settings", []string{"open_link " + simSettingsURL}, ""},
		{model.ActionCheckFolder, "Choose the folder", []string{"open_window settings"}, ""},
		{model.ActionContactAdmin, "Copy a message for the admin", []string{"copy " + demoCheck().AdminMessage}, demoCheck().AdminMessage},
		{model.ActionOpenWizard, "Finish setup", []string{"open_window wizard"}, ""},
		{model.ActionOpenCalendars, "Calendar settings", []string{"open_window settings"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.action, func(t *testing.T) {
			h := newHarness(t, NameAgenda)
			st := demoState()
			st.Snapshot.Problems = []model.Problem{{Message: "Something.", Action: tt.action, Label: tt.label}}
			h.state(st)
			h.tap(tt.label)
			h.wantCalls(tt.want...)
			if got := h.app.Clipboard().Content(); got != tt.clipboard {
				t.Errorf("clipboard = %q, want %q", got, tt.clipboard)
			}
		})
	}

	// An action this window does not know shows no button
	h := newHarness(t, NameAgenda)
	st := demoState()
	st.Snapshot.Problems = []model.Problem{{Message: "From the future.", Action: "teleport", Label: "Teleport"}}
	h.state(st)
	h.mustShow("From the future.")
	if h.hasButton("Teleport") {
		t.Error("a button for an unknown action")
	}
}

// TestAgendaReadinessOnceAndAcross: the agenda shows an interview's own
// warnings (an overlap) under its row, and a warning every interview
// shares (the Zoom app missing) once above the days, not per row; the
// account's recording settings stay in the problems.
func TestAgendaReadinessOnceAndAcross(t *testing.T) {
	h := newHarness(t, NameAgenda)
	st := demoState()
	var rs []model.InterviewReadiness
	for _, iv := range st.Snapshot.Interviews {
		rs = append(rs, model.InterviewReadiness{Key: model.OccurrenceKey(iv), MeetingID: iv.ID, StartTime: iv.StartTime, Lines: []model.ReadinessLine{
			{Kind: model.ReadyRecording, Severity: model.SeverityWarn, Text: "Recording settings need a change.", Action: model.ActionFixSettings, Label: "Fix it for me"},
			{Kind: model.ReadyZoomApp, Severity: model.SeverityWarn, Text: "The Zoom app is not installed.", Action: model.ActionOpenURL, URL: "https://zoom.us/download", Label: "Download Zoom"},
		}})
	}
	for i := range rs {
		if rs[i].MeetingID == idPriya {
			rs[i].Lines = append(rs[i].Lines, model.ReadinessLine{Kind: model.ReadyOverlap, Severity: model.SeverityWarn, Text: "Overlaps another interview."})
		}
	}
	st.Readiness = rs
	h.state(st)
	count := func(text string) int {
		n := 0
		walk(h.w, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok && l.Text == text {
				n++
			}
		})
		return n
	}
	if n := count("The Zoom app is not installed."); n != 1 {
		t.Errorf("the Zoom app line shows %d times, want once", n)
	}
	if n := count("Overlaps another interview."); n != 1 {
		t.Errorf("the overlap shows %d times, want once (under its interview)", n)
	}
	if n := count("Recording settings need a change."); n != 0 {
		t.Errorf("the account's recording settings show %d times in the rows", n)
	}
}
