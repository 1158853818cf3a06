package sync

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/interviewtray/interviewtray/sync/internal/cloudlist"
	"github.com/interviewtray/interviewtray/zoom"
)

// The engine's files are validated after decoding: well-formed JSON can
// still hold a null where an entry is expected, a duration of a billion
// minutes or a date thousands of years away. Each sanitize method drops
// (or, for a length, clamps) what does not hold together, keeps the rest,
// and describes what it dropped; the caller then sets the file aside as
// NAME.bad-TIMESTAMP and says so (see Engine.fileProblemLocked).

// Bounds on what a kept file may say.
const (
	maxMinutes   = 24 * 60                  // a meeting's duration (Zoom's own limit is 24 hours)
	timeHorizon  = 5 * 365 * time.Hour * 24 // times further from now are nonsense
	maxDropNotes = 3                        // dropped entries named in a warning
)

// dropNotes collects what a sanitize method dropped.
type dropNotes struct {
	n     int
	notes []string
}

func (d *dropNotes) add(format string, args ...any) {
	d.n++
	if len(d.notes) < maxDropNotes {
		d.notes = append(d.notes, fmt.Sprintf(format, args...))
	}
}

// err returns nil when nothing was dropped, else an error naming the
// first few entries.
func (d *dropNotes) err() error {
	if d.n == 0 {
		return nil
	}
	s := strings.Join(d.notes, "; ")
	if d.n > len(d.notes) {
		s += fmt.Sprintf("; %d more", d.n-len(d.notes))
	}
	return fmt.Errorf("%d entries did not hold together (%s)", d.n, s)
}

// saneTime reports whether t is within timeHorizon of now.
func saneTime(t, now time.Time) bool {
	d := t.Sub(now)
	return d > -timeHorizon && d < timeHorizon
}

// saneOrZero reports whether t is zero (not known) or within timeHorizon
// of now.
func saneOrZero(t, now time.Time) bool { return t.IsZero() || saneTime(t, now) }

// saneMinutes reports whether n minutes is a meeting's possible length.
func saneMinutes(n int) bool { return n >= 0 && n <= maxMinutes }

// sanitize drops the entries of state.json that do not hold together.
func (s *persistState) sanitize(now time.Time) error {
	var d dropNotes
	s.fillNil()
	for k, p := range s.Past {
		switch {
		case p == nil:
			d.add("past %q is empty", k)
		case !saneTime(p.Start, now) || !saneMinutes(p.Duration):
			d.add("past %q starts %v for %d minutes", k, p.Start, p.Duration)
		case !saneOrZero(p.EndedAt, now):
			d.add("past %q ended %v", k, p.EndedAt)
		default:
			continue
		}
		delete(s.Past, k)
	}
	for id, o := range s.Overrides {
		if o.Mode != OverrideInclude && o.Mode != OverrideExclude {
			d.add("override of %d is %q", id, o.Mode)
			delete(s.Overrides, id)
		}
	}
	if c := s.Check; c != nil && !saneTime(c.CheckedAt, now) {
		d.add("the settings check is dated %v", c.CheckedAt)
		s.Check = nil
	}
	return d.err()
}

// sanitize drops the entries of snapshot.json that do not hold together.
// A cache without a snapshot is not sanitized but refused (loadCache).
func (c *cacheData) sanitize(now time.Time) error {
	var d dropNotes
	c.Upcoming = saneMeetings(c.Upcoming, now, "upcoming", &d)
	c.Hosted = saneMeetings(c.Hosted, now, "hosted", &d)
	for id, r := range c.Details {
		if r == nil {
			d.add("details of %d are empty", id)
			delete(c.Details, id)
		}
	}
	for k, r := range c.Tracked {
		if !saneOrZero(r.StartTime, now) || (r.Kind != KindCloud && r.Kind != KindLocal) {
			d.add("recording %q of %d (%s) starts %v", r.Topic, r.MeetingID, r.Kind, r.StartTime)
			delete(c.Tracked, k)
		}
	}
	if s := c.Snapshot; s != nil {
		s.Recordings = slices.DeleteFunc(slices.Clone(s.Recordings), func(r Recording) bool {
			if saneOrZero(r.StartTime, now) {
				return false
			}
			d.add("snapshot recording of %d starts %v", r.MeetingID, r.StartTime)
			return true
		})
	}
	return d.err()
}

// saneMeetings drops meetings with a start too far away (zero is a
// recurring meeting without a fixed time) or an impossible duration.
func saneMeetings(ms []zoom.Meeting, now time.Time, list string, d *dropNotes) []zoom.Meeting {
	return slices.DeleteFunc(ms, func(m zoom.Meeting) bool {
		if saneOrZero(m.StartTime, now) && saneMinutes(m.Duration) {
			return false
		}
		d.add("%s meeting %d starts %v for %d minutes", list, m.ID, m.StartTime, m.Duration)
		return true
	})
}

// saneCoverage drops the dates of recordings.json's coverage that are not
// dates, or listed at a time too far away.
func saneCoverage(c *cloudlist.Coverage, now time.Time, d *dropNotes) {
	for k, at := range c.Listed {
		if _, err := time.Parse(time.DateOnly, k); err != nil || !saneTime(at, now) {
			d.add("date %q listed %v", k, at)
			delete(c.Listed, k)
		}
	}
	if !saneOrZero(c.Round, now) || !saneOrZero(c.RoundFrom, now) {
		d.add("the round started %v from %v", c.Round, c.RoundFrom)
		c.Round, c.RoundFrom = time.Time{}, time.Time{}
	}
}

// saneListed drops kept recordings that start too far away.
func saneListed(rs []cloudlist.Recording, now time.Time, d *dropNotes) []cloudlist.Recording {
	return slices.DeleteFunc(rs, func(r cloudlist.Recording) bool {
		if saneOrZero(r.Start, now) {
			return false
		}
		d.add("recording of %d starts %v", r.ID, r.Start)
		return true
	})
}
