package localapi

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/Microsoft/go-winio"
	"golang.org/x/sys/windows"
)

// SocketPath is where the agent listens on Windows: a named pipe named
// after the current user's SID (pipeName), the same for the agent, its
// windows and the commands. The demo agent has its own.
func SocketPath(demo bool) (string, error) {
	sid, err := currentSID()
	if err != nil {
		return "", err
	}
	return pipeName(sid, demo)
}

// currentSID is the SID of the user this process runs as.
func currentSID() (string, error) {
	u, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return "", fmt.Errorf("local API: who am I: %w", err)
	}
	return u.User.Sid.String(), nil
}

// Listen makes this process the agent: it creates the pipe at path as its
// first instance, so that only one process can serve the name, with a
// security descriptor that admits only this user and SYSTEM (pipeSDDL). When
// the name is taken by a live agent it returns ErrAgentRunning. A pipe
// vanishes with the process that made it, so nothing stale is left behind.
// A lock file in the user's local app data keeps two agents starting at the
// same moment from both winning (and does it under Wine, which lets a second
// process create a first instance too); it is released on Close.
func Listen(path string) (net.Listener, error) {
	sid, err := currentSID()
	if err != nil {
		return nil, err
	}
	sddl, err := pipeSDDL(sid)
	if err != nil {
		return nil, err
	}
	unlock, err := lockFile(lockPath(path))
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
	ln, err := listenPipe(path, sddl)
	if err != nil {
		unlock()
		if errors.Is(err, windows.ERROR_ACCESS_DENIED) || errors.Is(err, windows.ERROR_PIPE_BUSY) {
			// The name exists and does not answer us: taken by someone else.
			return nil, fmt.Errorf("local API: the pipe %s is taken by another process: %w", path, err)
		}
		return nil, fmt.Errorf("local API: listen on %s: %w", path, err)
	}
	return &lockedListener{Listener: ln, unlock: unlock}, nil
}

// lockPath is the lock file for the pipe at path, in the user's own local
// app data folder (created private to the user by the profile's ACLs).
func lockPath(path string) string {
	base := os.Getenv("LOCALAPPDATA")
	if base == "" {
		base = os.TempDir()
	}
	dir := filepath.Join(base, "interviewtray")
	os.MkdirAll(dir, 0o700)
	return filepath.Join(dir, strings.TrimPrefix(path, `\\.\pipe\`)+".lock")
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

// dial opens the agent's pipe, and trusts it only when the process serving
// it runs as this user: pipe names are global, so another user could have
// created ours first to pose as the agent.
func dial(ctx context.Context, path string) (net.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	c, err := winio.DialPipeContext(ctx, path)
	if err != nil {
		return nil, &net.OpError{Op: "dial", Net: "pipe", Err: err}
	}
	if err := checkServer(c); err != nil {
		c.Close()
		return nil, &net.OpError{Op: "dial", Net: "pipe", Err: err}
	}
	return c, nil
}

var errForeignServer = errors.New("the pipe is served by another user's process")

// checkServer compares the user of the process at the other end of the
// pipe with this process's user.
func checkServer(c net.Conn) error {
	f, ok := c.(interface{ Fd() uintptr })
	if !ok {
		return errors.New("not a pipe")
	}
	var pid uint32
	if err := windows.GetNamedPipeServerProcessId(windows.Handle(f.Fd()), &pid); err != nil {
		return fmt.Errorf("pipe server: %w", err)
	}
	p, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, pid)
	if err != nil {
		return fmt.Errorf("pipe server process %d: %w", pid, err)
	}
	defer windows.CloseHandle(p)
	var tok windows.Token
	if err := windows.OpenProcessToken(p, windows.TOKEN_QUERY, &tok); err != nil {
		return fmt.Errorf("pipe server process %d: %w", pid, err)
	}
	defer tok.Close()
	theirs, err := tok.GetTokenUser()
	if err != nil {
		return fmt.Errorf("pipe server process %d: %w", pid, err)
	}
	mine, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return err
	}
	if !windows.EqualSid(theirs.User.Sid, mine.User.Sid) {
		return errForeignServer
	}
	return nil
}
