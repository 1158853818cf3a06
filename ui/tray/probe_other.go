//go:build !(linux || freebsd || openbsd || netbsd || windows)

package tray

import "context"

// Probe is the result of checking one desktop service.
type Probe struct {
	OK     bool
	Detail string
	Fix    string
}

// ProbeTrayHost: macOS always has a tray (the menu bar; Windows:
// probe_windows.go).
func ProbeTrayHost(ctx context.Context) Probe {
	return Probe{OK: true, Detail: "the system tray is part of this platform"}
}

// ProbeNotifications: macOS always has notifications (the user
// may have turned them off for the app in the system settings).
func ProbeNotifications(ctx context.Context) Probe {
	return Probe{OK: true, Detail: "notifications are part of this platform (check they are allowed for Interview Tray in the system settings)"}
}
