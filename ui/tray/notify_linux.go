//go:build linux || freebsd || openbsd || netbsd

package tray

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"
)

const (
	notifyDest  = "org.freedesktop.Notifications"
	notifyPath  = "/org/freedesktop/Notifications"
	notifyIface = "org.freedesktop.Notifications"
	// notifyCallTimeout bounds every call to the notification server.
	notifyCallTimeout = 5 * time.Second
)

// dbusNotifier sends notifications through org.freedesktop.Notifications on
// the session bus.
type dbusNotifier struct {
	conn     *dbus.Conn
	appName  string
	icon     string
	onAction ActionFunc
	signals  chan *dbus.Signal
	done     chan struct{}

	mu sync.Mutex // guards the fields below
	// caps are the server's capabilities, read once; nil until then.
	caps []string
	// ids maps our keys to the server's notification ids and back.
	ids  map[string]uint32
	keys map[uint32]string
}

// NewDBusNotifier connects to the session bus at addr ("" for the session
// bus of the environment). appName is shown by the server; icon is a themed
// icon name or an absolute path. onAction may be nil.
func NewDBusNotifier(addr, appName, icon string, onAction ActionFunc) (Notifier, error) {
	var conn *dbus.Conn
	var err error
	if addr == "" {
		conn, err = dbus.ConnectSessionBus()
	} else {
		conn, err = dbus.Connect(addr)
	}
	if err != nil {
		return nil, fmt.Errorf("notifications: connect to the session bus: %w", err)
	}
	n := &dbusNotifier{
		conn: conn, appName: appName, icon: icon, onAction: onAction,
		signals: make(chan *dbus.Signal, 16), done: make(chan struct{}),
		ids: map[string]uint32{}, keys: map[uint32]string{},
	}
	if err := conn.AddMatchSignal(dbus.WithMatchObjectPath(notifyPath), dbus.WithMatchInterface(notifyIface)); err != nil {
		conn.Close()
		return nil, fmt.Errorf("notifications: watch signals: %w", err)
	}
	conn.Signal(n.signals)
	go n.loop()
	return n, nil
}

// loop turns ActionInvoked and NotificationClosed signals into callbacks.
func (n *dbusNotifier) loop() {
	defer close(n.done)
	for sig := range n.signals {
		if sig == nil {
			return
		}
		switch sig.Name {
		case notifyIface + ".ActionInvoked":
			if len(sig.Body) < 2 {
				continue
			}
			id, _ := sig.Body[0].(uint32)
			action, _ := sig.Body[1].(string)
			n.mu.Lock()
			key, ok := n.keys[id]
			n.mu.Unlock()
			if ok && n.onAction != nil {
				n.onAction(key, action)
			}
		case notifyIface + ".NotificationClosed":
			if len(sig.Body) < 1 {
				continue
			}
			id, _ := sig.Body[0].(uint32)
			n.mu.Lock()
			if key, ok := n.keys[id]; ok {
				delete(n.keys, id)
				delete(n.ids, key)
			}
			n.mu.Unlock()
		}
	}
}

// capabilities asks the server once what it supports.
func (n *dbusNotifier) capabilities(ctx context.Context) ([]string, error) {
	n.mu.Lock()
	caps := n.caps
	n.mu.Unlock()
	if caps != nil {
		return caps, nil
	}
	ctx, cancel := context.WithTimeout(ctx, notifyCallTimeout)
	defer cancel()
	if err := n.conn.Object(notifyDest, notifyPath).CallWithContext(ctx, notifyIface+".GetCapabilities", 0).Store(&caps); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoNotificationServer, err)
	}
	if caps == nil {
		caps = []string{}
	}
	n.mu.Lock()
	n.caps = caps
	n.mu.Unlock()
	return caps, nil
}

// markupEscaper escapes text for a body that the server reads as markup
// (the specification's subset of XML: b, i, u, a, img and entities).
var markupEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func (n *dbusNotifier) Notify(ctx context.Context, note Notification) error {
	caps, err := n.capabilities(ctx)
	if err != nil {
		return err
	}
	note = note.safe()
	// A server that advertises body-markup reads the body as markup, so a
	// topic's "<a href=...>" would become a link: ours is always text. The
	// summary is never markup.
	if slices.Contains(caps, "body-markup") {
		note.Body = markupEscaper.Replace(note.Body)
	}
	var actions []string
	if slices.Contains(caps, "actions") {
		if note.Default != "" {
			// The specification's "default" action: a click on the
			// bubble (the label is not shown, or shown in a menu).
			actions = append(actions, "default", note.Default)
		}
		for _, a := range note.Buttons {
			actions = append(actions, a.Key, a.Label)
		}
	}
	hints := map[string]dbus.Variant{"desktop-entry": dbus.MakeVariant("interviewtray")}
	timeout := int32(-1)
	if note.Urgent {
		hints["urgency"] = dbus.MakeVariant(byte(2))
		timeout = 0 // stays until the user acts
	}
	n.mu.Lock()
	replaces := n.ids[note.Key]
	n.mu.Unlock()

	ctx, cancel := context.WithTimeout(ctx, notifyCallTimeout)
	defer cancel()
	var id uint32
	err = n.conn.Object(notifyDest, notifyPath).CallWithContext(ctx, notifyIface+".Notify", 0,
		n.appName, replaces, n.icon, note.Title, note.Body, actions, hints, timeout).Store(&id)
	if err != nil {
		return fmt.Errorf("notifications: notify: %w", err)
	}
	n.mu.Lock()
	if note.Key != "" {
		n.ids[note.Key] = id
		n.keys[id] = note.Key
	}
	n.mu.Unlock()
	return nil
}

// Withdraw closes the notification with key (CloseNotification).
func (n *dbusNotifier) Withdraw(ctx context.Context, key string) error {
	n.mu.Lock()
	id, ok := n.ids[key]
	if ok {
		delete(n.ids, key)
		delete(n.keys, id)
	}
	n.mu.Unlock()
	if !ok {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, notifyCallTimeout)
	defer cancel()
	if err := n.conn.Object(notifyDest, notifyPath).CallWithContext(ctx, notifyIface+".CloseNotification", 0, id).Err; err != nil {
		return fmt.Errorf("notifications: close: %w", err)
	}
	return nil
}

func (n *dbusNotifier) Close() error {
	n.conn.RemoveSignal(n.signals)
	close(n.signals)
	<-n.done
	return n.conn.Close()
}
