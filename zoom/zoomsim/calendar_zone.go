package zoomsim

import (
	"fmt"
	"time"

	"github.com/emersion/go-ical"
)

// usZone is a time zone that follows the United States' daylight saving
// rules in force since 2007: daylight time from the second Sunday of March
// at 02:00 standard time to the first Sunday of November at 02:00 daylight
// time. The calendar feed writes its times with these rules and describes
// them in a VTIMEZONE, the way Google does; they need no time zone
// database, so the feed is the same on every platform (a test checks them
// against the database).
type usZone struct {
	tzid      string // IANA name, e.g. "America/New_York"
	std, dst  string // abbreviations, e.g. "EST" and "EDT"
	stdOffset int    // standard offset from UTC, hours (negative west)
	dstOffset int    // daylight offset from UTC, hours
}

// calendarZones are the zones the feed writes times in: the demo user's and
// the demo coordinator's.
var calendarZones = map[string]usZone{
	"America/New_York": {tzid: "America/New_York", std: "EST", dst: "EDT", stdOffset: -5, dstOffset: -4},
	"America/Chicago":  {tzid: "America/Chicago", std: "CST", dst: "CDT", stdOffset: -6, dstOffset: -5},
}

// nthSunday returns the date of the n-th Sunday of month in year.
func nthSunday(year int, month time.Month, n int) int {
	first := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC).Weekday()
	return 1 + (7-int(first))%7 + 7*(n-1)
}

// daylight reports whether the instant t is in daylight time.
func (z usZone) daylight(t time.Time) bool {
	y := t.UTC().Year()
	// 02:00 local standard time on the second Sunday of March, and 02:00
	// local daylight time on the first Sunday of November, in UTC.
	begin := time.Date(y, time.March, nthSunday(y, time.March, 2), 2-z.stdOffset, 0, 0, 0, time.UTC)
	end := time.Date(y, time.November, nthSunday(y, time.November, 1), 2-z.dstOffset, 0, 0, 0, time.UTC)
	return !t.Before(begin) && t.Before(end)
}

// location returns a fixed zone named after z with z's offset at t. A time
// in it formats as z's wall clock, and go-ical writes it with TZID=z.tzid.
func (z usZone) location(t time.Time) *time.Location {
	off := z.stdOffset
	if z.daylight(t) {
		off = z.dstOffset
	}
	return time.FixedZone(z.tzid, off*3600)
}

// in returns t on z's wall clock.
func (z usZone) in(t time.Time) time.Time { return t.In(z.location(t)) }

// date returns the instant when z's wall clock shows the given date and time
// (days may overflow, like time.Date's). Wall times that a switch skips or
// repeats are not used by the feed.
func (z usZone) date(year int, month time.Month, day, hour, minute int) time.Time {
	wall := time.Date(year, month, day, hour, minute, 0, 0, time.UTC)
	t := wall.Add(-time.Duration(z.stdOffset) * time.Hour)
	if z.daylight(t) {
		t = wall.Add(-time.Duration(z.dstOffset) * time.Hour)
	}
	return z.in(t)
}

// offset formats hours as an iCalendar UTC offset, e.g. "-0500".
func offset(hours int) string {
	sign := "+"
	if hours < 0 {
		sign, hours = "-", -hours
	}
	return fmt.Sprintf("%s%02d00", sign, hours)
}

// vtimezone describes z as Google describes a US zone: one DAYLIGHT and
// one STANDARD rule from 1970 on.
func (z usZone) vtimezone() *ical.Component {
	tz := ical.NewComponent(ical.CompTimezone)
	tz.Props.SetText(ical.PropTimezoneID, z.tzid)
	tz.Props.Set(xText("X-LIC-LOCATION", z.tzid))
	rule := func(name, from, to, abbrev, start, rrule string) *ical.Component {
		c := ical.NewComponent(name)
		for _, p := range [][2]string{
			{ical.PropTimezoneOffsetFrom, from},
			{ical.PropTimezoneOffsetTo, to},
			{ical.PropTimezoneName, abbrev},
			{ical.PropDateTimeStart, start},
			{ical.PropRecurrenceRule, rrule},
		} {
			prop := ical.NewProp(p[0])
			prop.Value = p[1]
			c.Props.Set(prop)
		}
		return c
	}
	tz.Children = []*ical.Component{
		rule(ical.CompTimezoneDaylight, offset(z.stdOffset), offset(z.dstOffset), z.dst,
			"19700308T020000", "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"),
		rule(ical.CompTimezoneStandard, offset(z.dstOffset), offset(z.stdOffset), z.std,
			"19701101T020000", "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"),
	}
	return tz
}
