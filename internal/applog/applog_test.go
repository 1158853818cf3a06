package applog

import (
	"bytes"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestScrub(t *testing.T) {
	tests := []struct{ in, want string }{
		{"GET https://us05web.zoom.us/j/123?pwd=abcDEF.1 failed", "GET https://us05web.zoom.us/j/123?pwd=[redacted] failed"},
		{"callback /oauth/callback?code=xyz&state=s1", "callback /oauth/callback?code=[redacted]&state=s1"},
		{"Authorization: Bearer eyJhbGciOi.x-y_z", "Authorization: Bearer [redacted]"},
		{`body {"access_token":"eyJ123","expires_in":3599}`, `body {"access_token":"[redacted]","expires_in":3599}`},
		{"refresh_token=r1 client_secret=s3", "refresh_token=[redacted] client_secret=[redacted]"},
		{"https://zoom.us/s/1?zak=Zak123", "https://zoom.us/s/1?zak=[redacted]"},
		{"nothing secret here: meeting 85746065432", "nothing secret here: meeting 85746065432"},
	}
	for _, tt := range tests {
		if got := Scrub(tt.in); got != tt.want {
			t.Errorf("Scrub(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestHandlerRedacts(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(NewHandler(&buf, slog.LevelDebug))
	log.Info("token refresh failed: refresh_token=SECRET1",
		"access_token", "SECRET2",
		"passcode", "SECRET3",
		"url", "https://zoom.us/j/1?pwd=SECRET4",
		"err", errors.New(`oauth2: "Bearer SECRET5"`),
		"meeting", int64(85746065432))
	log.With("client_secret", "SECRET6").WithGroup("g").Info("x", "start_url", "SECRET7")
	out := buf.String()
	for i := 1; i <= 7; i++ {
		if s := "SECRET" + string(rune('0'+i)); strings.Contains(out, s) {
			t.Errorf("log contains %s:\n%s", s, out)
		}
	}
	if !strings.Contains(out, "meeting=85746065432") || strings.Count(out, "[redacted]") < 7 {
		t.Errorf("log lost harmless fields or redactions:\n%s", out)
	}
}

func TestFileRotates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "logs", "app.log")
	lf, err := OpenFile(path, 100)
	if err != nil {
		t.Fatal(err)
	}
	defer lf.Close()
	line := []byte(strings.Repeat("x", 39) + "\n")
	for range 10 {
		if _, err := lf.Write(line); err != nil {
			t.Fatal(err)
		}
	}
	cur, _ := os.ReadFile(path)
	old, _ := os.ReadFile(path + ".1")
	if len(cur) > 100 || len(old) > 100 || len(cur) == 0 || len(old) == 0 {
		t.Errorf("sizes: current %d, rotated %d; want both in (0, 100]", len(cur), len(old))
	}
	if runtime.GOOS == "windows" {
		return // no modes: the profile folder's ACL keeps the log private
	}
	for _, p := range []string{path, filepath.Dir(path)} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if perm := st.Mode().Perm(); perm&0o077 != 0 {
			t.Errorf("%s mode %v, want private", p, perm)
		}
	}
}

func TestFileFullDisk(t *testing.T) {
	// /dev/full answers every write with ENOSPC, as a full disk does. It is a
	// device, which OpenFile refuses, so the File is built around it here.
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/full on Windows (Wine maps one, with its own error text)")
	}
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full on this system")
	}
	lf := &File{path: "/dev/full", maxBytes: 1 << 20, f: f}
	defer lf.Close()
	log := slog.New(NewHandler(lf, slog.LevelInfo))
	log.Info("this write fails and must neither panic nor block")
	if _, err := lf.Write([]byte("x\n")); err == nil || !strings.Contains(err.Error(), "no space") {
		t.Fatalf("write to a full disk: %v", err)
	}
}

func TestFileTightensModes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("modes are Unix only")
	}
	dir := filepath.Join(t.TempDir(), "state")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755) // past the umask
	path := filepath.Join(dir, "app.log")
	if err := os.WriteFile(path, []byte("old line\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o644)
	lf, err := OpenFile(path, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	defer lf.Close()
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != want {
			t.Errorf("%s mode %v, want %v", p, st.Mode().Perm(), want)
		}
	}
	if b, _ := os.ReadFile(path); string(b) != "old line\n" {
		t.Errorf("the existing log was not kept: %q", b)
	}
}

func TestStateDir(t *testing.T) {
	if runtime.GOOS == "windows" {
		// No XDG on Windows: the state is in the local app data folder.
		local := t.TempDir()
		t.Setenv("LOCALAPPDATA", local)
		if d, err := StateDir(); err != nil || d != filepath.Join(local, "InterviewTray", "state") {
			t.Errorf("StateDir = %q, %v; want it in LOCALAPPDATA %s", d, err, local)
		}
		return
	}
	t.Setenv("XDG_STATE_HOME", "/tmp/state-test")
	d, err := StateDir()
	if err != nil || d != "/tmp/state-test/interviewtray" {
		t.Errorf("StateDir = %q, %v", d, err)
	}
	p, _ := Path(true)
	if filepath.Base(p) != "interviewtray-demo.log" {
		t.Errorf("demo log = %q", p)
	}
}
