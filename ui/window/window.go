// Package window opens Interview Tray's windows. It is the only package that
// imports Fyne (fyne.io/fyne/v2): each window runs in a process of its own,
// started as `interviewtray window NAME`, so the resident tray agent never
// pays for Fyne's driver while no window is open.
//
// For now there is one window, "about". The onboarding wizard, the agenda and
// the reminder popup are planned.
package window

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/interviewtray/interviewtray/assets"
)

// AppID is the application ID, the same as Details.ID in FyneApp.toml. Fyne
// keys the app's preferences and storage by it.
const AppID = "io.github.interviewtray.InterviewTray"

// appName is the product's name, the same as Details.Name in FyneApp.toml.
const appName = "Interview Tray"

// ErrUnknown is returned by Run for a window name it does not know.
var ErrUnknown = errors.New("unknown window")

// Names returns the names of the windows Run can open.
func Names() []string { return []string{"about"} }

// Run opens the window called name and returns when the user closes it or
// when ctx is done. It must be called from the main goroutine, as Fyne
// requires.
func Run(ctx context.Context, name string) error {
	if !slices.Contains(Names(), name) {
		return fmt.Errorf("%w %q (known: %s)", ErrUnknown, name, strings.Join(Names(), ", "))
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := checkDisplay(os.Getenv); err != nil {
		return err
	}
	a := app.NewWithID(AppID)
	w, err := newWindow(a, name)
	if err != nil {
		return err
	}
	// Ctrl-C in a terminal cancels ctx; quit the way closing the window would.
	stop := context.AfterFunc(ctx, func() { fyne.Do(a.Quit) })
	defer stop()
	w.ShowAndRun()
	return nil
}

// newWindow builds the window called name, not yet shown, and gives the app
// its icon, which windows, the taskbar and notifications show.
func newWindow(a fyne.App, name string) (fyne.Window, error) {
	a.SetIcon(appIcon())
	switch name {
	case "about":
		return newAbout(a), nil
	default:
		return nil, fmt.Errorf("%w %q", ErrUnknown, name)
	}
}

// appIcon is the application icon as a Fyne resource.
func appIcon() fyne.Resource {
	return fyne.NewStaticResource("icon.png", assets.AppIcon)
}
