package exefind

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("executable bits")
	}
	// Not beside the test binary, not on PATH: the error says where it looked.
	t.Setenv("PATH", t.TempDir())
	if _, err := Find("exefind-test-companion"); err == nil || !strings.Contains(err.Error(), "no exefind-test-companion in ") || !strings.Contains(err.Error(), "on PATH") {
		t.Fatalf("missing: %v", err)
	}
	// On PATH: found there; a file without the executable bit is not.
	dir := t.TempDir()
	p := filepath.Join(dir, "exefind-test-companion")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	if _, err := Find("exefind-test-companion"); err == nil {
		t.Fatal("found a file that is not executable")
	}
	if err := os.Chmod(p, 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := Find("exefind-test-companion"); err != nil || got != p {
		t.Fatalf("Find = %q, %v; want %q", got, err, p)
	}
	// A relative PATH entry is not searched.
	t.Chdir(dir)
	t.Setenv("PATH", ".")
	if _, err := Find("exefind-test-companion"); err == nil || !strings.Contains(err.Error(), "relative entries") {
		t.Fatalf("relative PATH: %v", err)
	}
	// Beside the running executable: found before PATH.
	exe, _ := os.Executable()
	if got, err := Find(filepath.Base(exe)); err != nil || filepath.Dir(got) != filepath.Dir(exe) {
		t.Fatalf("beside the executable: %q, %v", got, err)
	}
}
