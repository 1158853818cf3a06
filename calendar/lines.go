package calendar

import (
	"bytes"
	"errors"
	"strings"
)

// ErrNotICalendar means the body is not an iCalendar file at all (an HTML
// page, JSON, binary data...).
var ErrNotICalendar = errors.New("not an iCalendar file")

// ErrTruncated means the body starts as a calendar but ends before
// END:VCALENDAR, as a cut-off download does.
var ErrTruncated = errors.New("calendar file is truncated (no END:VCALENDAR)")

// rawComponent is one top-level component of a calendar, as logical
// (unfolded) content lines, or the reason it cannot be read.
type rawComponent struct {
	name  string   // VEVENT, VTIMEZONE...
	lines []string // BEGIN ... END, unfolded
	uid   string   // the first UID line seen, for error reports
	err   string   // set when the component is unusable as a whole
}

// splitCalendar unfolds body and splits it into the VCALENDAR's own
// properties and its top-level components. It repairs what real servers
// break (see the package doc) and fails only when the body is not a
// calendar or is truncated.
func splitCalendar(body []byte) (calProps []string, comps []rawComponent, err error) {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	lines := unfold(body)
	i := 0
	for i < len(lines) && lines[i] == "" {
		i++
	}
	if i == len(lines) || !strings.EqualFold(lines[i], "BEGIN:VCALENDAR") {
		return nil, nil, ErrNotICalendar
	}
	end := -1
	for j := len(lines) - 1; j > i; j-- {
		if strings.EqualFold(lines[j], "END:VCALENDAR") {
			end = j
			break
		}
	}
	if end < 0 {
		return nil, nil, ErrTruncated
	}
	calProps, comps = splitComponents(lines[i+1 : end])
	return calProps, comps, nil
}

// splitComponents finds the components in the lines between BEGIN:VCALENDAR
// and END:VCALENDAR, in one pass over a stack of open components. An END
// closes the innermost open component of its name (those opened after it
// are left unterminated inside it, which go-ical then rejects). A component
// still open at the end is reported, and the complete components inside it
// are read as top-level ones, so one missing END loses one event. The
// BEGIN/END:VCALENDAR lines of calendars glued together are skipped.
func splitComponents(lines []string) (props []string, comps []rawComponent) {
	type open struct {
		name     string
		start    int
		children []rawComponent // complete components directly inside
	}
	var stack []open
	for i, l := range lines {
		if name, ok := beginName(l); ok {
			if name == "VCALENDAR" && len(stack) == 0 {
				continue
			}
			stack = append(stack, open{name: name, start: i})
			continue
		}
		if name, ok := endName(l); ok {
			k := len(stack) - 1
			for k >= 0 && stack[k].name != name {
				k--
			}
			if k < 0 {
				continue // a stray END (or a glued calendar's END:VCALENDAR)
			}
			o := stack[k]
			stack = stack[:k]
			c := rawComponent{name: o.name, lines: lines[o.start : i+1], uid: firstUID(lines[o.start : i+1])}
			if k == 0 {
				comps = append(comps, c)
			} else {
				stack[k-1].children = append(stack[k-1].children, c)
			}
			continue
		}
		if len(stack) == 0 && l != "" {
			props = append(props, l)
		}
	}
	for _, o := range stack {
		end := len(lines)
		if o.name == "VEVENT" {
			comps = append(comps, rawComponent{name: o.name, uid: firstUID(lines[o.start:end]), err: "no END:" + o.name})
		}
		for _, c := range o.children {
			if c.name == "VEVENT" || c.name == "VTIMEZONE" {
				comps = append(comps, c)
			}
		}
	}
	return props, comps
}

func beginName(l string) (string, bool) { return markerName(l, "BEGIN:") }
func endName(l string) (string, bool)   { return markerName(l, "END:") }

func markerName(l, prefix string) (string, bool) {
	if len(l) < len(prefix) || !strings.EqualFold(l[:len(prefix)], prefix) {
		return "", false
	}
	return strings.ToUpper(strings.TrimSpace(l[len(prefix):])), true
}

// firstUID returns the value of the first UID line, for error reports.
func firstUID(lines []string) string {
	for _, l := range lines {
		if len(l) > 4 && strings.EqualFold(l[:4], "UID:") {
			return sanitizeLine(unescapeText(l[4:]))
		}
	}
	return ""
}

// unfold splits body into logical content lines: CRLF, LF and lone CR all
// end a line; a line starting with a space or tab continues the previous
// one (RFC 5545 section 3.1); a line that does not start with a property
// name is a raw line break inside a value (Exchange writes DESCRIPTION that
// way) and is joined back as an escaped newline.
func unfold(body []byte) []string {
	s := string(body)
	out := make([]string, 0, strings.Count(s, "\n")+1)
	// pend is the logical line being built: a substring of s while it is
	// one physical line, copied into b only when a continuation comes.
	var pend string
	var b strings.Builder
	have, built := false, false
	flush := func() {
		if !have {
			return
		}
		if built {
			out = append(out, b.String())
			b.Reset()
		} else {
			out = append(out, pend)
		}
		have, built = false, false
	}
	extend := func(parts ...string) {
		if !built {
			b.WriteString(pend)
			built = true
		}
		for _, p := range parts {
			b.WriteString(p)
		}
	}
	for len(s) > 0 {
		k := strings.IndexAny(s, "\r\n")
		var l string
		if k < 0 {
			l, s = s, ""
		} else {
			l = s[:k]
			if s[k] == '\r' && k+1 < len(s) && s[k+1] == '\n' {
				s = s[k+2:]
			} else {
				s = s[k+1:]
			}
		}
		switch {
		case l == "":
			// A blank line: RFC 5545 has none; ignore it.
		case l[0] == ' ' || l[0] == '\t':
			if have && len(l) > 1 {
				extend(l[1:])
			}
		case have && !looksLikeContentLine(l):
			extend(`\n`, l)
		default:
			flush()
			pend, have = l, true
		}
	}
	flush()
	return out
}

// looksLikeContentLine reports whether l starts a new property: a name
// RFC 5545 or common extensions define (or an X- name), then ';' or ':'.
func looksLikeContentLine(l string) bool {
	k := strings.IndexAny(l, ";:")
	if k <= 0 {
		return false
	}
	name := strings.ToUpper(l[:k])
	if strings.HasPrefix(name, "X-") {
		return validName(name)
	}
	return knownProps[name]
}

func validName(n string) bool {
	for _, r := range n {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// knownProps are the property names of RFC 5545, 7986 and 9073 and the
// iTIP/VTIMEZONE ones feeds use.
var knownProps = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`BEGIN END CALSCALE METHOD PRODID VERSION
		ATTACH CATEGORIES CLASS COMMENT DESCRIPTION GEO LOCATION PERCENT-COMPLETE
		PRIORITY RESOURCES STATUS SUMMARY COMPLETED DTEND DUE DTSTART DURATION
		FREEBUSY TRANSP TZID TZNAME TZOFFSETFROM TZOFFSETTO TZURL ATTENDEE CONTACT
		ORGANIZER RECURRENCE-ID RELATED-TO URL UID EXDATE RDATE RRULE EXRULE ACTION
		REPEAT TRIGGER CREATED DTSTAMP LAST-MODIFIED SEQUENCE REQUEST-STATUS
		NAME REFRESH-INTERVAL SOURCE COLOR IMAGE CONFERENCE ACKNOWLEDGED
		LOCATION-TYPE PARTICIPANT-TYPE CALENDAR-ADDRESS STRUCTURED-DATA STYLED-DESCRIPTION
		TZUNTIL TZID-ALIAS-OF`) {
		knownProps[n] = true
	}
}
