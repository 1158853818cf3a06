// Package agent is the resident part of Interview Tray: it wires the sync
// engine, the sign-in, the tray, notifications and the local API together.
// It runs all day, so it does nothing on a timer of its own but the tray's
// minute-boundary tooltip update, and only while an interview is near.
package agent

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/interviewtray/interviewtray/auth"
	"github.com/interviewtray/interviewtray/internal/hotkey"
	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/ui/tray"
)

// Options wire an agent. Session, Engine and Listener are required.
type Options struct {
	Version string
	Demo    bool
	// DemoSite is the demo simulator's address (http://127.0.0.1:PORT):
	// in the demo, Join opens its "this is a demo meeting" page.
	DemoSite string
	Log      *slog.Logger

	// Session is the sign-in; the engine's Zoom client uses its HTTP client.
	Session Session
	// Engine keeps the interviews; the agent starts and closes it.
	Engine *meetingsync.Engine
	// Listener is the local API socket, from localapi.Listen.
	Listener net.Listener
	// NewNotifier connects to the system's notifications, giving them the
	// agent's button callback; nil or an error means none can be shown
	// (the error is shown as a problem).
	NewNotifier func(onAction tray.ActionFunc) (tray.Notifier, error)
	// Desktop opens links and folders, starts window processes and writes
	// the clipboard; nil means the real desktop.
	Desktop Desktop
	// Location is the user's time zone; default time.Local.
	Location *time.Location
	// Now is the wall clock; default time.Now.
	Now func() time.Time
	// Calendars keeps the calendar sources' addresses; nil means the
	// calendar commands fail with ErrNoCalendars.
	Calendars Calendars
	// StateDir is where the agent keeps what must survive a restart (the
	// start alert's memory: alertstate.go); empty keeps it in memory only.
	StateDir string
}

// Session is the part of auth.Manager the agent uses.
type Session interface {
	Login(ctx context.Context, opts auth.LoginOptions) (auth.User, error)
	SignOut(ctx context.Context) (auth.SignOutResult, error)
	State() (auth.SignInState, error)
}

// Agent is the running agent.
type Agent struct {
	opts    Options
	log     *slog.Logger
	engine  *meetingsync.Engine
	desk    Desktop
	started time.Time
	// notifier is nil when notifications cannot be shown; notifierErr says why.
	notifier    tray.Notifier
	notifierErr error

	// quit is closed to stop the agent (tray Quit, local API quit, signal).
	quit     chan struct{}
	quitOnce sync.Once

	mu sync.Mutex // guards the fields below
	// signIn is the progress of the latest sign-in started by the agent.
	signIn localapi.SignInProgress
	// signInCancel cancels a sign-in in progress.
	signInCancel context.CancelFunc
	// subs are local API watchers waiting for changes.
	subs map[chan struct{}]bool
	// popupWaiting is set while a reminder's popup waits for the wizard
	// to close (popUp).
	popupWaiting bool
	// notes maps notification keys to what their buttons do: the command
	// of each button key (and of "default", a click on the notification).
	notes map[string]noteCommands
	// shown is the engine snapshot shownFrom as the agent shows it
	// (displaySnapshot).
	shownFrom, shown *meetingsync.Snapshot
	// session is the sign-in as refreshSignIn last read it (the tray's).
	session struct {
		state auth.SignInState
		err   error
	}
	// memoryLogged is when logMemory last wrote (memory.go).
	memoryLogged time.Time
	// schedulingNotAllowed: a scheduling command found the sign-in without
	// the scheduling scopes (schedule.go).
	schedulingNotAllowed bool
	// alerts is the start alert's memory (alert.go).
	alerts alertBook
	// ready is the readiness's measurement and conflicts (readiness.go).
	ready readinessCache
	// hotkeys holds the global Join shortcut (shortcut.go); nil without
	// a backend.
	hotkeys *hotkey.Service
	// sleep keeps the computer awake while Zoom converts (sleeplock.go).
	sleep sleepLock
}

// New returns an agent that is not running yet.
func New(opts Options) (*Agent, error) {
	if opts.Session == nil || opts.Engine == nil || opts.Listener == nil {
		return nil, errors.New("agent: Session, Engine and Listener are required")
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.Location == nil {
		opts.Location = time.Local
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	a := &Agent{
		opts: opts, log: opts.Log, engine: opts.Engine, desk: opts.Desktop,
		quit: make(chan struct{}), subs: map[chan struct{}]bool{}, notes: map[string]noteCommands{},
		signIn: localapi.SignInProgress{State: localapi.SignInIdle},
	}
	if a.desk == nil {
		a.desk = newSystemDesktop(opts.Demo, opts.Log)
	}
	a.loadAlerts()
	if opts.NewNotifier != nil {
		a.notifier, a.notifierErr = opts.NewNotifier(a.onNotificationAction)
		if a.notifierErr != nil {
			a.log.Warn("no system notifications", "err", a.notifierErr)
			a.notifier = nil
		}
	}
	return a, nil
}

// Run runs the agent until ctx ends or the user quits. The tray needs the
// main thread on some platforms: call Run from main's goroutine.
func (a *Agent) Run(ctx context.Context) error {
	a.started = a.opts.Now()
	a.refreshSignIn()
	a.forgetIfSignedOut()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if err := a.engine.Start(ctx); err != nil {
		return fmt.Errorf("start sync: %w", err)
	}
	defer a.startDesktopHooks(ctx)()
	srv := localapi.NewServer(a, a.log)
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := srv.Serve(a.opts.Listener); err != nil {
			a.log.Error("local API stopped", "err", err)
		}
	})
	wg.Go(func() { a.forwardEngine(ctx) })
	wg.Go(func() { a.announce(ctx) })
	wg.Go(func() { watchWake(ctx, a.engine.Wake, a.log) })
	wg.Go(func() {
		a.trimWhenIdle(ctx, func() {
			freeOSMemory()
			a.logMemory()
		})
	})
	go func() {
		select {
		case <-ctx.Done():
		case <-a.quit:
		}
		tray.Quit()
	}()

	a.log.Info("agent started", "version", a.opts.Version, "demo", a.opts.Demo, "pid", os.Getpid())
	a.welcome()
	tray.Run(a.onTrayAction, func(t *tray.Tray) {
		wg.Go(func() { a.renderTray(ctx, t) })
	}, func() {})

	// The tray is gone: stop everything else, the windows too.
	cancel()
	wg.Go(a.desk.CloseWindows)
	shutdown, done := context.WithTimeout(context.Background(), 3*time.Second)
	defer done()
	srv.Shutdown(shutdown)
	a.mu.Lock()
	if a.signInCancel != nil {
		a.signInCancel()
	}
	a.mu.Unlock()
	wg.Wait()
	err := a.engine.Close()
	if a.notifier != nil {
		a.notifier.Close()
	}
	a.log.Info("agent stopped")
	return err
}

// Quit stops the agent.
func (a *Agent) Quit() { a.quitOnce.Do(func() { close(a.quit) }) }

// welcome opens the onboarding wizard on the first run: when nobody has
// signed in yet (not after a sign-out or an expired session, which the tray
// shows as a problem instead). When the keychain does not answer (locked,
// missing, slow), a wizard that never ran still opens: it shows the problem
// at its Connect step.
func (a *Agent) welcome() {
	st, err := a.opts.Session.State()
	if err != nil {
		if o := a.engine.Settings().Onboarding; o.Step != "" || o.Finished {
			return
		}
	} else if st.SignedIn || st.Reason != auth.ReasonNotSignedIn {
		return
	}
	if err := a.desk.StartWindow(localapi.WindowWizard); err != nil {
		a.log.Warn("could not open the onboarding wizard", "err", err)
	}
}

// forgetIfSignedOut forgets the cached Zoom data of an account that was
// signed out while no agent ran (`interviewtray logout`): the keychain
// holds no sign-in at all, yet the cache still has the account. An expired
// session or a keychain that does not answer keeps the cache: the user
// did not sign out and sees the agenda again after signing in.
func (a *Agent) forgetIfSignedOut() {
	st, err := a.opts.Session.State()
	if err != nil || st.SignedIn || (st.Reason != auth.ReasonNotSignedIn && st.Reason != auth.ReasonSignedOut) {
		return
	}
	snap := a.engine.Snapshot()
	if snap.User == nil && len(snap.Recordings) == 0 && !slices.ContainsFunc(snap.Interviews, func(iv meetingsync.Interview) bool {
		return iv.Source != meetingsync.SourceCalendar
	}) {
		return // nothing of a Zoom account
	}
	if err := a.engine.ForgetAccount(); err != nil {
		a.log.Warn("could not delete the cached Zoom data", "err", err)
	}
}

// refreshSignIn reads the sign-in state (a keychain call with a timeout)
// and tells every surface it may have changed.
func (a *Agent) refreshSignIn() {
	st, err := a.opts.Session.State()
	a.mu.Lock()
	a.session.state, a.session.err = st, err
	a.mu.Unlock()
	if err != nil {
		a.log.Warn("could not read the sign-in", "err", err)
	}
	a.changed()
}

// forwardEngine turns engine snapshots into local API change signals.
func (a *Agent) forwardEngine(ctx context.Context) {
	ch, stop := a.engine.Subscribe()
	defer stop()
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-ch:
			if !ok {
				return
			}
			a.changed()
			a.afterChange(ctx)
		}
	}
}

// changed signals every local API watcher (and the tray) without blocking.
func (a *Agent) changed() {
	a.mu.Lock()
	defer a.mu.Unlock()
	for ch := range a.subs {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// Changes implements localapi.Backend.
func (a *Agent) Changes() (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	a.mu.Lock()
	a.subs[ch] = true
	a.mu.Unlock()
	return ch, func() {
		a.mu.Lock()
		delete(a.subs, ch)
		a.mu.Unlock()
	}
}

// agentProblems are the problems the agent itself knows of.
func (a *Agent) agentProblems() []meetingsync.Problem {
	var out []meetingsync.Problem
	if a.notifier == nil {
		msg := "System notifications are not available, so reminders show only in the tray and the reminder window"
		if a.notifierErr != nil {
			msg += " (" + a.notifierErr.Error() + ")"
		}
		out = append(out, meetingsync.Problem{Message: msg})
	}
	if p, ok := a.skippedSetup(); ok {
		out = append(out, p)
	}
	if err := a.desk.WindowsMissing(); err != nil {
		out = append(out, windowsProblem(err))
	}
	return out
}

// ActionOpenWizard is the problem action that opens the onboarding wizard.
const ActionOpenWizard = meetingsync.ActionOpenWizard

// wizardStepNames are the wizard's steps as the user knows them.
var wizardStepNames = map[string]string{
	meetingsync.StepConnect: "Connect Zoom", meetingsync.StepRecording: "Recording settings",
	meetingsync.StepReminders: "Reminders", meetingsync.StepAutostart: "Start at login",
}

// skippedSetup is a problem for the wizard steps the user skipped whose goal
// is still not met.
func (a *Agent) skippedSetup() (meetingsync.Problem, bool) {
	var names []string
	for _, s := range a.engine.Settings().Onboarding.Skipped {
		if n, ok := wizardStepNames[s]; ok {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return meetingsync.Problem{}, false
	}
	verb := " was skipped"
	if len(names) > 1 {
		verb = " were skipped"
	}
	return meetingsync.Problem{
		Message: "Setup is not finished: " + strings.Join(names, ", ") + verb,
		Action:  ActionOpenWizard, Label: "Finish setup",
	}, true
}
