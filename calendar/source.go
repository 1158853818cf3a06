package calendar

import (
	"errors"
	"net"
	"net/url"
	"path/filepath"
	"runtime"
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
		return fileURLPath(u, runtime.GOOS), true, nil
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

// fileURLPath is the local path a file: URL names. On Windows the drive is
// part of it: file:///C:/Users/x.ics and file://C:/Users/x.ics (which
// puts the drive where the host goes) are C:\Users\x.ics, and
// file://server/share/x.ics is the network path \\server\share\x.ics.
func fileURLPath(u *url.URL, goos string) string {
	p := u.Path
	if goos != "windows" {
		return filepath.Clean(filepath.FromSlash(p))
	}
	isDrive := func(s string) bool {
		return len(s) == 2 && s[1] == ':' && ('a' <= s[0]|0x20 && s[0]|0x20 <= 'z')
	}
	switch {
	case isDrive(u.Host):
		p = u.Host + p
	case u.Host != "" && u.Host != "localhost":
		p = "//" + u.Host + p
	case len(p) >= 3 && p[0] == '/' && isDrive(p[1:3]):
		p = p[1:]
	}
	return filepath.Clean(strings.ReplaceAll(p, "/", `\`))
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
