package zoom

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// zoomDomains are the registrable domains whose https links the app opens.
var zoomDomains = []string{"zoom.us", "zoom.com", "zoomgov.com"}

// ErrNotZoomLink is wrapped by CheckLink's errors.
var ErrNotZoomLink = errors.New("not a Zoom link")

// CheckLink reports whether raw is a link the app may open: https on a Zoom
// host (zoom.us, zoom.com, zoomgov.com or a subdomain of one, default port,
// no user info), or a Zoom client join link of the one shape Zoom documents,
// zoommtg://zoom.us/join?action=join&confno=DIGITS[&pwd=PASSCODE] (see
// checkClientLink). Anything else is refused.
func CheckLink(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrNotZoomLink, err)
	}
	switch strings.ToLower(u.Scheme) {
	case "zoommtg":
		return checkClientLink(raw, u)
	case "https":
	default:
		return fmt.Errorf("%w: scheme %q", ErrNotZoomLink, u.Scheme)
	}
	if u.User != nil {
		return fmt.Errorf("%w: user info in link", ErrNotZoomLink)
	}
	if p := u.Port(); p != "" && p != "443" {
		return fmt.Errorf("%w: port %s", ErrNotZoomLink, p)
	}
	host := strings.ToLower(u.Hostname())
	for _, d := range zoomDomains {
		if host == d || strings.HasSuffix(host, "."+d) {
			return nil
		}
	}
	return fmt.Errorf("%w: host %q", ErrNotZoomLink, host)
}

// maxConfNo and maxPasscode bound a client link's meeting number (Zoom's
// have 9 to 11 digits) and passcode (Zoom allows 10 characters; the
// encrypted form in links is longer).
const (
	maxConfNo   = 13
	maxPasscode = 64
)

// checkClientLink accepts zoommtg://zoom.us/join?action=join&confno=DIGITS
// with an optional pwd of letters, digits and "._-" (and action, which may be
// left out, only "join"): nothing else in any part of the link, each
// parameter at most once. Whatever else the client would do with a link
// (start a meeting as someone, pass a payload to a handler) is refused.
func checkClientLink(raw string, u *url.URL) error {
	bad := func(what string) error { return fmt.Errorf("%w: zoommtg link %s", ErrNotZoomLink, what) }
	switch {
	case u.Opaque != "":
		return bad("without zoom.us/join")
	case u.User != nil:
		return bad("with user info")
	case strings.ToLower(u.Host) != "zoom.us":
		return bad(fmt.Sprintf("for host %q", u.Host))
	case u.Path != "/join" || u.RawPath != "":
		return bad(fmt.Sprintf("for %q, not /join", u.Path))
	case strings.Contains(raw, "#"):
		return bad("with a fragment")
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return bad("with a malformed query")
	}
	for k, vs := range q {
		if len(vs) != 1 {
			return bad(fmt.Sprintf("with %d values of %q", len(vs), k))
		}
		v := vs[0]
		switch k {
		case "action":
			if v != "join" {
				return bad(fmt.Sprintf("with action %q", v))
			}
		case "confno":
			if !isDigits(v) || len(v) > maxConfNo {
				return bad("with a meeting number that is not digits")
			}
		case "pwd":
			if v == "" || len(v) > maxPasscode || strings.IndexFunc(v, func(r rune) bool { return !isPasscodeRune(r) }) >= 0 {
				return bad("with a malformed passcode")
			}
		default:
			return bad(fmt.Sprintf("with parameter %q", k))
		}
	}
	if _, ok := q["confno"]; !ok {
		return bad("without a meeting number")
	}
	return nil
}

func isDigits(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) < 0
}

func isPasscodeRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-'
}
