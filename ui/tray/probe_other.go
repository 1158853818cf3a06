//go:build !(linux || freebsd || openbsd || netbsd)

package tray

import "context"

// Probe is the result of checking one desktop service.
type Probe struct {
	OK     bool
	Detail string
	Fix    string
}

// ProbeTrayHost: macOS and Windows always have a tray (menu bar,
// notification area).
func ProbeTrayHost(ctx context.Context) Probe {
	return Probe{OK: true, Detail: "the system tray is part of this platform"}
}

// ProbeNotifications: native notifications are not built for this platform
// yet.
func ProbeNotifications(ctx context.Context) Probe {
	return Probe{Detail: "system notifications are not supported on this platform yet", Fix: "reminders show in the tray and the reminder window"}
}
