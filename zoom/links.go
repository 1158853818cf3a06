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
// no user info), or a zoommtg: client link. Anything else is refused.
func CheckLink(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrNotZoomLink, err)
	}
	switch strings.ToLower(u.Scheme) {
	case "zoommtg":
		if u.Opaque == "" && u.Host == "" {
			return fmt.Errorf("%w: empty zoommtg link", ErrNotZoomLink)
		}
		return nil
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
