package window

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// cmdAPI is the fake agent keeping each command whole (the fake's Do
// records only some fields), answering with answer when set.
type cmdAPI struct {
	*fakeAPI
	mu     sync.Mutex
	cmds   []localapi.Command
	answer func(localapi.Command) (localapi.Result, error)
}

func (c *cmdAPI) Do(ctx context.Context, cmd localapi.Command) (localapi.Result, error) {
	c.mu.Lock()
	c.cmds = append(c.cmds, cmd)
	answer := c.answer
	c.mu.Unlock()
	if answer != nil && schedulingCommand(cmd.Name) {
		c.fakeAPI.record(cmd.Name)
		return answer(cmd)
	}
	return c.fakeAPI.Do(ctx, cmd)
}

// schedulingCommand: the commands answer answers; the rest (copy, open
// link...) go to the fake agent.
func schedulingCommand(name string) bool {
	switch name {
	case localapi.CmdScheduleInterview, localapi.CmdRescheduleInterview, localapi.CmdCancelInterview,
		localapi.CmdInvitation, localapi.CmdPlannedReminders:
		return true
	}
	return false
}

// sent are the commands called name so far.
func (c *cmdAPI) sent(name string) []localapi.Command {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []localapi.Command
	for _, cmd := range c.cmds {
		if cmd.Name == name {
			out = append(out, cmd)
		}
	}
	return out
}

// newCmdHarness is newHarness with the commands kept whole.
func newCmdHarness(t *testing.T, name string) (*harness, *cmdAPI) {
	t.Helper()
	h := &harness{t: t, app: test.NewTempApp(t), api: newFakeAPI(), ui: make(chan func(), 100), now: testNow}
	api := &cmdAPI{fakeAPI: h.api}
	d := deps{api: api, do: func(f func()) { h.ui <- f }, now: func() time.Time { return h.now }, loc: testZone, demo: true}
	w, sh, err := build(h.app, name, d)
	if err != nil {
		t.Fatal(err)
	}
	h.w, h.sh = w, sh
	w.Show()
	t.Cleanup(sh.close)
	return h, api
}

func (s *scheduler) fill(name, date, start, minutes string) {
	s.name.SetText(name)
	s.date.SetText(date)
	s.start.SetText(start)
	s.minutes.SetText(minutes)
}

func schedulerOf(h *harness) *scheduler { return h.sh.scr.(*scheduler) }

func TestScheduleFormDefaultsAndChecks(t *testing.T) {
	h, api := newCmdHarness(t, NameSchedule)
	h.state(demoState())
	s := schedulerOf(h)
	// The next half hour after 10:18, 45 minutes, to this computer.
	if s.date.Text != "2026-09-14" || s.start.Text != "10:30" || s.minutes.Text != "45" || s.record.Selected != recordLocalLabel {
		t.Errorf("defaults: %q %q %q %q", s.date.Text, s.start.Text, s.minutes.Text, s.record.Selected)
	}
	h.mustShow("New interview", "Candidate", "Your time zone: CEST", recordCloudLabel)

	for _, c := range []struct {
		name, date, start, minutes, want string
	}{
		{"", "2026-09-14", "11:00", "45", "Enter the candidate's name."},
		{"   ", "2026-09-14", "11:00", "45", "Enter the candidate's name."},
		{"Ada Lovelace", "2026-09-14", "09:30", "45", "Monday 14 September 09:30 is in the past: choose a later time."},
		{"Ada Lovelace", "2026-09-14", "10:18", "45", "is in the past"},
		{"Ada Lovelace", "2026-09-14", "11:00", "0", "The duration must be from 1 to 1440 minutes."},
		{"Ada Lovelace", "2026-09-14", "11:00", "", "The duration must be from 1 to 1440 minutes."},
		{"Ada Lovelace", "2026-09-14", "11:00", "1441", "The duration must be from 1 to 1440 minutes."},
		{"Ada Lovelace", "14/09/2026", "11:00", "45", "Enter the date as YYYY-MM-DD"},
		{"Ada Lovelace", "2026-09-14", "25:00", "45", "Enter the date as YYYY-MM-DD"},
	} {
		s.fill(c.name, c.date, c.start, c.minutes)
		h.tap("Create meeting")
		if got := h.status(); !strings.Contains(got, c.want) || h.sh.status.Importance != widget.DangerImportance {
			t.Errorf("%q %q %q %q: status %q, want %q", c.name, c.date, c.start, c.minutes, got, c.want)
		}
	}
	if n := len(api.sent(localapi.CmdScheduleInterview)); n != 0 {
		t.Errorf("%d schedule commands sent for bad input", n)
	}
}

// scheduled is the agent's answer to a schedule command for r.
func scheduled(r *localapi.ScheduleRequest, diffs ...string) localapi.Result {
	iv := interview(86012345678, "Interview: "+r.Candidate+" — "+r.Role, r.Start, r.DurationMinutes)
	iv.HostedByMe, iv.Passcode = true, "Xy7pQ2mK9a"
	text := iv.Topic + "\nMonday, September 14, 2026, 11:00 – 11:45 AM CEST (UTC+02:00)\n\nJoin Zoom Meeting\n" + iv.JoinURL +
		"\n\nMeeting ID: 860 1234 5678\nPasscode: Xy7pQ2mK9a\n"
	return localapi.Result{Scheduled: &localapi.Scheduled{Interview: &iv, Differences: diffs, Invitation: &localapi.Invitation{
		Text: text, When: "Monday, September 14, 2026, 11:00 – 11:45 AM CEST", JoinURL: iv.JoinURL, MeetingID: iv.ID,
		Passcode: iv.Passcode, ICS: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
	}}}
}

func TestScheduleCreatesAndShowsTheInvitation(t *testing.T) {
	h, api := newCmdHarness(t, NameSchedule)
	api.answer = func(cmd localapi.Command) (localapi.Result, error) {
		return scheduled(cmd.Schedule, "waiting room: off (asked on)"), nil
	}
	h.state(demoState())
	s := schedulerOf(h)
	s.fill("Ada Lovelace", "2026-09-14", "11:00", "45")
	s.role.SetText("Engineer")
	s.agenda.SetText("Introduction, experience, questions")
	s.record.SetSelected(recordCloudLabel)
	h.tap("Create meeting")

	sent := api.sent(localapi.CmdScheduleInterview)
	if len(sent) != 1 {
		t.Fatalf("sent %+v", sent)
	}
	r := sent[0].Schedule
	if r.Candidate != "Ada Lovelace" || r.Role != "Engineer" || !r.Start.Equal(at(0, 11, 0)) || r.DurationMinutes != 45 ||
		r.Record != "cloud" || r.Agenda != "Introduction, experience, questions" || r.Confirm {
		t.Errorf("request %+v", r)
	}
	// The invitation, what Zoom changed, and the buttons.
	h.mustShow("Interview scheduled", "Interview: Ada Lovelace — Engineer", "Passcode: Xy7pQ2mK9a",
		"waiting room: off (asked on)", "Zoom set up the meeting differently")
	inv := schedulerOf(h).done.Invitation
	h.tap("Copy invitation")
	if got := h.app.Clipboard().Content(); got != inv.Text {
		t.Errorf("clipboard %q", got)
	}
	h.tap("Copy link")
	if got := h.app.Clipboard().Content(); got != inv.JoinURL {
		t.Errorf("clipboard %q, want the link", got)
	}
	calls := h.api.Calls()
	if !containsCall(calls, "copy "+inv.Text) || !containsCall(calls, "copy "+inv.JoinURL) {
		t.Errorf("the agent's clipboard was not given both: %q", calls)
	}

	// Save .ics writes the file where the user chose.
	path := filepath.Join(t.TempDir(), icsName(inv))
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	writeICS(h.sh, inv, w, nil)
	if data, err := os.ReadFile(path); err != nil || string(data) != inv.ICS {
		t.Errorf("saved %q, %v", data, err)
	}
	if !strings.Contains(h.status(), "Saved interview-86012345678.ics") {
		t.Errorf("status %q", h.status())
	}

	// A new state from the agent keeps the invitation; New interview
	// starts over.
	h.state(demoState())
	h.mustShow("Interview scheduled")
	h.tap("New interview")
	if s.name.Text != "" || s.minutes.Text != "45" {
		t.Errorf("the form was not reset: %q %q", s.name.Text, s.minutes.Text)
	}
	h.mustShow("Create meeting")
}

func containsCall(calls []string, want string) bool {
	for _, c := range calls {
		if c == want {
			return true
		}
	}
	return false
}

func basicState() localapi.State {
	st := demoState()
	snap := *st.Snapshot
	u := *snap.User
	u.Type = meetingsync.UserBasic
	snap.User = &u
	st.Snapshot = &snap
	return st
}

func TestScheduleBasicAccountWarnsFirst(t *testing.T) {
	h, api := newCmdHarness(t, NameSchedule)
	api.answer = func(cmd localapi.Command) (localapi.Result, error) { return scheduled(cmd.Schedule), nil }
	h.state(basicState())
	s := schedulerOf(h)
	// No cloud recording on a Basic account.
	if len(s.record.Options) != 2 || h.has(recordCloudLabel) {
		t.Errorf("recording options %q", s.record.Options)
	}
	h.mustShow("Recording to the cloud needs a paid Zoom plan.")

	s.fill("Ada Lovelace", "2026-09-14", "11:00", "60")
	h.tap("Create meeting")
	h.mustShow("Zoom ends its meetings after 40 minutes", "this interview is planned for 60 minutes")
	if n := len(api.sent(localapi.CmdScheduleInterview)); n != 0 {
		t.Fatal("created before the user chose to go on")
	}
	h.tap("Change it")
	if n := len(api.sent(localapi.CmdScheduleInterview)); n != 0 {
		t.Fatal("created after the user chose to change it")
	}
	h.tap("Create meeting")
	h.tap("Create anyway")
	sent := api.sent(localapi.CmdScheduleInterview)
	if len(sent) != 1 || !sent[0].Schedule.Confirm || sent[0].Schedule.DurationMinutes != 60 {
		t.Fatalf("sent %+v", sent)
	}
	h.mustShow("Interview scheduled")

	// 40 minutes needs no warning.
	h.tap("New interview")
	s.fill("Grace Hopper", "2026-09-14", "12:00", "40")
	h.tap("Create meeting")
	if sent := api.sent(localapi.CmdScheduleInterview); len(sent) != 2 || sent[1].Schedule.Confirm {
		t.Errorf("sent %+v", sent)
	}
}

func TestScheduleAgentAsksToConfirm(t *testing.T) {
	// The window did not know the account type; the agent asks.
	h, api := newCmdHarness(t, NameSchedule)
	api.answer = func(cmd localapi.Command) (localapi.Result, error) {
		if !cmd.Schedule.Confirm {
			return localapi.Result{Scheduled: &localapi.Scheduled{Confirm: "Your Zoom account is Basic (free): Zoom ends its meetings after 40 minutes."}}, nil
		}
		return scheduled(cmd.Schedule), nil
	}
	h.state(demoState())
	schedulerOf(h).fill("Ada Lovelace", "2026-09-14", "11:00", "90")
	h.tap("Create meeting")
	h.mustShow("Zoom ends its meetings after 40 minutes")
	h.tap("Create anyway")
	if sent := api.sent(localapi.CmdScheduleInterview); len(sent) != 2 || !sent[1].Schedule.Confirm {
		t.Fatalf("sent %+v", sent)
	}
	h.mustShow("Interview scheduled")
}

func TestScheduleFailureKeepsTheForm(t *testing.T) {
	h, api := newCmdHarness(t, NameSchedule)
	api.answer = func(localapi.Command) (localapi.Result, error) {
		return localapi.Result{}, &localapi.Error{Status: 403, Message: "sign in again to allow scheduling: the Zoom sign-in does not include permission"}
	}
	h.state(demoState())
	s := schedulerOf(h)
	s.fill("Ada Lovelace", "2026-09-14", "11:00", "45")
	h.tap("Create meeting")
	if !strings.Contains(h.status(), "Could not create the meeting: sign in again to allow scheduling") {
		t.Errorf("status %q", h.status())
	}
	if s.name.Text != "Ada Lovelace" {
		t.Error("the form lost what the user typed")
	}
	// The agent now says the sign-in lacks the scopes: the window offers
	// to sign in again.
	st := demoState()
	st.Agent.SchedulingNotAllowed = true
	h.state(st)
	h.tap("Sign in again to allow scheduling")
	if !containsCall(h.api.Calls(), "sign_in") {
		t.Errorf("calls %q", h.api.Calls())
	}
}

func TestScheduleSignedOut(t *testing.T) {
	h, _ := newCmdHarness(t, NameSchedule)
	h.state(signedOutState())
	h.mustShow("Sign in to schedule interviews")
	h.mustNotShow("Create meeting")
}

func TestNextHalfHour(t *testing.T) {
	for in, want := range map[string]string{"10:18": "10:30", "10:30": "11:00", "10:00": "10:30", "23:45": "00:00", "10:29": "10:30"} {
		now, _ := time.ParseInLocation("2006-01-02 15:04", "2026-09-14 "+in, testZone)
		if got := nextHalfHour(now.Add(17*time.Second), testZone).Format("15:04"); got != want {
			t.Errorf("nextHalfHour(%s) = %s, want %s", in, got, want)
		}
	}
}

// agendaDetails opens the agenda's details of meeting id.
func agendaDetails(t *testing.T, h *harness, st localapi.State, id int64) {
	t.Helper()
	for _, iv := range st.Snapshot.Interviews {
		if iv.ID == id {
			h.sh.scr.(*agenda).showDetails(iv)
			return
		}
	}
	t.Fatalf("no meeting %d", id)
}

func TestAgendaCancelAsksAndCopiesTheNote(t *testing.T) {
	h, api := newCmdHarness(t, NameAgenda)
	note := "Cancelled: Interview: Marcus Chen — Staff SRE (System Design)\n…\n"
	api.answer = func(localapi.Command) (localapi.Result, error) {
		return localapi.Result{Scheduled: &localapi.Scheduled{Invitation: &localapi.Invitation{Cancellation: note}}}, nil
	}
	st := demoState()
	h.state(st)
	agendaDetails(t, h, st, idMarcus)
	h.mustShow("Reschedule…", "Cancel interview…")
	h.tap("Cancel interview…")
	// The confirmation names the candidate and the time.
	h.mustShow("Cancel the interview with Marcus Chen on Tuesday 15 September at 16:00?")
	h.tap("Keep it")
	if n := len(api.sent(localapi.CmdCancelInterview)); n != 0 {
		t.Fatal("cancelled although the user kept it")
	}
	agendaDetails(t, h, st, idMarcus)
	h.tap("Cancel interview…")
	h.tap("Cancel interview")
	sent := api.sent(localapi.CmdCancelInterview)
	if len(sent) != 1 || sent[0].MeetingID != idMarcus {
		t.Fatalf("sent %+v", sent)
	}
	if got := h.app.Clipboard().Content(); got != note {
		t.Errorf("clipboard %q, want the cancellation note", got)
	}
	if !strings.Contains(h.status(), "Cancelled the interview with Marcus Chen") {
		t.Errorf("status %q", h.status())
	}

	// Without the note.
	agendaDetails(t, h, st, idMarcus)
	h.tap("Cancel interview…")
	h.app.Clipboard().SetContent("")
	h.check("Copy a cancellation note to send the candidate").SetChecked(false)
	h.tap("Cancel interview")
	if got := h.app.Clipboard().Content(); got != "" {
		t.Errorf("clipboard %q, want nothing copied", got)
	}
}

func TestAgendaReschedule(t *testing.T) {
	h, api := newCmdHarness(t, NameAgenda)
	api.answer = func(cmd localapi.Command) (localapi.Result, error) { return scheduled(cmd.Schedule), nil }
	st := demoState()
	h.state(st)
	agendaDetails(t, h, st, idMarcus)
	h.tap("Reschedule…")
	// The dialog starts from the interview's time; move it a day on, 45 min.
	var entries []*widget.Entry
	walk(h.w, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok {
			entries = append(entries, e)
		}
	})
	if len(entries) != 3 || entries[0].Text != "2026-09-15" || entries[1].Text != "16:00" || entries[2].Text != "60" {
		t.Fatalf("entries %v", entryTexts(entries))
	}
	entries[0].SetText("2026-09-16")
	entries[2].SetText("45")
	h.tap("Reschedule")
	sent := api.sent(localapi.CmdRescheduleInterview)
	if len(sent) != 1 || sent[0].MeetingID != idMarcus || !sent[0].Schedule.Start.Equal(at(2, 16, 0)) || sent[0].Schedule.DurationMinutes != 45 {
		t.Fatalf("sent %+v", sent)
	}
	h.mustShow("Interview rescheduled", "Copy invitation")
	if !strings.Contains(h.status(), "Rescheduled to Wednesday 16 September at 16:00") {
		t.Errorf("status %q", h.status())
	}

	// A time in the past is refused before asking Zoom.
	h.tap("Close")
	agendaDetails(t, h, st, idMarcus)
	h.tap("Reschedule…")
	entries = entries[:0]
	walk(h.w, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok {
			entries = append(entries, e)
		}
	})
	entries[0].SetText("2026-09-13")
	h.tap("Reschedule")
	if n := len(api.sent(localapi.CmdRescheduleInterview)); n != 1 {
		t.Errorf("a past time was sent")
	}
	if !strings.Contains(h.status(), "is in the past") {
		t.Errorf("status %q", h.status())
	}
}

func entryTexts(es []*widget.Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Text)
	}
	return out
}

func TestAgendaOthersInterviewAsksTheOrganizer(t *testing.T) {
	h, _ := newCmdHarness(t, NameAgenda)
	st := demoState()
	h.state(st)
	agendaDetails(t, h, st, idJonah)
	h.mustNotShow("Reschedule…", "Cancel interview…")
	h.tap("Ask the organizer")
	got := h.app.Clipboard().Content()
	if !strings.Contains(got, "Could we move or cancel \"Panel Interview: Jonah Keller — Principal Engineer\" on Monday 14 September at 13:30") ||
		!strings.Contains(got, "Zoom meeting 812 3456 7890") {
		t.Errorf("request %q", got)
	}
}

func TestAgendaSignInAgainToAllowScheduling(t *testing.T) {
	h, _ := newCmdHarness(t, NameAgenda)
	st := demoState()
	st.Agent.SchedulingNotAllowed = true
	h.state(st)
	agendaDetails(t, h, st, idMarcus)
	h.mustNotShow("Reschedule…", "Cancel interview…")
	h.tap("Sign in again to allow scheduling")
	if !containsCall(h.api.Calls(), "sign_in") {
		t.Errorf("calls %q", h.api.Calls())
	}
}

func TestAgendaNewInterviewOpensTheWindow(t *testing.T) {
	h, _ := newCmdHarness(t, NameAgenda)
	h.state(demoState())
	h.tap("New interview…")
	if !containsCall(h.api.Calls(), "open_window schedule") {
		t.Errorf("calls %q", h.api.Calls())
	}
}

func TestCandidateOf(t *testing.T) {
	for in, want := range map[string]string{
		"Interview: Ada Lovelace — Engineer": "Ada Lovelace",
		"Interview: Ada Lovelace":            "Ada Lovelace",
		"Panel: Jonah":                       "Panel: Jonah",
		"":                                   "(no topic)",
	} {
		if got := candidateOf(in); got != want {
			t.Errorf("candidateOf(%q) = %q, want %q", in, got, want)
		}
	}
}
