//go:build unix

package zoomfolder

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/internal/testenv"
)

// TestFIFORecordingConf: a FIFO named recording.conf in a recording
// folder is not waited on (the old code's open blocked the sync loop for
// good): the folder is scanned at once and its recording is ready.
func TestFIFORecordingConf(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2026-03-03 09.02.00 Interview_ Ada")
	testenv.Mkfifo(t, filepath.Join(dir, "recording.conf"))
	if err := os.WriteFile(filepath.Join(dir, "video.mp4"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	testenv.Within(t, 5*time.Second, "Scan", func() {
		s, err := Scan(dir)
		if err != nil || s.Converting || len(s.Files) != 1 {
			t.Errorf("scan = %+v, %v", s, err)
		}
	})
}
