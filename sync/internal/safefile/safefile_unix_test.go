//go:build unix

package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// mkfifo makes a FIFO at path and, at cleanup, opens and closes its
// writing end so that a reader stuck on it (the old code) gets EOF.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	t.Cleanup(func() {
		if f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	})
}

// within runs f and fails the test if it does not return within d.
func within(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s: still blocked after %v", what, d)
	}
}

// TestReadCappedRefusesWhatIsNotAFile: a FIFO, a device (through a
// symbolic link, as /dev/zero would be) and a folder are refused at once,
// a file over the cap before it is read; a symbolic link to a regular
// file is read.
func TestReadCappedRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	mkfifo(t, fifo)
	zero := filepath.Join(dir, "zero")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big")
	if err := os.WriteFile(big, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, 1<<20+1); err != nil { // sparse
		t.Fatal(err)
	}
	small := filepath.Join(dir, "small")
	if err := os.WriteFile(small, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(small, link); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path string
		want error
	}{
		{fifo, ErrNotRegular}, {zero, ErrNotRegular}, {dir, ErrNotRegular},
		{big, ErrTooLarge}, {filepath.Join(dir, "missing"), os.ErrNotExist},
		{link, nil},
	} {
		within(t, 5*time.Second, tt.path, func() {
			data, err := ReadCapped(tt.path, 1<<20)
			if !errors.Is(err, tt.want) || (tt.want == nil && string(data) != "{}") {
				t.Errorf("%s: %q, %v; want %v", tt.path, data, err, tt.want)
			}
		})
	}
}
