//go:build unix

package sync

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/internal/testenv"
	"github.com/interviewtray/interviewtray/sync/internal/cloudlist"
	"github.com/interviewtray/interviewtray/sync/internal/safefile"
	"github.com/interviewtray/interviewtray/zoom"
)

// TestLargeFileNotReadIntoMemory: a state file far over the cap costs no
// memory to refuse (the old code read all of it, then checked).
func TestLargeFileNotReadIntoMemory(t *testing.T) {
	path := filepath.Join(t.TempDir(), stateFile)
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, maxFileBytes+100<<20); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var st persistState
	_, err := readJSON(path, &st)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, safefile.ErrTooLarge) {
		t.Errorf("err = %v, want safefile.ErrTooLarge", err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 16<<20 { // the old code: the whole file
		t.Errorf("refusing a %d MiB file allocated %d KiB", (maxFileBytes+100<<20)>>20, n>>10)
	}
}

// TestFIFOInPlaceOfEngineFiles: a FIFO in place of any of the engine's
// files neither hangs New (the old code waited for a writer forever) nor
// stops it: the engine starts with what it has.
func TestFIFOInPlaceOfEngineFiles(t *testing.T) {
	for _, name := range []string{"state/" + stateFile, "config/" + settingsFile, "cache/" + cacheFile, "cache/" + cloudlist.IndexName} {
		t.Run(filepath.Base(name), func(t *testing.T) {
			root := t.TempDir()
			testenv.Mkfifo(t, filepath.Join(root, name))
			testenv.Within(t, 5*time.Second, "New", func() {
				e, err := New(Options{Client: zoom.New(zoom.Options{}), StateDir: filepath.Join(root, "state"),
					ConfigDir: filepath.Join(root, "config"), CacheDir: filepath.Join(root, "cache")})
				if err != nil {
					t.Errorf("New: %v", err)
					return
				}
				e.Close()
			})
		})
	}
}

// TestPrivateModes: files and folders the engine keeps are made 0600 and
// 0700 at start, even those it only reads (the old code left a 0644
// settings.json and 0755 folders as they were).
func TestPrivateModes(t *testing.T) {
	root := t.TempDir()
	dirs := [3]string{filepath.Join(root, "state"), filepath.Join(root, "config"), filepath.Join(root, "cache")}
	files := []string{filepath.Join(dirs[0], stateFile), filepath.Join(dirs[1], settingsFile),
		filepath.Join(dirs[2], cacheFile), filepath.Join(dirs[2], cloudlist.IndexName)}
	for _, d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		if err := os.WriteFile(f, []byte(`{"version":1}`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	e, err := New(Options{Client: zoom.New(zoom.Options{}), StateDir: dirs[0], ConfigDir: dirs[1], CacheDir: dirs[2]})
	if err != nil {
		t.Fatal(err)
	}
	e.Close()
	for _, d := range dirs {
		if st, err := os.Stat(d); err != nil || st.Mode().Perm() != 0o700 {
			t.Errorf("%s: %v %v, want 0700", d, st.Mode(), err)
		}
	}
	for _, f := range files {
		if st, err := os.Stat(f); err == nil && st.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, want 0600", f, st.Mode())
		}
	}
}
