package calendar

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"
)

// MaxBodySize is the largest calendar Parse and Fetch read (20 MB).
const MaxBodySize = 20 << 20

// Parse reads one iCalendar body and returns the occurrences inside the
// window. It fails only when the body is not a calendar (ErrNotICalendar),
// is cut off (ErrTruncated), is over MaxBodySize, or cannot be read; events
// it cannot read are listed in Result.Unreadable and the rest are kept.
func Parse(r io.Reader, opt Options) (*Result, error) {
	body, err := io.ReadAll(io.LimitReader(r, MaxBodySize+1))
	if err != nil {
		return nil, fmt.Errorf("read calendar: %w", err)
	}
	if len(body) > MaxBodySize {
		return nil, ErrTooLarge
	}
	return ParseBytes(body, opt)
}

// ParseBytes is Parse for a body already in memory.
func ParseBytes(body []byte, opt Options) (*Result, error) {
	if opt.From.IsZero() || opt.To.IsZero() {
		opt.From, opt.To = DefaultWindow(time.Now())
	}
	if opt.MaxPerSeries <= 0 {
		opt.MaxPerSeries = DefaultMaxPerSeries
	}
	if opt.Local == nil {
		opt.Local = time.Local
	}
	calProps, comps, err := splitCalendar(body)
	if err != nil {
		return nil, err
	}
	p := &parser{opt: opt, res: &Result{}, br: bufio.NewReaderSize(nil, 4096)}
	p.user = map[string]bool{}
	for _, a := range opt.UserAddresses {
		if a = normAddr(a); a != "" {
			p.user[a] = true
		}
	}
	p.readCalendarProps(calProps)
	p.readComponents(comps)
	p.expandAll()
	sort.SliceStable(p.res.Occurrences, func(i, j int) bool {
		a, b := p.res.Occurrences[i], p.res.Occurrences[j]
		if !a.Start.Equal(b.Start) {
			return a.Start.Before(b.Start)
		}
		return a.UID < b.UID
	})
	return p.res, nil
}

type parser struct {
	opt    Options
	res    *Result
	br     *bufio.Reader // reused by every go-ical decoder
	user   map[string]bool
	zones  *zones
	cancel bool // METHOD:CANCEL
	events []*event
}

// decode hands one component's lines to go-ical inside a VCALENDAR
// wrapper; a panic in go-ical on malformed input is an error too.
func (p *parser) decode(lines []string) (comp *ical.Component, err error) {
	defer func() {
		if r := recover(); r != nil {
			comp, err = nil, fmt.Errorf("malformed content line")
		}
	}()
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\n")
	for _, l := range lines {
		b.WriteString(l)
		b.WriteString("\r\n")
	}
	b.WriteString("END:VCALENDAR\r\n")
	p.br.Reset(strings.NewReader(b.String()))
	cal, err := ical.NewDecoder(p.br).Decode()
	if err != nil {
		return nil, err
	}
	return cal.Component, nil
}

func (p *parser) readCalendarProps(lines []string) {
	floating := p.opt.Local
	cal, err := p.decode(lines)
	if err == nil {
		p.res.Name = sanitizeLine(unescapeText(propValue(cal, "X-WR-CALNAME")))
		p.res.Method = strings.ToUpper(sanitizeLine(propValue(cal, "METHOD")))
		if tz := strings.TrimSpace(propValue(cal, "X-WR-TIMEZONE")); tz != "" {
			if loc := resolveName(tz); loc != nil {
				floating = loc
			}
		}
	}
	p.cancel = p.res.Method == "CANCEL"
	p.zones = newZones(floating)
}

func (p *parser) unreadable(uid, reason string) {
	p.res.Unreadable = append(p.res.Unreadable, Unreadable{UID: uid, Reason: reason})
}

// readComponents decodes every component: VTIMEZONEs first (events may
// come before them), then the events.
func (p *parser) readComponents(comps []rawComponent) {
	var evs []*ical.Component
	for _, c := range comps {
		if c.name == "VEVENT" {
			p.res.Events++
		}
		if c.err != "" {
			if c.name == "VEVENT" {
				p.unreadable(c.uid, c.err)
			}
			continue
		}
		if c.name != "VEVENT" && c.name != "VTIMEZONE" {
			continue
		}
		if c.name == "VEVENT" && p.outsideWindow(c.lines) {
			continue
		}
		comp, err := p.decode(c.lines)
		if err != nil || len(comp.Children) != 1 {
			if c.name == "VEVENT" {
				p.unreadable(c.uid, strings.TrimPrefix(fmt.Sprint(err), "ical: "))
			}
			continue
		}
		comp = comp.Children[0]
		if c.name == "VTIMEZONE" {
			if tz := strings.Trim(propValue(comp, "TZID"), `"`); tz != "" {
				p.zones.vtimezones[tz] = comp
			}
			continue
		}
		evs = append(evs, comp)
		// A VEVENT nested in a VEVENT (iCloud) is read as an event too.
		for _, ch := range comp.Children {
			if ch.Name == "VEVENT" {
				p.res.Events++
				evs = append(evs, ch)
			}
		}
	}
	seen := map[string]int{} // uid + rid -> index in p.events
	for _, comp := range evs {
		ev, err := p.readEvent(comp)
		if err != nil {
			p.unreadable(ev.uid, err.Error())
			continue
		}
		key := ev.uid + "\x00" + ev.ridKey
		if i, dup := seen[key]; dup {
			if ev.seq > p.events[i].seq {
				p.events[i] = ev
			}
			continue
		}
		seen[key] = len(p.events)
		p.events = append(p.events, ev)
	}
}

// outsideWindow is a cheap look at an event's raw lines: a single event
// (no RRULE, RDATE or RECURRENCE-ID) whose dates are days away from the
// window is not decoded at all. Feeds hold years of past events; this
// keeps a pass proportional to the window. Anything unusual is decoded.
func (p *parser) outsideWindow(lines []string) bool {
	var start, end time.Time
	for _, l := range lines[1:] {
		name, value, ok := splitRaw(l)
		if !ok {
			continue
		}
		switch name {
		case "RRULE", "RDATE", "EXRULE", "RECURRENCE-ID":
			return false
		case "DTSTART", "DTEND":
			if len(value) < 8 {
				return false
			}
			d, err := time.Parse("20060102", value[:8])
			if err != nil {
				return false
			}
			if name == "DTSTART" {
				start = d
			} else {
				end = d
			}
		case "DURATION":
			return false
		}
	}
	if start.IsZero() {
		return false
	}
	if end.Before(start) {
		end = start
	}
	const slack = 3 * 24 * time.Hour
	return end.Add(slack).Before(p.opt.From) || start.Add(-slack).After(p.opt.To)
}

// splitRaw returns a raw content line's upper-case name and its value
// after the first unquoted colon.
func splitRaw(l string) (name, value string, ok bool) {
	k := strings.IndexAny(l, ";:")
	if k <= 0 {
		return "", "", false
	}
	name = strings.ToUpper(l[:k])
	quoted := false
	for i := k; i < len(l); i++ {
		switch l[i] {
		case '"':
			quoted = !quoted
		case ':':
			if !quoted {
				return name, strings.TrimSpace(l[i+1:]), true
			}
		}
	}
	return "", "", false
}

// event is one VEVENT, read.
type event struct {
	uid     string
	seq     int
	start   dtValue
	dur     time.Duration // exact length; for all-day events whole days
	allDay  bool
	ridKey  string // RECURRENCE-ID as an Occurrence.RecurrenceID, "" for a master
	ridTime time.Time
	future  bool // RANGE=THISANDFUTURE
	rules   []*rrule.ROption
	rdates  []period
	exdates []dtValue

	status    Status
	summary   string
	location  string
	organizer Person
	attendees []Attendee
	declined  bool
	comp      *ical.Component
	zoomDone  bool
	zoom      *ZoomLink
}

// zoomLink finds the event's Zoom meeting once, on first use.
func (e *event) zoomLink() *ZoomLink {
	if !e.zoomDone {
		e.zoom, e.zoomDone = findZoom(e.comp), true
	}
	return e.zoom
}

// single reports whether the event neither recurs nor is an override.
func (e *event) recurs() bool { return len(e.rules) > 0 || len(e.rdates) > 0 }

// oneValue returns the property's value, or an error when it is given
// twice with different values.
func oneValue(c *ical.Component, name string) (*ical.Prop, error) {
	ps := c.Props.Values(name)
	if len(ps) == 0 {
		return nil, nil
	}
	for _, q := range ps[1:] {
		if q.Value != ps[0].Value || q.Params.Get("TZID") != ps[0].Params.Get("TZID") {
			return nil, fmt.Errorf("%s given twice with different values", name)
		}
	}
	return &ps[0], nil
}

func (p *parser) readEvent(c *ical.Component) (*event, error) {
	ev := &event{uid: sanitizeLine(unescapeText(propValue(c, "UID")))}
	if ev.uid == "" {
		// RFC 5545 requires a UID, but an event without one is still
		// readable: name it after what it holds.
		sum := sha256.Sum256([]byte(propValue(c, "DTSTART") + "\x00" + propValue(c, "SUMMARY")))
		ev.uid = "no-uid-" + hex.EncodeToString(sum[:8])
	}
	ev.seq, _ = strconv.Atoi(propValue(c, "SEQUENCE"))
	sp, err := oneValue(c, "DTSTART")
	if err != nil {
		return ev, err
	}
	if sp == nil {
		return ev, fmt.Errorf("no DTSTART")
	}
	if ev.start, err = p.zones.parseDT(sp, sp.Value); err != nil {
		return ev, err
	}
	ev.allDay = ev.start.date || strings.EqualFold(sp.Params.Get("VALUE"), "DATE")
	if ev.allDay && !ev.start.date {
		ev.start.wall = ev.start.wall.Truncate(24 * time.Hour)
		ev.start.date = true
	}
	ep, err := oneValue(c, "DTEND")
	if err != nil {
		return ev, err
	}
	switch {
	case ep != nil:
		end, err := p.zones.parseDT(ep, ep.Value)
		if err != nil {
			return ev, err
		}
		if ev.allDay {
			ev.dur = end.wall.Truncate(24 * time.Hour).Sub(ev.start.wall)
		} else {
			ev.dur = end.instant().Sub(ev.start.instant())
		}
	case c.Props.Get("DURATION") != nil:
		if ev.dur, err = parseDuration(propValue(c, "DURATION")); err != nil {
			return ev, err
		}
	case ev.allDay:
		ev.dur = 24 * time.Hour
	}
	if ev.dur < 0 {
		ev.dur = 0
	}
	if rp, err := oneValue(c, "RECURRENCE-ID"); err != nil {
		return ev, err
	} else if rp != nil {
		rid, err := p.zones.parseDT(rp, rp.Value)
		if err != nil {
			return ev, err
		}
		ev.ridTime = rid.instant()
		ev.ridKey = ridString(rid.date, rid.wall, ev.ridTime)
		ev.future = strings.EqualFold(rp.Params.Get("RANGE"), "THISANDFUTURE")
	}
	toWall := func(u time.Time) time.Time { return instantToWall(u, ev.start.loc) }
	for _, rp := range c.Props.Values("RRULE") {
		opt, err := parseRRule(rp.Value, toWall)
		if err != nil {
			return ev, err
		}
		if ev.allDay && !opt.Until.IsZero() && opt.Until.Equal(opt.Until.Truncate(24*time.Hour)) {
			// Outlook ends all-day series at local midnight after the last day.
			opt.Until = opt.Until.Add(-time.Second)
		}
		ev.rules = append(ev.rules, opt)
	}
	for i := range c.Props.Values("RDATE") {
		ps, err := p.zones.parseDTList(&c.Props.Values("RDATE")[i])
		if err != nil {
			return ev, err
		}
		ev.rdates = append(ev.rdates, ps...)
	}
	for i := range c.Props.Values("EXDATE") {
		ps, err := p.zones.parseDTList(&c.Props.Values("EXDATE")[i])
		if err != nil {
			return ev, err
		}
		for _, x := range ps {
			ev.exdates = append(ev.exdates, x.start)
		}
	}
	ev.status = Status(strings.ToUpper(strings.TrimSpace(propValue(c, "STATUS"))))
	if p.cancel {
		ev.status = StatusCancelled
	}
	ev.summary = sanitizeLine(unescapeText(propValue(c, "SUMMARY")))
	ev.location = sanitizeLine(unescapeText(propValue(c, "LOCATION")))
	if op := c.Props.Get("ORGANIZER"); op != nil {
		ev.organizer = person(op)
	}
	for _, ap := range c.Props.Values("ATTENDEE") {
		a := Attendee{Person: person(&ap), PartStat: strings.ToUpper(sanitizeLine(ap.Params.Get("PARTSTAT")))}
		ev.attendees = append(ev.attendees, a)
		if a.PartStat == "DECLINED" && p.user[normAddr(a.Email)] {
			ev.declined = true
		}
	}
	ev.comp = c // the Zoom link is looked for once an occurrence is in the window
	return ev, nil
}

// ridString formats a RECURRENCE-ID the way Occurrence.RecurrenceID holds it.
func ridString(date bool, wall, instant time.Time) string {
	if date {
		return wall.Format("20060102")
	}
	return instant.UTC().Format("20060102T150405Z")
}
