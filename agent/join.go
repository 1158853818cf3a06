package agent

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// zoomAppFinder is a Desktop that can tell whether the Zoom app is
// installed (it handles zoommtg: links).
type zoomAppFinder interface {
	HasZoomApp() bool
}

// demoOpener is a Desktop that opens the demo simulator's own pages
// (http on the loopback address), which OpenLink refuses.
type demoOpener interface {
	OpenDemoPage(site, link string) error
}

// join opens the meeting (joinLink says how) and tells the engine, which
// stops the "started N minutes ago" reminders.
func (a *Agent) join(id int64) error {
	iv, err := a.interview(id)
	if err != nil {
		return err
	}
	if iv.JoinURL == "" {
		return localapi.BadCommand("Zoom gave no join link for %q", iv.Topic)
	}
	if err := a.openJoin(iv); err != nil {
		return err
	}
	if err := a.engine.Joined(id); err != nil && !errors.Is(err, meetingsync.ErrUnknownMeeting) {
		return err
	}
	return nil
}

// openJoin opens the interview's meeting: in the demo, the simulator's
// "this is a demo meeting" page (never Zoom: the demo's meetings do not
// exist there); else in the Zoom app or the browser as Settings.JoinWith
// says: the app when it is installed, by default.
func (a *Agent) openJoin(iv meetingsync.Interview) error {
	if a.opts.Demo {
		if d, ok := a.desk.(demoOpener); ok && a.opts.DemoSite != "" {
			return d.OpenDemoPage(a.opts.DemoSite, demoJoinLink(a.opts.DemoSite, iv))
		}
		return a.desk.OpenLink(iv.JoinURL)
	}
	useApp := false
	switch a.engine.Settings().JoinWith {
	case meetingsync.JoinWithApp:
		useApp = true
	case meetingsync.JoinWithAuto:
		f, ok := a.desk.(zoomAppFinder)
		useApp = ok && f.HasZoomApp()
	}
	if useApp {
		if link, ok := appJoinLink(iv); ok {
			return a.desk.OpenLink(link)
		}
	}
	return a.desk.OpenLink(iv.JoinURL)
}

// appJoinLink is the Zoom app's join link for the interview,
// zoommtg://zoom.us/join?action=join&confno=ID&pwd=PWD, with the passcode
// token of its https join link (as Zoom's own pages hand it to the app).
func appJoinLink(iv meetingsync.Interview) (string, bool) {
	if iv.ID <= 0 {
		return "", false
	}
	// action first, as Zoom writes it.
	link := "zoommtg://zoom.us/join?action=join&confno=" + strconv.FormatInt(iv.ID, 10)
	if u, err := url.Parse(iv.JoinURL); err == nil {
		if pwd := u.Query().Get("pwd"); pwd != "" {
			link += "&pwd=" + url.QueryEscape(pwd)
		}
	}
	return link, true
}

// demoJoinLink is the simulator's page for the interview's join link.
func demoJoinLink(site string, iv meetingsync.Interview) string {
	link := strings.TrimRight(site, "/") + "/j/" + strconv.FormatInt(iv.ID, 10)
	if u, err := url.Parse(iv.JoinURL); err == nil {
		if pwd := u.Query().Get("pwd"); pwd != "" {
			link += "?pwd=" + url.QueryEscape(pwd)
		}
	}
	return link
}

// zoomAppLookup bounds the look for the Zoom app's link handler.
const zoomAppLookup = 2 * time.Second

// zoomAppInstalled asks the desktop (xdg-mime; on Windows the registry,
// join_windows.go) which application handles zoommtg: links; none, or no answer within zoomAppLookup, is "not
// installed".
func zoomAppInstalled(ctx context.Context) bool {
	if runtime.GOOS == "windows" {
		return zoomHandlerRegistered()
	}
	ctx, cancel := context.WithTimeout(ctx, zoomAppLookup)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xdg-mime", "query", "default", "x-scheme-handler/zoommtg")
	cmd.WaitDelay = time.Second // a child of the script that keeps stdout open
	out, err := cmd.Output()
	return err == nil && strings.HasSuffix(strings.TrimSpace(string(out)), ".desktop")
}

// checkDemoPage accepts only a page of the demo simulator at site.
func checkDemoPage(site, link string) error {
	s, err := url.Parse(site)
	if err != nil || s.Scheme != "http" || !isLoopbackHost(s.Hostname()) {
		return fmt.Errorf("not the demo simulator: %q", site)
	}
	u, err := url.Parse(link)
	if err != nil || u.Scheme != s.Scheme || u.Host != s.Host || u.User != nil {
		return fmt.Errorf("not a page of the demo simulator: %q", link)
	}
	return nil
}

func isLoopbackHost(h string) bool { return h == "127.0.0.1" || h == "::1" || h == "localhost" }

// openLink opens a Zoom link, or in the demo a page of its simulator (the
// settings page, a join page): nothing else is ever opened.
func (a *Agent) openLink(u string) error {
	if a.opts.Demo && a.opts.DemoSite != "" && checkDemoPage(a.opts.DemoSite, u) == nil {
		if d, ok := a.desk.(demoOpener); ok {
			return d.OpenDemoPage(a.opts.DemoSite, u)
		}
	}
	return a.desk.OpenLink(u)
}
