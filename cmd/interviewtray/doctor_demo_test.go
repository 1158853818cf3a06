package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/internal/userdirs"
)

// TestDoctorDemoHintsAndFolder: in the demo, every hint names the demo's
// command (`interviewtray --demo login` signs in to the simulator, where
// `interviewtray login` would go to Zoom), and doctor reports the missing
// recording folder that status lists.
func TestDoctorDemoHintsAndFolder(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, v := range []string{"XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"} {
		t.Setenv(v, filepath.Join(home, v))
	}
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		// No desktop: the tray, notification and keychain checks fail fast.
		t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+filepath.Join(home, "no-bus"))
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	checks := doctorChecks(ctx, io.Discard, true)
	for _, c := range checks {
		t.Logf("%s: %s / %s", c.name, c.detail, c.fix)
	}
	var folder *check
	for i, c := range checks {
		text := c.detail + " " + c.fix
		for _, bad := range []string{"`interviewtray login`", "`interviewtray`"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s: demo hint names %s: %q", c.name, bad, text)
			}
		}
		if c.name == "agent" && !strings.Contains(c.detail, "`interviewtray --demo`") {
			t.Errorf("agent: %q", c.detail)
		}
		if c.name == "signed in" && c.fix != "fix the keychain first" && !strings.Contains(c.fix, "`interviewtray --demo login`") {
			t.Errorf("signed in: fix %q", c.fix)
		}
		if c.name == "recording folder" {
			folder = &checks[i]
		}
	}
	want := filepath.Join(home, "Documents", "Zoom") + " does not exist"
	if runtime.GOOS == "windows" {
		// The Documents known folder, which HOME does not move.
		want = userdirs.ZoomRecordings() + " does not exist"
	}
	if folder == nil || !strings.Contains(folder.detail, want) {
		t.Errorf("recording folder check = %+v, want %q", folder, want)
	}
}
