//go:build !windows

package localapi

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// SocketPath is where the agent listens: in the user runtime directory
// ($XDG_RUNTIME_DIR/interviewtray), else in a folder of the user cache
// directory ($XDG_CACHE_HOME or ~/.cache, then interviewtray/run), never in
// a shared one such as /tmp, where another user could take the name first.
// (On Windows it is a named pipe: socket_windows.go.) The agent, its windows
// and the commands all find it here. The demo agent has its own socket so a
// demo never talks to a real agent.
func SocketPath(demo bool) (string, error) {
	dir, err := socketDir()
	if err != nil {
		return "", err
	}
	name := "agent.sock"
	if demo {
		name = "agent-demo.sock"
	}
	path := filepath.Join(dir, name)
	if limit := maxSocketPath(); len(path) > limit {
		return "", fmt.Errorf("local API: socket path %s is longer than the system allows (%d bytes); set XDG_RUNTIME_DIR to a shorter private directory", path, limit)
	}
	return path, nil
}

// maxSocketPath is the longest Unix socket path the system takes: sun_path
// holds 108 bytes on Linux, 104 on macOS and the BSDs, a NUL included.
func maxSocketPath() int {
	switch runtime.GOOS {
	case "linux", "android":
		return 107
	}
	return 103
}

func socketDir() (string, error) {
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "interviewtray"), nil
	}
	// The cache directory is inside the user's home, so only the user can
	// create a folder there; prepareDir still checks its owner and mode.
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("local API: no runtime or cache directory for the socket: %w", err)
	}
	return filepath.Join(cache, "interviewtray", "run"), nil
}

// prepareDir creates the socket's directory, private to the user (0700), and
// refuses one that others could write to.
func prepareDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("local API: create %s: %w", dir, err)
	}
	st, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("local API: %w", err)
	}
	if !st.IsDir() {
		return fmt.Errorf("local API: %s is not a directory", dir)
	}
	if err := checkOwner(st); err != nil {
		return fmt.Errorf("local API: %s: %w", dir, err)
	}
	if st.Mode().Perm() != 0o700 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("local API: make %s private: %w", dir, err)
		}
	}
	return nil
}

// Listen makes this process the agent: it takes the socket at path, or
// returns ErrAgentRunning when a live agent holds it. A socket left behind by
// a dead agent is detected and replaced. A lock file next to the socket keeps
// two agents starting at the same moment from both winning; it is released
// when the returned listener is closed.
func Listen(path string) (net.Listener, error) {
	if err := prepareDir(filepath.Dir(path)); err != nil {
		return nil, err
	}
	unlock, err := lockFile(path + ".lock")
	if err != nil {
		if errors.Is(err, errLocked) {
			return nil, ErrAgentRunning
		}
		return nil, fmt.Errorf("local API: %w", err)
	}
	if Alive(path) {
		unlock()
		return nil, ErrAgentRunning
	}
	// Nobody answers: whatever is at path is a dead agent's socket.
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		unlock()
		return nil, fmt.Errorf("local API: remove stale socket: %w", err)
	}
	ln, err := net.Listen("unix", path)
	if err != nil {
		unlock()
		return nil, fmt.Errorf("local API: listen on %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		unlock()
		return nil, fmt.Errorf("local API: make socket private: %w", err)
	}
	return &lockedListener{Listener: ln, unlock: unlock}, nil
}

// dial connects to the agent's Unix socket at path.
func dial(ctx context.Context, path string) (net.Conn, error) {
	d := net.Dialer{Timeout: 2 * time.Second}
	return d.DialContext(ctx, "unix", path)
}

// lockedListener releases the start-up lock when closed.
type lockedListener struct {
	net.Listener
	unlock func()
}

func (l *lockedListener) Close() error {
	err := l.Listener.Close()
	l.unlock()
	return err
}
