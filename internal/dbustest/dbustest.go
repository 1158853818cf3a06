// Package dbustest gives tests a private D-Bus session bus with the desktop
// services a tray app talks to: a StatusNotifierWatcher that records the
// tray items registering with it, a notification server that records Notify
// calls and can invoke actions, and helpers to read and click an exported
// com.canonical.dbusmenu menu.
package dbustest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/introspect"
	"github.com/godbus/dbus/v5/prop"
)

// StartBus starts a private session bus for the test (without service
// activation, with a temporary HOME) and returns its address; the bus is
// stopped when the test ends.
func StartBus(t testing.TB) string {
	t.Helper()
	return StartSessionBus(t, t.TempDir()).Address
}

// Connect opens a private connection to the bus at addr, closed at the end
// of the test.
func Connect(t testing.TB, addr string) *dbus.Conn {
	t.Helper()
	conn, err := dbus.Connect(addr)
	if err != nil {
		t.Fatalf("connect to %s: %v", addr, err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

func own(t testing.TB, conn *dbus.Conn, name string) {
	t.Helper()
	reply, err := conn.RequestName(name, dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own %s: reply %v, %v", name, reply, err)
	}
}

// Item is a tray item registered with the Watcher.
type Item struct {
	Sender string // unique bus name of the registering process
	Path   string // object path (or service name) it registered
}

// Watcher is a fake org.kde.StatusNotifierWatcher.
type Watcher struct {
	conn *dbus.Conn
	mu   sync.Mutex // guards items
	// items registered so far, in order.
	items []Item
}

// StartWatcher owns org.kde.StatusNotifierWatcher on the bus at addr.
func StartWatcher(t testing.TB, addr string) *Watcher {
	t.Helper()
	w := &Watcher{conn: Connect(t, addr)}
	const path = "/StatusNotifierWatcher"
	const iface = "org.kde.StatusNotifierWatcher"
	if err := w.conn.ExportMethodTable(map[string]any{
		"RegisterStatusNotifierItem": w.register,
		"RegisterStatusNotifierHost": func(string) *dbus.Error { return nil },
	}, path, iface); err != nil {
		t.Fatal(err)
	}
	_, err := prop.Export(w.conn, path, prop.Map{iface: {
		"IsStatusNotifierHostRegistered": {Value: true, Emit: prop.EmitFalse},
		"ProtocolVersion":                {Value: int32(0), Emit: prop.EmitFalse},
		"RegisteredStatusNotifierItems":  {Value: []string{}, Emit: prop.EmitFalse},
	}})
	if err != nil {
		t.Fatal(err)
	}
	own(t, w.conn, iface)
	return w
}

func (w *Watcher) register(sender dbus.Sender, service string) *dbus.Error {
	w.mu.Lock()
	w.items = append(w.items, Item{Sender: string(sender), Path: service})
	w.mu.Unlock()
	return nil
}

// Items returns the items registered so far.
func (w *Watcher) Items() []Item {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]Item(nil), w.items...)
}

// WaitItem waits until an item has registered and returns it.
func (w *Watcher) WaitItem(ctx context.Context) (Item, error) {
	for {
		if items := w.Items(); len(items) > 0 {
			return items[len(items)-1], nil
		}
		select {
		case <-ctx.Done():
			return Item{}, fmt.Errorf("no tray item registered: %w", ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// Notification is one Notify call the fake server received.
type Notification struct {
	ID      uint32
	AppName string
	Icon    string
	Summary string
	Body    string
	Actions []string // alternating key, label
	Hints   map[string]dbus.Variant
	Timeout int32
}

// Notifications is a fake org.freedesktop.Notifications server.
type Notifications struct {
	conn *dbus.Conn
	caps []string
	mu   sync.Mutex // guards calls and next
	// calls are the Notify calls received, in order.
	calls []Notification
	next  uint32
}

// StartNotifications owns org.freedesktop.Notifications on the bus at addr,
// advertising the given capabilities (e.g. "actions", "body").
func StartNotifications(t testing.TB, addr string, caps ...string) *Notifications {
	t.Helper()
	n := &Notifications{conn: Connect(t, addr), caps: caps}
	const path = "/org/freedesktop/Notifications"
	const iface = "org.freedesktop.Notifications"
	if err := n.conn.ExportMethodTable(map[string]any{
		"GetCapabilities":   func() ([]string, *dbus.Error) { return n.caps, nil },
		"Notify":            n.notify,
		"CloseNotification": func(id uint32) *dbus.Error { return nil },
		"GetServerInformation": func() (string, string, string, string, *dbus.Error) {
			return "dbustest", "interviewtray", "1.0", "1.2", nil
		},
	}, path, iface); err != nil {
		t.Fatal(err)
	}
	node := &introspect.Node{Name: path, Interfaces: []introspect.Interface{introspect.IntrospectData}}
	n.conn.Export(introspect.NewIntrospectable(node), path, "org.freedesktop.DBus.Introspectable")
	own(t, n.conn, iface)
	return n
}

func (n *Notifications) notify(appName string, replaces uint32, icon, summary, body string,
	actions []string, hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	id := replaces
	if id == 0 {
		n.next++
		id = n.next
	}
	n.calls = append(n.calls, Notification{ID: id, AppName: appName, Icon: icon, Summary: summary,
		Body: body, Actions: actions, Hints: hints, Timeout: timeout})
	return id, nil
}

// Calls returns the Notify calls received so far.
func (n *Notifications) Calls() []Notification {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]Notification(nil), n.calls...)
}

// Wait waits for a Notify call whose summary or body contains text.
func (n *Notifications) Wait(ctx context.Context, text string) (Notification, error) {
	for {
		for _, c := range n.Calls() {
			if strings.Contains(c.Summary, text) || strings.Contains(c.Body, text) {
				return c, nil
			}
		}
		select {
		case <-ctx.Done():
			return Notification{}, fmt.Errorf("no notification containing %q (got %d): %w", text, len(n.Calls()), ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// InvokeAction emits ActionInvoked for a notification, as a user clicking
// one of its buttons would.
func (n *Notifications) InvokeAction(id uint32, key string) error {
	return n.conn.Emit("/org/freedesktop/Notifications", "org.freedesktop.Notifications.ActionInvoked", id, key)
}

// MenuItem is one entry of a com.canonical.dbusmenu layout.
type MenuItem struct {
	ID       int32
	Label    string
	Enabled  bool
	Children []MenuItem
	// Submenu is set when the item says it has a submenu
	// (children-display "submenu").
	Submenu bool
}

// incomplete reports a submenu whose children were not sent.
func (m MenuItem) incomplete() bool {
	if m.Submenu && len(m.Children) == 0 {
		return true
	}
	for _, c := range m.Children {
		if c.incomplete() {
			return true
		}
	}
	return false
}

// Find returns the first item, depth first, whose label contains text.
func (m MenuItem) Find(text string) (MenuItem, bool) {
	if m.ID != 0 && strings.Contains(m.Label, text) {
		return m, true
	}
	for _, c := range m.Children {
		if f, ok := c.Find(text); ok {
			return f, true
		}
	}
	return MenuItem{}, false
}

// Labels returns every label in the menu, depth first.
func (m MenuItem) Labels() []string {
	var out []string
	if m.ID != 0 {
		out = append(out, m.Label)
	}
	for _, c := range m.Children {
		out = append(out, c.Labels()...)
	}
	return out
}

// MenuPath is where fyne.io/systray exports its menu.
const MenuPath = "/StatusNotifierItem/menu"

// ReadMenu reads the whole menu that the bus name dest exports at MenuPath.
// Like a tray host, it asks again when a submenu came without its children
// (fyne.io/systray answers the first request after a rebuild one level deep).
func ReadMenu(conn *dbus.Conn, dest string) (MenuItem, error) {
	for try := 0; ; try++ {
		m, err := readMenuOnce(conn, dest)
		if err != nil || !m.incomplete() || try == 20 {
			return m, err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func readMenuOnce(conn *dbus.Conn, dest string) (MenuItem, error) {
	obj := conn.Object(dest, MenuPath)
	var revision uint32
	var layout struct {
		ID         int32
		Properties map[string]dbus.Variant
		Children   []dbus.Variant
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	call := obj.CallWithContext(ctx, "com.canonical.dbusmenu.GetLayout", 0, int32(0), int32(-1), []string{})
	if call.Err != nil {
		return MenuItem{}, fmt.Errorf("GetLayout: %w", call.Err)
	}
	if err := call.Store(&revision, &layout); err != nil {
		return MenuItem{}, fmt.Errorf("GetLayout reply: %w", err)
	}
	return toItem(layout.ID, layout.Properties, layout.Children), nil
}

func toItem(id int32, props map[string]dbus.Variant, children []dbus.Variant) MenuItem {
	it := MenuItem{ID: id, Enabled: true}
	if v, ok := props["label"]; ok {
		it.Label, _ = v.Value().(string)
	}
	if v, ok := props["enabled"]; ok {
		if b, ok := v.Value().(bool); ok {
			it.Enabled = b
		}
	}
	if v, ok := props["children-display"]; ok {
		it.Submenu = v.Value() == "submenu"
	}
	if v, ok := props["visible"]; ok {
		if b, ok := v.Value().(bool); ok && !b {
			it.Label = "" // hidden items are not part of what a user sees
		}
	}
	for _, c := range children {
		fields, ok := c.Value().([]any)
		if !ok || len(fields) != 3 {
			continue
		}
		cid, _ := fields[0].(int32)
		cprops, _ := fields[1].(map[string]dbus.Variant)
		ckids, _ := fields[2].([]dbus.Variant)
		child := toItem(cid, cprops, ckids)
		if child.Label == "" && len(child.Children) == 0 {
			continue
		}
		it.Children = append(it.Children, child)
	}
	return it
}

// Click sends a "clicked" event for the menu item id, as a tray host does.
func Click(conn *dbus.Conn, dest string, id int32) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return conn.Object(dest, MenuPath).CallWithContext(ctx, "com.canonical.dbusmenu.Event", 0,
		id, "clicked", dbus.MakeVariant(""), uint32(time.Now().Unix())).Err
}
