//go:build linux

package hotkey

import (
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/interviewtray/interviewtray/internal/dbustest"
)

// fakePortal is xdg-desktop-portal's GlobalShortcuts on a private bus: it
// opens sessions, records the shortcuts bound and answers each request
// with a Response signal on its Request path, as the portal does.
type fakePortal struct {
	conn *dbus.Conn
	// none: the portal has no GlobalShortcuts (its version is unknown).
	none bool
	// refuse answers BindShortcuts with "cancelled"; hold, when not nil,
	// delays the answer until it is closed (the user's dialog); trigger
	// is the trigger_description answered.
	refuse  bool
	hold    chan struct{}
	trigger string

	mu       sync.Mutex
	sessions []dbus.ObjectPath
	binds    []portalShortcut
	closed   []dbus.ObjectPath
}

func senderPart(s dbus.Sender) string {
	return strings.ReplaceAll(strings.TrimPrefix(string(s), ":"), ".", "_")
}

func (f *fakePortal) respond(path dbus.ObjectPath, code uint32, results map[string]dbus.Variant) {
	_ = f.conn.Emit(path, requestIface+".Response", code, results)
}

func (f *fakePortal) CreateSession(sender dbus.Sender, opts map[string]dbus.Variant) (dbus.ObjectPath, *dbus.Error) {
	token, _ := opts["handle_token"].Value().(string)
	stoken, _ := opts["session_handle_token"].Value().(string)
	if token == "" || stoken == "" {
		return "", dbus.MakeFailedError(errors.New("no handle tokens"))
	}
	req := dbus.ObjectPath("/org/freedesktop/portal/desktop/request/" + senderPart(sender) + "/" + token)
	sess := dbus.ObjectPath("/org/freedesktop/portal/desktop/session/" + senderPart(sender) + "/" + stoken)
	if err := f.conn.ExportMethodTable(map[string]any{"Close": func() *dbus.Error {
		f.mu.Lock()
		f.closed = append(f.closed, sess)
		f.mu.Unlock()
		return nil
	}}, sess, sessionIface); err != nil {
		return "", dbus.MakeFailedError(err)
	}
	f.mu.Lock()
	f.sessions = append(f.sessions, sess)
	f.mu.Unlock()
	// The answer may come before the reply to the call.
	f.respond(req, 0, map[string]dbus.Variant{"session_handle": dbus.MakeVariant(string(sess))})
	return req, nil
}

func (f *fakePortal) BindShortcuts(sender dbus.Sender, session dbus.ObjectPath, shortcuts []portalShortcut, parent string, opts map[string]dbus.Variant) (dbus.ObjectPath, *dbus.Error) {
	token, _ := opts["handle_token"].Value().(string)
	req := dbus.ObjectPath("/org/freedesktop/portal/desktop/request/" + senderPart(sender) + "/" + token)
	f.mu.Lock()
	f.binds = append(f.binds, shortcuts...)
	f.mu.Unlock()
	go func() {
		if f.hold != nil {
			<-f.hold
		}
		if f.refuse {
			f.respond(req, 1, map[string]dbus.Variant{})
			return
		}
		var out []portalShortcut
		for _, s := range shortcuts {
			out = append(out, portalShortcut{ID: s.ID, Opts: map[string]dbus.Variant{
				"description": s.Opts["description"], "trigger_description": dbus.MakeVariant(f.trigger)}})
		}
		f.respond(req, 0, map[string]dbus.Variant{"shortcuts": dbus.MakeVariant(out)})
	}()
	return req, nil
}

// props is the portal object's org.freedesktop.DBus.Properties.
type props struct{ f *fakePortal }

func (p props) Get(iface, name string) (dbus.Variant, *dbus.Error) {
	if p.f.none || iface != portalIface || name != "version" {
		return dbus.Variant{}, dbus.NewError("org.freedesktop.DBus.Error.UnknownProperty", []any{"no such property"})
	}
	return dbus.MakeVariant(uint32(1)), nil
}

// activate emits Activated for session and id, as the portal does on a
// press.
func (f *fakePortal) activate(session dbus.ObjectPath, id string) {
	_ = f.conn.Emit(portalPath, portalIface+".Activated", session, id, uint64(time.Now().UnixMilli()), map[string]dbus.Variant{})
}

func (f *fakePortal) lastSession(t *testing.T) dbus.ObjectPath {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.sessions) == 0 {
		t.Fatal("no portal session")
	}
	return f.sessions[len(f.sessions)-1]
}

// startPortal serves f on a private bus and returns the bus address.
func startPortal(t *testing.T, f *fakePortal) string {
	t.Helper()
	addr := dbustest.StartBus(t)
	f.conn = dbustest.Connect(t, addr)
	if err := f.conn.Export(f, portalPath, portalIface); err != nil {
		t.Fatal(err)
	}
	if err := f.conn.Export(props{f}, portalPath, "org.freedesktop.DBus.Properties"); err != nil {
		t.Fatal(err)
	}
	if reply, err := f.conn.RequestName(portalName, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own %s: %v, %v", portalName, reply, err)
	}
	return addr
}

// waitFor polls cond for up to 5 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// TestPortalGrab: Grab opens a portal session and binds the shortcut with
// its preferred trigger; the session's Activated signal for it is a press,
// another session's or shortcut's is not; Close closes the session.
func TestPortalGrab(t *testing.T) {
	f := &fakePortal{}
	p := newPortalAt(startPortal(t, f))
	var presses atomic.Int32
	svc := NewService(p, func() { presses.Add(1) })
	if err := svc.Set("Ctrl+Alt+J"); err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	f.mu.Lock()
	binds := f.binds
	f.mu.Unlock()
	if len(binds) != 1 || binds[0].ID != "join" || binds[0].Opts["preferred_trigger"].Value() != "CTRL+ALT+j" ||
		binds[0].Opts["description"].Value() != "Join the current or next interview" {
		t.Fatalf("bound %+v", binds)
	}
	if got := svc.Status(); got != "Ctrl+Alt+J (desktop portal)" {
		t.Errorf("status %q", got)
	}

	// When the desktop reports the shortcut pressed, the agent hears it
	sess := f.lastSession(t)
	f.activate(sess, "join")
	waitFor(t, "the press", func() bool { return presses.Load() == 1 })
	// Another session's press, or another shortcut, is not ours
	f.activate("/org/freedesktop/portal/desktop/session/1_99/other", "join")
	f.activate(sess, "something-else")
	time.Sleep(200 * time.Millisecond)
	if n := presses.Load(); n != 1 {
		t.Errorf("%d presses, want 1", n)
	}

	// When the shortcut is turned off, the session is closed and a press
	// does nothing
	if err := svc.Set(""); err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	closed := f.closed
	f.mu.Unlock()
	if len(closed) != 1 || closed[0] != sess {
		t.Errorf("closed sessions %q, want %q", closed, sess)
	}
	f.activate(sess, "join")
	time.Sleep(200 * time.Millisecond)
	if n := presses.Load(); n != 1 {
		t.Errorf("a press after the shortcut was turned off (%d)", n)
	}
}

// TestPortalNotAvailable: without a portal, or one without
// GlobalShortcuts, Grab says global shortcuts are not available, and why.
func TestPortalNotAvailable(t *testing.T) {
	for _, tc := range []struct {
		name  string
		serve bool
		why   string
	}{
		{"a portal without GlobalShortcuts", true, "the desktop portal has no global shortcuts"},
		{"no portal on the bus", false, "no desktop portal is running"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var addr string
			if tc.serve {
				addr = startPortal(t, &fakePortal{none: true})
			} else {
				addr = dbustest.StartBus(t)
			}
			svc := NewService(newPortalAt(addr), func() {})
			defer svc.Close()
			err := svc.Set("Ctrl+Alt+J")
			if !errors.Is(err, ErrNotAvailable) {
				t.Fatalf("err %v, want not available", err)
			}
			if got, want := svc.Status(), "Global shortcuts are not available on this desktop (Wayland; "+tc.why+")"; got != want {
				t.Errorf("status %q, want %q", got, want)
			}
		})
	}
	// No session bus at all
	p := newPortalAt("unix:path=/nonexistent/bus")
	if _, err := p.Grab(Shortcut{Mods: Ctrl | Alt, Key: "J"}, func() {}); !errors.Is(err, ErrNotAvailable) || !strings.Contains(err.Error(), "no session bus") {
		t.Errorf("no bus: %v", err)
	}
}

// TestPortalRefused: a desktop that does not allow the shortcut refuses
// the grab (the previous one, if any, stays).
func TestPortalRefused(t *testing.T) {
	f := &fakePortal{refuse: true}
	p := newPortalAt(startPortal(t, f))
	_, err := p.Grab(Shortcut{Mods: Ctrl | Alt, Key: "J"}, func() {})
	if err == nil || errors.Is(err, ErrNotAvailable) || !strings.Contains(err.Error(), "did not allow") {
		t.Fatalf("err %v", err)
	}
	waitFor(t, "the session closed", func() bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		return len(f.closed) == 1
	})
}

// TestPortalWaitsForTheUser: while the desktop asks the user, the grab
// says so; once allowed, it names the trigger the desktop chose.
func TestPortalWaitsForTheUser(t *testing.T) {
	defer func(d time.Duration) { portalBindWait = d }(portalBindWait)
	portalBindWait = 100 * time.Millisecond
	f := &fakePortal{hold: make(chan struct{}), trigger: "Ctrl+Alt+K"}
	svc := NewService(newPortalAt(startPortal(t, f)), func() {})
	defer svc.Close()
	var changes atomic.Int32
	svc.OnStatusChange(func() { changes.Add(1) })
	if err := svc.Set("Ctrl+Alt+J"); err != nil {
		t.Fatal(err)
	}
	if got := svc.Status(); got != "Ctrl+Alt+J (desktop portal): allow it in the desktop's dialog" {
		t.Errorf("status while the desktop asks: %q", got)
	}
	close(f.hold)
	want := "Ctrl+Alt+J (desktop portal; the desktop's shortcut: Ctrl+Alt+K)"
	waitFor(t, "the status "+want, func() bool { return svc.Status() == want })
	waitFor(t, "the status change told", func() bool { return changes.Load() == 1 })
}

func TestPortalTrigger(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"Ctrl+Alt+J", "CTRL+ALT+j"},
		{"Ctrl+Shift+F9", "CTRL+SHIFT+F9"},
		{"Super+Space", "LOGO+space"},
		{"Alt+7", "ALT+7"},
	} {
		sc, err := Parse(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := portalTrigger(sc); !ok || got != tc.want {
			t.Errorf("%s: %q, want %q", tc.in, got, tc.want)
		}
	}
}
