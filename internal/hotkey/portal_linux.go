//go:build linux

package hotkey

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"
)

// Portal grabs shortcuts through the desktop portal's GlobalShortcuts
// interface (xdg-desktop-portal on the session bus; GNOME 48+, KDE Plasma
// 5.27+, Hyprland): the only way a Wayland client gets keys typed into
// other applications' windows. Each grab has a connection and a portal
// session of its own: CreateSession, then BindShortcuts with the shortcut
// as the preferred trigger (the desktop may ask the user to allow it, and
// lets the user change it), then each Activated signal of that session is
// a press. Closing the grab closes the session.
type Portal struct {
	// connect opens the session bus connection of one grab.
	connect func() (*dbus.Conn, error)
}

// NewPortal returns the desktop portal backend on the session bus.
func NewPortal() *Portal {
	return &Portal{connect: func() (*dbus.Conn, error) { return dbus.ConnectSessionBus() }}
}

// newPortalAt is the portal backend on the bus at addr (tests).
func newPortalAt(addr string) *Portal {
	return &Portal{connect: func() (*dbus.Conn, error) { return dbus.Connect(addr) }}
}

// connectWithin connects, giving up when ctx ends (a connection made
// after that is closed). The connection must outlive ctx: godbus closes
// a connection made with dbus.WithContext when its context ends.
func (p *Portal) connectWithin(ctx context.Context) (*dbus.Conn, error) {
	type result struct {
		conn *dbus.Conn
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		c, err := p.connect()
		ch <- result{c, err}
	}()
	select {
	case r := <-ch:
		return r.conn, r.err
	case <-ctx.Done():
		go func() {
			if r := <-ch; r.conn != nil {
				r.conn.Close()
			}
		}()
		return nil, ctx.Err()
	}
}

const (
	portalName    = "org.freedesktop.portal.Desktop"
	portalPath    = dbus.ObjectPath("/org/freedesktop/portal/desktop")
	portalIface   = "org.freedesktop.portal.GlobalShortcuts"
	requestIface  = "org.freedesktop.portal.Request"
	sessionIface  = "org.freedesktop.portal.Session"
	portalJoinID  = "join"
	portalJoinTip = "Join the current or next interview"
)

// portalTimeout bounds each call to the portal, and the wait for its
// answer to CreateSession.
var portalTimeout = 5 * time.Second

// portalBindWait is how long Grab waits for the answer to BindShortcuts
// (the desktop may show the user a dialog first); a later answer updates
// the grab's Status.
var portalBindWait = 3 * time.Second

// Name says which backend this is (Settings shows it).
func (*Portal) Name() string { return "desktop portal" }

// portalTrigger is sc in the XDG shortcuts format the portal reads for a
// preferred trigger: "CTRL+ALT+j" (modifiers CTRL, ALT, SHIFT, LOGO, then
// the key's xkb keysym name).
func portalTrigger(sc Shortcut) (string, bool) {
	var parts []string
	for _, m := range []struct {
		mod  Modifiers
		name string
	}{{Ctrl, "CTRL"}, {Alt, "ALT"}, {Shift, "SHIFT"}, {Super, "LOGO"}} {
		if sc.Mods&m.mod != 0 {
			parts = append(parts, m.name)
		}
	}
	var key string
	switch k := sc.Key; {
	case len(k) == 1 && k[0] >= 'A' && k[0] <= 'Z':
		key = strings.ToLower(k)
	case len(k) == 1 && k[0] >= '0' && k[0] <= '9':
		key = k
	case k == "Space":
		key = "space"
	case len(k) > 1 && k[0] == 'F':
		key = k
	default:
		return "", false
	}
	return strings.Join(append(parts, key), "+"), true
}

// Grab opens a portal session and binds sc in it. Without a session bus,
// or a portal with GlobalShortcuts, the error wraps ErrNotAvailable.
func (p *Portal) Grab(sc Shortcut, pressed func()) (io.Closer, error) {
	trigger, ok := portalTrigger(sc)
	if !ok {
		return nil, fmt.Errorf("grab %s: the desktop portal has no name for %q", sc, sc.Key)
	}
	ctx, cancel := context.WithTimeout(context.Background(), portalTimeout)
	defer cancel()
	conn, err := p.connectWithin(ctx)
	if err != nil {
		return nil, fmt.Errorf("%w (Wayland; no session bus: %v)", ErrNotAvailable, err)
	}
	var version dbus.Variant
	if err := conn.Object(portalName, portalPath).CallWithContext(ctx, "org.freedesktop.DBus.Properties.Get", 0, portalIface, "version").Store(&version); err != nil {
		conn.Close()
		var derr dbus.Error
		if errors.As(err, &derr) && (derr.Name == "org.freedesktop.DBus.Error.ServiceUnknown" || derr.Name == "org.freedesktop.DBus.Error.NameHasNoOwner") {
			return nil, fmt.Errorf("%w (Wayland; no desktop portal is running)", ErrNotAvailable)
		}
		return nil, fmt.Errorf("%w (Wayland; the desktop portal has no global shortcuts)", ErrNotAvailable)
	}
	g := &portalGrab{conn: conn, sc: sc, pressed: pressed, waiters: map[dbus.ObjectPath]chan response{},
		signals: make(chan *dbus.Signal, 16), quit: make(chan struct{})}
	if err := conn.AddMatchSignalContext(ctx, dbus.WithMatchInterface(requestIface), dbus.WithMatchMember("Response")); err != nil {
		conn.Close()
		return nil, fmt.Errorf("grab %s: %w", sc, err)
	}
	if err := conn.AddMatchSignalContext(ctx, dbus.WithMatchInterface(portalIface), dbus.WithMatchMember("Activated")); err != nil {
		conn.Close()
		return nil, fmt.Errorf("grab %s: %w", sc, err)
	}
	conn.Signal(g.signals)
	go g.loop()

	// CreateSession: the session's handle comes in the answer.
	res, err := g.request(ctx, "CreateSession", func(token string) []any {
		return []any{map[string]dbus.Variant{"handle_token": dbus.MakeVariant(token), "session_handle_token": dbus.MakeVariant(newToken())}}
	})
	if err == nil && res.code != 0 {
		err = fmt.Errorf("the desktop portal did not open a session (answer %d)", res.code)
	}
	if err == nil {
		err = g.setSession(res.results["session_handle"])
	}
	if err != nil {
		g.Close()
		return nil, fmt.Errorf("grab %s: %w", sc, err)
	}

	// BindShortcuts: the desktop may ask the user first.
	bind := make(chan response, 1)
	bctx, bcancel := context.WithCancel(context.Background())
	g.cancelBind = bcancel
	shortcuts := []portalShortcut{{ID: portalJoinID, Opts: map[string]dbus.Variant{
		"description": dbus.MakeVariant(portalJoinTip), "preferred_trigger": dbus.MakeVariant(trigger),
	}}}
	wait, err := g.send(ctx, "BindShortcuts", func(token string) []any {
		return []any{g.session, shortcuts, "", map[string]dbus.Variant{"handle_token": dbus.MakeVariant(token)}}
	})
	if err != nil {
		g.Close()
		return nil, fmt.Errorf("grab %s: %w", sc, err)
	}
	go func() {
		select {
		case r := <-wait:
			g.bound(r)
			bind <- r
		case <-bctx.Done():
		}
	}()
	t := time.NewTimer(portalBindWait)
	defer t.Stop()
	select {
	case r := <-bind:
		if r.code != 0 {
			g.Close()
			return nil, fmt.Errorf("grab %s: the desktop did not allow the shortcut", sc)
		}
	case <-t.C: // Status says it waits for the user
	}
	return g, nil
}

// portalShortcut is one (sa{sv}) of BindShortcuts.
type portalShortcut struct {
	ID   string
	Opts map[string]dbus.Variant
}

// response is a Request's Response signal.
type response struct {
	code    uint32
	results map[string]dbus.Variant
}

// portalGrab is one portal session with the shortcut bound.
type portalGrab struct {
	conn    *dbus.Conn
	sc      Shortcut
	pressed func()
	signals chan *dbus.Signal
	quit    chan struct{} // closed by Close: loop returns

	cancelBind context.CancelFunc
	once       sync.Once

	mu       sync.Mutex // guards the fields below
	session  dbus.ObjectPath
	waiters  map[dbus.ObjectPath]chan response
	state    string // "" waiting for the user, "bound" or "refused"
	trigger  string // the trigger the desktop reports
	closed   bool
	onStatus func() // called when state changes
}

// newToken is a fresh handle token (the portal's object paths end in it).
func newToken() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return "interviewtray_" + hex.EncodeToString(b)
}

// requestPath is the Request object the portal makes for token: the
// sender's unique name without ":" and with "." as "_".
func (g *portalGrab) requestPath(token string) dbus.ObjectPath {
	names := g.conn.Names()
	sender := ""
	if len(names) > 0 {
		sender = strings.ReplaceAll(strings.TrimPrefix(names[0], ":"), ".", "_")
	}
	return dbus.ObjectPath("/org/freedesktop/portal/desktop/request/" + sender + "/" + token)
}

// send calls method with args(token) and returns where its Response
// comes. The waiter is registered at the path the portal will use before
// the call, so that an answer that comes at once is not lost.
func (g *portalGrab) send(ctx context.Context, method string, args func(token string) []any) (<-chan response, error) {
	token := newToken()
	want := g.requestPath(token)
	ch := make(chan response, 1)
	g.mu.Lock()
	g.waiters[want] = ch
	g.mu.Unlock()
	var handle dbus.ObjectPath
	err := g.conn.Object(portalName, portalPath).CallWithContext(ctx, portalIface+"."+method, 0, args(token)...).Store(&handle)
	if err != nil {
		g.mu.Lock()
		delete(g.waiters, want)
		g.mu.Unlock()
		return nil, fmt.Errorf("%s: %w", method, err)
	}
	if handle != want && handle.IsValid() { // an older portal's own path
		g.mu.Lock()
		g.waiters[handle] = ch
		g.mu.Unlock()
	}
	return ch, nil
}

// request is send, then the wait for the answer within ctx.
func (g *portalGrab) request(ctx context.Context, method string, args func(token string) []any) (response, error) {
	ch, err := g.send(ctx, method, args)
	if err != nil {
		return response{}, err
	}
	select {
	case r := <-ch:
		return r, nil
	case <-ctx.Done():
		return response{}, fmt.Errorf("%s: no answer from the desktop portal: %w", method, ctx.Err())
	}
}

// setSession keeps the session handle of CreateSession's answer (a string
// in the specification, an object path from some portals).
func (g *portalGrab) setSession(v dbus.Variant) error {
	var p dbus.ObjectPath
	switch s := v.Value().(type) {
	case string:
		p = dbus.ObjectPath(s)
	case dbus.ObjectPath:
		p = s
	}
	if !p.IsValid() {
		return errors.New("the desktop portal's session has no handle")
	}
	g.mu.Lock()
	g.session = p
	g.mu.Unlock()
	return nil
}

// OnStatus sets what is called when Status changes.
func (g *portalGrab) OnStatus(f func()) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.onStatus = f
}

// bound notes BindShortcuts' answer.
func (g *portalGrab) bound(r response) {
	g.mu.Lock()
	defer func() {
		f := g.onStatus
		g.mu.Unlock()
		if f != nil {
			f()
		}
	}()
	if r.code != 0 {
		g.state = "refused"
		return
	}
	g.state = "bound"
	var list []portalShortcut
	if v, ok := r.results["shortcuts"]; ok && v.Store(&list) == nil {
		for _, s := range list {
			if td, ok := s.Opts["trigger_description"]; s.ID == portalJoinID && ok {
				if t, ok := td.Value().(string); ok {
					g.trigger = t
				}
			}
		}
	}
}

// Status says, for Settings, where the grab stands.
func (g *portalGrab) Status() string {
	g.mu.Lock()
	defer g.mu.Unlock()
	switch g.state {
	case "bound":
		if g.trigger != "" && !strings.EqualFold(g.trigger, g.sc.String()) {
			return g.sc.String() + " (desktop portal; the desktop's shortcut: " + g.trigger + ")"
		}
		return g.sc.String() + " (desktop portal)"
	case "refused":
		return g.sc.String() + " (desktop portal): the desktop did not allow it"
	}
	return g.sc.String() + " (desktop portal): allow it in the desktop's dialog"
}

// loop hands out the signals: Responses to their waiters, Activated of
// the grab's session as presses.
func (g *portalGrab) loop() {
	for {
		var sig *dbus.Signal
		select {
		case s, ok := <-g.signals:
			if !ok {
				return // the connection closed
			}
			sig = s
		case <-g.quit:
			return
		}
		if sig == nil {
			continue
		}
		switch sig.Name {
		case requestIface + ".Response":
			var r response
			if len(sig.Body) < 2 || dbus.Store(sig.Body[:1], &r.code) != nil {
				continue
			}
			r.results, _ = sig.Body[1].(map[string]dbus.Variant)
			g.mu.Lock()
			ch := g.waiters[sig.Path]
			for p, c := range g.waiters {
				if c == ch {
					delete(g.waiters, p)
				}
			}
			g.mu.Unlock()
			if ch != nil {
				ch <- r
			}
		case portalIface + ".Activated":
			var session dbus.ObjectPath
			var id string
			if len(sig.Body) < 2 || dbus.Store(sig.Body[:2], &session, &id) != nil {
				continue
			}
			g.mu.Lock()
			ours := !g.closed && session == g.session && id == portalJoinID
			g.mu.Unlock()
			if ours {
				g.pressed()
			}
		}
	}
}

// Close closes the portal session and the connection; no press is
// reported after it returns. It does not wait for the signal goroutine
// (which may be in pressed), which ends at once.
func (g *portalGrab) Close() error {
	g.once.Do(func() {
		g.mu.Lock()
		g.closed = true
		session := g.session
		g.mu.Unlock()
		if g.cancelBind != nil {
			g.cancelBind()
		}
		if session.IsValid() {
			ctx, cancel := context.WithTimeout(context.Background(), portalTimeout)
			_ = g.conn.Object(portalName, session).CallWithContext(ctx, sessionIface+".Close", 0).Err
			cancel()
		}
		g.conn.RemoveSignal(g.signals)
		close(g.quit)
		g.conn.Close()
	})
	return nil
}
