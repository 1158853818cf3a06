package agent

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/zoom"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// appDesktop is a fakeDesktop that may have the Zoom app and opens the
// demo's pages.
type appDesktop struct {
	*fakeDesktop
	app bool

	mu        sync.Mutex
	demoPages []string
}

func (d *appDesktop) HasZoomApp() bool { return d.app }

func (d *appDesktop) OpenDemoPage(site, link string) error {
	if err := checkDemoPage(site, link); err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.demoPages = append(d.demoPages, link)
	return nil
}

func TestJoinPrefersTheZoomApp(t *testing.T) {
	tests := []struct {
		name     string
		joinWith string
		app      bool
		wantApp  bool
	}{
		{"auto, app installed", meetingsync.JoinWithAuto, true, true},
		{"auto, no app", meetingsync.JoinWithAuto, false, false},
		{"browser chosen", meetingsync.JoinWithBrowser, true, false},
		{"app chosen", meetingsync.JoinWithApp, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, fd, _ := newTestAgent(t)
			a.desk = &appDesktop{fakeDesktop: fd, app: tt.app}
			s := a.engine.Settings()
			s.JoinWith = tt.joinWith
			if err := a.engine.UpdateSettings(s); err != nil {
				t.Fatal(err)
			}
			iv := firstInterview(t, a)
			if err := a.join(iv.ID); err != nil {
				t.Fatal(err)
			}
			if len(fd.links) != 1 {
				t.Fatalf("opened %q", fd.links)
			}
			got := fd.links[0]
			if !tt.wantApp {
				if got != iv.JoinURL {
					t.Errorf("opened %q, want the https link %q", got, iv.JoinURL)
				}
				return
			}
			if !strings.HasPrefix(got, "zoommtg://zoom.us/join?action=join&confno=") || !strings.Contains(got, "&pwd=") {
				t.Errorf("opened %q, want the Zoom app's join link", got)
			}
			if err := zoom.CheckLink(got); err != nil {
				t.Errorf("the app link is refused: %v", err)
			}
		})
	}
	a, _, _ := newTestAgent(t)
	s := a.engine.Settings()
	s.JoinWith = "telepathy"
	if err := a.engine.UpdateSettings(s); err == nil {
		t.Error("JoinWith \"telepathy\" was accepted")
	}
}

func TestAppJoinLink(t *testing.T) {
	iv := meetingsync.Interview{ID: 85746065432, JoinURL: "https://us05web.zoom.us/j/85746065432?pwd=aBc.1-x_Y"}
	if got, _ := appJoinLink(iv); got != "zoommtg://zoom.us/join?action=join&confno=85746065432&pwd=aBc.1-x_Y" {
		t.Errorf("app link = %q", got)
	}
	iv.JoinURL = "https://us05web.zoom.us/j/85746065432"
	if got, _ := appJoinLink(iv); got != "zoommtg://zoom.us/join?action=join&confno=85746065432" {
		t.Errorf("app link without passcode = %q", got)
	}
}

// TestDemoJoinOpensTheSimulatorsPage: in the demo, Join opens the
// simulator's "this is a demo meeting" page, never Zoom (nor the app).
func TestDemoJoinOpensTheSimulatorsPage(t *testing.T) {
	a, fd, sim := newTestAgent(t)
	d := &appDesktop{fakeDesktop: fd, app: true}
	a.desk = d
	a.opts.Demo, a.opts.DemoSite = true, "http://127.0.0.1:47652"
	iv := firstInterview(t, a)
	if err := a.join(iv.ID); err != nil {
		t.Fatal(err)
	}
	if len(fd.links) != 0 || len(d.demoPages) != 1 || !strings.HasPrefix(d.demoPages[0], "http://127.0.0.1:47652/j/") {
		t.Fatalf("opened links %q, demo pages %q", fd.links, d.demoPages)
	}
	resp, err := (&http.Client{Transport: sim.Transport()}).Get(d.demoPages[0])
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), "This is a demo meeting") {
		t.Errorf("the demo page: %d\n%s", resp.StatusCode, page)
	}
	if err := checkDemoPage(a.opts.DemoSite, "https://us05web.zoom.us/j/1"); err == nil {
		t.Error("a Zoom link passed as a demo page")
	}
}

// TestZoomAppInstalledAsksXDGMime: the Zoom app counts as installed when
// xdg-mime names a handler of zoommtg: links, within a timeout.
func TestZoomAppInstalledAsksXDGMime(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows asks the registry: join_windows_test.go")
	}
	tests := []struct {
		name, script string
		want         bool
	}{
		{"handler", "echo Zoom.desktop", true},
		{"no handler", "exit 0", false},
		{"xdg-mime fails", "exit 4", false},
		{"xdg-mime hangs", "/bin/sleep 30", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bin := t.TempDir()
			script := "#!/bin/sh\n[ \"$*\" = 'query default x-scheme-handler/zoommtg' ] || exit 9\n" + tt.script + "\n"
			if err := os.WriteFile(filepath.Join(bin, "xdg-mime"), []byte(script), 0o755); err != nil {
				t.Fatal(err)
			}
			t.Setenv("PATH", bin)
			start := time.Now()
			if got := zoomAppInstalled(t.Context()); got != tt.want {
				t.Errorf("installed = %v, want %v", got, tt.want)
			}
			if d := time.Since(start); d > zoomAppLookup+2*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// TestDemoSettingsPageOpens: in the demo, "Open Zoom settings" (the
// window's open_link and the problem action) opens the simulator's page;
// any other http link is still refused, and outside the demo the
// simulator's page is not opened.
func TestDemoSettingsPageOpens(t *testing.T) {
	a, fd, _ := newTestAgent(t)
	d := &appDesktop{fakeDesktop: fd}
	a.desk = d
	a.opts.Demo, a.opts.DemoSite = true, "http://127.0.0.1:47652"
	page := "http://127.0.0.1:47652/profile/setting?tab=recording"
	if _, err := a.Do(context.Background(), localapi.Command{Name: localapi.CmdOpenLink, URL: page}); err != nil {
		t.Fatal(err)
	}
	if len(d.demoPages) != 1 || d.demoPages[0] != page || len(fd.links) != 0 {
		t.Fatalf("demo pages %q, links %q", d.demoPages, fd.links)
	}
	if _, err := a.Do(context.Background(), localapi.Command{Name: localapi.CmdOpenLink, URL: "http://127.0.0.1:9/x"}); err == nil {
		t.Error("a loopback page that is not the simulator's was opened")
	}
	a.opts.Demo = false
	if _, err := a.Do(context.Background(), localapi.Command{Name: localapi.CmdOpenLink, URL: page}); err == nil {
		t.Error("outside the demo the simulator's page was opened")
	}
}
