package window

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

// entries are the window's text fields, in order: reminder offsets, the
// reminders after the start, snooze, interview patterns, the user's other
// addresses and, in the settings, the recording folder and the calendars'
// fields.
func entries(h *harness) []*widget.Entry {
	var out []*widget.Entry
	walk(h.w, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok {
			out = append(out, e)
		}
	})
	if len(out) < 4 {
		h.t.Fatalf("%d text fields, want the reminders, snooze and the patterns at least", len(out))
	}
	return out
}

// setText replaces a field's text as the user would.
func setText(e *widget.Entry, s string) {
	e.SetText("")
	test.Type(e, s)
}

func TestSettingsSave(t *testing.T) {
	// Given the agent's settings
	h := newHarness(t, NameSettings)
	st := demoState()
	st.Settings.ManualChecksDone = []string{"recording_folder"}
	h.state(st)
	h.golden("settings.xml")
	f := entries(h)
	if f[0].Text != "10, 1" || f[1].Text != "2, 5, 10" || f[2].Text != "5" || f[3].Text != "interview" || f[4].Text != "" || f[5].Text != "" {
		t.Errorf("fields = %q, %q, %q, %q, %q, %q", f[0].Text, f[1].Text, f[2].Text, f[3].Text, f[4].Text, f[5].Text)
	}
	if !h.button("Save").Disabled() {
		t.Error("Save is enabled before any change")
	}

	// When the user changes them and saves
	setText(f[0], "15, 5, 1")
	setText(f[1], "3")
	setText(f[2], "10")
	setText(f[3], "interview\nscreening")
	setText(f[4], "Ada@Personal.example, ada@old.example")
	setText(f[5], "/home/ada/Zoom")
	toggle(h.check("An attendee outside my e-mail domains makes it an interview"))
	toggle(h.check("Hide candidate names in the tray and reminders"))
	toggle(h.check("Start Interview Tray when I log in"))
	toggle(h.check("Also open a reminder window"))
	h.tap("Save")

	// Then the agent gets them, with what the window does not show kept
	h.wantCalls("save_settings")
	got := h.api.lastSaved(t)
	m := func(n int) model.Duration { return model.Duration(time.Duration(n) * time.Minute) }
	if !slices.Equal(got.ReminderOffsets, []model.Duration{m(15), m(5), m(1)}) ||
		!slices.Equal(got.Rules.Patterns, []string{"interview", "screening"}) ||
		got.RecordingFolder != "/home/ada/Zoom" || !got.HideNames || !got.StartAtLogin || got.Popup ||
		got.Snooze != m(10) || !slices.Equal(got.StartedNags, []model.Duration{m(3)}) ||
		!slices.Equal(got.ManualChecksDone, []string{"recording_folder"}) ||
		!got.Rules.ExternalAttendee || !slices.Equal(got.MyAddresses, []string{"ada@personal.example", "ada@old.example"}) ||
		len(got.Calendars) != 1 || got.Calendars[0].ID != calWork {
		t.Errorf("saved %+v", got)
	}
	if h.status() != "Saved." || !h.button("Save").Disabled() {
		t.Errorf("after saving: status %q, Save disabled %v", h.status(), h.button("Save").Disabled())
	}
}

// TestSettingsBadInput: a wrong value is marked under its field as the
// user types, and Save waits until it is right.
func TestSettingsBadInput(t *testing.T) {
	h := newHarness(t, NameSettings)
	h.state(demoState())
	tests := []struct {
		field     int
		in, error string
	}{
		{0, "ten", `"ten" is not a number of minutes`},
		{0, "10, 1500", `"1500": at most 24 h before the start`},
		{0, "1, 2, 3, 4, 5, 6, 7", "At most 6 times, not 7"},
		{1, "0", `"0": give a positive number of minutes after the start`},
		{1, "180", `"180": at most 2 h after the start`},
		{2, "", "Give a number of minutes"},
		{2, "5, 10", "Give one number of minutes"},
		{2, "30s", "Snooze at least 1 min"},
		{4, "ada@example.com, Ada Lovelace", `"Ada" is not an e-mail address`},
		{4, "ada@", `"ada@" is not an e-mail address`},
	}
	for _, tt := range tests {
		f := entries(h)[tt.field]
		setText(f, tt.in)
		if err := f.Validate(); err == nil {
			t.Errorf("field %d accepts %q", tt.field, tt.in)
		}
		if !h.has(tt.error) {
			t.Errorf("field %d with %q: the window does not say %q", tt.field, tt.in, tt.error)
		}
		if !h.button("Save").Disabled() {
			t.Errorf("Save is enabled with %q in field %d", tt.in, tt.field)
		}
		h.tap("Undo changes")
	}

	// When the field is right again, its hint comes back and Save works
	f := entries(h)[0]
	setText(f, "ten")
	setText(f, "10")
	h.mustShow("Minutes before each interview")
	h.mustNotShow("is not a number of minutes")
	h.tap("Save")
	h.wantCalls("save_settings")

	// The agent's own checks come back in its words, and nothing is lost
	setText(entries(h)[0], "1, 2, 3")
	h.api.fail("save_settings", &localapi.Error{Status: 400, Message: "reminder 3m0s before the start: too close"})
	h.tap("Save")
	if h.status() != "Could not save: reminder 3m0s before the start: too close" || entries(h)[0].Text != "1, 2, 3" {
		t.Errorf("status %q, field %q", h.status(), entries(h)[0].Text)
	}
}

// TestSettingsButtonsStayPut: "Saved." must not move Save and Undo, or the
// next click misses them.
func TestSettingsButtonsStayPut(t *testing.T) {
	h := newHarness(t, NameSettings)
	h.w.Resize(fyne.NewSize(600, 700))
	h.state(demoState())
	pos := func() fyne.Position {
		relayout(h.w.Canvas().Content())
		return fyne.CurrentApp().Driver().AbsolutePositionForObject(h.button("Save"))
	}
	before := pos()
	setText(entries(h)[0], "15")
	h.tap("Save")
	if h.status() != "Saved." {
		t.Fatalf("status = %q", h.status())
	}
	if after := pos(); after != before {
		t.Errorf("Save moved from %v to %v after saving", before, after)
	}
}

// TestSettingsAligned: the fields of every section start at one x.
func TestSettingsAligned(t *testing.T) {
	h := newHarness(t, NameSettings)
	h.state(demoState())
	relayout(h.w.Canvas().Content())
	xs := map[float32]bool{}
	for _, e := range entries(h) {
		xs[fyne.CurrentApp().Driver().AbsolutePositionForObject(e).X] = true
	}
	if len(xs) != 1 {
		t.Errorf("the fields start at %d different x: %v", len(xs), xs)
	}
}

func TestSettingsKeepEditsAcrossStates(t *testing.T) {
	h := newHarness(t, NameSettings)
	h.state(demoState())

	// Given the user is editing, a new state from the agent keeps the edit
	setText(entries(h)[0], "30")
	other := demoState()
	other.Settings.ReminderOffsets = []model.Duration{model.Duration(2 * time.Minute)}
	h.state(other)
	if got := entries(h)[0].Text; got != "30" {
		t.Errorf("field = %q after a new state, want the user's edit", got)
	}

	// When the user undoes, the agent's latest settings come back
	h.tap("Undo changes")
	if got := entries(h)[0].Text; got != "2" {
		t.Errorf("field = %q after Undo, want the agent's", got)
	}

	// Without an edit, new states show at once
	other.Settings.ReminderOffsets = []model.Duration{model.Duration(20 * time.Minute)}
	h.state(other)
	if got := entries(h)[0].Text; got != "20" {
		t.Errorf("field = %q, want the agent's new value", got)
	}
	if !h.button("Save").Disabled() {
		t.Error("Save is enabled with nothing changed")
	}
}

func TestSettingsAccount(t *testing.T) {
	h := newHarness(t, NameSettings)
	h.state(demoState())
	h.mustShow("Signed in as ada@example.com")
	h.tap("Sign out")
	h.wantCalls("sign_out")
	if h.status() != "Signed out of Zoom." {
		t.Errorf("status = %q", h.status())
	}

	st := signedOutState()
	st.Agent.SignIn = localapi.SignInProgress{State: localapi.SignInFailed, Message: "Zoom sign-in was declined. Try again and choose Allow."}
	h.state(st)
	h.mustShow("Not signed in to Zoom yet.", "Zoom sign-in was declined. Try again and choose Allow.")
	h.tap("Sign in with Zoom")
	h.wantCalls("sign_out", "sign_in")
}

func TestSettingsFolderPicker(t *testing.T) {
	// Given a folder with subfolders
	root := t.TempDir()
	for _, d := range []string{"Zoom", "Documents", ".hidden"} {
		if err := os.Mkdir(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "file.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, NameSettings)
	h.state(demoState())
	setText(entries(h)[5], root)

	// When the user chooses a folder, the dialog opens where the field
	// points and lists its visible folders only
	h.tap("Choose…")
	h.mustShow("Choose the folder for local recordings", "Documents", "Zoom")
	if h.has(".hidden") || h.has("file.txt") {
		t.Error("the folder dialog lists a hidden folder or a file")
	}
	tapItem(h, "Zoom")
	h.tap("Choose this folder")

	// Then the field holds it, ready to save
	if got := entries(h)[5].Text; got != filepath.Join(root, "Zoom") {
		t.Errorf("folder = %q", got)
	}
	if h.button("Save").Disabled() {
		t.Error("Save is disabled after choosing a folder")
	}

	// Cancel leaves the field as it was
	h.tap("Choose…")
	h.tap("Cancel")
	if got := entries(h)[5].Text; got != filepath.Join(root, "Zoom") {
		t.Errorf("after Cancel, folder = %q", got)
	}
}

// tapItem taps the innermost tappable object that shows text (an item of
// Fyne's file dialog, say) and settles.
func tapItem(h *harness, text string) {
	h.t.Helper()
	var target fyne.Tappable
	walk(h.w, func(o fyne.CanvasObject) {
		tp, ok := o.(fyne.Tappable)
		if !ok {
			return
		}
		if w, ok := o.(fyne.Widget); ok && slices.Contains(textsOf(w), text) {
			target = tp // later ones are nested deeper
		}
	})
	if target == nil {
		h.t.Fatalf("nothing tappable shows %q", text)
	}
	test.Tap(target)
	h.settle()
}

// TestSettingsForceTheTheme: Appearance forces light or dark windows (saved
// with the settings), and a state that says so puts it on the app at once;
// Join with chooses the Zoom app or the browser.
func TestSettingsForceTheTheme(t *testing.T) {
	h := newHarness(t, NameSettings)
	st := demoState()
	h.state(st)
	var look, join *widget.Select
	walk(h.w, func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok {
			switch {
			case slices.Contains(s.Options, "Dark"):
				look = s
			case slices.Contains(s.Options, "The browser"):
				join = s
			}
		}
	})
	if join == nil || join.Selected != "The Zoom app when it is installed, else the browser" {
		t.Fatalf("join select = %+v", join)
	}
	join.SetSelected("The browser")
	if look == nil || look.Selected != "Follow the desktop" {
		t.Fatalf("appearance select = %+v", look)
	}
	look.SetSelected("Dark")
	h.tap("Save")
	h.wantCalls("save_settings")
	if got := h.api.lastSaved(t); got.Theme != model.ThemeDark || got.JoinWith != model.JoinWithBrowser {
		t.Errorf("saved theme %q, join with %q", got.Theme, got.JoinWith)
	}
	st.Settings.Theme = model.ThemeDark
	h.state(st)
	h.settle()
	th, ok := fyne.CurrentApp().Settings().Theme().(appTheme)
	if !ok || th.forced == nil || *th.forced != theme.VariantDark {
		t.Errorf("the app's theme is %#v, want the forced dark one", fyne.CurrentApp().Settings().Theme())
	}
	st.Settings.Theme = ""
	h.state(st)
	h.settle()
	if th, ok := fyne.CurrentApp().Settings().Theme().(appTheme); !ok || th.forced != nil {
		t.Errorf("after following again: %#v", fyne.CurrentApp().Settings().Theme())
	}
}
