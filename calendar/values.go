package calendar

import (
	"fmt"
	"strings"
	"time"

	"github.com/emersion/go-ical"
)

// dtValue is a DATE or DATE-TIME value: its wall clock (fields in a UTC
// time.Time) and the zone those fields are in.
type dtValue struct {
	wall time.Time
	loc  *time.Location
	date bool
}

// instant is the moment the value names.
func (d dtValue) instant() time.Time { return wallToInstant(d.wall, d.loc) }

// wallToInstant reads wall clock w in loc as RFC 5545 section 3.3.5 says:
// a time that occurs twice (DST ends) is the first one, a time that does
// not exist (DST starts) takes the offset before the gap. Go's time.Date
// leaves both unspecified.
func wallToInstant(w time.Time, loc *time.Location) time.Time {
	if loc == time.UTC {
		return w
	}
	y, mo, da := w.Date()
	h, mi, s := w.Clock()
	t := time.Date(y, mo, da, h, mi, s, 0, loc)
	_, off := t.Zone()
	_, before := t.Add(-12 * time.Hour).Zone()
	_, after := t.Add(12 * time.Hour).Zone()
	if before == off && after == off {
		return t.UTC()
	}
	first := w.Add(-time.Duration(before) * time.Second)
	if instantToWall(first, loc).Equal(w) {
		return first // the earlier of two, or the only one
	}
	second := w.Add(-time.Duration(after) * time.Second)
	if instantToWall(second, loc).Equal(w) {
		return second
	}
	return first // in the gap: the offset before it
}

func instantToWall(t time.Time, loc *time.Location) time.Time {
	l := t.In(loc)
	y, mo, da := l.Date()
	h, mi, s := l.Clock()
	return time.Date(y, mo, da, h, mi, s, 0, time.UTC)
}

// parseDT reads one DATE or DATE-TIME text (s) of property p: "Z" means UTC
// even when a TZID is given too (ownCloud writes both).
func (z *zones) parseDT(p *ical.Prop, s string) (dtValue, error) {
	s = strings.TrimSpace(s)
	switch {
	case len(s) == 8:
		t, err := time.Parse("20060102", s)
		if err != nil {
			return dtValue{}, fmt.Errorf("bad date %q in %s", s, p.Name)
		}
		loc := z.floating
		if tz := p.Params.Get("TZID"); tz != "" {
			loc = z.lookup(tz)
		}
		return dtValue{wall: t, loc: loc, date: true}, nil
	case len(s) == 16 && (s[15] == 'Z' || s[15] == 'z'):
		t, err := time.Parse("20060102T150405", s[:15])
		if err != nil {
			return dtValue{}, fmt.Errorf("bad date-time %q in %s", s, p.Name)
		}
		return dtValue{wall: t, loc: time.UTC}, nil
	case len(s) == 15:
		t, err := time.Parse("20060102T150405", s)
		if err != nil {
			return dtValue{}, fmt.Errorf("bad date-time %q in %s", s, p.Name)
		}
		return dtValue{wall: t, loc: z.lookup(p.Params.Get("TZID"))}, nil
	}
	return dtValue{}, fmt.Errorf("bad date-time %q in %s", s, p.Name)
}

// period is an RDATE: a start and, for VALUE=PERIOD, its own length.
type period struct {
	start dtValue
	dur   time.Duration // 0: the event's own length
}

// parseDTList reads a comma-separated DATE, DATE-TIME or PERIOD list.
func (z *zones) parseDTList(p *ical.Prop) ([]period, error) {
	var out []period
	for _, v := range strings.Split(p.Value, ",") {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		a, b, isPeriod := strings.Cut(v, "/")
		start, err := z.parseDT(p, a)
		if err != nil {
			return nil, err
		}
		pd := period{start: start}
		if isPeriod {
			if strings.HasPrefix(b, "P") || strings.HasPrefix(b, "+P") || strings.HasPrefix(b, "-P") {
				d, err := parseDuration(b)
				if err != nil {
					return nil, err
				}
				pd.dur = d
			} else {
				end, err := z.parseDT(p, b)
				if err != nil {
					return nil, err
				}
				pd.dur = end.instant().Sub(start.instant())
			}
			if pd.dur < 0 {
				pd.dur = 0
			}
		}
		out = append(out, pd)
	}
	return out, nil
}

// parseDuration reads an RFC 5545 DURATION with go-ical's parser.
func parseDuration(v string) (time.Duration, error) {
	p := ical.NewProp(ical.PropDuration)
	p.Value = strings.TrimSpace(v)
	d, err := p.Duration()
	if err != nil {
		return 0, fmt.Errorf("bad DURATION %q", v)
	}
	return d, nil
}

// person reads an ORGANIZER or ATTENDEE.
func person(p *ical.Prop) Person {
	addr := strings.TrimSpace(p.Value)
	if len(addr) >= 7 && strings.EqualFold(addr[:7], "mailto:") {
		addr = addr[7:]
	}
	return Person{
		Name:  sanitizeLine(strings.Trim(p.Params.Get("CN"), `"`)),
		Email: sanitizeLine(addr),
	}
}

// normAddr lower-cases an address and drops "mailto:".
func normAddr(a string) string {
	a = strings.ToLower(strings.TrimSpace(a))
	return strings.TrimPrefix(a, "mailto:")
}
