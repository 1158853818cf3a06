package localapi

import (
	"context"
	"errors"
	"time"
)

// ErrAgentRunning is returned by Listen when another agent already answers
// on the socket.
var ErrAgentRunning = errors.New("an Interview Tray agent is already running")

// Alive reports whether an agent answers at path (a Unix socket, or on
// Windows a named pipe).
func Alive(path string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	c, err := dial(ctx, path)
	if err != nil {
		return false
	}
	c.Close()
	return true
}
