// Package applog writes the app's log: slog records to a size-capped file in
// the user's state directory, with secrets scrubbed before they are written.
//
// Scrubbing is a second line of defence: code must not log tokens, passcodes
// or start URLs in the first place, but if one slips into an error message
// it is replaced by "[redacted]" here.
package applog

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// DefaultMaxBytes is the size at which the log file is rotated.
const DefaultMaxBytes = 1 << 20

// File is an io.Writer appending to path; when the file would grow past
// maxBytes it is renamed to path+".1" (replacing the older one) and a new
// file is started, so the log never takes more than about 2*maxBytes.
type File struct {
	path     string
	maxBytes int64

	mu sync.Mutex // guards f and size
	f  *os.File
	// size is the current file's length.
	size int64
}

// OpenFile opens (creating with mode 0600, and its directory with 0700) the
// log file at path. A wider mode on either is tightened. The file must be a
// regular file: a symlink is not followed (its target is never written), and
// a FIFO or device is refused.
func OpenFile(path string, maxBytes int64) (*File, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	if err := privateDir(filepath.Dir(path)); err != nil {
		return nil, err
	}
	lf := &File{path: path, maxBytes: maxBytes}
	if err := lf.open(); err != nil {
		return nil, err
	}
	return lf, nil
}

// privateDir creates dir with mode 0700, or tightens an existing one.
func privateDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("log directory: %w", err)
	}
	if runtime.GOOS == "windows" {
		return nil // ACLs, not modes, protect the user's profile
	}
	st, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("log directory: %w", err)
	}
	if !st.IsDir() {
		return fmt.Errorf("log directory: %s is not a directory", dir)
	}
	if st.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(dir, st.Mode().Perm()&0o700); err != nil {
			return fmt.Errorf("log directory: make %s private: %w", dir, err)
		}
	}
	return nil
}

func (lf *File) open() error {
	// noFollow refuses a symlink at path; nonBlock keeps a FIFO there from
	// blocking the open (it is then refused as not a regular file).
	f, err := os.OpenFile(lf.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND|noFollow|nonBlock, 0o600)
	if err != nil {
		return fmt.Errorf("open log: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("open log: %w", err)
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return fmt.Errorf("open log: %s is not a regular file", lf.path)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		if err := f.Chmod(0o600); err != nil {
			f.Close()
			return fmt.Errorf("open log: make it private: %w", err)
		}
	}
	lf.f, lf.size = f, st.Size()
	return nil
}

// Write appends p, rotating first when p would take the file past the cap.
// A write that fails (a full disk) is reported, never retried in a loop.
func (lf *File) Write(p []byte) (int, error) {
	lf.mu.Lock()
	defer lf.mu.Unlock()
	if lf.f == nil {
		return 0, os.ErrClosed
	}
	if lf.size > 0 && lf.size+int64(len(p)) > lf.maxBytes {
		lf.f.Close()
		lf.f = nil
		if err := os.Rename(lf.path, lf.path+".1"); err != nil && !os.IsNotExist(err) {
			return 0, fmt.Errorf("rotate log: %w", err)
		}
		if err := lf.open(); err != nil {
			return 0, err
		}
	}
	n, err := lf.f.Write(p)
	lf.size += int64(n)
	return n, err
}

// Close closes the file.
func (lf *File) Close() error {
	lf.mu.Lock()
	defer lf.mu.Unlock()
	if lf.f == nil {
		return nil
	}
	err := lf.f.Close()
	lf.f = nil
	return err
}

// Path returns the log file's path for the app: in the user's state
// directory ($XDG_STATE_HOME, else ~/.local/state on Unix; the user cache
// directory elsewhere). demo logs go to a separate file.
func Path(demo bool) (string, error) {
	dir, err := StateDir()
	if err != nil {
		return "", err
	}
	name := "interviewtray.log"
	if demo {
		name = "interviewtray-demo.log"
	}
	return filepath.Join(dir, name), nil
}

// StateDir is the app's directory for state that is not configuration:
// $XDG_STATE_HOME/interviewtray, ~/.local/state/interviewtray, or on macOS
// and Windows a folder in the user cache directory.
func StateDir() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "interviewtray"), nil
	}
	if isXDG() {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("state directory: %w", err)
		}
		return filepath.Join(home, ".local", "state", "interviewtray"), nil
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("state directory: %w", err)
	}
	return filepath.Join(cache, "InterviewTray", "state"), nil
}

func isXDG() bool {
	switch runtime.GOOS {
	case "darwin", "windows", "ios", "android", "plan9":
		return false
	}
	return true
}
