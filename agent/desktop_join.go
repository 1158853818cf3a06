package agent

import (
	"context"
	"runtime"

	"github.com/pkg/browser"
)

// HasZoomApp reports whether the Zoom app handles zoommtg: links. Only
// the freedesktop platforms can tell (xdg-mime); elsewhere the answer is
// no, and Join opens the https link, whose Zoom page offers to open the
// app.
func (d *systemDesktop) HasZoomApp() bool {
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd":
		return zoomAppInstalled(context.Background())
	}
	return false
}

// OpenDemoPage opens a page of the demo simulator at site in the browser.
func (d *systemDesktop) OpenDemoPage(site, link string) error {
	if err := checkDemoPage(site, link); err != nil {
		return err
	}
	go func() {
		if err := browser.OpenURL(link); err != nil {
			d.log.Warn("could not open the demo page", "err", err)
		}
	}()
	return nil
}
