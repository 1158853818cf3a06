package window

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

// secretURL is a calendar address as the user pastes it: a secret.
const secretURL = "https://calendar.google.com/calendar/ical/ada%40example.com/private-0123456789abcdef/basic.ics"

// entryWithPlaceholder finds the text field whose placeholder is p.
func entryWithPlaceholder(h *harness, p string) *widget.Entry {
	h.t.Helper()
	var found *widget.Entry
	walk(h.w, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.PlaceHolder == p && found == nil {
			found = e
		}
	})
	if found == nil {
		h.t.Fatalf("no field with the placeholder %q", p)
	}
	return found
}

func addressField(h *harness) *widget.Entry {
	return entryWithPlaceholder(h, "https://… or webcal://…")
}
func nameField(h *harness) *widget.Entry { return entryWithPlaceholder(h, "Work") }

// failingCalendar adds a second source whose last read failed.
func failingCalendar(st localapi.State) localapi.State {
	st.Settings.Calendars = append(st.Settings.Calendars,
		model.CalendarSource{ID: "dead", Name: "Old team", Masked: "outlook.office365.com…9a.ics", AllInterviews: true})
	st.Snapshot.Calendars = append(st.Snapshot.Calendars, model.CalendarStatus{ID: "dead", Name: "Old team",
		OK: false, Error: "this calendar address no longer works: copy the new secret address from Google Calendar's settings"})
	return st
}

// TestSettingsCalendarsShowStatus: each source shows its name, masked
// address, when it was read, its events and interviews, its rule and, when
// failing, why.
func TestSettingsCalendarsShowStatus(t *testing.T) {
	h := newHarness(t, NameSettings)
	h.state(failingCalendar(demoState()))
	h.mustShow("Calendars",
		"calendar.google.com…f3.ics · read 5 min ago · 42 events · 3 upcoming interviews",
		"outlook.office365.com…9a.ics · never read",
		"This calendar address no longer works: copy the new secret address from Google Calendar's settings",
		"Add a calendar")
	var names []string
	walk(h.w, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && (e.Text == "Work calendar" || e.Text == "Old team") {
			names = append(names, e.Text)
		}
	})
	if len(names) != 2 {
		t.Errorf("name fields %q, want both calendars' names, editable", names)
	}
	var rules []bool
	walk(h.w, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && c.Text == "Every event is an interview" {
			rules = append(rules, c.Checked)
		}
	})
	if len(rules) != 3 || rules[0] || !rules[1] || rules[2] {
		t.Errorf("\"Every event is an interview\" boxes %v, want off, on (the sources), off (the new one)", rules)
	}
	if addressField(h).Password != true {
		t.Error("the address field shows the secret address as it is typed")
	}
	// The minute tick updates "read 5 min ago".
	h.now = h.now.Add(3 * 60e9)
	h.sh.scr.(minuteTicker).tick()
	h.mustShow("read 8 min ago")
}

// TestSettingsAddCalendar: Add sends the typed address, name and rule once,
// shows the agent's answer and forgets the address.
func TestSettingsAddCalendar(t *testing.T) {
	h := newHarness(t, NameSettings)
	h.state(demoState())
	h.api.results[localapi.CmdAddCalendar] = localapi.Result{Message: `Added "Interviews". The calendar works: 12 events.`}
	setText(nameField(h), "Interviews")
	setText(addressField(h), secretURL)
	toggle(lastCheck(h, "Every event is an interview"))
	h.tap("Add")
	h.wantCalls("add_calendar text=Interviews url=" + secretURL + " enabled=true")
	if a, n := addressField(h).Text, nameField(h).Text; a != "" || n != "" {
		t.Errorf("after Add the fields hold %q and %q, want them empty", a, n)
	}
	h.mustShow(`Added "Interviews". The calendar works: 12 events.`)
	if h.has(secretURL) {
		t.Error("the window shows the secret address after Add")
	}
}

// TestSettingsAddCalendarFails: a failed Add says why and keeps the
// address, to correct it.
func TestSettingsAddCalendarFails(t *testing.T) {
	h := newHarness(t, NameSettings)
	h.state(demoState())
	h.api.fail(localapi.CmdAddCalendar, errors.New("the address answers a web page, not a calendar"))
	h.tap("Add")
	h.mustShow("Paste the calendar's address first.")
	h.wantCalls()
	setText(addressField(h), secretURL)
	h.tap("Add")
	h.mustShow("The address answers a web page, not a calendar")
	if addressField(h).Text != secretURL {
		t.Error("a failed Add lost the typed address")
	}
}

// TestSettingsTestCalendar: Test reads the address once and shows what the
// agent found; nothing is added.
func TestSettingsTestCalendar(t *testing.T) {
	h := newHarness(t, NameSettings)
	h.state(demoState())
	h.api.results[localapi.CmdTestCalendar] = localapi.Result{Message: "The calendar works: 42 events; in the next 30 days 5 meetings, 3 interviews (2 with a Zoom link)."}
	setText(addressField(h), secretURL)
	h.tap("Test")
	h.wantCalls("test_calendar url=" + secretURL + " enabled=false")
	h.mustShow("The calendar works: 42 events; in the next 30 days 5 meetings, 3 interviews (2 with a Zoom link).")
	if addressField(h).Text != secretURL {
		t.Error("Test cleared the address")
	}
}

// TestSettingsRemoveCalendar: Remove asks first; Keep it sends nothing,
// Remove sends remove_calendar with the source's ID.
func TestSettingsRemoveCalendar(t *testing.T) {
	h := newHarness(t, NameSettings)
	h.state(demoState())
	h.tap("Remove…")
	h.mustShow("Remove “Work calendar”?")
	h.tap("Keep it")
	h.wantCalls()
	h.tap("Remove…")
	h.tap("Remove")
	h.wantCalls("remove_calendar key=" + calWork + " enabled=false")
	if h.status() != "Removed “Work calendar”." {
		t.Errorf("status %q", h.status())
	}
}

// TestSettingsRenameCalendar: Rename and the rule box change the source at
// once; a name being edited survives a new state.
func TestSettingsRenameCalendar(t *testing.T) {
	h := newHarness(t, NameSettings)
	h.state(demoState())
	if !h.button("Rename").Disabled() {
		t.Error("Rename is enabled before the name changed")
	}
	var name *widget.Entry
	walk(h.w, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.Text == "Work calendar" {
			name = e
		}
	})
	setText(name, "Recruiting")
	h.state(demoState())
	if name.Text != "Recruiting" {
		t.Errorf("a new state replaced the name being edited with %q", name.Text)
	}
	h.tap("Rename")
	toggle(h.check("Every event is an interview"))
	h.settle()
	h.wantCalls("update_calendar key="+calWork+" text=Recruiting enabled=false",
		"update_calendar key="+calWork+" text=Recruiting enabled=true")
}

// lastCheck is the last check box labelled text (the add form's comes
// after the sources').
func lastCheck(h *harness, text string) *widget.Check {
	h.t.Helper()
	var found *widget.Check
	walk(h.w, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && c.Text == text {
			found = c
		}
	})
	if found == nil {
		h.t.Fatalf("no %q check box", text)
	}
	return found
}

// TestSettingsCalendarTextIsPlain: a masked address or an error with line
// breaks or bidirectional overrides shows as one line of plain text.
func TestSettingsCalendarTextIsPlain(t *testing.T) {
	h := newHarness(t, NameSettings)
	st := demoState()
	st.Settings.Calendars[0].Masked = "evil.example…\u202egpj\x1b.ics"
	st.Snapshot.Calendars[0].OK, st.Snapshot.Calendars[0].Error = false, "bad\nline"
	h.state(st)
	h.mustShow("evil.example…gpj.ics · read 5 min ago", "Bad line")
	h.mustNotShow("\u202e", "\x1b")
}
