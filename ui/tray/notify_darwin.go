package tray

import (
	"context"

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
	note = note.safe()
	return pushWithin(ctx, func() error { return beeep.Notify(note.Title, note.Body, assets.AppIcon) })
}

func (beeepNotifier) Close() error { return nil }
