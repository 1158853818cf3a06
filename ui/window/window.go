// Package window opens Interview Tray's windows. It is the only package that
// imports Fyne (fyne.io/fyne/v2): each window runs in a process of its own,
// the executable cmd/interviewtray-window, started as `interviewtray-window
// NAME` (by the agent, from the tray, on first run and for reminders), so
// the resident tray agent never links Fyne.
//
// The windows are the onboarding wizard, the agenda, the recordings, the
// settings, the reminder popup, the full-screen start alert and about. All
// but about talk to the agent through its local API only (they never see a
// token): they follow its state with a watch and send the user's clicks as
// commands. Work off the UI
// goroutine happens only in the bridge (bridge.go), which hands results back
// with fyne.Do. A window process exits when its window closes.
//
// Tests run the windows in Fyne's test app against a fake agent with a
// fixed clock, and compare them with golden markup under testdata/
// (`go test ./ui/window -run TestName -update` rewrites them); under a
// display (scripts/with-desktop.sh) they also run each window in a real
// process against a fake agent on a real socket.
package window

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"github.com/interviewtray/interviewtray/assets"
	"github.com/interviewtray/interviewtray/localapi"
)

// AppID is the application ID, the same as Details.ID in FyneApp.toml. Fyne
// keys an app's preferences, storage and cache by it; on Linux the windows'
// app goes without it, to keep its preferences in memory (fyneconfig.go).
const AppID = "io.github.interviewtray.InterviewTray"

// appName is the product's name, the same as Details.Name in FyneApp.toml.
const appName = "Interview Tray"

// Window names, as `interviewtray window NAME` and the agent's open_window
// command take them.
const (
	NameWizard     = localapi.WindowWizard
	NameAgenda     = localapi.WindowAgenda
	NameRecordings = localapi.WindowRecordings
	NameSettings   = localapi.WindowSettings
	NameReminder   = localapi.WindowReminder
	NameAbout      = localapi.WindowAbout
	NameSchedule   = localapi.WindowSchedule
)

// ErrUnknown is returned by Run for a window name it does not know.
var ErrUnknown = errors.New("unknown window")

// Names returns the names of the windows Run can open.
func Names() []string { return localapi.Windows() }

// Options say which agent a window talks to. The zero value is the real
// agent.
type Options struct {
	// Demo talks to the demo agent (`interviewtray --demo`).
	Demo bool
	// SocketPath is the agent's socket; empty means localapi.SocketPath(Demo).
	SocketPath string
	// Version is this window's build (buildinfo.Version). When set, the
	// window shows the agent's state only if the agent reports the same
	// version, and closes when the agent goes away (agentlink.go).
	Version string
	// ByAgent says that the agent started this window: with Version set,
	// it closes when no agent answers, connected yet or not.
	ByAgent bool
}

// Run opens the window called name and returns when the user closes it or
// when ctx is done. It must be called from the main goroutine, as Fyne
// requires.
func Run(ctx context.Context, name string, opts Options) error {
	if !slices.Contains(Names(), name) {
		return fmt.Errorf("%w %q (known: %s)", ErrUnknown, name, strings.Join(Names(), ", "))
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := checkDisplay(os.Getenv); err != nil {
		return err
	}
	d, err := opts.deps()
	if err != nil {
		return err
	}
	a, err := newApp(os.Getenv)
	if err != nil {
		return err
	}
	d.do = uiDo
	a.Settings().SetTheme(newAppTheme(nil))
	followDesktopTheme(a)
	attach := opts.linkAgent(&d, a)
	w, sh, err := build(a, name, d)
	if err != nil {
		return err
	}
	attach(w)
	if sh != nil {
		sh.start()
		// Stop the bridge while the UI still runs, so that nothing it
		// started reaches a window that is gone.
		w.SetOnClosed(sh.close)
		defer sh.close()
	}
	defer quitWhenDone(ctx, a)()
	return showAndRun(w)
}

// showAndRun runs the window until it closes. GLFW panics when the display
// server goes away or refuses the connection between checkDisplay and
// here (Fyne only logs the failed initialisation, and the next GLFW call
// panics); that becomes an error for the agent's log, with the stack on
// stderr for whatever else it was.
func showAndRun(w fyne.Window) (err error) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(os.Stderr, "window panic: %v\n%s", r, debug.Stack())
			err = fmt.Errorf("the window could not be shown (the display server failed?): %v", r)
		}
	}()
	w.ShowAndRun()
	return nil
}

// deps turns the options into a window's dependencies (the real clock and
// time zone, the local API client).
func (o Options) deps() (deps, error) {
	sock := o.SocketPath
	if sock == "" {
		var err error
		if sock, err = localapi.SocketPath(o.Demo); err != nil {
			return deps{}, err
		}
	}
	return deps{api: localapi.NewClient(sock), now: time.Now, loc: time.Local, demo: o.Demo}, nil
}

// deps are what a window needs besides the app. Tests fill them with a fake
// API, a queue for do, a fixed clock and time zone.
type deps struct {
	api API
	// do runs a func on the UI goroutine (fyne.Do).
	do   func(func())
	now  func() time.Time
	loc  *time.Location
	demo bool
}

// build builds the window called name, not yet shown, and gives the app its
// icon, which windows, the taskbar and notifications show. The shell is nil
// for a window that needs no agent (about); otherwise it is not started.
func build(a fyne.App, name string, d deps) (fyne.Window, *shell, error) {
	a.SetIcon(appIcon())
	if name == NameAbout {
		return newAbout(a), nil, nil
	}
	var title string
	var size fyne.Size
	var newScreen func(*shell) screen
	switch name {
	case NameWizard:
		title, size, newScreen = "Set up "+appName, fyne.NewSize(680, 560), newWizard
	case NameAgenda:
		title, size, newScreen = "Interviews — "+appName, fyne.NewSize(640, 620), newAgenda
	case NameRecordings:
		title, size, newScreen = "Recordings — "+appName, fyne.NewSize(640, 480), newRecordings
	case NameSettings:
		title, size, newScreen = "Settings — "+appName, fyne.NewSize(600, 700), newSettings
	case NameReminder:
		title, size, newScreen = "Reminder — "+appName, fyne.NewSize(480, 1), newReminder
	case NameSchedule:
		title, size, newScreen = "New interview — "+appName, fyne.NewSize(560, 600), newScheduler
	case NameAlert:
		title, size, newScreen = "Interview starting — "+appName, fyne.NewSize(900, 640), newAlert
	default:
		return nil, nil, fmt.Errorf("%w %q", ErrUnknown, name)
	}
	w := a.NewWindow(title)
	w.SetIcon(appIcon())
	sh := newShell(a, w, d, newScreen)
	w.SetContent(sh.object())
	w.Resize(size)
	w.CenterOnScreen()
	return w, sh, nil
}

// appIcon is the application icon as a Fyne resource.
func appIcon() fyne.Resource {
	return fyne.NewStaticResource("icon.png", assets.AppIcon)
}
