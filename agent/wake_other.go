//go:build !linux

package agent

import (
	"context"
	"log/slog"
)

// watchWake: outside Linux the engine's capped timers (internal/walltimer
// waits in steps of at most 30 s there) notice a resume within half a
// minute.
func watchWake(ctx context.Context, wake func(), log *slog.Logger) {}
