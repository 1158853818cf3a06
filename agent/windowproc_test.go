package agent

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// The fake desktop starts no processes.
func (d *fakeDesktop) CloseWindows()         {}
func (d *fakeDesktop) WindowsMissing() error { return nil }

// TestFindWindowsLooksBesideThenOnPath: with no window executable beside the
// agent's (the test binary's), the one on PATH is used; with none there
// either, the error says that windows are not installed and where it looked.
func TestFindWindowsLooksBesideThenOnPath(t *testing.T) {
	bin := t.TempDir()
	t.Setenv("PATH", bin)
	_, err := FindWindows()
	self, _ := os.Executable()
	if err == nil || !strings.HasPrefix(err.Error(), "windows are not installed: no "+WindowExecutable()) ||
		!strings.Contains(err.Error(), filepath.Dir(self)) {
		t.Errorf("FindWindows with none installed: %v", err)
	}

	// A file that may not be run does not count (on Unix: Windows has no
	// execute bit, an .exe file is a program).
	exe := filepath.Join(bin, WindowExecutable())
	if err := os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if p, err := FindWindows(); runtime.GOOS != "windows" && err == nil && p == exe {
		t.Errorf("found %s, which may not be run", p)
	}
	if err := os.Chmod(exe, 0o700); err != nil {
		t.Fatal(err)
	}
	if p, err := FindWindows(); err != nil || p != exe {
		t.Errorf("FindWindows = %q, %v; want %s from PATH", p, err, exe)
	}
}
