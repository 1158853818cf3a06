// Package calendar reads iCalendar (RFC 5545) sources, an interviewer's
// calendar feed or .ics file, and yields the occurrences that fall inside a
// bounded window, each with the Zoom meeting found in it.
//
// It knows nothing of the sync engine, the keychain or the UI: the engine
// fetches a source with [Fetcher.Fetch], keeps the last good body and its
// [Validators], and hands a changed body to [Parse]; it decides itself
// what counts as an interview.
//
//	var f calendar.Fetcher // zero value: 30 s timeout, 20 MB cap
//	got, err := f.Fetch(ctx, source, last.Validators) // https URL, webcal:// or .ics path
//	var fe *calendar.FetchError
//	switch {
//	case errors.As(err, &fe): // keep the last good copy; show fe.Message() (never the address)
//	case got.NotModified:     // 304: nothing to parse
//	default:
//		res, err := calendar.ParseBytes(got.Body, calendar.Options{
//			From: from, To: to, // calendar.DefaultWindow(now): 2 days back, 30 days ahead
//			UserAddresses: []string{"me@example.com"},
//		})
//		// res.Occurrences (sorted, UTC, each with .Zoom and .Declined),
//		// res.Unreadable ({UID, Reason}), res.Events
//	}
//
// A feed address is a secret: no error of this package holds it, and
// [Mask] shows it as its host and last 4 characters. Parse and a Fetcher
// are safe for concurrent use.
//
// # Libraries
//
// The content-line and component grammar (RFC 5545 section 3.1: parameters,
// quoting, nested components) is github.com/emersion/go-ical, a small,
// dependency-light parser by the author of go-imap and go-webdav that the
// CalDAV ecosystem in Go uses. Recurrence rules (section 3.3.10) are
// expanded with github.com/teambition/rrule-go, a port of python-dateutil's
// widely used rrule; go-ical itself depends on it. Neither is used for what it gets wrong on
// real feeds: go-ical's DateTime only knows IANA TZIDs, its RecurrenceSet
// ignores VTIMEZONE and RDATE, and its Text rejects stray escapes; those
// parts are here.
//
// # Leniency
//
// Real servers write broken files. Before go-ical sees anything, the body is
// unfolded (CRLF, LF or CR; a continuation that is a lone space is dropped;
// a raw line break inside a value, as Exchange writes in DESCRIPTION, is
// joined back) and split into top-level components; each component is
// decoded on its own, so one that go-ical rejects (or a VEVENT that never
// ends) becomes one entry in [Result.Unreadable], with its UID and the
// reason, and the rest of the file is kept. A VEVENT nested in a VEVENT is
// read as two events; a property given twice is read once (a second,
// different DTSTART makes the event unreadable).
//
// # Time zones
//
// A TZID is resolved, in order, as an IANA name, as a Windows name
// ("W. Europe Standard Time") through CLDR's windowsZones table (see
// windowszones_table.go, generated from the copy the Go standard library
// ships), as an IANA name behind a vendor prefix
// ("/mozilla.org/20070129_1/Europe/Berlin"), and then from the file's own VTIMEZONE, which is how
// custom names such as Outlook's "Customized Time Zone" are read. A TZID
// that none of these knows is read like a floating time: in X-WR-TIMEZONE
// when the feed names one, else in [Options.Local]; it is not an error.
// A local time inside a DST gap is read with the offset before the gap, as
// RFC 5545 section 3.3.5 says.
//
// # Recurrence
//
// RRULE (one or more), RDATE (dates, date-times and periods), EXDATE
// (a VALUE=DATE exclusion on a date-time series removes that day's
// occurrence, and a date-time one on an all-day series removes that day),
// RECURRENCE-ID overrides (in any order, with or without their master) and
// RANGE=THISANDFUTURE are honoured.
//
// rrule-go's Between and Iterator always step from DTSTART, search up to
// the year 9999 for a next match, and loop forever when BYHOUR, BYMINUTE
// or BYSECOND is out of step with INTERVAL. So rules are expanded in the
// event's wall clock only as far as the window needs (expand.go): a rule
// without COUNT starts from an interval boundary just before the window
// instead of from DTSTART, the whole rule is moved by whole 400-year
// Gregorian cycles so that the search past the window ends within one
// cycle, a rule rrule-go would loop on is refused, a COUNT rule may take
// at most 200,000 steps before the window, and each series yields at most
// [Options.MaxPerSeries] occurrences. FREQ=SECONDLY without an end costs
// no more than a weekly meeting.
//
// A single event (no RRULE, RDATE or RECURRENCE-ID) whose dates are days
// outside the window is counted but not decoded: feeds hold years of
// history, and a pass costs what the window holds. So Unreadable lists the
// broken events that could matter, not every broken event of the past.
package calendar
