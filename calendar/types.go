package calendar

import "time"

// Status is an event's STATUS, upper case: StatusConfirmed, StatusTentative,
// StatusCancelled, or "" when the event gives none.
type Status string

// The statuses RFC 5545 defines for a VEVENT.
const (
	StatusConfirmed Status = "CONFIRMED"
	StatusTentative Status = "TENTATIVE"
	StatusCancelled Status = "CANCELLED"
)

// Options tells Parse which occurrences to yield and how to read them. The
// zero value is usable: the default window around time.Now, the local zone.
type Options struct {
	// From and To bound the window: an occurrence is yielded when it
	// overlaps [From, To). Zero values mean DefaultWindow(time.Now()).
	From, To time.Time
	// UserAddresses are the user's e-mail addresses (case does not matter,
	// "mailto:" may be given): an ATTENDEE with one of them and
	// PARTSTAT=DECLINED marks the occurrence Declined.
	UserAddresses []string
	// Local is the zone of floating times when the feed names no
	// X-WR-TIMEZONE; nil means time.Local.
	Local *time.Location
	// MaxPerSeries caps the occurrences one event (one UID) yields in the
	// window; 0 means DefaultMaxPerSeries.
	MaxPerSeries int
}

// DefaultMaxPerSeries is the cap on occurrences per series when
// Options.MaxPerSeries is 0.
const DefaultMaxPerSeries = 500

// DefaultWindow is the window the engine reads: 2 days back, 30 days ahead.
func DefaultWindow(now time.Time) (from, to time.Time) {
	return now.Add(-2 * 24 * time.Hour), now.Add(30 * 24 * time.Hour)
}

// Result is what Parse read from one calendar.
type Result struct {
	// Occurrences inside the window, sorted by Start (then UID). Cancelled
	// ones (STATUS:CANCELLED, METHOD:CANCEL, a cancelled override) are
	// included with Status StatusCancelled, so the caller can show or
	// drop them; excluded ones (EXDATE) are not.
	Occurrences []Occurrence
	// Unreadable lists the events that could not be read, each once.
	Unreadable []Unreadable
	// Events counts the VEVENT components found, read or not (an override
	// counts as one).
	Events int
	// Name is X-WR-CALNAME, Method the METHOD ("PUBLISH", "REQUEST",
	// "CANCEL"...), both as plain text.
	Name, Method string
}

// Unreadable is an event the file holds but Parse could not read.
type Unreadable struct {
	UID    string // "" when even the UID could not be read
	Reason string
}

// Occurrence is one instance of an event, in UTC.
type Occurrence struct {
	UID string
	// RecurrenceID names the instance of a recurring event, as RFC 5545
	// writes a UTC date-time ("20250107T150000Z") or, for all-day series,
	// a date ("20250107"); "" for an event that does not recur.
	RecurrenceID string
	Summary      string
	Location     string
	Start, End   time.Time // UTC; End is Start for a zero-length event
	// AllDay is set for VALUE=DATE events (never interviews); Start and End
	// are then midnight in the event's zone.
	AllDay    bool
	Status    Status
	Organizer Person
	Attendees []Attendee
	// Zoom is the Zoom meeting found in the event, nil when there is none.
	Zoom *ZoomLink
	// Declined is set when one of Options.UserAddresses declined.
	Declined bool
}

// Cancelled reports whether the occurrence was cancelled.
func (o Occurrence) Cancelled() bool { return o.Status == StatusCancelled }

// Person is an ORGANIZER or ATTENDEE: the CN and the address without
// "mailto:".
type Person struct {
	Name  string
	Email string
}

// Attendee is an ATTENDEE with its PARTSTAT ("ACCEPTED", "DECLINED",
// "TENTATIVE", "NEEDS-ACTION"...; "" when not given).
type Attendee struct {
	Person
	PartStat string
}
