package zoomsim

import "time"

// Simulator time is the real clock plus an offset that only grows. Using
// time.Now keeps the simulator on the fake clock inside a testing/synctest
// bubble, so tests can let time pass with time.Sleep as well as with Advance.

// Now returns the simulator's current time (UTC).
func (s *Sim) Now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.now()
}

// Advance moves the simulator clock forward by d. It panics if d is
// negative: the simulator's clock, like Zoom's, never goes back.
func (s *Sim) Advance(d time.Duration) {
	if d < 0 {
		panic("zoomsim: Advance with a negative duration")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.offset += d
}

// now is Now for callers holding s.mu. The monotonic reading is dropped so
// that every comparison uses wall-clock time, like a server would.
func (s *Sim) now() time.Time {
	return time.Now().Add(s.offset).UTC().Round(0)
}

// zoomTimeLayout is how Zoom writes times: UTC, seconds, a literal Z.
const zoomTimeLayout = "2006-01-02T15:04:05Z"

func zoomTime(t time.Time) string { return t.UTC().Format(zoomTimeLayout) }

// dateLayout is the yyyy-mm-dd form of the recordings list's from and to.
const dateLayout = "2006-01-02"

// day returns the UTC midnight starting t's day.
func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// monthAfter returns the last to date the recordings list accepts for from
// (a UTC date): Zoom allows a range of one month at most, and its own
// examples (from 2021-10-11 to 2021-11-11) show a month is the same day of
// the next calendar month, or that month's last day when it is shorter
// (January 31 gives February 28, or 29 in a leap year). Plain AddDate(0, 1,
// 0) would let January 31 run to March 3.
func monthAfter(from time.Time) time.Time {
	y, m, d := from.Date()
	last := time.Date(y, m+2, 0, 0, 0, 0, 0, time.UTC).Day()
	return time.Date(y, m+1, min(d, last), 0, 0, 0, 0, time.UTC)
}
