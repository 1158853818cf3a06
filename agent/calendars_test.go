package agent

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/calendar"
	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// fakeCalendars keeps addresses in memory and reads a fixed calendar.
type fakeCalendars struct {
	stored  map[string]string
	removed []string
	readErr error
}

const twoEvents = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n" +
	"BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20261201T000000Z\r\nDTSTART:20261205T150000Z\r\nDTEND:20261205T160000Z\r\nSUMMARY:Interview: Ada\r\nLOCATION:https://zoom.us/j/86512345678\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:b\r\nDTSTAMP:20261201T000000Z\r\nDTSTART:20261206T150000Z\r\nDTEND:20261206T160000Z\r\nSUMMARY:Team lunch\r\nEND:VEVENT\r\n" +
	"END:VCALENDAR\r\n"

func (f *fakeCalendars) Add(ctx context.Context, name, address string) (meetingsync.CalendarSource, error) {
	id := "id" + string(rune('0'+len(f.stored)))
	f.stored[id] = address
	return meetingsync.CalendarSource{ID: id, Name: name, Masked: calendar.Mask(address)}, nil
}

func (f *fakeCalendars) Remove(ctx context.Context, id string) error {
	delete(f.stored, id)
	f.removed = append(f.removed, id)
	return nil
}

func (f *fakeCalendars) Check(ctx context.Context, address string, opt calendar.Options) (*calendar.Result, error) {
	if f.readErr != nil {
		return nil, f.readErr
	}
	return calendar.ParseBytes([]byte(twoEvents), opt)
}

func TestCalendarCommands(t *testing.T) {
	a, _, _ := newTestAgent(t)
	a.opts.Now = func() time.Time { return time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC) }
	cals := &fakeCalendars{stored: map[string]string{}}
	ctx := context.Background()
	const secret = "https://calendar.google.com/calendar/ical/me%40x/private-0123456789abcdef/basic.ics"

	// Without calendar support every calendar command says so.
	if _, err := a.Do(ctx, localapi.Command{Name: localapi.CmdTestCalendar, URL: secret}); !errors.Is(err, ErrNoCalendars) {
		t.Errorf("without Calendars: %v", err)
	}
	a.opts.Calendars = cals

	res, err := a.Do(ctx, localapi.Command{Name: localapi.CmdTestCalendar, URL: secret})
	if err != nil || !strings.Contains(res.Message, "2 events") || !strings.Contains(res.Message, "1 interview (1 with a Zoom link)") {
		t.Errorf("test = %q, %v", res.Message, err)
	}
	if len(cals.stored) != 0 {
		t.Error("a test stored the address")
	}

	// A calendar that cannot be read is not added.
	cals.readErr = errors.New("This calendar address no longer works")
	if _, err := a.Do(ctx, localapi.Command{Name: localapi.CmdAddCalendar, URL: secret, Text: "Work"}); err == nil || len(cals.stored) != 0 || len(a.engine.Settings().Calendars) != 0 {
		t.Errorf("adding an unreadable calendar: %v, stored %v", err, cals.stored)
	}
	cals.readErr = nil

	res, err = a.Do(ctx, localapi.Command{Name: localapi.CmdAddCalendar, URL: secret, Text: "Work"})
	if err != nil || !strings.HasPrefix(res.Message, `Added "Work".`) {
		t.Fatalf("add = %q, %v", res.Message, err)
	}
	srcs := a.engine.Settings().Calendars
	if len(srcs) != 1 || srcs[0].Name != "Work" || cals.stored[srcs[0].ID] != secret || strings.Contains(srcs[0].Masked, "0123456789") {
		t.Fatalf("settings = %+v", srcs)
	}
	if _, err := a.Do(ctx, localapi.Command{Name: localapi.CmdAddCalendar, URL: secret, Text: "work"}); err == nil {
		t.Error("a second calendar with the same name was added")
	}
	// The settings the windows get never hold the address.
	st := a.State()
	if strings.Contains(st.Settings.Calendars[0].Masked+st.Settings.Calendars[0].Name, "private-0123") {
		t.Error("the state holds the secret")
	}

	// A window's Save with the list it had before the Add keeps the calendar.
	stale := a.engine.Settings()
	stale.Calendars = nil
	stale.HideNames = true
	if _, err := a.Do(ctx, localapi.Command{Name: localapi.CmdSaveSettings, Settings: &stale}); err != nil {
		t.Fatal(err)
	}
	if got := a.engine.Settings(); len(got.Calendars) != 1 || !got.HideNames {
		t.Errorf("after a stale save: %+v", got.Calendars)
	}

	if _, err := a.Do(ctx, localapi.Command{Name: localapi.CmdUpdateCalendar, Key: srcs[0].ID, Text: "Interviews", Enabled: true}); err != nil {
		t.Fatal(err)
	}
	if c := a.engine.Settings().Calendars[0]; c.Name != "Interviews" || !c.AllInterviews {
		t.Errorf("after update: %+v", c)
	}
	if _, err := a.Do(ctx, localapi.Command{Name: localapi.CmdRemoveCalendar, Key: srcs[0].ID}); err != nil {
		t.Fatal(err)
	}
	if len(a.engine.Settings().Calendars) != 0 || len(cals.removed) != 1 || len(cals.stored) != 0 {
		t.Errorf("after remove: %+v, removed %v", a.engine.Settings().Calendars, cals.removed)
	}
	if _, err := a.Do(ctx, localapi.Command{Name: localapi.CmdRemoveCalendar, Key: "nope"}); err == nil {
		t.Error("removing an unknown calendar succeeded")
	}
}

func TestCopyHostRequest(t *testing.T) {
	a, desk, _ := newTestAgent(t)
	var other meetingsync.Interview
	for _, iv := range a.engine.Snapshot().Interviews {
		if iv.IsInterview && !iv.HostedByMe && iv.ID > 0 {
			other = iv
			break
		}
	}
	if other.ID == 0 {
		t.Fatal("the demo has no interview someone else hosts")
	}
	if err := solveProblem(a, meetingsync.Problem{Action: meetingsync.ActionCopyHostRequest, MeetingID: other.ID}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(desk.clipboard, "alternative host") || !strings.Contains(desk.clipboard, other.Topic) {
		t.Errorf("copied %q", desk.clipboard)
	}
	if err := solveProblem(a, meetingsync.Problem{Action: meetingsync.ActionCopyHostRequest, MeetingID: 42}); err == nil {
		t.Error("a request for an unknown interview")
	}
}
