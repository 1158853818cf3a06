package autostart

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// fakeProgram makes an executable file in a directory the tests treat as
// stable (t.TempDir is under the temporary directory, which Enable refuses:
// tempRoots is moved aside for the test).
func fakeProgram(t *testing.T) string {
	t.Helper()
	old := tempRoots
	tempRoots = func() []string { return nil }
	t.Cleanup(func() { tempRoots = old })
	dir := filepath.Join(t.TempDir(), "Interview Tray 100% #2")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(dir, "interviewtray")
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	if err := os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return exe
}

func TestValidateRefusesWhatWillNotStart(t *testing.T) {
	exe := fakeProgram(t)
	notExec := filepath.Join(filepath.Dir(exe), "data.txt")
	if err := os.WriteFile(notExec, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	// Where go run builds: an absolute path on this platform.
	goRun, goRunElsewhere := "/tmp/go-build1234567/b001/exe/interviewtray", "/var/cache/go-build99/b001/exe/interviewtray"
	if runtime.GOOS == "windows" {
		goRun, goRunElsewhere = `C:\Users\maya\AppData\Local\Temp\go-build1234567\b001\exe\interviewtray.exe`, `D:\cache\go-build99\b001\exe\interviewtray.exe`
	}
	for _, tc := range []struct {
		name string
		e    Entry
		want string
	}{
		{"go run's build", Entry{Exe: goRun}, "temporary build"},
		{"go run's build elsewhere", Entry{Exe: goRunElsewhere}, "temporary build"},
		{"missing", Entry{Exe: filepath.Join(filepath.Dir(exe), "gone")}, "does not exist"},
		{"a folder", Entry{Exe: filepath.Dir(exe)}, "not a file"},
		{"relative", Entry{Exe: "bin/interviewtray"}, "not absolute"},
		{"missing icon", Entry{Exe: exe, Icon: filepath.Join(tmp, "none.png")}, "icon"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.e.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Validate(%+v) = %v, want an error saying %q", tc.e, err, tc.want)
			}
		})
	}
	if runtime.GOOS != "windows" {
		if err := (Entry{Exe: notExec}).Validate(); err == nil || !strings.Contains(err.Error(), "not executable") {
			t.Errorf("a file without execute bits: %v", err)
		}
	}
	if err := (Entry{Exe: exe}).Validate(); err != nil {
		t.Errorf("a stable program: %v", err)
	}
}

func TestTemporaryDirectoryIsRefused(t *testing.T) {
	dir := t.TempDir() // under os.TempDir(), which tempRoots names
	exe := filepath.Join(dir, "interviewtray")
	if err := os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := (Entry{Exe: exe}).Validate(); !errors.Is(err, ErrTemporary) {
		t.Errorf("Validate(program under %s) = %v, want ErrTemporary", os.TempDir(), err)
	}
}

func TestCheckFindsABrokenEntry(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("XDG autostart is for Linux and other Unix desktops")
	}
	cfg, data := t.TempDir(), t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	t.Setenv("XDG_DATA_HOME", data)
	t.Setenv("XDG_DATA_DIRS", filepath.Join(data, "none"))

	if p, err := Check(); p != nil || err != nil {
		t.Fatalf("Check with start at login off = %v, %v", p, err)
	}
	exe := fakeProgram(t)
	icon, err := InstallIcon([]byte("\x89PNG fake"))
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(data, "icons", "hicolor", "512x512", "apps", "interviewtray.png"); icon != want {
		t.Errorf("InstallIcon = %s, want %s", icon, want)
	}
	if err := Enable(Entry{Exe: exe, Args: []string{"--demo"}, Icon: icon}); err != nil {
		t.Fatal(err)
	}
	if p, err := Check(); len(p) != 0 || err != nil {
		t.Fatalf("Check of a good entry = %q, %v", p, err)
	}

	// The program goes away (a go run binary after its run, an uninstall).
	if err := os.Remove(exe); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(icon); err != nil {
		t.Fatal(err)
	}
	p, err := Check()
	if err != nil || len(p) != 2 || !strings.Contains(p[0], "does not exist") || !strings.Contains(p[1], "icon") {
		t.Errorf("Check after the program and icon went = %q, %v", p, err)
	}

	// An entry written by an older version: a temporary build and the
	// theme's icon name, which is not installed.
	path := filepath.Join(cfg, "autostart", desktopFileName)
	old := desktopFile(Entry{Exe: "/tmp/go-build42/b001/exe/interviewtray", Args: []string{"--demo"}})
	if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	p, _ = Check()
	if len(p) != 2 || !strings.Contains(p[0], "temporary build") || !strings.Contains(p[1], "interviewtray is not installed") {
		t.Errorf("Check of an old go run entry = %q", p)
	}
	// The theme's name resolves once an icon theme holds it.
	themed := filepath.Join(data, "icons", "hicolor", "48x48", "apps", "interviewtray.png")
	if err := os.MkdirAll(filepath.Dir(themed), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(themed, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if p, _ = Check(); len(p) != 1 {
		t.Errorf("Check with the themed icon installed = %q", p)
	}
}

func TestExecProgramUndoesDesktopQuote(t *testing.T) {
	for _, exe := range []string{
		"/usr/bin/interviewtray",
		"/opt/Interview Tray/interviewtray",
		`/home/a/b"c/$d/100%/e\f/g#h/interviewtray`,
		"/home/ünï/`x`/interviewtray",
	} {
		file := desktopFile(Entry{Exe: exe, Args: []string{"--demo"}})
		if got := execProgram(desktopValue(file, "Exec")); got != exe {
			t.Errorf("execProgram(%q) = %q, want %q", desktopValue(file, "Exec"), got, exe)
		}
	}
}

func TestPlistProgram(t *testing.T) {
	exe := "/Applications/Interview Tray & Co.app/Contents/MacOS/interviewtray"
	if got := plistProgram(launchAgent(Entry{Exe: exe})); got != exe {
		t.Errorf("plistProgram = %q", got)
	}
}
