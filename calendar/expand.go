package calendar

import (
	"fmt"
	"time"

	"github.com/teambition/rrule-go"
)

// Recurrences are expanded in the event's wall clock: a time.Time in UTC
// whose fields are the local date and time. There are no gaps or overlaps
// there, so rule arithmetic is exact; each result is turned into an instant
// in the event's zone afterwards (a time in a DST gap takes the offset
// before the gap, as Go's time.Date and RFC 5545 agree).

// maxScan bounds the rule steps taken before the window is reached (COUNT
// rules, which cannot be started later than DTSTART).
const maxScan = 200_000

// ruleUnits is the length of one FREQ step for the frequencies that a
// later DTSTART can stand in for exactly.
var ruleUnits = map[rrule.Frequency]time.Duration{
	rrule.WEEKLY:   7 * 24 * time.Hour,
	rrule.DAILY:    24 * time.Hour,
	rrule.HOURLY:   time.Hour,
	rrule.MINUTELY: time.Minute,
	rrule.SECONDLY: time.Second,
}

// expandRule returns the rule's starts in [lo, hi] (wall clock) that keep
// accepts, at most limit+1 of them, or why it cannot be expanded.
func expandRule(opt rrule.ROption, dtstart, lo, hi time.Time, limit int, keep func(wall time.Time) bool) (out []time.Time, problem string) {
	defer func() {
		if r := recover(); r != nil {
			out, problem = nil, fmt.Sprintf("recurrence rule cannot be expanded: %v", r)
		}
	}()
	if dtstart.After(hi) || !opt.Until.IsZero() && opt.Until.Before(lo) {
		return nil, ""
	}
	if opt.Interval < 1 {
		opt.Interval = 1
	}
	if !reachable(opt, dtstart) {
		return nil, "recurrence rule can never match (BYHOUR/BYMINUTE/BYSECOND out of step with INTERVAL)"
	}
	// A rule without COUNT may start on any interval boundary: start two
	// periods before the window instead of stepping there from DTSTART.
	if unit, ok := ruleUnits[opt.Freq]; ok && opt.Count == 0 {
		period := unit * time.Duration(opt.Interval)
		if gap := lo.Sub(dtstart); gap > 3*period {
			dtstart = dtstart.Add(period * time.Duration(gap/period-2))
		}
	}
	// The search for the next match can run to rrule-go's year 9999 when a
	// rule never matches again. The Gregorian calendar repeats every 400
	// years, weekdays included, so move everything by whole 400-year
	// cycles to just below that limit: the search past hi then stops
	// within one cycle.
	shift := 0
	if y := hi.Year(); y < rrule.MAXYEAR-401 {
		shift = (rrule.MAXYEAR - 1 - y) / 400 * 400
	}
	move := func(t time.Time, years int) time.Time {
		if t.IsZero() || years == 0 {
			return t
		}
		return t.AddDate(years, 0, 0)
	}
	opt.Dtstart = move(dtstart, shift)
	opt.Until = move(opt.Until, shift)
	lo, hi = move(lo, shift), move(hi, shift)
	r, err := rrule.NewRRule(opt)
	if err != nil {
		return nil, fmt.Sprintf("bad RRULE: %v", err)
	}
	next := r.Iterator()
	for wasted := 0; ; {
		t, ok := next()
		if !ok || t.After(hi) {
			break
		}
		if w := move(t, -shift); !t.Before(lo) && keep(w) {
			out = append(out, w)
		} else if wasted++; wasted > maxScan {
			return out, fmt.Sprintf("recurrence rule needs more than %d steps to reach the window", maxScan)
		}
		if len(out) > limit {
			break
		}
	}
	return out, ""
}

// reachable reports whether rrule-go's stepping for an HOURLY, MINUTELY or
// SECONDLY rule can ever land on a BYHOUR/BYMINUTE/BYSECOND value; when it
// cannot, rrule-go loops forever.
func reachable(o rrule.ROption, dtstart time.Time) bool {
	var unit, day int
	switch o.Freq {
	case rrule.HOURLY:
		if len(o.Byhour) == 0 {
			return true
		}
		unit, day = 3600, 24
	case rrule.MINUTELY:
		if len(o.Byhour) == 0 && len(o.Byminute) == 0 {
			return true
		}
		unit, day = 60, 1440
	case rrule.SECONDLY:
		if len(o.Byhour) == 0 && len(o.Byminute) == 0 && len(o.Bysecond) == 0 {
			return true
		}
		unit, day = 1, 86400
	default:
		return true
	}
	h, m, s := dtstart.Clock()
	start := (h*3600 + m*60 + s) / unit
	g := gcd(o.Interval%day, day)
	for k := start % g; k < day; k += g {
		sec := k * unit
		if in(o.Byhour, sec/3600) && (o.Freq == rrule.HOURLY || in(o.Byminute, sec/60%60)) &&
			(o.Freq != rrule.SECONDLY || in(o.Bysecond, sec%60)) {
			return true
		}
	}
	return false
}

func in(list []int, v int) bool {
	if len(list) == 0 {
		return true
	}
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
