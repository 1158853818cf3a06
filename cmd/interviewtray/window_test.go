package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/interviewtray/interviewtray/agent"
	"github.com/interviewtray/interviewtray/internal/buildinfo"
)

// fakeWindowExe puts a window executable on PATH (alone) that prints
// version for --version.
func fakeWindowExe(t *testing.T, version string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("uses a shell script")
	}
	bin := t.TempDir()
	exe := filepath.Join(bin, agent.WindowExecutable())
	if err := os.WriteFile(exe, []byte("#!/bin/sh\necho '"+version+"'\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	return exe
}

// TestDoctorChecksTheWindows: doctor says when the window executable is
// missing or from another build, and names the one it found otherwise.
func TestDoctorChecksTheWindows(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if c := windowsCheck(t.Context()); c.ok || !strings.HasPrefix(c.detail, "windows are not installed") || c.fix == "" {
		t.Errorf("none installed: %+v", c)
	}
	fakeWindowExe(t, "0.0.1+other")
	if c := windowsCheck(t.Context()); c.ok || !strings.Contains(c.detail, "from another build (0.0.1+other; this is "+buildinfo.Version()+")") {
		t.Errorf("another build: %+v", c)
	}
	exe := fakeWindowExe(t, buildinfo.Version())
	if c := windowsCheck(t.Context()); !c.ok || c.detail != exe {
		t.Errorf("this build's: %+v", c)
	}
}

// TestWindowCommandSaysWindowsAreNotInstalled: `interviewtray window`
// runs the window executable, and says so when there is none.
func TestWindowCommandSaysWindowsAreNotInstalled(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), &stdout, &stderr, []string{"window", "agenda"}); code != 1 ||
		!strings.Contains(stderr.String(), "windows are not installed: no "+agent.WindowExecutable()) {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
	// With one, its output and exit status are the command's.
	fakeWindowExe(t, "ran")
	stdout.Reset()
	if code := run(context.Background(), &stdout, &stderr, []string{"--demo", "window", "agenda"}); code != 0 || stdout.String() != "ran\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}
