package calendar

import (
	"errors"
	"net"
	"net/url"
	"path/filepath"
	"strings"
)

// ErrBadSource is wrapped by NormalizeSource's errors.
var ErrBadSource = errors.New("not a calendar address or file")

// NormalizeSource checks a source as a user gives it: an https URL
// (webcal:// and webcals:// mean https://), a file:// URL or a local path
// to an .ics file. It returns the URL to fetch or the cleaned path, and
// whether it is a file. Plain http is refused: a feed address is a secret.
// Its errors never hold the address.
func NormalizeSource(s string) (normalized string, isFile bool, err error) {
	return NormalizeSourceWith(s, false)
}

// NormalizeSourceWith is NormalizeSource that, with loopbackHTTP, also
// accepts plain http to a loopback address (127.0.0.0/8, ::1, localhost):
// such a feed never crosses the network (the demo's simulator serves one).
func NormalizeSourceWith(s string, loopbackHTTP bool) (normalized string, isFile bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false, ErrBadSource
	}
	lower := strings.ToLower(s)
	switch {
	case strings.HasPrefix(lower, "webcal://"):
		s = "https://" + s[len("webcal://"):]
	case strings.HasPrefix(lower, "webcals://"):
		s = "https://" + s[len("webcals://"):]
	case strings.HasPrefix(lower, "http://"):
		if u, err := url.Parse(s); loopbackHTTP && err == nil && u.User == nil && isLoopback(u.Hostname()) {
			return u.String(), false, nil
		}
		return "", false, errors.New("calendar address must use https, not http")
	case strings.HasPrefix(lower, "file://"):
		u, err := url.Parse(s)
		if err != nil || u.Path == "" {
			return "", false, ErrBadSource
		}
		return filepath.Clean(filepath.FromSlash(u.Path)), true, nil
	case !strings.Contains(s, "://"):
		return filepath.Clean(s), true, nil
	}
	u, err := url.Parse(s)
	if err != nil || !strings.EqualFold(u.Scheme, "https") || u.Host == "" || u.User != nil {
		return "", false, ErrBadSource
	}
	u.Scheme = "https"
	return u.String(), false, nil
}

// Mask shows a source without its secret: the host and the last 4
// characters of the URL ("calendar.google.com…c.ics"). A local path is
// not a secret and is returned as it is.
func Mask(source string) string {
	n, isFile, err := NormalizeSource(source)
	if err == nil && isFile {
		return n
	}
	if err != nil {
		n = source
	}
	host := ""
	if u, err := url.Parse(n); err == nil {
		host = u.Hostname()
	}
	if host == "" {
		host = "calendar"
	}
	r := []rune(n)
	if len(r) <= 4 {
		return host
	}
	return host + "…" + string(r[len(r)-4:])
}

// isLoopback reports whether host names the loopback interface.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
