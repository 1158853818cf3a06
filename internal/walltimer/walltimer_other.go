//go:build !linux

package walltimer

import (
	"context"
	"time"
)

// waitUntil steps: no wall-clock timer is used here yet (Windows has
// waitable timers with an absolute due time; macOS would need the wake
// notification).
func waitUntil(ctx context.Context, t time.Time, kick <-chan struct{}) bool {
	return stepped(ctx, t, kick)
}
