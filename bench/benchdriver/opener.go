//go:build linux

package main

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"time"
)

// fakeOpener is the driver run as xdg-open by the agent's sign-in: for the
// simulator's authorization page it clicks Allow and follows the redirect
// to the agent's loopback callback, as a user's browser would. Any other
// URL is ignored. It returns the exit status.
func fakeOpener(args []string) int {
	if len(args) != 1 {
		return 2
	}
	u, err := url.Parse(args[0])
	if err != nil || u.Path != "/oauth/authorize" || u.Hostname() != "127.0.0.1" {
		return 0
	}
	hc := &http.Client{Timeout: 20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Get(u.String())
	if err != nil {
		return 1
	}
	page, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	m := regexp.MustCompile(`name="consent_id" value="([^"]+)"`).FindSubmatch(page)
	if m == nil {
		return 1
	}
	resp, err = hc.PostForm(u.Scheme+"://"+u.Host+"/oauth/authorize",
		url.Values{"consent_id": {string(m[1])}, "decision": {"allow"}})
	if err != nil {
		return 1
	}
	resp.Body.Close()
	callback := resp.Header.Get("Location")
	if cb, err := url.Parse(callback); err != nil || cb.Hostname() != "127.0.0.1" {
		return 1
	}
	if resp, err = hc.Get(callback); err != nil {
		return 1
	}
	resp.Body.Close()
	return 0
}
