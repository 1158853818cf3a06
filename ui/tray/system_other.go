//go:build !(linux || freebsd || openbsd || netbsd || windows || darwin)

package tray

import "fmt"

// NewSystemNotifier: no notifications on this platform; the tray and the
// reminder window still show reminders.
func NewSystemNotifier(appName string, onAction ActionFunc) (Notifier, error) {
	return nil, fmt.Errorf("%w on this platform", ErrNoNotificationServer)
}
