package agent

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/interviewtray/interviewtray/calendar"
	"github.com/interviewtray/interviewtray/internal/calfeeds"
	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// Calendars keeps the calendar sources' addresses (in the keychain) and
// reads a source once for a test; internal/calfeeds.Feeds is the real one.
type Calendars interface {
	Add(ctx context.Context, name, address string) (meetingsync.CalendarSource, error)
	Remove(ctx context.Context, id string) error
	Check(ctx context.Context, address string, opt calendar.Options) (*calendar.Result, error)
}

// ErrNoCalendars: the agent was started without calendar support.
var ErrNoCalendars = errors.New("calendars are not available in this agent")

// calendars returns the calendar store, or ErrNoCalendars.
func (a *Agent) calendars() (Calendars, error) {
	if a.opts.Calendars == nil {
		return nil, ErrNoCalendars
	}
	return a.opts.Calendars, nil
}

// doTestCalendar reads cmd.URL once and says what it holds.
func (a *Agent) doTestCalendar(ctx context.Context, cmd localapi.Command) (res localapi.Result, err error) {
	cals, err := a.calendars()
	if err != nil {
		return res, err
	}
	res.Message, err = a.testCalendar(ctx, cals, cmd.URL, meetingsync.CalendarSource{AllInterviews: cmd.Enabled})
	return res, err
}

func (a *Agent) doAddCalendar(ctx context.Context, cmd localapi.Command) (res localapi.Result, err error) {
	cals, err := a.calendars()
	if err != nil {
		return res, err
	}
	res.Message, err = a.addCalendar(ctx, cals, cmd)
	return res, err
}

// doUpdateCalendar renames source cmd.Key (cmd.Text, when not empty) and
// sets whether all its events are interviews (cmd.Enabled).
func (a *Agent) doUpdateCalendar(_ context.Context, cmd localapi.Command) (localapi.Result, error) {
	if _, err := a.calendars(); err != nil {
		return none(err)
	}
	return none(a.updateCalendar(cmd.Key, func(c *meetingsync.CalendarSource) {
		if name := strings.TrimSpace(cmd.Text); name != "" {
			c.Name = name
		}
		c.AllInterviews = cmd.Enabled
	}))
}

func (a *Agent) doRemoveCalendar(ctx context.Context, cmd localapi.Command) (localapi.Result, error) {
	cals, err := a.calendars()
	if err != nil {
		return none(err)
	}
	return none(a.removeCalendar(ctx, cals, cmd.Key))
}

// testCalendar reads an address once and says what it holds.
func (a *Agent) testCalendar(ctx context.Context, cals Calendars, address string, src meetingsync.CalendarSource) (string, error) {
	now := a.opts.Now()
	from, to := now, now.Add(30*24*time.Hour)
	s := a.engine.Settings()
	email := ""
	if snap := a.engine.Snapshot(); snap != nil && snap.User != nil {
		email = snap.User.Email
	}
	r, err := cals.Check(ctx, address, calendar.Options{From: from, To: to, UserAddresses: append([]string{email}, s.MyAddresses...), Local: a.opts.Location})
	if err != nil {
		return "", err
	}
	return calendarSummary(r, s, src, email), nil
}

// calendarSummary is a test's result in words: "42 events; in the next 30
// days 3 interviews, 2 of them with Zoom links. 1 event could not be read."
func calendarSummary(r *calendar.Result, s meetingsync.Settings, src meetingsync.CalendarSource, email string) string {
	interviews, zoomLinks, meetings := 0, 0, 0
	for _, o := range r.Occurrences {
		ev := calfeedsEvent(o)
		if ev.AllDay || ev.Cancelled || ev.Declined {
			continue
		}
		meetings++
		if ok, _ := meetingsync.CalendarRule(s, ev, src, email); ok {
			interviews++
			if ev.MeetingID > 0 {
				zoomLinks++
			}
		}
	}
	msg := fmt.Sprintf("The calendar works: %s; in the next 30 days %s, %s", plural(r.Events, "event"), plural(meetings, "meeting"), plural(interviews, "interview"))
	if interviews > 0 {
		msg += fmt.Sprintf(" (%d with a Zoom link)", zoomLinks)
	}
	msg += "."
	if n := len(r.Unreadable); n > 0 {
		msg += fmt.Sprintf(" %s could not be read.", plural(n, "event"))
	}
	return msg
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// calfeedsEvent is the engine's form of an occurrence.
var calfeedsEvent = calfeeds.EventOf

// addCalendar tests the address, stores it in the keychain and adds the
// source to the settings; nothing is kept when either step fails.
func (a *Agent) addCalendar(ctx context.Context, cals Calendars, cmd localapi.Command) (string, error) {
	s := a.engine.Settings()
	name := strings.TrimSpace(cmd.Text)
	if name != "" && slices.ContainsFunc(s.Calendars, func(c meetingsync.CalendarSource) bool { return strings.EqualFold(c.Name, name) }) {
		return "", localapi.BadCommand("there is already a calendar named %q", name)
	}
	summary, err := a.testCalendar(ctx, cals, cmd.URL, meetingsync.CalendarSource{AllInterviews: cmd.Enabled})
	if err != nil {
		return "", err
	}
	src, err := cals.Add(ctx, name, cmd.URL)
	if err != nil {
		return "", err
	}
	src.AllInterviews = cmd.Enabled
	for taken := src.Name; slices.ContainsFunc(s.Calendars, func(c meetingsync.CalendarSource) bool { return strings.EqualFold(c.Name, taken) }); {
		taken = src.Name + " " + src.ID[:4]
		src.Name = taken
	}
	s.Calendars = append(s.Calendars, src)
	if err := a.engine.UpdateSettings(s); err != nil {
		if rerr := cals.Remove(context.WithoutCancel(ctx), src.ID); rerr != nil {
			a.log.Warn("could not remove the calendar address after a failed save", "err", rerr)
		}
		return "", err
	}
	a.log.Info("calendar added", "calendar", src.Name, "id", src.ID)
	return fmt.Sprintf("Added %q. %s", src.Name, summary), nil
}

// updateCalendar changes a source's name or rule.
func (a *Agent) updateCalendar(id string, change func(*meetingsync.CalendarSource)) error {
	s := a.engine.Settings()
	i := slices.IndexFunc(s.Calendars, func(c meetingsync.CalendarSource) bool { return c.ID == id })
	if i < 0 {
		return localapi.BadCommand("no calendar %q", id)
	}
	change(&s.Calendars[i])
	return a.engine.UpdateSettings(s)
}

// removeCalendar takes a source out of the settings (its interviews leave
// the agenda) and deletes its address from the keychain.
func (a *Agent) removeCalendar(ctx context.Context, cals Calendars, id string) error {
	s := a.engine.Settings()
	i := slices.IndexFunc(s.Calendars, func(c meetingsync.CalendarSource) bool { return c.ID == id })
	if i < 0 {
		return localapi.BadCommand("no calendar %q", id)
	}
	s.Calendars = slices.Delete(s.Calendars, i, i+1)
	if err := a.engine.UpdateSettings(s); err != nil {
		return err
	}
	return cals.Remove(ctx, id)
}
