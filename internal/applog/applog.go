// Package applog writes the app's log: slog records to a size-capped file in
// the user's state directory, with secrets scrubbed before they are written.
//
// Scrubbing is a second line of defence: code must not log tokens, passcodes
// or start URLs in the first place, but if one slips into an error message
// it is replaced by "[redacted]" here.
package applog

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
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

// secretKey matches attribute keys whose values are never written.
var secretKey = regexp.MustCompile(`(?i)(token|secret|password|passcode|pwd|verifier|start_url|authorization|cookie|^code$)`)

// secretText matches secrets inside free text: query parameters, bearer
// headers and JSON fields.
var secretText = regexp.MustCompile(`(?i)((?:access_token|refresh_token|id_token|token|code|code_verifier|client_secret|pwd|passcode|password|zak)=)[^&\s"']+` +
	`|(bearer\s+)[A-Za-z0-9._~+/=-]+` +
	`|("(?:access_token|refresh_token|client_secret|password|passcode|start_url)"\s*:\s*")[^"]*`)

// Scrub replaces secrets in free text with [redacted].
func Scrub(s string) string {
	return secretText.ReplaceAllString(s, "$1$2$3[redacted]")
}

// NewHandler returns a slog handler writing text records to w, scrubbing
// secret attributes and secrets inside messages and string values.
func NewHandler(w io.Writer, level slog.Leveler) slog.Handler {
	return &scrubHandler{next: slog.NewTextHandler(w, &slog.HandlerOptions{Level: level, ReplaceAttr: scrubAttr})}
}

func scrubAttr(groups []string, a slog.Attr) slog.Attr {
	if secretKey.MatchString(a.Key) {
		return slog.String(a.Key, "[redacted]")
	}
	switch a.Value.Kind() {
	case slog.KindString:
		if s := a.Value.String(); s != Scrub(s) {
			return slog.String(a.Key, Scrub(s))
		}
	case slog.KindAny:
		if err, ok := a.Value.Any().(error); ok {
			return slog.String(a.Key, Scrub(err.Error()))
		}
	}
	return a
}

// scrubHandler scrubs the message; attributes go through scrubAttr.
type scrubHandler struct{ next slog.Handler }

func (h *scrubHandler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h *scrubHandler) Handle(ctx context.Context, r slog.Record) error {
	if s := Scrub(r.Message); s != r.Message {
		nr := slog.NewRecord(r.Time, r.Level, s, r.PC)
		r.Attrs(func(a slog.Attr) bool { nr.AddAttrs(a); return true })
		r = nr
	}
	return h.next.Handle(ctx, r)
}

func (h *scrubHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &scrubHandler{next: h.next.WithAttrs(attrs)}
}

func (h *scrubHandler) WithGroup(name string) slog.Handler {
	return &scrubHandler{next: h.next.WithGroup(name)}
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
