package sync

// Calendar sources: the interviewer's iCalendar feeds, read alongside Zoom.
// Recruiting tools put interviews on the interviewer's calendar with a Zoom
// meeting someone else hosts, which Zoom's API shows at best for the next
// 24 hours. The engine reads each configured source through
// Options.Calendars (the agent wires it to package calendar and the
// keychain, which holds each feed's address: a secret the engine never
// sees), keeps the occurrences of the last good read, and merges them with
// Zoom's meetings into one list of occurrences (mergeCalendar).

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/interviewtray/interviewtray/model"
)

// The calendar types the windows share live in package model.
type (
	// CalendarSource is a configured calendar, as settings.json keeps it.
	CalendarSource = model.CalendarSource
	// Person is an organizer or attendee.
	Person = model.Person
	// CalendarStatus is how a source is doing, for Settings and `status`.
	CalendarStatus = model.CalendarStatus
)

// Interview sources.
const (
	SourceZoom         = model.SourceZoom
	SourceCalendar     = model.SourceCalendar
	SourceZoomCalendar = model.SourceZoomCalendar
)

// CalendarReader reads calendar sources for the engine.
type CalendarReader interface {
	// ReadCalendar reads req.Source once. With req.ETag or
	// req.LastModified set it may answer NotModified (and nothing else).
	// Its error's text is shown to the user as it is: it must say what
	// went wrong and what to do, and never hold the source's address.
	ReadCalendar(ctx context.Context, req CalendarRequest) (CalendarResult, error)
}

// CalendarRequest asks for one read of a source.
type CalendarRequest struct {
	Source CalendarSource
	// ETag and LastModified are the validators of the last good read
	// (empty for an unconditional read).
	ETag, LastModified string
	// From and To bound the occurrences wanted.
	From, To time.Time
	// UserAddresses are the user's e-mail addresses: an event one of them
	// declined is marked Declined.
	UserAddresses []string
}

// CalendarResult is one read of a source.
type CalendarResult struct {
	// NotModified: the source is unchanged since the validators given;
	// nothing else is set.
	NotModified bool
	// ETag and LastModified are the new validators.
	ETag, LastModified string
	// Events are the timed and all-day occurrences in the window.
	Events []CalendarEvent
	// Found counts the events in the source; Unreadable those that could
	// not be read (their reasons, without secrets, for the log).
	Found      int
	Unreadable []string
}

// CalendarEvent is one occurrence of a calendar event.
type CalendarEvent struct {
	UID          string    `json:"uid"`
	RecurrenceID string    `json:"recurrence_id,omitempty"`
	Summary      string    `json:"summary"`
	Start        time.Time `json:"start"`
	End          time.Time `json:"end"`
	AllDay       bool      `json:"all_day,omitempty"`
	Cancelled    bool      `json:"cancelled,omitempty"`
	// Declined: the user declined it.
	Declined bool `json:"declined,omitempty"`
	// MeetingID, Passcode and JoinURL are the Zoom meeting found in the
	// event (MeetingID 0: none, or a personal link without one).
	MeetingID int64    `json:"meeting_id,omitempty"`
	Passcode  string   `json:"passcode,omitempty"`
	JoinURL   string   `json:"join_url,omitempty"`
	Organizer Person   `json:"organizer,omitzero"`
	Attendees []Person `json:"attendees,omitempty"`
}

// The calendar read schedule: like the Zoom polls, faster before an
// interview and slower at night; failures back off.
const (
	calNear      = 5 * time.Minute  // an interview starts within the hour
	calDay       = 15 * time.Minute // by day
	calNight     = time.Hour        // at night
	calMaxBack   = time.Hour        // the longest backoff
	calFirstBack = time.Minute      // the first retry after a failure
	calTimeout   = 90 * time.Second // one read
	// calBack and calAhead are the window read; a read whose window ends
	// less than calAhead-calRenew ahead is made unconditionally, so that a
	// source answering 304 for days still has its occurrences expanded
	// for the month ahead.
	calBack  = 2 * 24 * time.Hour
	calAhead = 31 * 24 * time.Hour
	calRenew = 24 * time.Hour
	// calMatchSlack: a calendar occurrence and a Zoom occurrence of the
	// same meeting whose starts differ by less than this are one
	// occurrence (a calendar that has not caught up with a reschedule).
	calMatchSlack = 12 * time.Hour
)

// calState is what the engine keeps of a source (in calendars.json).
type calState struct {
	Events       []CalendarEvent `json:"events"`
	From         time.Time       `json:"from"`
	To           time.Time       `json:"to"`
	ETag         string          `json:"etag,omitempty"`
	LastModified string          `json:"last_modified,omitempty"`
	FetchedAt    time.Time       `json:"fetched_at,omitzero"` // last good read
	Found        int             `json:"found"`
	Unreadable   int             `json:"unreadable"`
	Error        string          `json:"error,omitempty"`

	failures int       // in a row
	next     time.Time // when the next read is due (zero: now)
}

// calInfo is what the calendar adds to a merged occurrence.
type calInfo struct {
	Source        string // the source's ID
	SourceName    string
	AllInterviews bool // the source's events are all interviews
	Organizer     Person
	Attendees     []Person
	Passcode      string
	ZoomToo       bool // Zoom lists the occurrence too
}

// calendarMeetingID is the ID of a calendar event without a Zoom meeting:
// negative (Zoom meeting numbers are positive), stable for the source, UID
// and recurrence, so that reminders and overrides keep to it.
func calendarMeetingID(source, uid, recurrenceID string) int64 {
	h := fnv.New64a()
	h.Write([]byte(source))
	h.Write([]byte{0})
	h.Write([]byte(uid))
	h.Write([]byte{0})
	h.Write([]byte(recurrenceID))
	return -int64(h.Sum64()>>1) - 1
}

// calSource is a source's events with its settings, for mergeCalendar.
type calSource struct {
	src    CalendarSource
	events []CalendarEvent
}

// mergeCalendar merges the sources' occurrences into the Zoom occurrences
// (from mergeMeetings, in start order) and returns one list in start order.
//
// A calendar occurrence with a Zoom meeting ID is the same occurrence as
// the Zoom one with that ID whose start is nearest within calMatchSlack:
// the calendar adds its organizer and attendees; for a meeting the user
// hosts Zoom's time wins, for the others the calendar's (a recruiting
// tool moves the invitation; Zoom's upcoming list may lag or not show
// it). A cancelled or declined calendar occurrence removes a Zoom
// occurrence that the user does not host. Calendar occurrences Zoom does
// not list are added (interviews beyond Zoom's 24 hours that someone else
// hosts); events without a Zoom meeting get a negative ID and no join
// link. All-day events are never meetings. hosts reports whether the user
// hosts a meeting, as far as Zoom said.
func mergeCalendar(meetings []meetingRec, sources []calSource, hosts func(id int64) bool) []meetingRec {
	if len(sources) == 0 {
		return meetings
	}
	out := slices.Clone(meetings)
	removed := map[int]bool{}
	byID := map[int64][]int{} // Zoom meeting ID -> indexes in out
	for i := range out {
		byID[out[i].ID] = append(byID[out[i].ID], i)
	}
	matched := map[int]bool{}
	seen := map[string]bool{} // occurrence keys added from calendars
	for _, s := range sources {
		for _, ev := range s.events {
			if ev.AllDay || ev.Start.IsZero() || !ev.End.After(ev.Start) && !ev.End.Equal(ev.Start) {
				continue
			}
			info := &calInfo{Source: s.src.ID, SourceName: s.src.Name, AllInterviews: s.src.AllInterviews,
				Organizer: ev.Organizer, Attendees: ev.Attendees, Passcode: ev.Passcode}
			if ev.MeetingID > 0 {
				if j := nearestOcc(out, byID[ev.MeetingID], ev.Start, matched, removed); j >= 0 {
					m := &out[j]
					mine := hosts(m.ID)
					if ev.Cancelled || ev.Declined {
						if !mine {
							removed[j] = true
						}
						continue
					}
					matched[j] = true
					info.ZoomToo = true
					if m.Cal == nil {
						m.Cal = info
					}
					if !mine && !m.Start.Equal(ev.Start) {
						m.Start, m.Duration = ev.Start, durationMinutes(ev)
					}
					m.JoinURL = cmp.Or(m.JoinURL, ev.JoinURL)
					continue
				}
			}
			if ev.Cancelled || ev.Declined {
				continue
			}
			id := ev.MeetingID
			if id <= 0 {
				id = calendarMeetingID(s.src.ID, ev.UID, ev.RecurrenceID)
			}
			rec := meetingRec{ID: id, Topic: ev.Summary, Start: ev.Start, Duration: durationMinutes(ev), Cal: info}
			if ev.MeetingID > 0 {
				rec.JoinURL = ev.JoinURL
			}
			if k := rec.key(); !seen[k] {
				seen[k] = true
				out = append(out, rec)
			}
		}
	}
	if len(removed) > 0 {
		kept := out[:0:0]
		for i := range out {
			if !removed[i] {
				kept = append(kept, out[i])
			}
		}
		out = kept
	}
	slices.SortStableFunc(out, func(a, b meetingRec) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// nearestOcc returns the index among idx of the occurrence whose start is
// nearest to start within calMatchSlack and not yet matched, or -1.
func nearestOcc(out []meetingRec, idx []int, start time.Time, matched, removed map[int]bool) int {
	best, bestD := -1, calMatchSlack
	for _, i := range idx {
		if matched[i] || removed[i] {
			continue
		}
		d := out[i].Start.Sub(start).Abs()
		if d < bestD || d == 0 {
			best, bestD = i, d
		}
	}
	return best
}

// durationMinutes is an event's length in whole minutes, at most a day.
func durationMinutes(ev CalendarEvent) int {
	d := ev.End.Sub(ev.Start)
	return int(min(max(d, 0), 24*time.Hour) / time.Minute)
}

// calendarInterview reports whether the calendar's facts make the
// occurrence an interview: its calendar holds only interviews, or (with
// the rule on) someone outside the user's e-mail domains is invited.
func calendarInterview(c *calInfo, external bool, myDomains []string) bool {
	if c == nil {
		return false
	}
	if c.AllInterviews {
		return true
	}
	if !external || len(myDomains) == 0 {
		return false
	}
	people := append([]Person{c.Organizer}, c.Attendees...)
	for _, p := range people {
		_, dom, ok := strings.Cut(strings.ToLower(p.Email), "@")
		if ok && dom != "" && !slices.Contains(myDomains, dom) && !calendarResource(dom) {
			return true
		}
	}
	return false
}

// isInterviewRec reports whether a merged occurrence is an interview: by
// its override, the topic rules, or the calendar's facts.
func isInterviewRec(mt matcher, m *meetingRec, o Override, external bool, myDomains []string) bool {
	if o == OverrideExclude {
		return false
	}
	return mt.isInterview(m.Topic, o) || calendarInterview(m.Cal, external, myDomains)
}

// interviewTestLocked returns isInterviewRec with the engine's rules, for
// a scan over the meetings (the user's domains are worked out once).
func (e *Engine) interviewTestLocked() func(m *meetingRec) bool {
	external, domains := e.settings.Rules.ExternalAttendee, e.myDomainsLocked()
	return func(m *meetingRec) bool {
		return isInterviewRec(e.matcher, m, e.st.Overrides[m.ID].Mode, external, domains)
	}
}

// myDomainsLocked are the user's e-mail domains.
func (e *Engine) myDomainsLocked() []string { return emailDomains(e.userAddressesLocked()...) }

// calendarResource reports whether a domain is a calendar system's own
// (rooms, groups) rather than a person's.
func calendarResource(dom string) bool {
	return dom == "calendar.google.com" || strings.HasSuffix(dom, ".calendar.google.com")
}

// emailDomains returns the lower-case domains of addresses.
func emailDomains(addrs ...string) []string {
	var out []string
	for _, a := range addrs {
		if _, d, ok := strings.Cut(strings.ToLower(strings.TrimSpace(a)), "@"); ok && d != "" && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out
}

// nextCalendarRead returns when to read a source after a read at last:
// every calNear within the hour before an interview, calDay by day,
// calNight at night; after failures in a row, a backoff from calFirstBack
// doubling up to calMaxBack (never later than the regular schedule would
// be by night).
func nextCalendarRead(last time.Time, spans []span, loc *time.Location, failures int) time.Time {
	if failures > 0 {
		d := calFirstBack << min(failures-1, 10)
		return last.Add(min(d, calMaxBack))
	}
	every := calDay
	if isNight(last, loc) {
		every = calNight
	}
	next := last.Add(every)
	for _, s := range spans {
		if !s.start.Before(last) && s.start.Sub(last) <= nearWindow {
			next = minTime(next, last.Add(calNear))
		}
		if b := s.start.Add(-nearWindow); b.After(last) && b.Before(next) {
			next = b
		}
	}
	return next
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// calendarLoop reads the sources that are due, then sleeps until the next
// is due or it is kicked (Wake, Refresh, a network return, a change of
// the sources). It never holds up the Zoom polls or the reminders.
func (e *Engine) calendarLoop(ctx context.Context) {
	for {
		next := e.calendarPass(ctx)
		if ctx.Err() != nil {
			return
		}
		e.sleep(ctx, e.now(), next, e.kickCal)
	}
}

// calendarPass reads every due source and returns when the next is due.
func (e *Engine) calendarPass(ctx context.Context) time.Time {
	for {
		e.mu.Lock()
		now := e.now()
		req, ok := e.dueCalendarLocked(now)
		e.mu.Unlock()
		if !ok || ctx.Err() != nil {
			break
		}
		rctx, cancel := context.WithTimeout(ctx, calTimeout)
		res, err := e.opts.Calendars.ReadCalendar(rctx, req)
		cancel()
		if ctx.Err() != nil {
			break
		}
		e.storeCalendar(req, res, err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.nextCalendarLocked()
}

// dueCalendarLocked returns the read of the first source that is due.
func (e *Engine) dueCalendarLocked(now time.Time) (CalendarRequest, bool) {
	if e.closed {
		return CalendarRequest{}, false
	}
	for _, src := range e.settings.Calendars {
		st := e.cal[src.ID]
		if st == nil {
			st = &calState{}
			e.cal[src.ID] = st
		}
		if now.Before(st.next) {
			continue
		}
		from, to := now.Add(-calBack), now.Add(calAhead)
		req := CalendarRequest{Source: src, From: from, To: to, UserAddresses: e.userAddressesLocked()}
		if !st.FetchedAt.IsZero() && st.To.Sub(now) > calAhead-calRenew {
			req.ETag, req.LastModified = st.ETag, st.LastModified
		}
		// Not due again until this read is stored.
		st.next = now.Add(calTimeout)
		return req, true
	}
	return CalendarRequest{}, false
}

// nextCalendarLocked returns when a source is next due (zero: none).
func (e *Engine) nextCalendarLocked() time.Time {
	var next time.Time
	for _, src := range e.settings.Calendars {
		if st := e.cal[src.ID]; st != nil && (next.IsZero() || st.next.Before(next)) {
			next = st.next
		} else if st == nil {
			return e.now()
		}
	}
	return next
}

// userAddressesLocked are the user's addresses: Zoom's and the settings'.
func (e *Engine) userAddressesLocked() []string {
	var out []string
	if e.acct.User != nil && e.acct.User.Email != "" {
		out = append(out, e.acct.User.Email)
	}
	return append(out, e.settings.MyAddresses...)
}

// storeCalendar records a read's result: a good read replaces the source's
// occurrences; a failed one keeps them and notes the error.
func (e *Engine) storeCalendar(req CalendarRequest, res CalendarResult, err error) {
	e.mu.Lock()
	now := e.now()
	st := e.cal[req.Source.ID]
	if st == nil || !slices.ContainsFunc(e.settings.Calendars, func(s CalendarSource) bool { return s.ID == req.Source.ID }) {
		e.mu.Unlock()
		return // removed meanwhile
	}
	before := *st
	switch {
	case err != nil:
		st.failures++
		st.Error = calendarErrorText(err)
		e.log.Warn("calendar read failed", "calendar", req.Source.Name, "err", st.Error, "failures", st.failures)
	case res.NotModified:
		st.failures, st.Error, st.FetchedAt = 0, "", now
	default:
		st.failures, st.Error, st.FetchedAt = 0, "", now
		st.Events = slices.Clip(res.Events)
		if st.Events == nil {
			st.Events = []CalendarEvent{}
		}
		st.From, st.To = req.From, req.To
		st.ETag, st.LastModified = res.ETag, res.LastModified
		st.Found, st.Unreadable = res.Found, len(res.Unreadable)
		for _, why := range res.Unreadable {
			e.log.Info("calendar event unreadable", "calendar", req.Source.Name, "reason", why)
		}
	}
	st.next = nextCalendarRead(now, e.spansLocked(), e.loc, st.failures)
	changed := err == nil && !res.NotModified || st.Error != before.Error
	if changed {
		e.calGen++
		if err == nil && !res.NotModified {
			e.notePastLocked(now, classifyMeetings(e.inputLocked(now)))
			e.acct.meetings = e.mergedLocked()
		}
		e.changedLocked()
	}
	e.mu.Unlock()
	if changed {
		e.wakeClock()
		e.saveCalendars()
	}
}

// calendarErrorText is a read's error in words.
func calendarErrorText(err error) string {
	if errors.Is(err, context.DeadlineExceeded) {
		return "The calendar did not answer in time."
	}
	return sentence(err.Error())
}

// mergedLocked is Zoom's meetings merged with the calendars'.
func (e *Engine) mergedLocked() []meetingRec {
	zm := mergeMeetings(e.acct.Upcoming, e.acct.UpcomingAt, e.acct.Hosted, e.acct.HostedAt)
	var sources []calSource
	for _, src := range e.settings.Calendars {
		if st := e.cal[src.ID]; st != nil {
			sources = append(sources, calSource{src: src, events: st.Events})
		}
	}
	myID, myEmail := "", ""
	if e.acct.User != nil {
		myID, myEmail = e.acct.User.ID, e.acct.User.Email
	}
	hostOf := map[int64]string{}
	for _, m := range zm {
		if m.HostID != "" {
			hostOf[m.ID] = m.HostID
		}
	}
	return mergeCalendar(zm, sources, func(id int64) bool {
		if d := e.acct.Details[id]; d != nil && !d.NotVisible {
			return hostedByMe(myID, myEmail, cmp.Or(d.HostID, hostOf[id]), d.AltHosts)
		}
		return myID != "" && hostOf[id] == myID
	})
}

// calendarStatusesLocked is each source's status, in the settings' order
// (Interviews is counted by buildSnapshot).
func (e *Engine) calendarStatusesLocked() []CalendarStatus {
	out := make([]CalendarStatus, 0, len(e.settings.Calendars))
	for _, src := range e.settings.Calendars {
		cs := CalendarStatus{ID: src.ID, Name: src.Name, Masked: src.Masked}
		if st := e.cal[src.ID]; st != nil {
			cs.LastFetched, cs.Error = st.FetchedAt, st.Error
			cs.OK = st.Error == "" && !st.FetchedAt.IsZero()
			cs.Events, cs.Unreadable = st.Found, st.Unreadable
		}
		out = append(out, cs)
	}
	return out
}

// withInterviewCounts returns cals with each source's upcoming interviews
// counted.
func withInterviewCounts(cals []CalendarStatus, ivs []Interview) []CalendarStatus {
	out := append([]CalendarStatus{}, cals...)
	for i := range out {
		for _, iv := range ivs {
			if iv.IsInterview && iv.State != StateEnded && iv.CalendarID == out[i].ID {
				out[i].Interviews++
			}
		}
	}
	return out
}

// calendarProblems are the sources' failures and unreadable events.
func calendarProblems(cals []CalendarStatus, loc *time.Location) []Problem {
	var out []Problem
	for _, c := range cals {
		switch {
		case c.Error != "":
			msg := fmt.Sprintf("Calendar %q: %s", c.Name, c.Error)
			if !c.LastFetched.IsZero() {
				msg += fmt.Sprintf(" Showing what it said at %s.", c.LastFetched.In(loc).Format("Mon 15:04"))
			}
			out = append(out, Problem{Message: msg, Action: ActionOpenCalendars, Label: "Calendar settings"})
		case c.Unreadable > 0:
			noun := "events"
			if c.Unreadable == 1 {
				noun = "event"
			}
			out = append(out, Problem{Message: fmt.Sprintf("%d %s in %q could not be read.", c.Unreadable, noun, c.Name),
				Action: ActionOpenCalendars, Label: "Calendar settings"})
		}
	}
	return out
}

// calendarsFile keeps the sources' last good reads (CacheDir).
const (
	calendarsFile    = "calendars.json"
	calendarsVersion = 1
)

type calendarsData struct {
	Version int                  `json:"version"`
	Sources map[string]*calState `json:"sources"`
}

// loadCalendars restores the sources' last good reads, so that an offline
// start shows the calendar's interviews.
func (e *Engine) loadCalendars() {
	var c calendarsData
	path := e.calendarsPath()
	found, err := readJSON(path, &c)
	if err == nil && found && c.Version != calendarsVersion {
		err = fmt.Errorf("version %d", c.Version)
	}
	if err != nil {
		e.log.Warn("discarding unreadable calendar cache", "path", path, "err", err)
		return
	}
	for id, st := range c.Sources {
		if st == nil {
			continue
		}
		now := e.now()
		st.Events = slices.DeleteFunc(st.Events, func(ev CalendarEvent) bool {
			return !saneTime(ev.Start, now) || !saneTime(ev.End, now) || ev.End.Before(ev.Start) || ev.End.Sub(ev.Start) > 24*time.Hour
		})
		e.cal[id] = st
	}
}

func (e *Engine) calendarsPath() string { return filepath.Join(e.opts.CacheDir, calendarsFile) }

// saveCalendars writes the sources' reads when they changed since the
// last write. It is called without mu.
func (e *Engine) saveCalendars() {
	e.cacheMu.Lock()
	defer e.cacheMu.Unlock()
	e.mu.Lock()
	gen := e.calGen
	if gen == e.calSavedGen {
		e.mu.Unlock()
		return
	}
	c := calendarsData{Version: calendarsVersion, Sources: make(map[string]*calState, len(e.cal))}
	for id, st := range e.cal {
		cp := *st
		c.Sources[id] = &cp
	}
	data, err := json.Marshal(&c)
	e.mu.Unlock()
	if err == nil {
		err = e.writeFile(e.calendarsPath(), func() ([]byte, error) { return data, nil })
	}
	if err != nil {
		e.log.Warn("cannot write calendar cache", "err", err)
		return
	}
	e.calSavedGen = gen
}

// Which sources a kick makes due.
func allSources(*calState) bool       { return true }
func failedSources(st *calState) bool { return st.failures > 0 }

// syncCalendarsLocked follows a change of the configured sources: removed
// ones are forgotten (their events leave the agenda), added ones are read
// at once.
func (e *Engine) syncCalendarsLocked(old []CalendarSource) {
	keep := map[string]bool{}
	for _, s := range e.settings.Calendars {
		keep[s.ID] = true
	}
	changed := false
	for id := range e.cal {
		if !keep[id] {
			delete(e.cal, id)
			changed = true
		}
	}
	if changed || !slices.Equal(old, e.settings.Calendars) {
		e.calGen++
		e.acct.meetings = e.mergedLocked()
	}
	e.kickCalendarsLocked(func(*calState) bool { return false })
}

// kickCalendarsLocked makes the sources for which due says so due now
// (and those never read) and wakes the calendar loop.
func (e *Engine) kickCalendarsLocked(due func(*calState) bool) {
	for _, st := range e.cal {
		if due(st) {
			st.next = time.Time{}
		}
	}
	select {
	case e.kickCal <- struct{}{}:
	default:
	}
}

// Rule names, as `calendar check` prints them.
const (
	RuleAllMeetings      = "all meetings"
	RuleTopic            = "topic"
	RuleCalendar         = "interviews calendar"
	RuleExternalAttendee = "attendee outside my domains"
	RuleNone             = "no rule"
	RuleNotAMeeting      = "not a meeting"
)

// CalendarRule says whether a calendar event counts as an interview under
// the settings (per-meeting overrides aside), and which rule decided:
// RuleAllMeetings, RuleTopic (a pattern matched the summary), RuleCalendar
// (src holds only interviews), RuleExternalAttendee, or, when it is not
// one, RuleNone or RuleNotAMeeting (all-day, cancelled or declined).
// userEmail is the Zoom user's address, when known.
func CalendarRule(s Settings, ev CalendarEvent, src CalendarSource, userEmail string) (bool, string) {
	if ev.AllDay || ev.Cancelled || ev.Declined {
		return false, RuleNotAMeeting
	}
	m := compileRules(s.Rules)
	switch {
	case m.all:
		return true, RuleAllMeetings
	case m.match(ev.Summary):
		return true, RuleTopic
	case src.AllInterviews:
		return true, RuleCalendar
	}
	c := &calInfo{Organizer: ev.Organizer, Attendees: ev.Attendees}
	if calendarInterview(c, s.Rules.ExternalAttendee, emailDomains(append([]string{userEmail}, s.MyAddresses...)...)) {
		return true, RuleExternalAttendee
	}
	return false, RuleNone
}

// ReadSettings reads the settings in dir without changing anything, for
// commands that run beside the agent: a missing file gives the defaults;
// one that cannot be read gives the defaults and the error.
func ReadSettings(dir string) (Settings, error) {
	s := DefaultSettings()
	found, err := readJSON(filepath.Join(dir, settingsFile), &s)
	if err == nil && found {
		err = s.Validate()
	}
	if err != nil {
		return DefaultSettings(), err
	}
	return s.Normalised(), nil
}

// hostOf names whom to ask about an interview someone else hosts: the
// calendar's organizer, else the host Zoom named; "" when neither is known.
func hostOf(iv Interview) string {
	if o := iv.Organizer; o != nil && (o.Name != "" || o.Email != "") {
		return o.String()
	}
	return iv.HostEmail
}

// HostRequest is a short message for the host (or the organizer) of an
// interview the user does not host (see model.HostRequest).
func HostRequest(iv Interview, me *User, loc *time.Location) string {
	return model.HostRequest(iv, me, loc)
}
