package calendar

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"
)

// ianaCache memoises time.LoadLocation, which reads the zoneinfo database
// on every call; a nil value records a name that is not IANA's.
var ianaCache sync.Map // string -> *time.Location

func loadIANA(name string) *time.Location {
	if name == "" || name == "Local" || len(name) > 64 {
		return nil
	}
	if v, ok := ianaCache.Load(name); ok {
		return v.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		loc = nil
	}
	ianaCache.Store(name, loc)
	return loc
}

// zones resolves the TZIDs of one calendar.
type zones struct {
	vtimezones map[string]*ical.Component // the file's VTIMEZONEs by TZID
	resolved   map[string]*time.Location
	floating   *time.Location // X-WR-TIMEZONE, else Options.Local
	built      int            // VTIMEZONEs turned into locations so far
}

// maxBuiltZones bounds the custom zones one file may make Parse build
// (real feeds have a handful).
const maxBuiltZones = 64

func newZones(floating *time.Location) *zones {
	return &zones{
		vtimezones: map[string]*ical.Component{},
		resolved:   map[string]*time.Location{},
		floating:   floating,
	}
}

// lookup resolves a TZID as the package doc describes; it never fails:
// an unknown TZID is read like a floating time.
func (z *zones) lookup(tzid string) *time.Location {
	tzid = strings.TrimSpace(strings.Trim(tzid, `"`))
	if tzid == "" {
		return z.floating
	}
	if loc, ok := z.resolved[tzid]; ok {
		return loc
	}
	loc := resolveName(tzid)
	if loc == nil && z.built < maxBuiltZones {
		if c := z.vtimezones[tzid]; c != nil {
			z.built++
			loc, _ = locationFromVTimezone(tzid, c)
		}
	}
	if loc == nil {
		loc = z.floating
	}
	z.resolved[tzid] = loc
	return loc
}

// resolveName reads a TZID as an IANA name, a Windows name (CLDR), or an
// IANA name behind a vendor prefix such as "/mozilla.org/20070129_1/".
func resolveName(tzid string) *time.Location {
	if loc := loadIANA(tzid); loc != nil {
		return loc
	}
	if iana, ok := windowsZones[tzid]; ok {
		return loadIANA(iana)
	}
	if strings.Contains(tzid, "/") {
		parts := strings.Split(strings.Trim(tzid, "/"), "/")
		for i := 1; i < len(parts); i++ {
			if loc := loadIANA(strings.Join(parts[i:], "/")); loc != nil && strings.Contains(loc.String(), "/") {
				return loc
			}
		}
	}
	return nil
}

// transition is one onset of a STANDARD or DAYLIGHT rule.
type transition struct {
	at     int64 // Unix seconds
	offset int   // seconds east of UTC after the onset
	dst    bool
	name   string
}

// vtzHorizon is the last year a VTIMEZONE's rules are expanded to; only
// YEARLY rules are (real zones have no other kind).
const vtzHorizon = 2100

// locationFromVTimezone builds a time.Location from a VTIMEZONE's
// STANDARD and DAYLIGHT rules (DTSTART, RRULE, RDATE, TZOFFSETFROM/TO).
func locationFromVTimezone(name string, c *ical.Component) (*time.Location, error) {
	var trans []transition
	initial := 0
	first := int64(1<<63 - 1)
	for _, sub := range c.Children {
		if sub.Name != "STANDARD" && sub.Name != "DAYLIGHT" {
			continue
		}
		from, err1 := parseOffset(propValue(sub, "TZOFFSETFROM"))
		to, err2 := parseOffset(propValue(sub, "TZOFFSETTO"))
		if err1 != nil || err2 != nil {
			return nil, errors.New("bad TZOFFSETFROM or TZOFFSETTO")
		}
		start, err := time.Parse("20060102T150405", strings.TrimSuffix(propValue(sub, "DTSTART"), "Z"))
		if err != nil {
			return nil, fmt.Errorf("bad DTSTART in %s", sub.Name)
		}
		walls := []time.Time{start}
		if p := sub.Props.Get("RRULE"); p != nil {
			opt, err := parseRRule(p.Value, func(u time.Time) time.Time { return u.Add(time.Duration(from) * time.Second) })
			if err == nil {
				opt.Dtstart = start
				horizon := time.Date(vtzHorizon, 1, 1, 0, 0, 0, 0, time.UTC)
				if opt.Until.IsZero() || opt.Until.After(horizon) {
					opt.Until = horizon
				}
				if r, err := rrule.NewRRule(*opt); err == nil && opt.Freq == rrule.YEARLY {
					next := r.Iterator()
					for n := 0; n < 4*(vtzHorizon-1583); n++ {
						t, ok := next()
						if !ok {
							break
						}
						walls = append(walls, t)
					}
				}
			}
		}
		for _, p := range sub.Props.Values("RDATE") {
			for _, v := range strings.Split(p.Value, ",") {
				v, _, _ = strings.Cut(v, "/")
				if t, err := time.Parse("20060102T150405", strings.TrimSuffix(v, "Z")); err == nil {
					walls = append(walls, t)
				}
			}
		}
		tzname := sanitizeLine(unescapeText(propValue(sub, "TZNAME")))
		for _, w := range walls {
			at := w.Unix() - int64(from)
			trans = append(trans, transition{at: at, offset: to, dst: sub.Name == "DAYLIGHT", name: tzname})
			if at < first {
				first, initial = at, from
			}
		}
	}
	if len(trans) == 0 {
		return nil, errors.New("VTIMEZONE has no STANDARD or DAYLIGHT rule")
	}
	sort.SliceStable(trans, func(i, j int) bool { return trans[i].at < trans[j].at })
	return time.LoadLocationFromTZData(name, tzif(initial, trans))
}

func propValue(c *ical.Component, name string) string {
	if p := c.Props.Get(name); p != nil {
		return strings.TrimSpace(p.Value)
	}
	return ""
}

// parseOffset reads a UTC offset: +HHMM, -HHMM or with seconds, +HHMMSS.
func parseOffset(v string) (int, error) {
	if len(v) != 5 && len(v) != 7 || v[0] != '+' && v[0] != '-' {
		return 0, fmt.Errorf("bad UTC offset %q", v)
	}
	n := 0
	for i := 1; i < len(v); i += 2 {
		d, err := strconv.Atoi(v[i : i+2])
		if err != nil {
			return 0, fmt.Errorf("bad UTC offset %q", v)
		}
		n = n*60 + d
	}
	if len(v) == 5 {
		n *= 60
	}
	if n > 26*3600 {
		return 0, fmt.Errorf("bad UTC offset %q", v)
	}
	if v[0] == '-' {
		n = -n
	}
	return n, nil
}

// tzif encodes transitions as TZif version 2 data (RFC 8536) for
// time.LoadLocationFromTZData. Type 0 is the offset before the first
// transition.
func tzif(initial int, trans []transition) []byte {
	type ttype struct {
		off  int
		dst  bool
		name string
	}
	types := []ttype{{off: initial, name: ""}}
	index := map[ttype]int{}
	var chars []byte
	abbr := map[string]int{}
	abbrOf := func(s string) int {
		if s == "" {
			s = "-"
		}
		if i, ok := abbr[s]; ok {
			return i
		}
		abbr[s] = len(chars)
		chars = append(chars, s...)
		chars = append(chars, 0)
		return abbr[s]
	}
	idx := make([]byte, 0, len(trans))
	times := make([]int64, 0, len(trans))
	for _, t := range trans {
		if len(times) > 0 && times[len(times)-1] == t.at {
			continue
		}
		k := ttype{t.offset, t.dst, t.name}
		i, ok := index[k]
		if !ok {
			if len(types) == 255 {
				break
			}
			i = len(types)
			index[k] = i
			types = append(types, k)
		}
		times = append(times, t.at)
		idx = append(idx, byte(i))
	}
	var b []byte
	header := func(timecnt, typecnt, charcnt int) {
		b = append(b, "TZif2"...)
		b = append(b, make([]byte, 15)...)
		for _, n := range []int{0, 0, 0, timecnt, typecnt, charcnt} {
			b = binary.BigEndian.AppendUint32(b, uint32(n))
		}
	}
	header(0, 0, 0) // empty version 1 block
	ab := make([]int, len(types))
	for i, t := range types {
		ab[i] = abbrOf(t.name)
	}
	header(len(times), len(types), len(chars))
	for _, t := range times {
		b = binary.BigEndian.AppendUint64(b, uint64(t))
	}
	b = append(b, idx...)
	for i, t := range types {
		b = binary.BigEndian.AppendUint32(b, uint32(int32(t.off)))
		dst := byte(0)
		if t.dst {
			dst = 1
		}
		b = append(b, dst, byte(ab[i]))
	}
	b = append(b, chars...)
	b = append(b, '\n', '\n')
	return b
}
