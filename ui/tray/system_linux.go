//go:build linux || freebsd || openbsd || netbsd

package tray

// NewSystemNotifier connects to the desktop's notification server on the
// session bus.
func NewSystemNotifier(appName string, onAction ActionFunc) (Notifier, error) {
	return NewDBusNotifier("", appName, "interviewtray", onAction)
}
