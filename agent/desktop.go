package agent

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/pkg/browser"

	"github.com/interviewtray/interviewtray/assets"
	"github.com/interviewtray/interviewtray/internal/autostart"
	"github.com/interviewtray/interviewtray/internal/clipboard"
	"github.com/interviewtray/interviewtray/zoom"
)

// Desktop is what the agent asks of the desktop. Tests replace it.
type Desktop interface {
	// OpenLink opens a Zoom link in the browser or the Zoom client; any
	// other link is refused.
	OpenLink(url string) error
	// OpenPath shows a local folder or file.
	OpenPath(path string) error
	// StartWindow starts the window process NAME unless one is open.
	StartWindow(name string) error
	// CloseWindows ends the window processes StartWindow started and
	// waits for them (the agent quits).
	CloseWindows()
	// WindowsMissing says why windows cannot be opened (the window
	// executable is not installed), or nil.
	WindowsMissing() error
	// Copy puts text on the clipboard.
	Copy(ctx context.Context, text string) error
	// AutostartEnabled and SetAutostart read and change start at login.
	AutostartEnabled() bool
	SetAutostart(on bool) error
}

// systemDesktop is the real desktop.
type systemDesktop struct {
	demo bool
	log  *slog.Logger

	// findWindows finds the window executable (FindWindows).
	findWindows func() (string, error)
	// closeGrace is how long CloseWindows waits for the windows to close
	// before it kills them.
	closeGrace time.Duration

	mu sync.Mutex // guards windows
	// windows are the window processes running, by name.
	windows map[string]*windowProc
}

func newSystemDesktop(demo bool, log *slog.Logger) *systemDesktop {
	// pkg/browser copies the opener's output to ours; the agent has no
	// use for it.
	browser.Stdout, browser.Stderr = nil, nil
	d := &systemDesktop{demo: demo, log: log, findWindows: FindWindows, closeGrace: windowCloseGrace,
		windows: map[string]*windowProc{}}
	if err := d.WindowsMissing(); err != nil {
		log.Warn("no windows can be opened", "err", err)
	}
	return d
}

func (d *systemDesktop) OpenLink(url string) error {
	if err := zoom.CheckLink(url); err != nil {
		d.log.Warn("refused to open a link", "err", err)
		return fmt.Errorf("refused to open the link: %w", err)
	}
	// The opener blocks until it exits: off the caller's path.
	go func() {
		if err := browser.OpenURL(url); err != nil {
			d.log.Warn("could not open a Zoom link", "err", err)
		}
	}()
	return nil
}

// OpenPath hands the path itself to the system opener. The agent checked
// it (openPath); this checks only that it is an existing absolute path.
func (d *systemDesktop) OpenPath(path string) error {
	if !filepath.IsAbs(path) {
		return fmt.Errorf("not an absolute path: %q", path)
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("cannot open %s: %w", path, err)
	}
	go func() {
		if err := openWithSystem(path); err != nil {
			d.log.Warn("could not open a folder", "err", err)
		}
	}()
	return nil
}

// openWithSystem opens a local path with the system opener, given as the
// path itself: pkg/browser's OpenURL passes its argument on unchanged, as
// the single argument of xdg-open or open, or to ShellExecute on Windows,
// all of which take a path. (Its OpenFile writes "file://"+path by hand,
// which the openers then cut at "#" or "?" and percent-decode: "Interview
// #2" or "100%" failed to open and "%2F.." opened another path.)
func openWithSystem(path string) error {
	return browser.OpenURL(path)
}

func (d *systemDesktop) Copy(ctx context.Context, text string) error {
	return clipboard.Write(ctx, text)
}

func (d *systemDesktop) AutostartEnabled() bool {
	on, err := autostart.Enabled()
	return err == nil && on
}

func (d *systemDesktop) SetAutostart(on bool) error {
	if !on {
		return autostart.Disable()
	}
	var args []string
	if d.demo {
		args = []string{"--demo"}
	}
	e, err := autostart.Current(args...)
	if err != nil {
		return err
	}
	if runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		// The desktop shows the entry with this icon; a copy in the
		// user's data directory resolves whether or not the app is
		// installed system-wide.
		if icon, err := autostart.InstallIcon(assets.AppIcon); err == nil {
			e.Icon = icon
		} else {
			d.log.Warn("could not install the icon for the autostart entry", "err", err)
		}
	}
	return autostart.Enable(e)
}
