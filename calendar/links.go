package calendar

import (
	"html"
	"net/url"
	"regexp"
	"strings"

	"github.com/emersion/go-ical"

	"github.com/interviewtray/interviewtray/zoom"
)

// ZoomLink is the Zoom meeting found in an event.
type ZoomLink struct {
	// MeetingID is the meeting or webinar number, digits only; "" for a
	// personal link (/my/NAME) with no "Meeting ID:" line.
	MeetingID string
	// Passcode is the passcode the invitation text gives ("Passcode:"),
	// "" when it gives none.
	Passcode string
	// PWD is the link's pwd parameter (an encoded passcode), "" when none.
	PWD string
	// JoinURL is the link to open; it always passes zoom.CheckLink. When
	// the event has only a "Meeting ID:" line it is https://zoom.us/j/ID.
	JoinURL string
	Kind    LinkKind
}

// LinkKind says what a Zoom link opens.
type LinkKind string

// The kinds of Zoom links.
const (
	LinkMeeting  LinkKind = "meeting"  // /j/ID, /s/ID, /wc/join/ID, zoommtg://...confno=ID
	LinkWebinar  LinkKind = "webinar"  // /w/ID
	LinkPersonal LinkKind = "personal" // /my/NAME: no meeting ID in the link
)

// linkProps are the properties searched, best first.
var linkProps = []string{"CONFERENCE", "X-GOOGLE-CONFERENCE", "URL", "LOCATION", "DESCRIPTION", "X-ALT-DESC", "STYLED-DESCRIPTION"}

var (
	// zoomURL finds links on Zoom's domains; the host check is repeated
	// by zoom.CheckLink on the parsed URL.
	zoomURL = regexp.MustCompile(`(?i)\b(?:https?://[a-z0-9.-]*\b(?:zoom\.us|zoom\.com|zoomgov\.com)(?::\d+)?(?:/[^\s<>"'\x60]*)?|zoommtg://[^\s<>"'\x60]+)`)
	// meetingIDLine and passcodeLine are the invitation text's fallback.
	meetingIDLine = regexp.MustCompile(`(?i)\b(?:meeting|webinar)[ -]?(?:id|number)\s*[:#]?\s*((?:\d[ \x{00a0}-]?){9,11}\d?)`)
	passcodeLine  = regexp.MustCompile(`(?i)\b(?:passcode|password|meeting password)\s*:\s*(\S+)`)
	digits        = regexp.MustCompile(`^\d{9,12}$`)
	htmlTag       = regexp.MustCompile(`(?s)<[^>]*>`)
	hrefAttr      = regexp.MustCompile(`(?i)\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')`)
	blockTag      = regexp.MustCompile(`(?i)^</?(?:br|p|div|li|tr|td|table|ul|ol|h[1-6])\b`)
)

// findZoom looks for a Zoom meeting in an event's text fields.
func findZoom(c *ical.Component) *ZoomLink {
	var texts []string
	for _, name := range linkProps {
		for _, p := range c.Props.Values(name) {
			t := unescapeText(p.Value)
			if strings.ContainsRune(t, '<') {
				texts = append(texts, htmlLinks(t)...)
				t = htmlToText(t)
			}
			texts = append(texts, t)
		}
	}
	var best *ZoomLink
	for _, t := range texts {
		if !containsFold(t, "zoom") {
			continue
		}
		for _, raw := range zoomURL.FindAllString(t, -1) {
			if l := parseZoomLink(raw); l != nil && (best == nil || better(l, best)) {
				best = l
			}
		}
	}
	id, pass := "", ""
	for _, t := range texts {
		if id == "" && (best == nil || best.MeetingID == "") && containsFold(t, "id") {
			if m := meetingIDLine.FindStringSubmatch(t); m != nil {
				id = strings.Map(keepDigits, m[1])
			}
		}
		if pass == "" && containsFold(t, "pass") {
			if m := passcodeLine.FindStringSubmatch(t); m != nil {
				pass = sanitizeLine(m[1])
			}
		}
	}
	if !digits.MatchString(id) {
		id = ""
	}
	switch {
	case best == nil && id == "":
		return nil
	case best == nil:
		best = &ZoomLink{MeetingID: id, JoinURL: "https://zoom.us/j/" + id, Kind: LinkMeeting}
	case best.MeetingID == "":
		best.MeetingID = id
	}
	best.Passcode = pass
	return best
}

// better prefers a link with a meeting ID, then one with a pwd.
func better(a, b *ZoomLink) bool {
	if (a.MeetingID != "") != (b.MeetingID != "") {
		return a.MeetingID != ""
	}
	return a.PWD != "" && b.PWD == ""
}

// parseZoomLink reads one candidate link; nil when it is not a join link
// the app may open.
func parseZoomLink(raw string) *ZoomLink {
	raw = strings.TrimRight(raw, ".,;:!?)]}*'\"")
	if strings.HasPrefix(strings.ToLower(raw), "http://") {
		raw = "https://" + raw[len("http://"):]
	}
	u, err := url.Parse(raw)
	if err != nil || zoom.CheckLink(raw) != nil {
		return nil
	}
	q := u.Query()
	l := &ZoomLink{JoinURL: sanitizeLine(raw), PWD: q.Get("pwd"), Kind: LinkMeeting}
	if strings.EqualFold(u.Scheme, "zoommtg") {
		l.MeetingID = q.Get("confno")
		if !digits.MatchString(l.MeetingID) {
			return nil
		}
		return l
	}
	seg := strings.Split(strings.Trim(u.Path, "/"), "/")
	switch {
	case len(seg) >= 2 && (seg[0] == "j" || seg[0] == "s"):
		l.MeetingID = seg[1]
	case len(seg) >= 2 && seg[0] == "w":
		l.MeetingID, l.Kind = seg[1], LinkWebinar
	case len(seg) >= 3 && seg[0] == "wc" && seg[1] == "join":
		l.MeetingID = seg[2]
	case len(seg) >= 3 && seg[0] == "wc" && seg[2] == "join":
		l.MeetingID = seg[1]
	case len(seg) >= 2 && seg[0] == "my" && seg[1] != "":
		l.Kind = LinkPersonal
		return l
	default:
		return nil
	}
	if !digits.MatchString(l.MeetingID) {
		return nil
	}
	return l
}

// containsFold reports whether s contains the lower-case ASCII word sub,
// ignoring case, without allocating.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && s[i+j]|0x20 == sub[j] {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

func keepDigits(r rune) rune {
	if r >= '0' && r <= '9' {
		return r
	}
	return -1
}

// htmlLinks returns the href values of an HTML text.
func htmlLinks(s string) []string {
	var out []string
	for _, m := range hrefAttr.FindAllStringSubmatch(s, -1) {
		out = append(out, html.UnescapeString(m[1]+m[2]))
	}
	return out
}

// htmlToText reduces HTML to its text, for link finding only: block tags
// become line breaks, every other tag disappears without a trace, so
// "zoom<wbr>.us" and "zo<u></u>om.us" read as "zoom.us".
func htmlToText(s string) string {
	s = htmlTag.ReplaceAllStringFunc(s, func(tag string) string {
		if blockTag.MatchString(tag) {
			return "\n"
		}
		return ""
	})
	return html.UnescapeString(s)
}
