// Package inhibit keeps the computer awake while Zoom converts a local
// recording: Zoom's help warns that sleep or shutdown during the
// conversion corrupts the files. [Inhibitor.Hold] takes a lock the
// caller releases when the recording is ready or the user dismisses it;
// the lock also releases itself after a cap (default 2 hours), so that a
// conversion the engine lost track of never keeps the computer up for
// good.
//
//	in := inhibit.New(inhibit.Options{})
//	lock, err := in.Hold(ctx, "Zoom is converting the recording of "+topic)
//	...
//	lock.Release() // idempotent; <-lock.Done() tells the cap was reached
//
// Per platform:
//
//   - Linux: logind's Inhibit("sleep:idle", "Interview Tray", why,
//     "block") over the system D-Bus (Options.BusAddress points tests at a
//     private bus). logind returns a file descriptor; the lock lasts until
//     it is closed, and ends with the process if it dies. "block" is the
//     default mode: "delay" only delays a suspend by a few seconds
//     (InhibitDelayMaxSec), far too short for a conversion.
//   - macOS: `caffeinate -i -w PID` (no cgo): prevents idle sleep until
//     Release kills it or this process exits. Closing the lid still
//     sleeps, as with any IOPMAssertion.
//   - Windows: SetThreadExecutionState(ES_CONTINUOUS|ES_SYSTEM_REQUIRED)
//     on an OS thread of the lock's own, cleared on Release.
//   - Elsewhere Hold returns ErrUnsupported.
package inhibit

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/interviewtray/interviewtray/internal/safetext"
)

// Who is the name the lock is taken under (logind shows it in
// `systemd-inhibit --list`).
const Who = "Interview Tray"

// What logind is asked to inhibit: suspend and the idle action.
const What = "sleep:idle"

// DefaultCap is how long a lock lasts at most unless Options.Cap says.
const DefaultCap = 2 * time.Hour

// holdTimeout bounds Hold's call to the system (a D-Bus that does not
// answer).
const holdTimeout = 10 * time.Second

// maxWhy bounds the reason's length (logind shows it in one line).
const maxWhy = 200

// ErrUnsupported: this platform has no way to keep the computer awake
// that the package knows.
var ErrUnsupported = errors.New("keeping the computer awake is not supported on this platform")

// Options configure an Inhibitor; the zero value is the default.
type Options struct {
	// BusAddress is the D-Bus address logind is reached on (Linux); empty
	// means the system bus. Tests point it at a private bus.
	BusAddress string
	// Mode is logind's inhibit mode, "block" (default) or "delay".
	Mode string
	// Cap is how long a lock lasts at most; 0 means DefaultCap.
	Cap time.Duration
	// AfterFunc starts the cap's timer; nil means time.AfterFunc. Tests
	// pass one they fire themselves.
	AfterFunc func(d time.Duration, f func()) (stop func() bool)
}

// Inhibitor takes locks. It is safe for concurrent use.
type Inhibitor struct {
	opts Options
	// hold takes the platform's lock and returns how to release it.
	hold func(ctx context.Context, why string) (release func() error, err error)
}

// New returns an Inhibitor for this platform.
func New(opts Options) *Inhibitor {
	if opts.Cap <= 0 {
		opts.Cap = DefaultCap
	}
	if opts.Mode == "" {
		opts.Mode = "block"
	}
	if opts.AfterFunc == nil {
		opts.AfterFunc = func(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop }
	}
	in := &Inhibitor{opts: opts}
	in.hold = in.platformHold
	return in
}

// Hold keeps the computer awake until the lock's Release or the cap. why
// says why, for the user ("Zoom is converting the recording of ..."); it
// is cleaned to one line of plain text and shortened. Hold gives up after
// 10 seconds.
func (in *Inhibitor) Hold(ctx context.Context, why string) (*Lock, error) {
	if in.opts.Mode != "block" && in.opts.Mode != "delay" {
		return nil, fmt.Errorf("keep awake: mode %q: must be block or delay", in.opts.Mode)
	}
	why = shorten(safetext.Clean(why), maxWhy)
	ctx, cancel := context.WithTimeout(ctx, holdTimeout)
	defer cancel()
	release, err := in.hold(ctx, why)
	if err != nil {
		return nil, fmt.Errorf("keep awake: %w", err)
	}
	l := &Lock{release: release, done: make(chan struct{})}
	l.mu.Lock() // the timer may fire before stop is set
	l.stop = in.opts.AfterFunc(in.opts.Cap, func() { l.end(true) })
	l.mu.Unlock()
	return l, nil
}

// Hold takes a lock with the default options (see [Inhibitor.Hold]).
func Hold(ctx context.Context, why string) (*Lock, error) { return New(Options{}).Hold(ctx, why) }

// Lock keeps the computer awake until Release or the cap.
type Lock struct {
	release func() error
	mu      sync.Mutex  // guards stop
	stop    func() bool // stops the cap's timer
	once    sync.Once
	done    chan struct{}
	expired bool // set before done is closed
	err     error
}

// Release lets the computer sleep again. It may be called more than once,
// and after the cap released the lock.
func (l *Lock) Release() { l.end(false) }

// Done is closed once the lock is released, by Release or by the cap.
func (l *Lock) Done() <-chan struct{} { return l.done }

// Expired reports whether the cap released the lock; valid once Done is
// closed.
func (l *Lock) Expired() bool {
	<-l.done
	return l.expired
}

// Err is the error releasing the lock returned, if any; valid once Done
// is closed.
func (l *Lock) Err() error {
	<-l.done
	return l.err
}

func (l *Lock) end(expired bool) {
	l.once.Do(func() {
		l.mu.Lock()
		stop := l.stop
		l.mu.Unlock()
		if stop != nil && !expired {
			stop()
		}
		l.expired = expired
		if err := l.release(); err != nil {
			l.err = fmt.Errorf("keep awake: release: %w", err)
		}
		close(l.done)
	})
}

// shorten cuts s to at most n bytes, on a rune boundary, with "…".
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && s[cut]&0xC0 == 0x80 { // not in the middle of a rune
		cut--
	}
	return s[:cut] + "…"
}
