//go:build linux || freebsd || openbsd || netbsd

package tray

import (
	"github.com/interviewtray/interviewtray/assets"
	"github.com/interviewtray/interviewtray/internal/autostart"
)

// NewSystemNotifier connects to the desktop's notification server on the
// session bus. The app's icon goes by its absolute path, a copy in the
// user's data folder (autostart.InstallIcon): a server finds it whether or
// not the app is installed, where the themed name "interviewtray" is found
// only in an installed icon theme.
func NewSystemNotifier(appName string, onAction ActionFunc) (Notifier, error) {
	return NewDBusNotifier("", appName, notificationIcon(), onAction)
}

// notificationIcon is the icon's absolute path, or its themed name when
// it cannot be written.
func notificationIcon() string {
	if path, err := autostart.InstallIcon(assets.AppIcon); err == nil {
		return path
	}
	return "interviewtray"
}
