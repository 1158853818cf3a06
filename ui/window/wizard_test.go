package window

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

// progress is the wizard's progress as the agent has it.
func (h *harness) progress() model.Onboarding {
	h.t.Helper()
	h.api.mu.Lock()
	defer h.api.mu.Unlock()
	return h.api.onboarding
}

// manualBoxes are the wizard's manual-check boxes.
func manualBoxes(h *harness) []*widget.Check {
	var out []*widget.Check
	walk(h.w, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && c.Text == "" {
			out = append(out, c)
		}
	})
	return out
}

func TestWizardSignIn(t *testing.T) {
	// Given the first run: nobody signed in
	h := newHarness(t, NameWizard)
	h.state(signedOutState())
	h.golden("wizard_welcome.xml")
	h.mustShow("Welcome to Interview Tray", "Demo mode")
	if h.hasButton("Back") || h.hasButton("Skip this step") {
		t.Error("the welcome step offers Back or Skip")
	}

	// When the user starts, the wizard asks to connect Zoom and saves the step
	h.tap("Get started")
	h.mustShow("Connect your Zoom account")
	if p := h.progress(); p.Step != StepConnect || p.Finished {
		t.Errorf("progress = %+v", p)
	}
	if !h.button("Next").Disabled() {
		t.Error("Next is enabled before signing in")
	}

	// When the user signs in, the agent starts it and the wizard shows the
	// progress, with the link to open by hand
	h.tap("Sign in with Zoom")
	h.wantCalls("sign_in")
	st := signedOutState()
	st.Agent.SignIn = localapi.SignInProgress{State: localapi.SignInWaiting,
		Message: "Could not open a browser. Open this link to sign in with Zoom.",
		URL:     "http://127.0.0.1:47652/oauth/authorize?client_id=interviewtray-demo&state=s"}
	h.state(st)
	h.golden("wizard_signin_waiting.xml")
	h.mustShow("Waiting for Zoom…", "Could not open a browser.", st.Agent.SignIn.URL)
	h.tap("Copy link")
	link := st.Agent.SignIn.URL
	if got := h.app.Clipboard().Content(); got != link {
		t.Errorf("clipboard = %q", got)
	}

	// When it fails, the wizard says why and offers to try again
	st.Agent.SignIn = localapi.SignInProgress{State: localapi.SignInFailed, Message: "Zoom sign-in was declined. Try again and choose Allow."}
	h.state(st)
	h.mustShow("Sign-in did not finish", "Zoom sign-in was declined.")
	h.tap("Try again")
	// (the copy went to the agent's clipboard too, which outlives the window)
	h.wantCalls("sign_in", "copy "+link, "sign_in")

	// When it succeeds, the step is done
	done := demoState()
	done.Agent.SignIn = localapi.SignInProgress{State: localapi.SignInSucceeded, Message: "Signed in as ada@example.com"}
	h.state(done)
	h.golden("wizard_connected.xml")
	h.mustShow("Zoom is connected", "Signed in as ada@example.com.")
	if h.button("Next").Disabled() || h.hasButton("Skip this step") {
		t.Error("after signing in, Next is disabled or Skip is offered")
	}
	h.tap("Next")
	h.mustShow("Add your calendar", "Work calendar") // the demo's calendar is there already
	h.tap("Next")
	h.mustShow("Recording settings")
}

func TestWizardRecordingSettings(t *testing.T) {
	// Given a check with a setting to fix, one locked by the admin, and
	// manual checks
	h := newHarness(t, NameWizard)
	h.api.onboarding = model.Onboarding{Step: StepRecording}
	h.open(NameWizard)
	st := demoState()
	st.Settings.RecordingFolder = "/nonexistent/interviewtray-test/Zoom recordings"
	h.state(st)
	h.settle()
	h.golden("wizard_recording.xml")
	h.mustShow("Record to computer files", "Needs a change", "Locked by your admin", "OK",
		"Now: none.", "Check these yourself", st.Snapshot.RecordingSettings.AdminMessage,
		"Checked 18 min ago")
	if !h.button("Next").Disabled() {
		t.Error("Next is enabled while settings need a change")
	}
	// Next says why it is disabled
	h.mustShow("Fix the settings above to go on, or skip this step.")

	// When the user asks to fix it, the agent changes what Zoom allows; the
	// locked setting stays, with the message for the admin
	fixed := demoCheck()
	fixed.CheckedAt = at(0, 10, 18)
	fixed.Settings[0].State, fixed.Settings[0].Current = model.SettingOK, true
	h.api.check = fixed
	h.tap("Fix it for me")
	h.wantCalls("fix_settings")
	if h.status() != "Some settings are locked by your Zoom admin; copy the message for the admin." {
		t.Errorf("status = %q", h.status())
	}
	if h.has("Needs a change") || h.hasButton("Fix it for me") {
		t.Error("the fixed setting still needs a change")
	}
	h.tap("Copy message")
	if got := h.app.Clipboard().Content(); got != fixed.AdminMessage {
		t.Errorf("clipboard = %q", got)
	}

	// An older state from the agent does not undo the newer answer
	h.state(st)
	if h.has("Needs a change") {
		t.Error("an older check replaced the newer one")
	}

	// Open Zoom settings and Check again go through the agent
	h.tap("Open Zoom settings")
	h.tap("Check again")
	h.wantCalls("fix_settings", "copy "+fixed.AdminMessage, "open_link "+simSettingsURL, "check_settings")
	// And Check again says what it found, and when
	if h.status() != "Checked: some settings still need a change." {
		t.Errorf("status after Check again = %q", h.status())
	}
	h.mustShow("Checked just now")
	h.now = h.now.Add(3 * time.Minute)
	h.sh.scr.(minuteTicker).tick()
	h.mustShow("Checked 3 min ago")

	// When the user ticks a manual check, it is saved at once
	boxes := manualBoxes(h)
	if len(boxes) != 2 {
		t.Fatalf("%d manual check boxes, want 2", len(boxes))
	}
	toggle(boxes[0])
	h.settle()
	if got := h.api.lastSaved(t).ManualChecksDone; !slices.Equal(got, []string{"request_local_recording"}) {
		t.Errorf("saved manual checks %q", got)
	}
	if !manualBoxes(h)[0].Checked {
		t.Error("the ticked box is not ticked after saving")
	}

	// Once everything is fine, Next is enabled and Skip is gone
	ok := demoState()
	okCheck := demoCheck()
	okCheck.CheckedAt, okCheck.OK, okCheck.AdminMessage = at(0, 10, 19), true, ""
	for i := range okCheck.Settings {
		okCheck.Settings[i].State = model.SettingOK
	}
	ok.Snapshot.RecordingSettings = okCheck
	ok.Settings.ManualChecksDone = []string{"request_local_recording", "recording_folder"}
	h.state(ok)
	h.mustShow("Zoom is ready to record your interviews to this computer.")
	if h.button("Next").Disabled() || h.hasButton("Skip this step") {
		t.Error("with everything fine, Next is disabled or Skip is offered")
	}
}

func TestWizardSkipResumeAndFinish(t *testing.T) {
	// Given the user at Connect Zoom, not signed in
	h := newHarness(t, NameWizard)
	h.state(signedOutState())
	h.tap("Get started")

	// When the user skips it and the calendar, the wizard moves on and
	// remembers
	h.tap("Skip this step")
	h.mustShow("Add your calendar", "Add a calendar to go on, or skip this step.")
	h.tap("Skip this step")
	if p := h.progress(); p.Step != StepRecording || !slices.Equal(p.Skipped, []string{StepConnect, StepCalendar}) {
		t.Errorf("progress = %+v", p)
	}
	h.mustShow("Connect your Zoom account first")

	// When the wizard is opened again, it resumes at that step
	h.w.Close()
	h.open(NameWizard)
	h.state(signedOutState())
	h.mustShow("Connect your Zoom account first")
	h.golden("wizard_resumed.xml")

	// When the user signs in from the tray and adds a calendar meanwhile,
	// the skipped steps are done
	h.state(demoState())
	h.settle() // the progress is saved through the agent
	if p := h.progress(); len(p.Skipped) != 0 {
		t.Errorf("skipped %q after signing in", p.Skipped)
	}

	// Skip the settings, change the reminders, start at login
	h.tap("Skip this step")
	h.mustShow("Reminders")
	setText(entries(h)[0], "5")
	h.tap("Next")
	if got := h.api.lastSaved(t).ReminderOffsets; !slices.Equal(got, []model.Duration{model.Duration(5 * time.Minute)}) {
		t.Errorf("saved offsets %v", got)
	}
	h.mustShow("Start at login")
	if !h.check("Start Interview Tray when I log in").Checked {
		t.Error("start at login is not suggested on the first run")
	}
	h.tap("Next")

	// Then the last step lists what was skipped, and the progress is final
	h.golden("wizard_done.xml")
	h.mustShow("Almost done", "You skipped: Recording.")
	h.wantCalls("save_settings", "set_autostart true")
	p := h.progress()
	if !p.Finished || p.Step != StepDone || !slices.Equal(p.Skipped, []string{StepRecording}) || !p.UpdatedAt.Equal(testNow) {
		t.Errorf("progress = %+v", p)
	}
	h.tap("Open the agenda")
	h.wantCalls("save_settings", "set_autostart true", "open_window agenda")
	h.tap("Close")
	if slices.Contains(h.app.Driver().AllWindows(), h.w) {
		t.Error("Close did not close the wizard")
	}

	// Opened again after setup, it goes straight to the recording settings
	h.open(NameWizard)
	h.state(demoState())
	h.mustShow("Recording settings", "Record to computer files")
}

func TestWizardBadReminders(t *testing.T) {
	h := newHarness(t, NameWizard)
	h.api.onboarding = model.Onboarding{Step: StepReminders}
	h.open(NameWizard)
	h.state(demoState())
	setText(entries(h)[0], "ten")
	h.mustShow(`"ten" is not a number of minutes`) // under the field, at once
	h.tap("Next")
	h.wantCalls()
	h.mustShow("Reminders")
	if h.status() != `Reminders: "ten" is not a number of minutes` {
		t.Errorf("status = %q", h.status())
	}
	// Unchanged reminders are not saved again
	setText(entries(h)[0], "10, 1")
	h.w.Close()
	h.open(NameWizard)
	h.state(demoState())
	h.tap("Next")
	h.wantCalls()
	h.mustShow("Start at login")
}

func TestWizardProgressThroughTheAgent(t *testing.T) {
	// Given an agent that cannot save the progress
	h := newHarness(t, NameWizard)
	h.state(signedOutState())
	h.api.fail("set_onboarding", errors.New("save settings: no space left on device"))

	// When the user moves on, the wizard still moves and says so
	h.tap("Get started")
	h.mustShow("Connect your Zoom account")
	if st := h.status(); st != "Could not save the setup's progress: save settings: no space left on device" {
		t.Errorf("status = %q", st)
	}
	if p := h.progress(); p.Step != "" {
		t.Errorf("progress = %+v", p)
	}

	// When saving works again, the next step is saved
	h.api.fail("set_onboarding", nil)
	h.tap("Skip this step")
	if p := h.progress(); p.Step != StepCalendar || !slices.Equal(p.Skipped, []string{StepConnect}) {
		t.Errorf("progress = %+v", p)
	}

	// A window closed while a step's save is under way still saves it
	h.api.gate = make(chan struct{})
	test.Tap(h.button("Back"))
	closed := make(chan struct{})
	go func() { h.sh.close(); close(closed) }()
	for h.sh.b.ctx.Err() == nil {
		time.Sleep(time.Millisecond)
	}
	close(h.api.gate)
	<-closed
	if p := h.progress(); p.Step != StepConnect {
		t.Errorf("after closing at once, progress = %+v", p)
	}
}

// TestWizardRecordingStepExplains: after everything Zoom's API can fix is
// fixed, the wizard says which boxes are left, a tick keeps the page where
// the user scrolled it, the folder is named, and a setting that neither
// helps nor hinders recording is not marked OK.
func TestWizardRecordingStepExplains(t *testing.T) {
	h := newHarness(t, NameWizard)
	h.w.Resize(fyne.NewSize(680, 560))
	h.api.onboarding = model.Onboarding{Step: StepRecording}
	h.open(NameWizard)
	h.w.Resize(fyne.NewSize(680, 560))
	folder := filepath.Join(t.TempDir(), "Zoom")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	st := demoState()
	st.Settings.RecordingFolder = folder
	c := demoCheck()
	c.OK, c.AdminMessage = true, ""
	for i := range c.Settings {
		c.Settings[i].State = model.SettingOK
	}
	st.Snapshot.RecordingSettings = c
	h.state(st)
	h.settle()

	// Next is disabled, and says why
	if !h.button("Next").Disabled() {
		t.Fatal("Next is enabled with the manual checks not ticked")
	}
	h.mustShow(`Tick 2 more boxes under "Check these yourself" to go on.`)

	// "Automatic recording: none" is information, not an OK
	oks := 0
	walk(h.w, func(o fyne.CanvasObject) {
		if t, ok := o.(*canvas.Text); ok && t.Text == "OK" {
			oks++
		}
	})
	if oks != 3 {
		t.Errorf("%d OK badges, want 3 (the fourth setting is only information)", oks)
	}
	h.mustShow("None")

	// The folder the last box speaks of is named, and it is there
	h.mustShow(folder, "The folder is there.")
	h.tap("Open folder")
	h.wantCalls("open_folder " + folder)

	// When the user scrolls down and ticks a box, the page stays there
	scroll := h.sh.scr.(*wizard).scroll
	relayout(h.w.Canvas().Content())
	scroll.ScrollToBottom()
	before := scroll.Offset
	if before.Y == 0 {
		t.Fatal("the page does not scroll at this size")
	}
	toggle(manualBoxes(h)[0])
	h.settle()
	relayout(h.w.Canvas().Content())
	if scroll.Offset != before {
		t.Errorf("the page scrolled from %v to %v after a tick", before, scroll.Offset)
	}
	h.mustShow(`Tick 1 more box under "Check these yourself" to go on.`)

	// And a new state from the agent redraws it in place too
	st.Settings.ManualChecksDone = []string{"request_local_recording"}
	h.state(st)
	h.settle()
	relayout(h.w.Canvas().Content())
	if scroll.Offset != before {
		t.Errorf("the page scrolled from %v to %v after a new state", before, scroll.Offset)
	}
	toggle(manualBoxes(h)[1])
	h.settle()
	if h.button("Next").Disabled() || h.has("to go on") {
		t.Error("with every box ticked, Next is still disabled or still explains")
	}
}

// TestWizardDemoSettingsPage: in demo mode, "Open Zoom settings" opens the
// simulator's page, never Zoom's own site (the demo account is not there).
func TestWizardDemoSettingsPage(t *testing.T) {
	tests := []struct {
		name     string
		page     string
		demo     bool
		want     string
		wantOpen bool
	}{
		{"demo, simulator page", simSettingsURL, true, simSettingsURL, true},
		{"demo, Zoom's page", model.SettingsURL, true, "", false},
		{"demo, no page", "", true, "", false},
		{"real, Zoom's page", model.SettingsURL, false, model.SettingsURL, true},
		{"real, no page", "", false, model.SettingsURL, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := settingsPage(&model.SettingsCheck{SettingsURL: tt.page}, tt.demo)
			if got != tt.want || ok != tt.wantOpen {
				t.Errorf("settingsPage = %q, %v; want %q, %v", got, ok, tt.want, tt.wantOpen)
			}
		})
	}

	// The wizard in demo mode with Zoom's page offers no button for it
	h := newHarness(t, NameWizard)
	h.api.onboarding = model.Onboarding{Step: StepRecording}
	h.open(NameWizard)
	st := demoState()
	st.Snapshot.RecordingSettings.SettingsURL = model.SettingsURL
	h.state(st)
	if h.hasButton("Open Zoom settings") {
		t.Error("the demo offers to open zoom.us")
	}
	h.mustShow("Demo mode: the settings are the Zoom simulator's")
}

// TestWizardCalendarStep: the Calendar step explains where Google, Outlook
// and iCloud show the address, adds one through the agent and moves on
// once the agent lists it; skipped, it stays no problem for the tray.
func TestWizardCalendarStep(t *testing.T) {
	// Given a signed-in user without a calendar, at the Calendar step
	h := newHarness(t, NameWizard)
	h.api.onboarding = model.Onboarding{Step: StepCalendar}
	h.open(NameWizard)
	st := demoState()
	st.Settings.Calendars, st.Snapshot.Calendars = nil, nil
	h.state(st)
	h.mustShow("Add your calendar", "Google Calendar", "Integrate calendar", "Secret address in iCal format",
		"Outlook / Microsoft 365", "Publish a calendar", "Can view all details", "ICS link",
		"iCloud", "Public Calendar", "webcal://", "Add a calendar to go on, or skip this step.")
	h.golden("wizard_calendar.xml")
	if !h.button("Next").Disabled() || !h.hasButton("Skip this step") {
		t.Error("without a calendar, Next is enabled or Skip is not offered")
	}

	// When the user adds one, the agent gets it and the field forgets it
	h.api.results[localapi.CmdAddCalendar] = localapi.Result{Message: `Added "Work". The calendar works: 42 events.`}
	setText(addressField(h), secretURL)
	h.tap("Add")
	h.wantCalls("add_calendar url=" + secretURL + " enabled=false")
	if addressField(h).Text != "" {
		t.Error("the address stays in the field after Add")
	}
	h.mustShow(`Added "Work". The calendar works: 42 events.`)

	// Then, once the agent lists it, the step is done
	h.state(demoState())
	h.mustShow("Your calendars", "Work calendar", "calendar.google.com…f3.ics · read 5 min ago")
	if h.button("Next").Disabled() || h.hasButton("Skip this step") {
		t.Error("with a calendar, Next is disabled or Skip is offered")
	}
	h.tap("Next")
	h.mustShow("Recording settings")
	if p := h.progress(); p.Step != StepRecording || len(p.Skipped) != 0 {
		t.Errorf("progress = %+v", p)
	}

	// When another user skips it, the wizard goes on, and the last step
	// suggests Settings instead of calling it a problem
	h2 := newHarness(t, NameWizard)
	h2.api.onboarding = model.Onboarding{Step: StepCalendar}
	h2.open(NameWizard)
	h2.state(st)
	h2.tap("Skip this step")
	h2.mustShow("Recording settings")
	if p := h2.progress(); p.Step != StepRecording || !slices.Equal(p.Skipped, []string{StepCalendar}) {
		t.Errorf("progress = %+v", p)
	}
	h2.api.onboarding = model.Onboarding{Step: StepDone, Skipped: []string{StepCalendar}}
	h2.open(NameWizard)
	h2.state(st)
	h2.mustShow("You're all set", "once you add your calendar: Settings, Calendars.")
	h2.mustNotShow("You skipped")
}

// TestWizardCreatesTheMissingFolder: a recording folder that does not exist
// yet is offered to be created, through the agent.
func TestWizardCreatesTheMissingFolder(t *testing.T) {
	h := newHarness(t, NameWizard)
	h.w.Resize(fyne.NewSize(680, 560))
	h.api.onboarding = model.Onboarding{Step: StepRecording}
	h.open(NameWizard)
	st := demoState()
	st.Settings.RecordingFolder = filepath.Join(t.TempDir(), "Zoom")
	h.state(st)
	h.settle()
	h.mustShow("It does not exist yet: create it and set the Zoom app to save there, or choose the folder the Zoom app uses.")
	h.tap("Create it")
	h.settle()
	h.wantCalls("create_folder enabled=false")
	h.mustShow("The folder is there.")
}
