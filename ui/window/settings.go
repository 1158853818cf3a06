package window

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

// reminderFields are the reminder and interview-rule fields, shared by the
// settings window and the wizard's Reminders step. Each text field checks
// itself as the user types and says what is wrong under it.
type reminderFields struct {
	offsets  *widget.Entry
	nags     *widget.Entry
	snooze   *widget.Entry
	popup    *widget.Check
	patterns *widget.Entry
	all      *widget.Check
	// external and addresses are the calendar rules: an attendee from
	// outside the user's domains, and the user's other addresses.
	external  *widget.Check
	addresses *widget.Entry
	// loading is set while load fills the fields, so that only the user's
	// edits count as changes.
	loading bool
	// changed runs after each edit by the user.
	changed func()
}

func newReminderFields(changed func()) *reminderFields {
	f := &reminderFields{changed: changed}
	edit := func() {
		if !f.loading && f.changed != nil {
			f.changed()
		}
	}
	f.offsets = validEntry("10, 1", func(s string) error { _, err := parseOffsets(s); return err }, edit)
	f.nags = validEntry("none", func(s string) error { _, err := parseNags(s); return err }, edit)
	f.snooze = validEntry("5", func(s string) error { _, err := parseSnooze(s); return err }, edit)
	f.popup = widget.NewCheck("Also open a reminder window", func(bool) { edit() })
	f.patterns = widget.NewMultiLineEntry()
	f.patterns.SetPlaceHolder("interview")
	f.patterns.SetMinRowsVisible(3)
	f.patterns.OnChanged = func(string) { edit() }
	f.all = widget.NewCheck("Treat every meeting as an interview", func(bool) {
		f.patterns.Disable()
		if !f.all.Checked {
			f.patterns.Enable()
		}
		edit()
	})
	f.external = widget.NewCheck("An attendee outside my e-mail domains makes it an interview", func(bool) { edit() })
	f.addresses = validEntry("ada@personal.example, ada@old-company.example",
		func(s string) error { _, err := parseAddresses(s); return err }, edit)
	return f
}

// validEntry is a one-line field checked by valid at every change.
func validEntry(placeholder string, valid fyne.StringValidator, changed func()) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(placeholder)
	e.Validator = valid
	// Say what is wrong while the user types, not only once they leave.
	e.AlwaysShowValidationError = true
	e.OnChanged = func(string) { changed() }
	return e
}

// load shows s in the fields.
func (f *reminderFields) load(s model.Settings) {
	f.loading = true
	defer func() { f.loading = false }()
	f.offsets.SetText(formatOffsets(s.ReminderOffsets))
	f.nags.SetText(formatOffsets(s.StartedNags))
	f.snooze.SetText(formatOffsets([]model.Duration{s.Snooze}))
	f.popup.SetChecked(s.Popup)
	f.patterns.SetText(strings.Join(s.Rules.Patterns, "\n"))
	f.all.SetChecked(s.Rules.AllMeetings)
	f.external.SetChecked(s.Rules.ExternalAttendee)
	f.addresses.SetText(strings.Join(s.MyAddresses, ", "))
}

// invalid is the first field's problem, nil when all are fine.
func (f *reminderFields) invalid() error {
	_, err := f.values()
	return err
}

// fieldValues are what the reminder fields say.
type fieldValues struct {
	offsets, nags []model.Duration
	snooze        model.Duration
	addresses     []string
}

func (f *reminderFields) values() (fieldValues, error) {
	var v fieldValues
	var err error
	if v.offsets, err = parseOffsets(f.offsets.Text); err != nil {
		return v, errors.New("reminders: " + err.Error())
	}
	if v.nags, err = parseNags(f.nags.Text); err != nil {
		return v, errors.New("reminders after the start: " + err.Error())
	}
	if v.snooze, err = parseSnooze(f.snooze.Text); err != nil {
		return v, errors.New("snooze: " + err.Error())
	}
	if v.addresses, err = parseAddresses(f.addresses.Text); err != nil {
		return v, errors.New("my other e-mail addresses: " + err.Error())
	}
	return v, nil
}

// apply writes the fields into s; the error says what to correct.
func (f *reminderFields) apply(s *model.Settings) error {
	v, err := f.values()
	if err != nil {
		return err
	}
	s.ReminderOffsets, s.StartedNags, s.Snooze = v.offsets, v.nags, v.snooze
	s.Popup = f.popup.Checked
	s.Rules.Patterns = parsePatterns(f.patterns.Text)
	s.Rules.AllMeetings = f.all.Checked
	s.Rules.ExternalAttendee = f.external.Checked
	s.MyAddresses = v.addresses
	return nil
}

// rows are the fields as labelled rows (see formRow).
func (f *reminderFields) rows() []fyne.CanvasObject {
	return []fyne.CanvasObject{
		formRow("Remind me", f.offsets, "Minutes before each interview, such as 10, 1 (and when it starts)"),
		formRow("After the start", f.nags, "Minutes after the start to remind you again until you join, such as 2, 5, 10; empty for none"),
		formRow("Snooze for", f.snooze, "Minutes a snoozed reminder waits"),
		formRow("", f.popup, ""),
		formRow("Interviews", f.patterns, "Meetings whose topic contains one of these lines; * and ? are wildcards"),
		formRow("", f.all, ""),
		formRow("", f.external, ""),
		formRow("My addresses", f.addresses, "My other e-mail addresses, separated by commas: "+
			"their domains count as mine, and an invitation declined from one of them is skipped"),
	}
}

// labelColumn is the width of the labels of every form, in every section,
// so that the fields line up: the widest label, "Local recordings", in
// bold.
func labelColumn() float32 {
	return fyne.MeasureText("Local recordings", theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 2*theme.InnerPadding()
}

// formRow is a labelled field with its hint under it. A field with a
// validator turns the hint into its error, in red, as the user types.
func formRow(label string, field fyne.CanvasObject, hint string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	// The hint sits close under its field, as in Fyne's forms.
	right := container.New(layout.NewCustomPaddedVBoxLayout(0), field)
	if h := formHint(field, hint); h != nil {
		right.Add(h)
	}
	return container.NewBorder(nil, nil, fixedWidth(labelColumn(), container.NewVBox(l)), nil, right)
}

// formHint is the small text under a field: its hint, or its error.
func formHint(field fyne.CanvasObject, hint string) *widget.RichText {
	e, validated := field.(*widget.Entry)
	validated = validated && e.Validator != nil
	if hint == "" && !validated {
		return nil
	}
	seg := &widget.TextSegment{Text: hint, Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, SizeName: theme.SizeNameCaptionText}}
	r := widget.NewRichText(seg)
	r.Wrapping = fyne.TextWrapWord
	if validated {
		e.SetOnValidationChanged(func(err error) {
			seg.Text, seg.Style.ColorName = hint, theme.ColorNamePlaceHolder
			if err != nil {
				seg.Text, seg.Style.ColorName = sentence(err.Error()), theme.ColorNameError
			}
			r.Refresh()
		})
	}
	return r
}

// settings is the settings window: a form saved with Save, and the Zoom
// account, whose buttons act at once.
type settings struct {
	sh *shell
	st localapi.State
	// loaded says whether the form was filled from a state; dirty whether
	// the user changed it since.
	loaded, dirty bool

	rf      *reminderFields
	al      *alertFields // the start alert, readiness and shortcut rows
	folder  *widget.Entry
	browse  *widget.Button
	login   *widget.Check
	hide    *widget.Check
	look    *widget.Select
	join    *widget.Select
	account *fyne.Container
	cals    *calendars
	save    *widget.Button
	revert  *widget.Button
	status  *widget.Label // the shell's status line, in the footer
}

func newSettings(sh *shell) screen {
	s := &settings{sh: sh}
	s.rf = newReminderFields(s.changed)
	s.al = newAlertFields(s.changedUnlessLoading)
	s.folder = widget.NewEntry()
	s.folder.SetPlaceHolder("The Zoom app's default (~/Documents/Zoom)")
	s.folder.OnChanged = func(string) { s.changedUnlessLoading() }
	s.browse = widget.NewButtonWithIcon("Choose…", theme.FolderOpenIcon(), s.onBrowse)
	s.login = widget.NewCheck("Start Interview Tray when I log in", func(bool) { s.changedUnlessLoading() })
	s.hide = widget.NewCheck("Hide candidate names in the tray and reminders", func(bool) { s.changedUnlessLoading() })
	s.look = widget.NewSelect(themeChoices, func(string) { s.changedUnlessLoading() })
	s.join = widget.NewSelect(joinChoices, func(string) { s.changedUnlessLoading() })
	s.account = container.NewVBox()
	s.cals = newCalendars(sh, true)
	s.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), s.onSave)
	s.save.Importance = widget.HighImportance
	s.revert = widget.NewButton("Undo changes", func() {
		s.dirty = false
		s.load()
	})
	s.updateButtons()
	// "Saved." goes next to Save and Undo, which stay put.
	s.status = sh.footerStatus()
	return s
}

func (s *settings) object() fyne.CanvasObject {
	folderRow := container.NewBorder(nil, nil, nil, s.browse, s.folder)
	form := container.NewVBox(bold("Reminders and interviews"))
	for _, r := range s.rf.rows() {
		form.Add(r)
	}
	form.Add(section("Recordings"))
	form.Add(formRow("Local recordings", folderRow, "Where the Zoom app saves recordings on this computer"))
	form.Add(section("General"))
	form.Add(formRow("", s.login, ""))
	form.Add(formRow("", s.hide, ""))
	form.Add(formRow("Join with", s.join, "Where Join opens an interview"))
	form.Add(formRow("Appearance", s.look, "Light or dark windows, or as the desktop says"))
	form.Add(section("Start alert and readiness"))
	for _, r := range s.al.rows() {
		form.Add(r)
	}
	form.Add(section("Zoom account"))
	form.Add(s.account)
	form.Add(section("Calendars"))
	form.Add(note("Interviews on someone else's Zoom account reach you as calendar invitations: " +
		appName + " reads your calendars next to Zoom, and finds the Zoom link in each event."))
	form.Add(s.cals.listObject())
	form.Add(bold("Add a calendar"))
	for _, r := range s.cals.addRows() {
		form.Add(r)
	}
	buttons := container.NewBorder(nil, nil, nil, container.NewHBox(s.revert, s.save), s.status)
	return container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), buttons), nil, nil,
		container.NewVScroll(container.NewPadded(form)))
}

func (s *settings) render(st localapi.State) {
	s.st = st
	if !s.loaded || !s.dirty {
		s.load()
	}
	s.renderAccount()
	s.al.render(st)
	s.cals.render(st)
	s.updateButtons()
}

// tick updates the calendars' "read 5 min ago".
func (s *settings) tick() { s.cals.tick() }

// load fills the form from the last state.
func (s *settings) load() {
	st := s.st
	s.rf.load(st.Settings)
	s.rf.loading = true
	s.folder.SetText(st.Settings.RecordingFolder)
	s.login.SetChecked(st.Agent.Autostart)
	s.hide.SetChecked(st.Settings.HideNames)
	s.look.SetSelected(themeChoice(st.Settings.Theme))
	s.join.SetSelected(joinChoices[max(0, slices.Index(joinValues, st.Settings.JoinWith))])
	s.al.load(st)
	s.rf.loading = false
	s.loaded = true
	s.updateButtons()
}

func (s *settings) changed() {
	s.dirty = true
	s.updateButtons()
}

func (s *settings) changedUnlessLoading() {
	if !s.rf.loading {
		s.changed()
	}
}

// updateButtons enables Save for a change that can be saved (a field in
// error says why not under it), and Undo for any change.
func (s *settings) updateButtons() {
	if s.dirty && s.loaded {
		s.revert.Enable()
	} else {
		s.revert.Disable()
	}
	if s.dirty && s.loaded && s.rf.invalid() == nil && s.al.invalid() == nil {
		s.save.Enable()
	} else {
		s.save.Disable()
	}
}

// form returns the settings the form says, on top of the agent's latest.
func (s *settings) form() (model.Settings, error) {
	out := s.st.Settings
	out.ReminderOffsets = slices.Clone(out.ReminderOffsets)
	out.StartedNags = slices.Clone(out.StartedNags)
	out.Rules.Patterns = slices.Clone(out.Rules.Patterns)
	if err := s.rf.apply(&out); err != nil {
		return out, err
	}
	if err := s.al.apply(&out); err != nil {
		return out, err
	}
	out.RecordingFolder = strings.TrimSpace(s.folder.Text)
	out.StartAtLogin = s.login.Checked
	out.HideNames = s.hide.Checked
	out.Theme = themeName(s.look.Selected)
	if i := slices.Index(joinChoices, s.join.Selected); i >= 0 {
		out.JoinWith = joinValues[i]
	}
	return out, nil
}

func (s *settings) onSave() {
	next, err := s.form()
	if err != nil {
		s.sh.say(sentence(errText(err)), widget.DangerImportance)
		return
	}
	s.sh.act(s.save, "Saving…", "Could not save", func(ctx context.Context) error {
		return do(ctx, s.sh.api, localapi.Command{Name: localapi.CmdSaveSettings, Settings: &next})
	}, func(ok bool) {
		if ok {
			s.dirty = false
			s.updateButtons()
			s.sh.say("Saved.", widget.SuccessImportance)
		}
	})
}

// onBrowse picks the recording folder with Fyne's folder dialog, opened
// where the field points (or at the home folder).
func (s *settings) onBrowse() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		switch {
		case err != nil:
			s.sh.say("Could not open the folder: "+errText(err), widget.DangerImportance)
		case dir != nil: // nil: cancelled
			s.folder.SetText(filepath.Clean(dir.Path()))
		}
	}, s.sh.win)
	d.SetTitleText("Choose the folder for local recordings")
	d.SetConfirmText("Choose this folder")
	if start := strings.TrimSpace(s.folder.Text); start != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(start)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Show()

}

// renderAccount shows who is signed in, with Sign out or Sign in.
func (s *settings) renderAccount() {
	s.account.Objects = accountRows(s.sh, s.st)
	s.account.Refresh()
}

// accountRows show the Zoom account and its buttons.
func accountRows(sh *shell, st localapi.State) []fyne.CanvasObject {
	in := st.Agent.SignIn
	switch {
	case st.View.SigningIn:
		return []fyne.CanvasObject{text("Finish signing in with Zoom in your browser…")}
	case signedIn(st):
		who := st.View.Email
		if who == "" {
			who = "your Zoom account"
		}
		out := widget.NewButtonWithIcon("Sign out", theme.LogoutIcon(), nil)
		out.OnTapped = func() {
			var msg string
			sh.act(out, "Signing out…", "Could not sign out", func(ctx context.Context) error {
				res, err := sh.api.Do(ctx, localapi.Command{Name: localapi.CmdSignOut})
				msg = res.Message
				return err
			}, func(ok bool) {
				if ok && msg != "" {
					sh.say(msg, widget.MediumImportance)
				}
			})
		}
		return []fyne.CanvasObject{container.NewBorder(nil, nil, nil, out, text("Signed in as "+who))}
	}
	btn := widget.NewButtonWithIcon("Sign in with Zoom", theme.LoginIcon(), nil)
	btn.Importance = widget.HighImportance
	btn.OnTapped = func() { sh.signIn(btn) }
	why := "Not signed in to Zoom."
	if st.Agent.SignedOutMessage != "" {
		why = st.Agent.SignedOutMessage
	}
	rows := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, btn, text(why))}
	if in.State == localapi.SignInFailed && in.Message != "" {
		l := text(in.Message)
		l.Importance = widget.DangerImportance
		rows = append(rows, l)
	}
	return rows
}

// The Appearance choices, in Settings.Theme's order: follow, light, dark.
var themeChoices = []string{"Follow the desktop", "Light", "Dark"}

func themeChoice(name string) string {
	switch name {
	case model.ThemeLight:
		return themeChoices[1]
	case model.ThemeDark:
		return themeChoices[2]
	}
	return themeChoices[0]
}

func themeName(choice string) string {
	switch choice {
	case themeChoices[1]:
		return model.ThemeLight
	case themeChoices[2]:
		return model.ThemeDark
	}
	return ""
}

// The Join with choices and their Settings.JoinWith values.
var (
	joinChoices = []string{"The Zoom app when it is installed, else the browser", "The Zoom app", "The browser"}
	joinValues  = []string{model.JoinWithAuto, model.JoinWithApp, model.JoinWithBrowser}
)
