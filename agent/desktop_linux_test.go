package agent

import (
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeOpener puts an xdg-open first on PATH that writes the argument it
// was given to a file, and returns a function that waits for it.
func fakeOpener(t *testing.T) func() string {
	t.Helper()
	bin := t.TempDir()
	out := filepath.Join(t.TempDir(), "argv")
	script := "#!/bin/sh\nprintf '%s' \"$1\" > \"$FAKE_OPENER_OUT.tmp\" && mv \"$FAKE_OPENER_OUT.tmp\" \"$FAKE_OPENER_OUT\"\n"
	if err := os.WriteFile(filepath.Join(bin, "xdg-open"), []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("FAKE_OPENER_OUT", out)
	return func() string {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			if b, err := os.ReadFile(out); err == nil {
				os.Remove(out)
				return string(b)
			}
			time.Sleep(10 * time.Millisecond)
		}
		t.Fatal("the opener was not called within 10s")
		return ""
	}
}

// openedPath is the local path an opener's argument names: a file:// URL
// is decoded as xdg-open and gio do, anything else is a path.
func openedPath(t *testing.T, arg string) string {
	t.Helper()
	if !strings.HasPrefix(arg, "file:") {
		return arg
	}
	u, err := url.Parse(arg)
	if err != nil {
		t.Errorf("the opener got %q, not a valid file URL: %v", arg, err)
		return ""
	}
	return u.Path
}

// TestOpenPathOpensFoldersWithAnyName: folder and file names may hold
// anything the file system allows; the opener gets a path (or URL) naming
// exactly that folder or file.
func TestOpenPathOpensFoldersWithAnyName(t *testing.T) {
	wait := fakeOpener(t)
	d := newSystemDesktop(false, slog.New(slog.DiscardHandler))
	root := t.TempDir()
	names := []string{
		"2026-12-04 10.00.00 Interview #2 Ada",
		"2026-12-04 11.00.00 Ada 100%",
		"%2F..",
		"%41da %s %n",
		"What? ?x=1&y=2",
		`back\slash \n \x41`,
		`It's "quoted"`,
		"Zoë 山田 — entretien",
		"  spaced  out  ",
	}
	for _, name := range names {
		dir := filepath.Join(root, name)
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, name+".mp4")
		if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{dir, file} {
			// When the folder (or its video, for Play) is opened, the opener
			// names the very same folder or file.
			if err := d.OpenPath(p); err != nil {
				t.Fatalf("OpenPath(%q): %v", p, err)
			}
			arg := wait()
			got := openedPath(t, arg)
			want, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if fi, err := os.Stat(got); err != nil || !os.SameFile(fi, want) {
				t.Errorf("OpenPath(%q): the opener got %q, which is not that (%v)", p, arg, err)
			}
		}
	}
}
