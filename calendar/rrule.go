package calendar

import (
	"fmt"
	"strings"
	"time"

	"github.com/teambition/rrule-go"
)

// parseRRule reads an RRULE value into rrule-go's options, leniently (case,
// empty parts, X- and RFC 7529 parts are ignored). UNTIL is returned in the
// event's wall clock (see expand.go): a UTC UNTIL goes through toWall, a
// date UNTIL includes its whole day, a floating one is taken as wall time.
func parseRRule(v string, toWall func(time.Time) time.Time) (*rrule.ROption, error) {
	var keep []string
	var until string
	for _, part := range strings.Split(strings.ToUpper(strings.TrimSpace(v)), ";") {
		part = strings.TrimSpace(part)
		key, val, _ := strings.Cut(part, "=")
		switch {
		case part == "", strings.HasPrefix(key, "X-"), key == "RSCALE", key == "SKIP":
		case key == "UNTIL":
			until = val
		default:
			keep = append(keep, part)
		}
	}
	opt, err := rrule.StrToROption(strings.Join(keep, ";"))
	if err != nil {
		return nil, fmt.Errorf("bad RRULE: %v", err)
	}
	if until != "" {
		u, err := parseUntil(until, toWall)
		if err != nil {
			return nil, err
		}
		opt.Until = u
	}
	return opt, nil
}

func parseUntil(v string, toWall func(time.Time) time.Time) (time.Time, error) {
	switch {
	case len(v) == 8:
		d, err := time.Parse("20060102", v)
		if err != nil {
			return time.Time{}, fmt.Errorf("bad RRULE UNTIL %q", v)
		}
		return d.Add(24*time.Hour - time.Second), nil
	case strings.HasSuffix(v, "Z"):
		u, err := time.Parse("20060102T150405Z", v)
		if err != nil {
			return time.Time{}, fmt.Errorf("bad RRULE UNTIL %q", v)
		}
		return toWall(u), nil
	default:
		u, err := time.Parse("20060102T150405", v)
		if err != nil {
			return time.Time{}, fmt.Errorf("bad RRULE UNTIL %q", v)
		}
		return u, nil
	}
}
