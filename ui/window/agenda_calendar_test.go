package window

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

// The fixture's calendar-sourced meetings.
const (
	idPanel int64 = 87700033344 // in three days, hosted by a coordinator, only in the calendar
	idLunch int64 = -4242       // a calendar event without a Zoom link
)

// calendarState adds what only the calendar knows: a panel that a
// coordinator hosts three days out, and an event with no Zoom link (an
// interview by the calendar's "every event" rule).
func calendarState() localapi.State {
	st := demoState()
	panel := interview(idPanel, "Panel: Sam Ortiz — Engineering Manager", at(3, 14, 0), 90)
	panel.HostKnown, panel.Source, panel.Calendar, panel.CalendarID = false, model.SourceCalendar, "Work calendar", calWork
	panel.Organizer = &model.Person{Name: "Dana Whitfield", Email: "dana@recruit.example"}
	onsite := interview(idLunch, "Onsite: Sam Ortiz — lunch", at(3, 12, 0), 60)
	onsite.JoinURL, onsite.HostKnown, onsite.Source, onsite.Calendar = "", false, model.SourceCalendar, "Work calendar"
	onsite.Organizer = &model.Person{Email: "dana@recruit.example"}
	jonah := &st.Snapshot.Interviews[2]
	jonah.Source, jonah.HostEmail = model.SourceZoomCalendar, "lee@example.com"
	jonah.Organizer = &model.Person{Name: "Lee Park", Email: "lee@example.com"}
	st.Snapshot.Interviews = append(st.Snapshot.Interviews, onsite, panel)
	st.Snapshot.Problems = []model.Problem{{
		Message: "Lee Park <lee@example.com> hosts the interview at Mon 13:30: recording it to your computer needs their permission.",
		Action:  model.ActionCopyHostRequest, Label: "Copy request", MeetingID: idJonah,
	}}
	return st
}

// rowButtons are the texts of the buttons of the agenda row whose topic is
// topic.
func rowButtons(h *harness, topic string) []string {
	h.t.Helper()
	var out []string
	found := false
	walk(h.w, func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok || found || len(c.Objects) != 2 {
			return
		}
		if _, ok := c.Objects[0].(*tapArea); !ok || !containsText(textsOf(c.Objects[0]), topic) {
			return
		}
		found = true
		walkObject(c.Objects[1], func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok {
				out = append(out, b.Text)
			}
		})
	})
	if !found {
		h.t.Fatalf("no agenda row for %q", topic)
	}
	return out
}

func containsText(ts []string, s string) bool {
	for _, t := range ts {
		if t == s {
			return true
		}
	}
	return false
}

// TestAgendaCalendarInterviews: a meeting the user does not host names
// its organizer, one only the calendar knows is marked, and an event
// without a Zoom link has neither Join nor Copy.
func TestAgendaCalendarInterviews(t *testing.T) {
	h := newHarness(t, NameAgenda)
	h.w.Resize(fyne.NewSize(640, 900))
	h.state(calendarState())
	h.golden("agenda_calendar.xml")
	h.mustShow("Organised by Lee Park", "Organised by Dana Whitfield", "Organised by dana@recruit.example", "Calendar",
		"Onsite: Sam Ortiz — lunch", "Panel: Sam Ortiz — Engineering Manager")
	if got := rowButtons(h, "Onsite: Sam Ortiz — lunch"); len(got) != 0 {
		t.Errorf("the event without a Zoom link has buttons %q", got)
	}
	if got := rowButtons(h, "Panel: Sam Ortiz — Engineering Manager"); len(got) != 2 || got[0] != "Join" {
		t.Errorf("the calendar's Zoom meeting has buttons %q, want Join and Copy", got)
	}
	// The user's own meetings name no organizer
	priya := textsOf(h.w.Canvas().Content())
	for _, s := range priya {
		if s == "Organised by Ada" {
			t.Error("a meeting the user hosts names an organizer")
		}
	}

	// The details say who organised it and where it was found
	var rows []*tapArea
	walk(h.w, func(o fyne.CanvasObject) {
		if t, ok := o.(*tapArea); ok {
			rows = append(rows, t)
		}
	})
	test.Tap(rows[len(rows)-1])
	h.mustShow("Organised by Dana Whitfield <dana@recruit.example>. Zoom has not said yet who hosts this meeting.",
		"Only in your calendar “Work calendar”; Zoom does not list it for you.", "877 0003 3344")
	h.tap("Close")
	test.Tap(rows[len(rows)-2])
	h.mustShow("Organised by dana@recruit.example. Not a Zoom meeting: the calendar event has no Zoom link.")
	h.mustNotShow("-4242")
}

// TestAgendaCopyHostRequest: "Copy request" puts the message for the host
// on the clipboard, through the agent too.
func TestAgendaCopyHostRequest(t *testing.T) {
	h := newHarness(t, NameAgenda)
	st := calendarState()
	h.state(st)
	h.tap("Copy request")
	want := model.HostRequest(st.Snapshot.Interviews[2], st.Snapshot.User, testZone)
	if got := h.app.Clipboard().Content(); got != want {
		t.Errorf("clipboard = %q, want %q", got, want)
	}
	h.wantCalls("copy " + want)
	if h.status() != "Copied a request for the host." {
		t.Errorf("status = %q", h.status())
	}
}

// TestReminderPopupCalendarEvent: a reminder for a calendar event without
// a Zoom link offers no Join, and names who organised it.
func TestReminderPopupCalendarEvent(t *testing.T) {
	h := newHarness(t, NameReminder)
	h.now = at(3, 11, 50).In(testZone)
	st := calendarState()
	st.Snapshot.Reminders = []model.Reminder{{Key: "lunch", MeetingID: idLunch, Topic: "Onsite: Sam Ortiz — lunch",
		StartTime: at(3, 12, 0), Kind: model.ReminderBefore, Minutes: 10, Due: at(3, 11, 50), FiredAt: at(3, 11, 50)}}
	h.state(st)
	h.mustShow("Onsite: Sam Ortiz — lunch in 10 min", "Starts at 12:00 · organised by dana@recruit.example", "5 min", "Until it starts", "Dismiss")
	if h.hasButton("Join now") {
		t.Error("a reminder without a Zoom link offers Join now")
	}
}
