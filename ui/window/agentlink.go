package window

import (
	"context"
	"errors"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/interviewtray/interviewtray/localapi"
)

// agentLink is a window process's tie to the agent that started it, on top
// of the API:
//   - the window shows the agent's state only when the agent is of the
//     same build: a window from another build (an upgrade installed while
//     the old agent still runs) says "restart Interview Tray" instead of
//     misreading a state it does not know;
//   - when the agent goes away (its state stream ends and nothing answers
//     on its socket any more: the user chose Quit, or it crashed), the
//     window closes, rather than stay behind telling the user to start a
//     command; a window the agent started closes too when no agent
//     answers at all (it went away before the window connected).
type agentLink struct {
	API
	// version is this window's build; states from an agent of another
	// version are not shown.
	version string
	// alive says whether an agent answers on the socket.
	alive func() bool
	// byAgent: the agent started this window, so it was there before the
	// window, and no agent answering means it went away.
	byAgent bool
	// otherBuild is called, off the UI goroutine, once for an agent of
	// another version; gone is called, off the UI goroutine, once the agent
	// went away after it answered.
	otherBuild func(agentVersion string)
	gone       func()

	otherOnce, goneOnce sync.Once
}

// Watch follows the agent's state, holding back states of an agent of
// another build, and notices when the agent goes away.
func (l *agentLink) Watch(ctx context.Context) (<-chan localapi.State, error) {
	in, err := l.API.Watch(ctx)
	if err != nil {
		if l.byAgent && errors.Is(err, localapi.ErrNoAgent) {
			l.goneOnce.Do(l.gone)
		}
		return nil, err
	}
	out := make(chan localapi.State)
	go func() {
		defer close(out)
		for st := range in {
			if st.Agent.Version != l.version {
				l.otherOnce.Do(func() { l.otherBuild(st.Agent.Version) })
				continue // the window never sees it
			}
			select {
			case out <- st:
			case <-ctx.Done():
				return
			}
		}
		if ctx.Err() == nil && !l.alive() {
			l.goneOnce.Do(l.gone)
		}
	}()
	return out, nil
}

// linkAgent ties the window process to its agent (agentLink) when the
// options name this window's version, replacing d.api; call the returned
// func with the window once it is built, before the shell starts.
func (o Options) linkAgent(d *deps, a fyne.App) (attach func(fyne.Window)) {
	if o.Version == "" {
		return func(fyne.Window) {}
	}
	sock := o.SocketPath
	if sock == "" {
		var err error
		if sock, err = localapi.SocketPath(o.Demo); err != nil {
			return func(fyne.Window) {}
		}
	}
	if c, ok := d.api.(*localapi.Client); ok {
		c.Version = o.Version // the agent refuses another build's commands too
	}
	l := &agentLink{API: d.api, version: o.Version, byAgent: o.ByAgent, alive: func() bool { return localapi.Alive(sock) }}
	d.api = l
	return func(w fyne.Window) {
		l.gone = func() { uiDo(a.Quit) }
		l.otherBuild = func(agent string) {
			uiDo(func() { w.SetContent(otherBuildContent(o.Version, agent, w.Close)) })
		}
	}
}

// otherBuildContent says that this window and the running agent are of
// different builds, and what to do.
func otherBuildContent(ours, agent string, onClose func()) fyne.CanvasObject {
	if agent == "" {
		agent = "unknown"
	}
	title := widget.NewLabelWithStyle("Restart "+appName, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	body := widget.NewLabel("This window is from another build of " + appName + " than the one running " +
		"(window " + ours + ", running " + agent + "), so it cannot show it. " +
		"Choose Quit in the tray menu, then start " + appName + " again.")
	body.Alignment = fyne.TextAlignCenter
	body.Wrapping = fyne.TextWrapWord
	closeBtn := widget.NewButton("Close", onClose)
	return container.NewPadded(container.NewVBox(
		layout.NewSpacer(), title, body, container.NewCenter(closeBtn), layout.NewSpacer(),
	))
}
