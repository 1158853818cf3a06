package userdirs

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestZoomRecordingsUnderHome(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows asks the known-folder API: userdirs_windows_test.go")
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	if got, want := ZoomRecordings(), filepath.Join(home, "Documents", "Zoom"); got != want {
		t.Errorf("ZoomRecordings = %q, want %q", got, want)
	}
	t.Setenv("HOME", "")
	if runtime.GOOS == "linux" && os.Getenv("HOME") == "" {
		if got := ZoomRecordings(); got != "" {
			t.Errorf("no home: ZoomRecordings = %q, want empty", got)
		}
	}
}
