package hotkey

import (
	"errors"
	"fmt"
	"io"
)

// ErrNotAvailable: this desktop has no global shortcuts the package can
// grab. Errors wrapping it say which desktop.
var ErrNotAvailable = errors.New("global shortcuts are not available on this desktop")

// Backend grabs shortcuts desktop-wide.
type Backend interface {
	// Grab makes sc global: pressed is called, from a goroutine of the
	// backend's, each time it is pressed, until the returned Closer is
	// closed. An error says why not (another application has it, or
	// ErrNotAvailable).
	Grab(sc Shortcut, pressed func()) (io.Closer, error)
}

// namer is a Backend that says which it is ("X11", "desktop portal"):
// the Service's status names it.
type namer interface{ Name() string }

// liveStatus is a grab whose state changes after Grab returned (the
// desktop portal may ask the user first): the Service's status is its.
type liveStatus interface {
	Status() string
	// OnStatus sets what is called, from the backend's goroutine, when
	// Status changes.
	OnStatus(func())
}

// unavailable is the backend of a desktop without global shortcuts.
type unavailable struct{ desktop string }

func (u unavailable) Grab(Shortcut, func()) (io.Closer, error) {
	return nil, fmt.Errorf("%w (%s)", ErrNotAvailable, u.desktop)
}

// Unavailable returns a Backend whose Grab always fails with
// ErrNotAvailable, naming desktop.
func Unavailable(desktop string) Backend { return unavailable{desktop} }
