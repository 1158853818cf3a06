package auth

import (
	"fmt"
	"net/url"

	"github.com/pkg/browser"
)

// SystemBrowser opens URLs with the desktop's opener (xdg-open, open,
// rundll32) through pkg/browser. Open blocks until the opener exits.
//
// Only https URLs are opened, and http ones on a loopback host (the demo
// simulator): the sign-in link is never a file, a script or another scheme.
type SystemBrowser struct{}

// Open opens link in the user's browser.
func (SystemBrowser) Open(link string) error {
	if err := checkOpenable(link); err != nil {
		return err
	}
	return browser.OpenURL(link)
}

// checkOpenable accepts https URLs and http URLs on a loopback host.
func checkOpenable(link string) error {
	u, err := url.Parse(link)
	if err != nil || u.Host == "" {
		return fmt.Errorf("refusing to open a link that is not an absolute URL")
	}
	if u.Scheme == "https" || (u.Scheme == "http" && isLoopback(u.Hostname())) {
		return nil
	}
	return fmt.Errorf("refusing to open a %s link in the browser", u.Scheme)
}
