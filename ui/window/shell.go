package window

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
)

// screen is one window's content. Both methods run on the UI goroutine.
type screen interface {
	// object is the screen's content, built once.
	object() fyne.CanvasObject
	// render shows the agent's state; it is called for every new state.
	render(st localapi.State)
}

// minuteTicker is a screen that shows times relative to now ("in 12 min");
// the shell calls tick at each minute boundary, never more often.
type minuteTicker interface{ tick() }

// shell frames a screen: "Connecting…" until the agent's first state, a
// message with Retry while no agent answers, and a status line below the
// screen for the commands it runs (progress, errors, results).
type shell struct {
	deps
	app fyne.App
	// theme is the Settings.Theme last put on app (applyTheme).
	theme string
	win   fyne.Window
	b     *bridge
	scr   screen

	body       *fyne.Container // a stack showing one of the three below
	content    fyne.CanvasObject
	connecting fyne.CanvasObject
	offline    fyne.CanvasObject
	whyOffline *widget.Label

	status    *widget.Label
	statusBar *fyne.Container

	// connected says whether the screen shows a state.
	connected bool
	// running counts commands under way.
	running int
	// signingIn is set once this window started a sign-in, and waiting
	// once the agent said the browser is open, until it ends: then the
	// window comes to the front again, over the browser.
	signingIn, waiting bool
	// raise brings the window to the front.
	raise func()
	// fixedFooter keeps the status line's space when it is empty, so that
	// buttons above it stay where they are when a message comes or goes
	// (set by screens with a row of buttons at the bottom).
	fixedFooter bool
	// statusInFooter: the screen shows the status line in its own footer
	// (see footerStatus); the shell's stays hidden.
	statusInFooter bool
}

func newShell(a fyne.App, w fyne.Window, d deps, newScreen func(*shell) screen) *shell {
	s := &shell{deps: d, app: a, win: w, b: newBridge(d.api, d.do)}
	s.raise = func() {
		w.Show()
		w.RequestFocus()
	}
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.statusBar = container.NewVBox(widget.NewSeparator(), s.status)
	s.statusBar.Hide()
	s.scr = newScreen(s)
	s.content = s.scr.object()

	s.connecting = container.NewCenter(widget.NewLabel("Connecting to " + appName + "…"))

	start := "interviewtray"
	if d.demo {
		start = "interviewtray --demo"
	}
	title := widget.NewLabelWithStyle(appName+" is not running — start it with `"+start+"`",
		fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	s.whyOffline = widget.NewLabel("")
	s.whyOffline.Alignment = fyne.TextAlignCenter
	s.whyOffline.Wrapping = fyne.TextWrapWord
	retry := widget.NewButtonWithIcon("Retry", theme.ViewRefreshIcon(), s.onRetry)
	retry.Importance = widget.HighImportance
	icon := canvas.NewImageFromResource(appIcon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(64, 64))
	s.offline = container.NewPadded(container.NewVBox(
		layout.NewSpacer(), icon, title, s.whyOffline, container.NewCenter(retry), layout.NewSpacer(),
	))

	s.body = container.NewStack(s.connecting)
	return s
}

// object is the window's whole content.
func (s *shell) object() fyne.CanvasObject {
	return container.NewBorder(nil, s.statusBar, nil, nil, s.body)
}

// start follows the agent's state and, for screens with relative times,
// the minute boundaries.
func (s *shell) start() {
	s.b.watch(s.onState, s.onLost)
	if t, ok := s.scr.(minuteTicker); ok {
		s.b.everyMinute(s.now, func() {
			if s.connected {
				t.tick()
			}
		})
	}
}

// close stops the bridge; nothing reaches the window afterwards.
func (s *shell) close() { s.b.Close() }

// onState shows a new state from the agent.
func (s *shell) onState(st localapi.State) {
	if !s.connected {
		s.connected = true
		s.show(s.content)
	}
	if st.Settings.Theme != "" || s.theme != "" {
		applyTheme(s.app, st.Settings.Theme, &s.theme)
	}
	s.scr.render(st)
	if s.signingIn && st.Agent.SignIn.State == localapi.SignInWaiting {
		s.waiting = true
	}
	if s.waiting && signInEnded(st) {
		// The browser said "go back to Interview Tray": here it is.
		s.signingIn, s.waiting = false, false
		s.raise()
	}
}

// signInEnded says whether the sign-in the user started is over: signed
// in, or failed (the window says why).
func signInEnded(st localapi.State) bool {
	switch st.Agent.SignIn.State {
	case localapi.SignInSucceeded, localapi.SignInFailed:
		return true
	case localapi.SignInWaiting:
		return false
	}
	return signedIn(st)
}

// onLost says that no agent answers.
func (s *shell) onLost(err error) {
	s.connected = false
	why := sentence(errText(err)) + "."
	if errors.Is(err, localapi.ErrNoAgent) {
		why = "This window connects by itself once it runs."
	}
	s.whyOffline.SetText(why)
	s.show(s.offline)
}

func (s *shell) onRetry() {
	s.show(s.connecting)
	s.b.retry()
}

func (s *shell) show(o fyne.CanvasObject) {
	if len(s.body.Objects) == 1 && s.body.Objects[0] == o {
		return
	}
	s.body.Objects = []fyne.CanvasObject{o}
	s.body.Refresh()
}

// act runs a command off the UI goroutine. While it runs the status line
// says doing ("Joining…") and btn, if any, is disabled; when it fails the
// status line says failed and why. done, if any, runs afterwards with
// whether it succeeded (it may say something with say). Call it from the UI
// goroutine.
func (s *shell) act(btn *widget.Button, doing, failed string, call func(ctx context.Context) error, done func(ok bool)) {
	if btn != nil {
		btn.Disable()
	}
	s.running++
	s.say(doing, widget.MediumImportance)
	s.b.call(call, func(err error) {
		s.running--
		if btn != nil {
			btn.Enable()
		}
		if err != nil {
			s.say(failed+": "+errText(err), widget.DangerImportance)
		} else if s.running == 0 && s.status.Text == doing {
			s.say("", widget.MediumImportance)
		}
		if done != nil {
			done(err == nil)
		}
	})
}

// say shows text in the status line (nothing hides it).
func (s *shell) say(text string, imp widget.Importance) {
	s.status.Importance = imp
	s.status.SetText(text)
	if s.statusInFooter {
		return
	}
	if text == "" && !s.fixedFooter {
		s.statusBar.Hide()
	} else {
		s.statusBar.Show()
	}
}

// keepFooter makes the status line keep its place while empty: the
// screen's bottom buttons then never move under the pointer.
// The line goes without its rule: it sits under the screen's own.
// (footerStatus is the other way.)
func (s *shell) keepFooter() {
	s.fixedFooter = true
	s.statusBar.Objects = []fyne.CanvasObject{s.status}
	s.statusBar.Show()
}

// copyText puts text on the clipboard and says so: the window's own at once,
// and the agent's, which stays after the window closes (on X11 a process's
// copy ends with it). Without an agent the window's copy is all there is.
func (s *shell) copyText(text, what string) {
	s.app.Clipboard().SetContent(text)
	s.say("Copied "+what+".", widget.SuccessImportance)
	s.b.call(func(ctx context.Context) error {
		return do(ctx, s.deps.api, localapi.Command{Name: localapi.CmdCopy, Text: text})
	}, func(error) {})
}

// errText is an error for people, in the agent's words; a plain sentence
// when no agent answers or it took too long.
func errText(err error) string {
	switch {
	case errors.Is(err, localapi.ErrNoAgent):
		return appName + " is not running"
	case errors.Is(err, context.DeadlineExceeded):
		return appName + " did not answer in time"
	}
	if msg := err.Error(); msg != "" {
		return msg
	}
	return "unknown error"
}

// sentence starts s with a capital letter.
func sentence(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// footerStatus hands the status line to the screen, for its footer next
// to its buttons: one line, cut with an ellipsis, so that the footer
// keeps its height whatever it says.
func (s *shell) footerStatus() *widget.Label {
	s.statusInFooter = true
	s.statusBar.Objects = nil // the label has one parent: the footer
	s.statusBar.Hide()
	s.status.Wrapping = fyne.TextWrapOff
	s.status.Truncation = fyne.TextTruncateEllipsis
	return s.status
}
