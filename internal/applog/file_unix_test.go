//go:build !windows

package applog

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestFileRefusesSymlink(t *testing.T) {
	// Given the log's path is a symlink to another file of the user's,
	dir := t.TempDir()
	target := filepath.Join(dir, "bashrc")
	if err := os.WriteFile(target, []byte("precious\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "app.log")
	if err := os.Symlink(target, path); err != nil {
		t.Fatal(err)
	}
	// when the log is opened and written to,
	lf, err := OpenFile(path, 1<<20)
	if err == nil {
		lf.Write([]byte("log line\n"))
		lf.Close()
		t.Error("OpenFile followed a symlink")
	}
	// then the target is untouched.
	if b, _ := os.ReadFile(target); string(b) != "precious\n" {
		t.Errorf("symlink target now holds %q", b)
	}
}

func TestFileRefusesFIFO(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.log")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() {
		lf, err := OpenFile(path, 1<<20)
		if err == nil {
			lf.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Error("OpenFile accepted a FIFO")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("OpenFile blocked on a FIFO")
	}
}
