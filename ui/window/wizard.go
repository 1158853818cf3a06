package window

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
	"github.com/interviewtray/interviewtray/ui/view"
)

// wizard is the onboarding wizard: Welcome, Connect Zoom, Calendar,
// Recording settings, Reminders, Start at login, Done. The agent keeps its progress
// with the settings; the wizard saves it at every step, so it can be left
// and resumed. A step can be skipped, and stays listed as skipped until its
// goal is met.
type wizard struct {
	sh *shell
	st localapi.State
	// prog is the progress: the agent's when the first state comes, then
	// this window's, saved through the agent one save at a time.
	prog           model.Onboarding
	progLoaded     bool
	saving, resave bool
	cur            int // index into wizardSteps
	// check is the newest recording-settings check: the state's, or the
	// answer to Check again / Fix it for me if that is newer.
	check *model.SettingsCheck

	steps            *fyne.Container
	stepLabels       []*widget.Label
	stepArrows       []*canvas.Text
	page             *fyne.Container
	back, skip, next *widget.Button
	// why says why Next is disabled, next to it.
	why *widget.Label
	// scroll holds the page; it keeps its place while the step is the same
	// (shownStep) and goes to the top for another one.
	scroll    *container.Scroll
	shownStep string
	// checkedAt says when the recording settings were checked ("Checked
	// 3 min ago"); it follows the minute boundaries.
	checkedAt *widget.RichText

	rf                *reminderFields
	rfLoaded, rfDirty bool
	login             *widget.Check
	loginLoaded       bool
	cals              *calendars
	spinner           *widget.Activity
}

func newWizard(sh *shell) screen {
	w := &wizard{sh: sh}
	// Seven steps fit the window's width only without the box's padding
	// and with bare arrows between them.
	w.steps = container.New(layout.NewCustomPaddedHBoxLayout(0), layout.NewSpacer())
	for i, s := range wizardSteps {
		if i > 0 {
			sep := canvas.NewText(" › ", theme.Color(theme.ColorNameDisabled))
			w.stepArrows = append(w.stepArrows, sep)
			w.steps.Add(container.NewCenter(sep))
		}
		l := widget.NewLabel(s.title)
		w.stepLabels = append(w.stepLabels, l)
		w.steps.Add(l)
	}
	w.steps.Add(layout.NewSpacer())
	w.page = container.NewStack()
	w.back = widget.NewButtonWithIcon("Back", theme.NavigateBackIcon(), func() { w.goTo(w.cur - 1) })
	w.skip = widget.NewButton("Skip this step", w.onSkip)
	w.next = widget.NewButton("Next", w.onNext)
	w.next.Importance = widget.HighImportance
	w.why = widget.NewLabel("")
	w.why.Alignment = fyne.TextAlignTrailing
	w.why.Wrapping = fyne.TextWrapWord
	w.why.Importance = widget.WarningImportance
	w.scroll = container.NewVScroll(container.NewStack())
	w.page.Objects = []fyne.CanvasObject{w.scroll}
	w.checkedAt = note("")
	w.checkedAt.Wrapping = fyne.TextWrapOff
	w.rf = newReminderFields(func() { w.rfDirty = true })
	w.login = widget.NewCheck("Start Interview Tray when I log in", nil)
	w.spinner = widget.NewActivity()
	w.cals = newCalendars(sh, false)
	// Back, Skip and Next stay put when a message comes.
	sh.keepFooter()
	return w
}

func (w *wizard) object() fyne.CanvasObject {
	nav := container.NewBorder(nil, nil, w.back, container.NewHBox(w.skip, w.next), w.why)
	top := container.NewVBox(w.steps, widget.NewSeparator())
	bottom := container.NewVBox(widget.NewSeparator(), nav)
	return container.NewBorder(top, bottom, nil, nil, w.page)
}

func (w *wizard) render(st localapi.State) {
	w.st = st
	if !w.progLoaded {
		w.loadProgress(st.Settings.Onboarding)
	}
	if st.Snapshot != nil && st.Snapshot.RecordingSettings != nil &&
		(w.check == nil || !st.Snapshot.RecordingSettings.CheckedAt.Before(w.check.CheckedAt)) {
		w.check = st.Snapshot.RecordingSettings
	}
	if !w.rfLoaded || !w.rfDirty {
		w.rf.load(st.Settings)
		w.rfLoaded = true
	}
	if !w.loginLoaded {
		// Recommended on the first run; afterwards what it is now.
		w.login.SetChecked(st.Agent.Autostart || !w.prog.Finished)
		w.loginLoaded = true
	}
	w.cals.render(st)
	// A skipped step whose goal is met now (signed in from the tray, say)
	// is skipped no more.
	if kept := slices.DeleteFunc(slices.Clone(w.prog.Skipped), w.goalMet); len(kept) != len(w.prog.Skipped) {
		w.prog.Skipped = kept
		w.saveProgress()
	}
	w.show()
}

// step is the current step's key.
func (w *wizard) step() string { return wizardSteps[w.cur].key }

// goalMet says whether a step's purpose is achieved; only Connect Zoom,
// Calendar and Recording settings can fall short.
func (w *wizard) goalMet(step string) bool {
	switch step {
	case StepConnect:
		return signedIn(w.st)
	case StepCalendar:
		return len(w.st.Settings.Calendars) > 0
	case StepRecording:
		if !signedIn(w.st) || w.check == nil || !w.check.OK {
			return false
		}
		for _, m := range w.check.ManualChecks {
			if !slices.Contains(w.st.Settings.ManualChecksDone, m.Key) {
				return false
			}
		}
	}
	return true
}

// goTo moves to step i and saves the progress.
func (w *wizard) goTo(i int) {
	if i < 0 || i >= len(wizardSteps) {
		return
	}
	w.cur = i
	w.prog.Step = w.step()
	if w.step() == StepDone {
		w.prog.Finished = true
	}
	w.saveProgress()
	w.show()
}

// loadProgress resumes where the user left the wizard.
func (w *wizard) loadProgress(p model.Onboarding) {
	w.prog = p
	w.prog.Skipped = slices.Clone(p.Skipped)
	w.progLoaded = true
	w.cur = max(stepIndex(p.Step), 0)
	if p.Finished {
		// Opened again after setup (the tray's "Check recording
		// settings…", a settings problem): the step that matters then.
		w.cur = stepIndex(StepRecording)
	}
}

// saveProgress hands the progress to the agent. Saves go one at a time, so
// the agent ends with the newest; one under way when the window closes
// still finishes (within the bridge's timeout), so closing right after a
// step loses nothing.
func (w *wizard) saveProgress() {
	w.prog.UpdatedAt = w.sh.now().UTC()
	if w.saving {
		w.resave = true
		return
	}
	w.saving = true
	p := w.prog
	p.Skipped = slices.Clone(w.prog.Skipped)
	w.sh.b.call(func(ctx context.Context) error {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), w.sh.b.timeout)
		defer cancel()
		return do(ctx, w.sh.api, localapi.Command{Name: localapi.CmdSetOnboarding, Onboarding: &p})
	}, func(err error) {
		w.saving = false
		if err != nil {
			w.sh.say("Could not save the setup's progress: "+errText(err), widget.WarningImportance)
		}
		if w.resave {
			w.resave = false
			w.saveProgress()
		}
	})
}

func (w *wizard) onSkip() {
	if !slices.Contains(w.prog.Skipped, w.step()) {
		w.prog.Skipped = append(w.prog.Skipped, w.step())
		slices.SortFunc(w.prog.Skipped, func(a, b string) int { return stepIndex(a) - stepIndex(b) })
	}
	w.goTo(w.cur + 1)
}

func (w *wizard) onNext() {
	sh := w.sh
	switch w.step() {
	case StepReminders:
		if !w.rfDirty {
			break
		}
		s := w.st.Settings
		s.ReminderOffsets = slices.Clone(s.ReminderOffsets)
		s.StartedNags = slices.Clone(s.StartedNags)
		s.Rules.Patterns = slices.Clone(s.Rules.Patterns)
		if err := w.rf.apply(&s); err != nil {
			sh.say(sentence(errText(err)), widget.DangerImportance)
			return
		}
		sh.act(w.next, "Saving…", "Could not save the reminders", func(ctx context.Context) error {
			return do(ctx, sh.api, localapi.Command{Name: localapi.CmdSaveSettings, Settings: &s})
		}, func(ok bool) {
			if ok {
				w.rfDirty = false
				w.goTo(stepIndex(StepAutostart))
			}
		})
		return
	case StepAutostart:
		want := w.login.Checked
		if want == w.st.Agent.Autostart {
			break
		}
		doing := "Turning on start at login…"
		if !want {
			doing = "Turning off start at login…"
		}
		sh.act(w.next, doing, "Could not change start at login", func(ctx context.Context) error {
			return do(ctx, sh.api, localapi.Command{Name: localapi.CmdSetAutostart, Enabled: want})
		}, func(ok bool) {
			if ok {
				w.goTo(stepIndex(StepDone))
			}
		})
		return
	case StepDone:
		sh.win.Close()
		return
	}
	w.goTo(w.cur + 1)
}

// show draws the step indicator, the current page and the buttons.
func (w *wizard) show() {
	w.markSteps()
	w.steps.Refresh()

	w.spinner.Stop()
	var page fyne.CanvasObject
	switch w.step() {
	case StepWelcome:
		page = w.welcomePage()
	case StepConnect:
		page = w.connectPage()
	case StepCalendar:
		page = w.calendarPage()
	case StepRecording:
		page = w.recordingPage()
	case StepReminders:
		page = w.remindersPage()
	case StepAutostart:
		page = w.autostartPage()
	case StepDone:
		page = w.donePage()
	}
	// A new state or a tick redraws the page in place: the scroll stays
	// where the user left it, unless the step changed.
	offset := w.scroll.Offset
	w.scroll.Content = container.NewPadded(page)
	w.scroll.Refresh()
	if w.step() == w.shownStep {
		w.scroll.ScrollToOffset(offset)
	} else {
		w.scroll.ScrollToTop()
	}
	w.shownStep = w.step()
	w.updateNav()
}

// updateNav shows Back, Skip and Next for the current step, and why Next
// is disabled.
func (w *wizard) updateNav() {

	step := w.step()
	w.back.Hidden = w.cur == 0
	w.skip.Hidden = !skippable(step) || w.goalMet(step)
	w.next.SetText("Next")
	w.next.SetIcon(theme.NavigateNextIcon())
	w.next.IconPlacement = widget.ButtonIconTrailingText
	w.next.Enable()
	switch step {
	case StepWelcome:
		w.next.SetText("Get started")
	case StepConnect, StepCalendar, StepRecording:
		if !w.goalMet(step) {
			w.next.Disable()
		}
	case StepDone:
		w.next.SetText("Close")
		w.next.SetIcon(nil)
	}
	w.why.SetText(w.whyNotNext())
	w.back.Refresh()
	w.skip.Refresh()
}

// whyNotNext says what is missing before Next, empty when Next is enabled.
func (w *wizard) whyNotNext() string {
	step := w.step()
	if !skippable(step) || w.goalMet(step) {
		return ""
	}
	switch {
	case step == StepCalendar:
		return "Add a calendar to go on, or skip this step."
	case step == StepConnect || !signedIn(w.st):
		return "Sign in with Zoom to go on, or skip this step."
	case w.check == nil:
		return "Check the settings to go on, or skip this step."
	case !w.check.OK:
		return "Fix the settings above to go on, or skip this step."
	}
	n := 0
	for _, m := range w.check.ManualChecks {
		if !slices.Contains(w.st.Settings.ManualChecksDone, m.Key) {
			n++
		}
	}
	return fmt.Sprintf("Tick %d more %s under \"Check these yourself\" to go on.", n, plural(n, "box", "boxes"))
}

// skippable says whether a step has a goal that Skip leaves for later.
func skippable(step string) bool {
	return step == StepConnect || step == StepCalendar || step == StepRecording
}

// tick updates "Checked 3 min ago" and the calendars' "read 5 min ago".
func (w *wizard) tick() {
	w.setCheckedAt()
	w.cals.tick()
}

func (w *wizard) setCheckedAt() {
	if w.check == nil {
		setNote(w.checkedAt, "")
		return
	}
	setNote(w.checkedAt, "Checked "+view.Since(w.check.CheckedAt, w.sh.now()))
}

// markSteps colours the step indicator: done steps green, skipped ones
// orange, the current one bold, the rest grey.
func (w *wizard) markSteps() {
	for _, a := range w.stepArrows {
		a.Color = theme.Color(theme.ColorNameDisabled) // the theme may have changed
		a.Refresh()
	}
	for i, s := range wizardSteps {
		l := w.stepLabels[i]
		l.TextStyle.Bold = i == w.cur
		switch {
		case i == w.cur:
			l.Importance = widget.HighImportance
		case slices.Contains(w.prog.Skipped, s.key):
			l.Importance = widget.WarningImportance
		case i < w.cur || w.prog.Finished:
			l.Importance = widget.SuccessImportance
		default:
			l.Importance = widget.LowImportance
		}
		l.Refresh()
	}
}

func (w *wizard) welcomePage() fyne.CanvasObject {
	icon := canvas.NewImageFromResource(appIcon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(80, 80))
	box := container.NewVBox(
		icon,
		centered(heading("Welcome to "+appName)),
		centered(text(tagline)),
		text("Setting up takes about two minutes:"),
		text("•  Connect your Zoom account\n"+
			"•  Add your calendar, for the interviews someone else hosts\n"+
			"•  Check that Zoom can record your interviews to this computer\n"+
			"•  Choose when reminders come and which meetings are interviews\n"+
			"•  Start "+appName+" when you log in"),
		note("You can leave at any time and continue later from the tray."),
	)
	if w.st.Agent.Demo {
		box.Add(note("Demo mode: this uses the built-in Zoom simulator, not your Zoom account."))
	}
	return box
}

func centered(l *widget.Label) *widget.Label {
	l.Alignment = fyne.TextAlignCenter
	return l
}

func (w *wizard) connectPage() fyne.CanvasObject {
	sh, st := w.sh, w.st
	in := st.Agent.SignIn
	switch {
	case signedIn(st):
		who := st.View.Email
		if who == "" {
			who = "your Zoom account"
		}
		return container.NewVBox(
			heading("Zoom is connected"),
			container.NewHBox(widget.NewIcon(theme.NewSuccessThemedResource(theme.ConfirmIcon())), text("Signed in as "+who+".")),
			note(appName+" can now see your upcoming meetings and your recording settings."),
		)
	case in.State == localapi.SignInWaiting:
		w.spinner.Start()
		msg := in.Message
		if msg == "" {
			msg = "Finish signing in with Zoom in your browser."
		}
		box := container.NewVBox(
			heading("Waiting for Zoom…"),
			container.NewBorder(nil, nil, w.spinner, nil, text(msg)),
			note("Choose Allow on Zoom's page; this window continues by itself."),
		)
		if in.URL != "" {
			link := text(in.URL)
			link.Wrapping = fyne.TextWrapBreak
			link.Selectable = true
			link.SizeName = theme.SizeNameCaptionText
			copyLink := widget.NewButtonWithIcon("Copy link", theme.ContentCopyIcon(), func() {
				sh.copyText(in.URL, "the sign-in link")
			})
			box.Add(widget.NewCard("", "No browser opened? Open this link in one:", container.NewVBox(link, container.NewHBox(copyLink))))
		}
		return box
	}
	btn := widget.NewButtonWithIcon("Sign in with Zoom", theme.LoginIcon(), nil)
	btn.Importance = widget.HighImportance
	btn.OnTapped = func() { sh.signIn(btn) }
	box := container.NewVBox(heading("Connect your Zoom account"),
		text(appName+" reads your upcoming meetings and your recording settings. You sign in on Zoom's own page in your browser; "+
			"the sign-in is kept in your system's keychain, never in a file."),
	)
	if in.State == localapi.SignInFailed {
		box.Objects[0] = heading("Sign-in did not finish")
		msg := text(in.Message)
		msg.Importance = widget.DangerImportance
		box.Add(msg)
		btn.SetText("Try again")
	} else if st.Agent.SignedOutMessage != "" && st.Agent.SignedOutReason != "" {
		box.Add(note(st.Agent.SignedOutMessage))
	}
	box.Add(container.NewHBox(btn))
	return box
}

func (w *wizard) recordingPage() fyne.CanvasObject {
	sh := w.sh
	if !signedIn(w.st) {
		back := widget.NewButton("Connect Zoom", func() { w.goTo(stepIndex(StepConnect)) })
		return container.NewVBox(heading("Recording settings"),
			text("Connect your Zoom account first: then "+appName+" checks whether Zoom can record your interviews to this computer."),
			container.NewHBox(back))
	}
	again := widget.NewButtonWithIcon("Check again", theme.ViewRefreshIcon(), nil)
	again.OnTapped = func() { w.runCheck(again, false) }
	if w.check == nil {
		again.SetText("Check now")
		again.Importance = widget.HighImportance
		return container.NewVBox(heading("Recording settings"),
			text(appName+" has not checked your Zoom recording settings yet."),
			container.NewHBox(again))
	}
	c := w.check
	box := container.NewVBox(heading("Recording settings"))
	if c.OK {
		l := text("Zoom is ready to record your interviews to this computer.")
		l.Importance = widget.SuccessImportance
		box.Add(l)
	} else {
		l := text("Some settings stop Zoom from recording your interviews to this computer.")
		l.Importance = widget.WarningImportance
		box.Add(l)
	}
	fix := widget.NewButtonWithIcon("Fix it for me", theme.SettingsIcon(), nil)
	fix.Importance = widget.HighImportance
	fix.OnTapped = func() { w.runCheck(fix, true) }
	buttons := container.NewHBox()
	if slices.ContainsFunc(c.Settings, func(s model.SettingState) bool { return s.State == model.SettingNeedsChange }) {
		buttons.Add(fix)
	}
	url, canOpen := settingsPage(c, w.demo())
	if canOpen {
		open := widget.NewButtonWithIcon("Open Zoom settings", theme.ComputerIcon(), nil)
		open.OnTapped = func() { sh.openLink(open, url) }
		buttons.Add(open)
	}
	buttons.Add(again)
	w.setCheckedAt()
	buttons.Add(container.NewCenter(w.checkedAt))
	box.Add(buttons)
	if !canOpen {
		box.Add(note("Demo mode: the settings are the Zoom simulator's; it has no settings page to open."))
	}
	for _, s := range c.Settings {
		box.Add(settingRow(s))
	}

	if c.AdminMessage != "" {
		msg := text(c.AdminMessage)
		msg.Selectable = true
		copyMsg := widget.NewButtonWithIcon("Copy message", theme.ContentCopyIcon(), func() {
			sh.copyText(c.AdminMessage, "the message for your Zoom admin")
		})
		box.Add(widget.NewCard("", "Locked by your Zoom admin: only they can change it. Send them this message:",
			container.NewVBox(msg, container.NewHBox(copyMsg))))
	}
	if len(c.ManualChecks) > 0 {
		box.Add(bold("Check these yourself"))
		box.Add(note("Zoom's API cannot see them: look on Zoom's settings page or in the Zoom app, then tick each one."))
		for _, m := range c.ManualChecks {
			box.Add(w.manualRow(m))
			if m.Key == manualFolderKey {
				box.Add(w.folderRow())
			}
		}
	}
	return box
}

// runCheck re-reads (or, with fix, changes) the recording settings.
func (w *wizard) runCheck(btn *widget.Button, fix bool) {
	sh := w.sh
	var got *model.SettingsCheck
	doing, failed := "Checking your Zoom recording settings…", "Could not check the settings"
	if fix {
		doing, failed = "Changing your Zoom recording settings…", "Could not change the settings"
	}
	sh.act(btn, doing, failed, func(ctx context.Context) error {
		var err error
		if fix {
			got, err = checkSettings(ctx, sh.api, localapi.CmdFixSettings)
		} else {
			got, err = checkSettings(ctx, sh.api, localapi.CmdCheckSettings)
		}
		return err
	}, func(ok bool) {
		if !ok {
			return
		}
		if got != nil && (w.check == nil || !got.CheckedAt.Before(w.check.CheckedAt)) {
			w.check = got
		}
		if fix {
			sh.say(fixSummary(got), fixImportance(got))
		} else {
			sh.say(checkSummary(got), fixImportance(got))
		}
		w.show()
	})
}

// settingRow is one Zoom setting with its state.
func settingRow(s model.SettingState) fyne.CanvasObject {
	var icon fyne.Resource
	var tag fyne.CanvasObject
	switch {
	case s.State == model.SettingOK && s.Wanted == nil:
		// Informational (any value is fine, none helps or hinders
		// recording): its value, in a neutral colour.
		icon, tag = theme.InfoIcon(), badge(sentence(valueText(s.Current)), widget.MediumImportance)
	case s.State == model.SettingOK:
		icon, tag = theme.NewSuccessThemedResource(theme.ConfirmIcon()), badge("OK", widget.SuccessImportance)
	case s.State == model.SettingNeedsChange:
		icon, tag = theme.NewWarningThemedResource(theme.WarningIcon()), badge("Needs a change", widget.WarningImportance)
	case s.State == model.SettingLocked:
		icon, tag = theme.NewErrorThemedResource(theme.ErrorIcon()), badge("Locked by your admin", widget.DangerImportance)
	default:
		icon, tag = theme.QuestionIcon(), badge("Unknown", widget.LowImportance)
	}
	why := s.Why
	if s.Wanted == nil && s.Current != nil {
		why = strings.TrimSpace(why + " Now: " + valueText(s.Current) + ".")
	}
	return container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(icon)), container.NewCenter(tag), titled(s.Label, why))
}

// valueText is a setting's value in words.
func valueText(v any) string {
	switch v := v.(type) {
	case bool:
		if v {
			return "on"
		}
		return "off"
	case nil:
		return "unknown"
	}
	return fmt.Sprint(v)
}

// manualRow is a check the user confirms by hand; it is saved at once.
func (w *wizard) manualRow(m model.ManualCheck) fyne.CanvasObject {
	sh := w.sh
	c := widget.NewCheck("", nil)
	c.Checked = slices.Contains(w.st.Settings.ManualChecksDone, m.Key)
	c.OnChanged = func(on bool) {
		s := w.st.Settings
		done := slices.DeleteFunc(slices.Clone(s.ManualChecksDone), func(k string) bool { return k == m.Key })
		if on {
			done = append(done, m.Key)
		}
		s.ManualChecksDone = done
		c.Disable()
		sh.act(nil, "Saving…", "Could not save", func(ctx context.Context) error {
			return do(ctx, sh.api, localapi.Command{Name: localapi.CmdSaveSettings, Settings: &s})
		}, func(ok bool) {
			c.Enable()
			if ok {
				// Show it now; the agent's next state says the same.
				w.st.Settings.ManualChecksDone = done
			} else {
				c.Checked = !on
				c.Refresh()
			}
			// Only the buttons change: the page, and where the user
			// scrolled it, stay.
			w.updateNav()
		})
	}
	return container.NewBorder(nil, nil, container.NewVBox(c), nil, titled(m.Label, m.Why))
}

func (w *wizard) remindersPage() fyne.CanvasObject {
	box := container.NewVBox(
		heading("Reminders"),
		text("Before each interview a notification reminds you, and again when it starts until you join. "+
			"Which meetings count as interviews is up to you."),
	)
	for _, r := range w.rf.rows() {
		box.Add(r)
	}
	return box
}

func (w *wizard) autostartPage() fyne.CanvasObject {
	return container.NewVBox(
		heading("Start at login"),
		text("Reminders only come while "+appName+" runs. Start it when you log in, and you never miss one."),
		w.login,
		note("You can change this later in Settings."),
	)
}

func (w *wizard) donePage() fyne.CanvasObject {
	sh := w.sh
	// A skipped calendar is no problem in the tray: most Zoom users can
	// do without one.
	var skipped []string
	for _, s := range wizardSteps {
		if slices.Contains(w.prog.Skipped, s.key) && s.key != StepCalendar {
			skipped = append(skipped, s.title)
		}
	}
	agenda := widget.NewButtonWithIcon("Open the agenda", theme.ListIcon(), nil)
	agenda.OnTapped = func() { sh.openWindow(agenda, NameAgenda) }
	box := container.NewVBox()
	if len(skipped) == 0 {
		box.Add(heading("You're all set"))
	} else {
		box.Add(heading("Almost done"))
		l := text("You skipped: " + strings.Join(skipped, ", ") + ". The tray shows it as a problem until it is done; " +
			"open this setup again from the tray (Check recording settings…) when you are ready.")
		l.Importance = widget.WarningImportance
		box.Add(l)
	}
	box.Add(text(appName + " lives in your system tray: your next interview, a Join button and reminders are there. " +
		"The agenda lists the coming days."))
	box.Add(container.NewHBox(agenda))
	if !w.goalMet(StepCalendar) {
		box.Add(note("Interviews that someone else hosts show up once you add your calendar: Settings, Calendars."))
	}
	return box
}
