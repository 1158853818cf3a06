package tray

import (
	"context"
	"fmt"

	"github.com/gen2brain/beeep"

	"github.com/interviewtray/interviewtray/assets"
)

// beeepNotifier shows macOS notifications through beeep (terminal-notifier
// when installed, else AppleScript). macOS gives an app outside a bundle no
// notification buttons: the reminder window carries Join and Snooze.
type beeepNotifier struct{}

// NewSystemNotifier sets up macOS notifications.
func NewSystemNotifier(appName string, onAction ActionFunc) (Notifier, error) {
	beeep.AppName = appName
	return beeepNotifier{}, nil
}

func (beeepNotifier) Notify(ctx context.Context, note Notification) error {
	done := make(chan error, 1)
	go func() { done <- beeep.Notify(note.Title, note.Body, assets.AppIcon) }()
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

func (beeepNotifier) Close() error { return nil }
