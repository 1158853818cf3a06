package hotkey

import (
	"errors"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// Repeat is how close together presses are folded into one: holding the
// keys down repeats the press, and a double press must not join twice.
const Repeat = time.Second

// Service keeps one global shortcut grabbed, as the setting says, and
// calls the agent's function on each press. It is safe for concurrent
// use.
type Service struct {
	backend Backend
	onPress func()
	now     func() time.Time
	// onStatus is called when a grab's status changes on its own.
	onStatus func()

	mu     sync.Mutex // guards sc, grab, status
	sc     Shortcut   // the grabbed shortcut, when grab is not nil
	grab   io.Closer
	status string // for Settings

	// pressMu guards last; presses never take mu, so that a backend may
	// wait for its goroutine while Set holds mu.
	pressMu sync.Mutex
	last    time.Time // the last press that counted
	closed  atomic.Bool
}

// NewService returns a Service over backend that calls onPress (from the
// backend's goroutine; it should hand the work to the agent's loop and
// return) on each press. Nothing
// is grabbed until Set.
func NewService(backend Backend, onPress func()) *Service {
	return &Service{backend: backend, onPress: onPress, now: time.Now, status: "Off"}
}

// Set grabs the shortcut text s ("Ctrl+Alt+J"); "" turns the shortcut
// off. A shortcut that cannot be parsed or grabbed is an error for the
// user and keeps the previous grab, if any; a desktop without global
// shortcuts gives an error wrapping ErrNotAvailable and releases it.
// Setting the shortcut already grabbed does nothing.
func (s *Service) Set(text string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed.Load() {
		return errors.New("shortcut: closed")
	}
	if text == "" {
		s.releaseLocked()
		s.status = "Off"
		return nil
	}
	sc, err := Parse(text)
	if err != nil {
		return err
	}
	if s.grab != nil && sc == s.sc {
		return nil
	}
	// The new one first, then the old one goes: there is always a grab,
	// and a refused one keeps the old. (Two different shortcuts never hold
	// the same keys.)
	g, err := s.backend.Grab(sc, s.pressed)
	if err != nil {
		if errors.Is(err, ErrNotAvailable) {
			s.releaseLocked()
			s.status = capitalise(err.Error())
		}
		return err
	}
	s.releaseLocked()
	s.sc, s.grab, s.status = sc, g, sc.String()
	if ls, ok := g.(liveStatus); ok && s.onStatus != nil {
		ls.OnStatus(s.onStatus)
	}
	if n, ok := s.backend.(namer); ok {
		s.status += " (" + n.Name() + ")"
	}
	return nil
}

// OnStatusChange sets f to be called (from a backend's goroutine; it
// should return at once) when the status changes after Set returned: the
// desktop portal's grab once the user allowed it, or not. Call it before
// Set.
func (s *Service) OnStatusChange(f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onStatus = f
}

// Status says, for Settings, which shortcut is grabbed and how
// ("Ctrl+Alt+J (X11)"; a backend that does not name itself, just
// "Ctrl+Alt+J"), "Off", or why global shortcuts are not available here.
func (s *Service) Status() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ls, ok := s.grab.(liveStatus); ok {
		return ls.Status()
	}
	return s.status
}

// Close releases the grab; the Service cannot be used after.
func (s *Service) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed.Store(true)
	s.releaseLocked()
	return nil
}

func (s *Service) releaseLocked() {
	if s.grab != nil {
		_ = s.grab.Close()
		s.grab = nil
	}
}

// pressed folds repeats and calls onPress outside the lock.
func (s *Service) pressed() {
	s.pressMu.Lock()
	now := s.now()
	fire := !s.closed.Load() && (s.last.IsZero() || now.Sub(s.last) >= Repeat || now.Before(s.last))
	if fire {
		s.last = now
	}
	s.pressMu.Unlock()
	if fire {
		s.onPress()
	}
}

func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
