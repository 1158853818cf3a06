package window

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// entries are the window's text fields, in order: reminder offsets,
// interview patterns and, in the settings, the recording folder.
func entries(h *harness) []*widget.Entry {
	var out []*widget.Entry
	walk(h.w, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok {
			out = append(out, e)
		}
	})
	if len(out) < 2 {
		h.t.Fatalf("%d text fields, want the reminders and the patterns at least", len(out))
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
	if f[0].Text != "10, 1" || f[1].Text != "interview" || f[2].Text != "" {
		t.Errorf("fields = %q, %q, %q", f[0].Text, f[1].Text, f[2].Text)
	}
	if !h.button("Save").Disabled() {
		t.Error("Save is enabled before any change")
	}

	// When the user changes them and saves
	setText(f[0], "15, 5, 1")
	setText(f[1], "interview\nscreening")
	setText(f[2], "/home/ada/Zoom")
	toggle(h.check("Hide candidate names in the tray and reminders"))
	toggle(h.check("Start Interview Tray when I log in"))
	toggle(h.check("Also open a reminder window"))
	h.tap("Save")

	// Then the agent gets them, with what the window does not show kept
	h.wantCalls("save_settings")
	got := h.api.lastSaved(t)
	m := func(n int) meetingsync.Duration { return meetingsync.Duration(time.Duration(n) * time.Minute) }
	if !slices.Equal(got.ReminderOffsets, []meetingsync.Duration{m(15), m(5), m(1)}) ||
		!slices.Equal(got.Rules.Patterns, []string{"interview", "screening"}) ||
		got.RecordingFolder != "/home/ada/Zoom" || !got.HideNames || !got.StartAtLogin || got.Popup ||
		got.Snooze != st.Settings.Snooze || !slices.Equal(got.StartedNags, st.Settings.StartedNags) ||
		!slices.Equal(got.ManualChecksDone, []string{"recording_folder"}) {
		t.Errorf("saved %+v", got)
	}
	if h.status() != "Saved." || !h.button("Save").Disabled() {
		t.Errorf("after saving: status %q, Save disabled %v", h.status(), h.button("Save").Disabled())
	}
}

func TestSettingsBadInput(t *testing.T) {
	h := newHarness(t, NameSettings)
	h.state(demoState())
	setText(entries(h)[0], "10, soon")
	h.tap("Save")
	h.wantCalls()
	if h.status() != `Reminders: "soon" is not a number of minutes` || h.sh.status.Importance != widget.DangerImportance {
		t.Errorf("status = %q", h.status())
	}

	// The agent's own checks come back in its words, and nothing is lost
	setText(entries(h)[0], "1, 2, 3, 4, 5, 6, 7")
	h.api.fail("save_settings", &localapi.Error{Status: 400, Message: "at most 6 reminder times, not 7"})
	h.tap("Save")
	if h.status() != "Could not save: at most 6 reminder times, not 7" || entries(h)[0].Text != "1, 2, 3, 4, 5, 6, 7" {
		t.Errorf("status %q, field %q", h.status(), entries(h)[0].Text)
	}
}

func TestSettingsKeepEditsAcrossStates(t *testing.T) {
	h := newHarness(t, NameSettings)
	h.state(demoState())

	// Given the user is editing, a new state from the agent keeps the edit
	setText(entries(h)[0], "30")
	other := demoState()
	other.Settings.ReminderOffsets = []meetingsync.Duration{meetingsync.Duration(2 * time.Minute)}
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
	other.Settings.ReminderOffsets = []meetingsync.Duration{meetingsync.Duration(20 * time.Minute)}
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
	setText(entries(h)[2], root)

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
	if got := entries(h)[2].Text; got != filepath.Join(root, "Zoom") {
		t.Errorf("folder = %q", got)
	}
	if h.button("Save").Disabled() {
		t.Error("Save is disabled after choosing a folder")
	}

	// Cancel leaves the field as it was
	h.tap("Choose…")
	h.tap("Cancel")
	if got := entries(h)[2].Text; got != filepath.Join(root, "Zoom") {
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
