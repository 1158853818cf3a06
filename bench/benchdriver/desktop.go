//go:build linux

package main

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/introspect"
	"github.com/godbus/dbus/v5/prop"
)

// The desktop services a tray process talks to, on the session bus the
// driver runs on (scripts/with-desktop.sh starts a private one): a
// StatusNotifierWatcher that accepts tray items and a notification server
// that notes when each Notify call arrives. They answer calls and never
// call anyone, so they add no work to the measured processes. (The tests
// have the same fakes in internal/dbustest, which needs a testing.TB.)

// desktopServices owns both names on one bus connection.
type desktopServices struct {
	conn *dbus.Conn

	mu sync.Mutex // guards the fields below
	// items are the bus names of the tray items registered so far.
	items []string
	// notes are the Notify calls received, in order.
	notes []note
	next  uint32
}

// note is one Notify call and when it arrived.
type note struct {
	At      time.Time
	Summary string
	Body    string
}

func startDesktopServices() (*desktopServices, error) {
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return nil, fmt.Errorf("connect to the session bus: %w", err)
	}
	s := &desktopServices{conn: conn}
	if err := s.exportWatcher(); err != nil {
		conn.Close()
		return nil, err
	}
	if err := s.exportNotifications(); err != nil {
		conn.Close()
		return nil, err
	}
	return s, nil
}

func (s *desktopServices) Close() { s.conn.Close() }

func (s *desktopServices) own(name string) error {
	reply, err := s.conn.RequestName(name, dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		return fmt.Errorf("own %s on the session bus: reply %v, %v", name, reply, err)
	}
	return nil
}

func (s *desktopServices) exportWatcher() error {
	const path = "/StatusNotifierWatcher"
	const iface = "org.kde.StatusNotifierWatcher"
	err := s.conn.ExportMethodTable(map[string]any{
		"RegisterStatusNotifierItem": func(sender dbus.Sender, service string) *dbus.Error {
			s.mu.Lock()
			s.items = append(s.items, string(sender))
			s.mu.Unlock()
			return nil
		},
		"RegisterStatusNotifierHost": func(string) *dbus.Error { return nil },
	}, path, iface)
	if err != nil {
		return err
	}
	if _, err := prop.Export(s.conn, path, prop.Map{iface: {
		"IsStatusNotifierHostRegistered": {Value: true, Emit: prop.EmitFalse},
		"ProtocolVersion":                {Value: int32(0), Emit: prop.EmitFalse},
		"RegisteredStatusNotifierItems":  {Value: []string{}, Emit: prop.EmitFalse},
	}}); err != nil {
		return err
	}
	return s.own(iface)
}

func (s *desktopServices) exportNotifications() error {
	const path = "/org/freedesktop/Notifications"
	const iface = "org.freedesktop.Notifications"
	err := s.conn.ExportMethodTable(map[string]any{
		"GetCapabilities": func() ([]string, *dbus.Error) { return []string{"actions", "body"}, nil },
		"Notify": func(app string, replaces uint32, icon, summary, body string, actions []string,
			hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
			at := time.Now()
			s.mu.Lock()
			defer s.mu.Unlock()
			s.notes = append(s.notes, note{At: at, Summary: summary, Body: body})
			id := replaces
			if id == 0 {
				s.next++
				id = s.next
			}
			return id, nil
		},
		"CloseNotification": func(uint32) *dbus.Error { return nil },
		"GetServerInformation": func() (string, string, string, string, *dbus.Error) {
			return "benchdriver", "interviewtray", "1.0", "1.2", nil
		},
	}, path, iface)
	if err != nil {
		return err
	}
	node := &introspect.Node{Name: path, Interfaces: []introspect.Interface{introspect.IntrospectData}}
	if err := s.conn.Export(introspect.NewIntrospectable(node), path, "org.freedesktop.DBus.Introspectable"); err != nil {
		return err
	}
	return s.own(iface)
}

// waitItems waits until n tray items have registered.
func (s *desktopServices) waitItems(ctx context.Context, n int) error {
	for {
		s.mu.Lock()
		got := len(s.items)
		s.mu.Unlock()
		if got >= n {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%d of %d tray items registered: %w", got, n, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// waitNote waits for a Notify call whose summary or body contains text and
// returns the first one.
func (s *desktopServices) waitNote(ctx context.Context, text string) (note, error) {
	for {
		if ns := s.notesWith(text); len(ns) > 0 {
			return ns[0], nil
		}
		select {
		case <-ctx.Done():
			return note{}, fmt.Errorf("no notification containing %q: %w", text, ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// notesWith returns the Notify calls whose summary or body contains text.
func (s *desktopServices) notesWith(text string) []note {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []note
	for _, n := range s.notes {
		if strings.Contains(n.Summary, text) || strings.Contains(n.Body, text) {
			out = append(out, n)
		}
	}
	return out
}
