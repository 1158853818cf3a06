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
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// reminderFields are the reminder and interview-rule fields, shared by the
// settings window and the wizard's Reminders step.
type reminderFields struct {
	offsets  *widget.Entry
	popup    *widget.Check
	patterns *widget.Entry
	all      *widget.Check
	// loading is set while load fills the fields, so that only the user's
	// edits count as changes.
	loading bool
}

func newReminderFields(changed func()) *reminderFields {
	f := &reminderFields{}
	edit := func() {
		if !f.loading && changed != nil {
			changed()
		}
	}
	f.offsets = widget.NewEntry()
	f.offsets.SetPlaceHolder("10, 1")
	f.offsets.OnChanged = func(string) { edit() }
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
	return f
}

// load shows s in the fields.
func (f *reminderFields) load(s meetingsync.Settings) {
	f.loading = true
	defer func() { f.loading = false }()
	f.offsets.SetText(formatOffsets(s.ReminderOffsets))
	f.popup.SetChecked(s.Popup)
	f.patterns.SetText(strings.Join(s.Rules.Patterns, "\n"))
	f.all.SetChecked(s.Rules.AllMeetings)
}

// apply writes the fields into s; the error says what to correct.
func (f *reminderFields) apply(s *meetingsync.Settings) error {
	offsets, err := parseOffsets(f.offsets.Text)
	if err != nil {
		return errors.New("reminders: " + err.Error())
	}
	s.ReminderOffsets = offsets
	s.Popup = f.popup.Checked
	s.Rules.Patterns = parsePatterns(f.patterns.Text)
	s.Rules.AllMeetings = f.all.Checked
	return nil
}

// items are the fields as form rows.
func (f *reminderFields) items() []*widget.FormItem {
	return []*widget.FormItem{
		{Text: "Remind me", Widget: f.offsets, HintText: "Minutes before each interview, such as 10, 1 (and when it starts)"},
		{Text: "", Widget: f.popup},
		{Text: "Interviews", Widget: f.patterns, HintText: "Meetings whose topic contains one of these lines; * and ? are wildcards"},
		{Text: "", Widget: f.all},
	}
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
	folder  *widget.Entry
	browse  *widget.Button
	login   *widget.Check
	hide    *widget.Check
	account *fyne.Container
	save    *widget.Button
	revert  *widget.Button
}

func newSettings(sh *shell) screen {
	s := &settings{sh: sh}
	s.rf = newReminderFields(s.changed)
	s.folder = widget.NewEntry()
	s.folder.SetPlaceHolder("The Zoom app's default (~/Documents/Zoom)")
	s.folder.OnChanged = func(string) { s.changedUnlessLoading() }
	s.browse = widget.NewButtonWithIcon("Choose…", theme.FolderOpenIcon(), s.onBrowse)
	s.login = widget.NewCheck("Start Interview Tray when I log in", func(bool) { s.changedUnlessLoading() })
	s.hide = widget.NewCheck("Hide candidate names in the tray and reminders", func(bool) { s.changedUnlessLoading() })
	s.account = container.NewVBox()
	s.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), s.onSave)
	s.save.Importance = widget.HighImportance
	s.revert = widget.NewButton("Undo changes", func() {
		s.dirty = false
		s.load()
	})
	s.updateButtons()
	return s
}

func (s *settings) object() fyne.CanvasObject {
	folderRow := container.NewBorder(nil, nil, nil, s.browse, s.folder)
	form := container.NewVBox(
		bold("Reminders and interviews"),
		widget.NewForm(s.rf.items()...),
		section("Recordings"),
		widget.NewForm(&widget.FormItem{Text: "Local recordings", Widget: folderRow,
			HintText: "Where the Zoom app saves recordings on this computer"}),
		section("General"),
		s.login, s.hide,
		section("Zoom account"),
		s.account,
	)
	buttons := container.NewHBox(layout.NewSpacer(), s.revert, s.save)
	return container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), buttons), nil, nil,
		container.NewVScroll(container.NewPadded(form)))
}

func (s *settings) render(st localapi.State) {
	s.st = st
	if !s.loaded || !s.dirty {
		s.load()
	}
	s.renderAccount()
	s.updateButtons()
}

// load fills the form from the last state.
func (s *settings) load() {
	st := s.st
	s.rf.load(st.Settings)
	s.rf.loading = true
	s.folder.SetText(st.Settings.RecordingFolder)
	s.login.SetChecked(st.Agent.Autostart)
	s.hide.SetChecked(st.Settings.HideNames)
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

func (s *settings) updateButtons() {
	if s.dirty && s.loaded {
		s.save.Enable()
		s.revert.Enable()
	} else {
		s.save.Disable()
		s.revert.Disable()
	}
}

// form returns the settings the form says, on top of the agent's latest.
func (s *settings) form() (meetingsync.Settings, error) {
	out := s.st.Settings
	out.ReminderOffsets = slices.Clone(out.ReminderOffsets)
	out.Rules.Patterns = slices.Clone(out.Rules.Patterns)
	if err := s.rf.apply(&out); err != nil {
		return out, err
	}
	out.RecordingFolder = strings.TrimSpace(s.folder.Text)
	out.StartAtLogin = s.login.Checked
	out.HideNames = s.hide.Checked
	return out, nil
}

func (s *settings) onSave() {
	next, err := s.form()
	if err != nil {
		s.sh.say(sentence(errText(err)), widget.DangerImportance)
		return
	}
	s.sh.act(s.save, "Saving…", "Could not save", func(ctx context.Context) error {
		return s.sh.api.SaveSettings(ctx, next)
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
	case in.State == localapi.SignInWaiting:
		return []fyne.CanvasObject{text("Finish signing in with Zoom in your browser…")}
	case signedIn(st):
		who := st.Agent.Email
		if who == "" {
			who = "your Zoom account"
		}
		out := widget.NewButtonWithIcon("Sign out", theme.LogoutIcon(), nil)
		out.OnTapped = func() {
			var msg string
			sh.act(out, "Signing out…", "Could not sign out", func(ctx context.Context) error {
				var err error
				msg, err = sh.api.SignOut(ctx)
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
