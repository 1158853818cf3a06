//go:build !(linux || freebsd || openbsd || netbsd)

package tray

import "fmt"

// NewSystemNotifier: native notifications for macOS and Windows are not
// built yet; the tray and the reminder window still show reminders.
func NewSystemNotifier(appName string, onAction ActionFunc) (Notifier, error) {
	return nil, fmt.Errorf("%w on this platform yet", ErrNoNotificationServer)
}
