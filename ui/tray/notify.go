package tray

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/interviewtray/interviewtray/internal/safetext"
)

// Notification is one system notification.
type Notification struct {
	// Key identifies what the notification is about (a reminder key, a
	// recording); a newer notification with the same key replaces the older.
	Key   string
	Title string
	Body  string
	// Lines are shown below the body, one a line (a reminder's readiness).
	Lines   []string
	Buttons []Button // shown as buttons where the platform supports them
	Urgent  bool     // reminders that are due now stay until dismissed
	// Default names what clicking the notification itself does ("Join",
	// "Open folder"); the click comes back as action "default". Empty:
	// the click only dismisses it.
	Default string
}

// safe returns n with its title, body and button labels made single lines
// of plain text (safetext.Clean): they hold topics and names that whoever
// scheduled a meeting chose. Lines, each cleaned the same way (the empty
// ones dropped), go below the body, a line each, and Lines is then empty.
// Every notifier shows only what safe returns.
func (n Notification) safe() Notification {
	n.Title = safetext.Clean(n.Title)
	n.Body = safetext.Clean(n.Body)
	for _, l := range n.Lines {
		if c := strings.TrimSpace(safetext.Clean(l)); c != "" {
			n.Body += "\n" + c
		}
	}
	n.Body = strings.TrimPrefix(n.Body, "\n")
	n.Lines = nil
	n.Default = safetext.Clean(n.Default)
	if n.Buttons != nil {
		buttons := make([]Button, len(n.Buttons))
		for i, b := range n.Buttons {
			buttons[i] = Button{Key: b.Key, Label: safetext.Clean(b.Label)}
		}
		n.Buttons = buttons
	}
	return n
}

// Button is a button on a notification. Key comes back through the
// notifier's action callback.
type Button struct {
	Key   string
	Label string
}

// ActionFunc is called when the user clicks a notification's action (or the
// notification itself, with action "default").
type ActionFunc func(notificationKey, action string)

// ErrNoNotificationServer means the desktop has no notification service.
var ErrNoNotificationServer = errors.New("no notification server is running")

// Notifier shows system notifications.
type Notifier interface {
	// Notify shows n, replacing an earlier notification with the same key.
	Notify(ctx context.Context, n Notification) error
	// Close releases the notifier's resources.
	Close() error
}

// Withdrawer is a Notifier that can take back a notification it showed
// (Linux: CloseNotification). Where the platform cannot (a Windows toast
// in the Action Center, a macOS notification), notifications stay until
// the user clears them; their buttons then do nothing.
type Withdrawer interface {
	// Withdraw removes the notification with key, if it is still shown.
	Withdraw(ctx context.Context, key string) error
}

// pushWithin runs push, a platform call with no context of its own, and
// gives up when ctx ends (the call itself is left to finish).
func pushWithin(ctx context.Context, push func() error) error {
	done := make(chan error, 1)
	go func() { done <- push() }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("notifications: %w", err)
		}
		return nil
	case <-ctx.Done():
		return fmt.Errorf("notifications: %w", ctx.Err())
	}
}
