// Package safefile reads files that may not be what they should: every
// file the sync engine reads (its own files, and recording.conf in the
// user's recording folder) is read by ReadCapped or opened by
// OpenRegular. Only a regular file is read, it is opened without
// blocking (a FIFO or a device in its place is refused at once rather
// than waited on), its size is checked before reading, and no more than
// the cap is read even if it grows meanwhile. A read that does not finish
// within Timeout (a hung network mount) is abandoned: its goroutine is
// left to finish whenever the kernel lets it.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"
)

// Timeout bounds one read of a file.
const Timeout = 10 * time.Second

var (
	// ErrNotRegular: the path is a FIFO, a device, a socket or a folder.
	ErrNotRegular = errors.New("not a regular file")
	// ErrTooLarge: the file is larger than the cap.
	ErrTooLarge = errors.New("file too large")
	// ErrTimeout: the read did not finish in time.
	ErrTimeout = errors.New("file read timed out")
)

// ReadCapped returns the content of the regular file at path, at most
// limit bytes (ErrTooLarge beyond). A missing file gives an error that
// matches fs.ErrNotExist.
func ReadCapped(path string, limit int64) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	ch := make(chan result, 1) // the abandoned goroutine never blocks on it
	go func() {
		data, err := readRegular(path, limit)
		ch <- result{data, err}
	}()
	t := time.NewTimer(Timeout)
	defer t.Stop()
	select {
	case r := <-ch:
		return r.data, r.err
	case <-t.C:
		return nil, fmt.Errorf("read %s: %w after %v", path, ErrTimeout, Timeout)
	}
}

// readRegular is ReadCapped's work, in the caller's goroutine.
func readRegular(path string, limit int64) ([]byte, error) {
	f, err := OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("read %s: %w (%d bytes, at most %d)", path, ErrTooLarge, st.Size(), limit)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("read %s: %w (grew beyond %d bytes)", path, ErrTooLarge, limit)
	}
	return data, nil
}

// OpenRegular opens path for reading without blocking and refuses what is
// not a regular file. The caller closes the file.
func OpenRegular(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openNonBlock, 0)
	if err != nil {
		return nil, err // *fs.PathError: says the path and matches fs.ErrNotExist
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("read %s: %w (%s)", path, ErrNotRegular, fileKind(st.Mode()))
	}
	return f, nil
}

// fileKind names what a non-regular file is, for messages.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "mode " + m.String()
}
