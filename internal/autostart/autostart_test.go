package autostart

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestDesktopFile(t *testing.T) {
	got := desktopFile(Entry{Exe: "/opt/Interview Tray/interviewtray", Args: []string{"--demo"}})
	for _, want := range []string{
		"[Desktop Entry]\n", "Type=Application\n", "Name=Interview Tray\n",
		"Exec=\"/opt/Interview Tray/interviewtray\" --demo\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("desktop file lacks %q:\n%s", want, got)
		}
	}
	if q := desktopQuote(`/a/$b"c%`); q != `"/a/\\$b\\"c%%"` {
		t.Errorf("desktopQuote = %s", q)
	}
}

func TestLaunchAgentIsValidPlist(t *testing.T) {
	got := launchAgent(Entry{Exe: "/Applications/Interview Tray.app/Contents/MacOS/interviewtray", Args: []string{"a&b"}})
	dec := xml.NewDecoder(strings.NewReader(got))
	dec.Strict = true
	var strs []string
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		if cd, ok := tok.(xml.CharData); ok && strings.TrimSpace(string(cd)) != "" {
			strs = append(strs, string(cd))
		}
	}
	want := []string{"Label", launchAgentLabel, "ProgramArguments", "/Applications/Interview Tray.app/Contents/MacOS/interviewtray", "a&b", "RunAtLoad", "ProcessType", "Interactive"}
	if strings.Join(strs, "|") != strings.Join(want, "|") {
		t.Errorf("plist strings = %q", strs)
	}
}

func TestRunValue(t *testing.T) {
	if got := runValue(Entry{Exe: `C:\Program Files\Interview Tray\interviewtray.exe`, Args: []string{"--demo", "a b"}}); got != `"C:\Program Files\Interview Tray\interviewtray.exe" --demo "a b"` {
		t.Errorf("runValue = %s", got)
	}
}

func TestEnableDisableXDG(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("XDG autostart is for Linux and other Unix desktops")
	}
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	path := filepath.Join(cfg, "autostart", "interviewtray.desktop")

	if on, err := Enabled(); on || err != nil {
		t.Fatalf("Enabled before Enable = %v, %v", on, err)
	}
	if err := Enable(Entry{Exe: "relative/path"}); err == nil {
		t.Error("a relative program path must be refused")
	}
	exe := fakeProgram(t)
	if err := Enable(Entry{Exe: exe}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(data), "Exec="+desktopQuote(exe)+"\n") {
		t.Fatalf("entry = %q, %v", data, err)
	}
	if on, _ := Enabled(); !on || Location() != path {
		t.Errorf("Enabled = %v, Location = %q", on, Location())
	}
	if err := Disable(); err != nil {
		t.Fatal(err)
	}
	if err := Disable(); err != nil {
		t.Errorf("second Disable: %v", err)
	}
	if on, _ := Enabled(); on {
		t.Error("still enabled after Disable")
	}
}
