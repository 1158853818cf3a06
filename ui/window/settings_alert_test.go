package window

import (
	"testing"
	"time"
)

func TestSettingsAlertAndShortcut(t *testing.T) {
	// Given the defaults, on a desktop without global shortcuts
	h := newHarness(t, NameSettings)
	st := demoState()
	st.Agent.Shortcut = "Global shortcuts are not available on this desktop (Wayland)"
	h.state(st)
	h.mustShow("When it starts", "Zoom's estimate with video: about 200 MB an hour",
		"Global shortcuts are not available on this desktop (Wayland): use Join in the tray menu instead.")
	al := h.sh.scr.(*settings).al
	mb, keys := al.mb, al.keys
	if mb.Text != "200" || keys.Text != "Ctrl+Alt+J" {
		t.Fatalf("fields %q %q", mb.Text, keys.Text)
	}

	// When the user picks 5 minutes before, a size and turns the
	// shortcut and the consent line off
	alert := al.alert
	alert.SetSelected("5 minutes before")
	setText(mb, "400")
	toggle(h.check("Join the current or next interview with a keyboard shortcut"))
	toggle(h.check("Remind me to tell the candidate the interview is recorded"))
	allMeetings := h.check("Also for my other Zoom meetings, not only interviews")
	if allMeetings.Checked || allMeetings.Disabled() {
		t.Fatal("the alert is for all meetings by default, or cannot be")
	}
	toggle(allMeetings)
	h.tap("Save")

	// Then the agent gets them
	got := h.api.lastSaved(t)
	if got.AlertOff || got.AlertBefore.D() != 5*time.Minute || got.RecordingMBPerHour != 400 ||
		!got.JoinShortcutOff || got.ConsentReminder || !got.AlertAllMeetings {
		t.Errorf("saved %+v", got)
	}
	if err := got.Validate(); err != nil {
		t.Error(err)
	}

	// An alert turned off, and a size that is no number
	alert.SetSelected("Off")
	if !allMeetings.Disabled() {
		t.Error("with the alert off, its meetings can still be chosen")
	}
	setText(mb, "lots")
	for in, want := range map[string]string{
		"Ctrl+Alt+J (X11)":            "Active: Ctrl+Alt+J (X11).",
		"Ctrl+Alt+J (desktop portal)": "Active: Ctrl+Alt+J (desktop portal).",
		"Ctrl+Alt+J (desktop portal): allow it in the desktop's dialog":                                            "Shortcut Ctrl+Alt+J (desktop portal): allow it in the desktop's dialog.",
		"Global shortcuts are not available on this desktop (Wayland; the desktop portal has no global shortcuts)": "Global shortcuts are not available on this desktop (Wayland; the desktop portal has no global shortcuts): use Join in the tray menu instead.",
	} {
		if got := shortcutStatus(in); got != want {
			t.Errorf("shortcut status %q reads %q, want %q", in, got, want)
		}
	}
	if !h.button("Save").Disabled() {
		t.Error("Save is enabled with a size that is no number")
	}
	setText(mb, "300")
	h.tap("Save")
	if got := h.api.lastSaved(t); !got.AlertOff {
		t.Error("the alert is not off")
	}
}
