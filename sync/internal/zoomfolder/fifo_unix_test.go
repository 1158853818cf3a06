//go:build unix

package zoomfolder

import (
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

// TestFIFORecordingConf: a FIFO named recording.conf in a recording
// folder is not waited on (the old code's open blocked the sync loop for
// good): the folder is scanned at once and its recording is ready.
func TestFIFORecordingConf(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2026-03-03 09.02.00 Interview_ Ada")
	mkfifo(t, filepath.Join(dir, "recording.conf"))
	if err := os.WriteFile(filepath.Join(dir, "video.mp4"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	within(t, 5*time.Second, "Scan", func() {
		s, err := Scan(dir)
		if err != nil || s.Converting || len(s.Files) != 1 {
			t.Errorf("scan = %+v, %v", s, err)
		}
	})
}
