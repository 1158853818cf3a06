package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// An autostart entry left by `go run` (its program deleted after the run)
// is reported by doctor as something to fix, not as "on".
func TestDoctorAutostartEntryThatCannotStart(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("XDG autostart is for Linux and other Unix desktops")
	}
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	t.Setenv("XDG_DATA_HOME", t.TempDir())

	if c := autostartCheck(); !c.ok || !c.info || c.detail != "off" {
		t.Errorf("with no entry: %+v", c)
	}
	path := filepath.Join(cfg, "autostart", "interviewtray.desktop")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	entry := "[Desktop Entry]\nType=Application\nName=Interview Tray\nExec=/tmp/go-build3141/b001/exe/interviewtray --demo\nIcon=interviewtray\n"
	if err := os.WriteFile(path, []byte(entry), 0o644); err != nil {
		t.Fatal(err)
	}
	c := autostartCheck()
	if c.ok || c.info || !strings.Contains(c.detail, "temporary build") || !strings.Contains(c.detail, "icon") || !strings.Contains(c.fix, "make run") {
		t.Errorf("with a go run entry: %+v", c)
	}
}
