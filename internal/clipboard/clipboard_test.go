package clipboard

import (
	"context"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"github.com/interviewtray/interviewtray/internal/testenv"
)

func TestCommands(t *testing.T) {
	names := func(cs []command) string {
		var n []string
		for _, c := range cs {
			n = append(n, c.name)
		}
		return strings.Join(n, ",")
	}
	if got := names(commands("linux", true)); got != "wl-copy,xclip,xsel" {
		t.Errorf("wayland: %s", got)
	}
	if got := names(commands("linux", false)); got != "xclip,xsel" {
		t.Errorf("x11: %s", got)
	}
	if got := names(commands("darwin", false)); got != "pbcopy" {
		t.Errorf("darwin: %s", got)
	}
	if got := names(commands("windows", false)); got != "" {
		t.Errorf("windows: %s, want none (the Win32 API)", got)
	}
}

func TestWriteUnderX(t *testing.T) {
	// Real clipboard round trip on the X display the tests run under.
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no X clipboard: clipboard_windows_test.go")
	}
	if os.Getenv("DISPLAY") == "" {
		testenv.Missing(t, "an X display (DISPLAY)")
	}
	testenv.RequireCommands(t, "xclip")
	t.Setenv("WAYLAND_DISPLAY", "")
	want := "Meeting ID: 857 4606 5432\nPasscode: aB3dE9"
	if err := Write(context.Background(), want); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("xclip", "-selection", "clipboard", "-out").Output()
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != want {
		t.Errorf("clipboard holds %q, want %q", out, want)
	}
}

func TestWriteWithoutPrograms(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows uses no program: clipboard_windows_test.go")
	}
	t.Setenv("PATH", t.TempDir())
	if err := Write(context.Background(), "x"); err != ErrUnavailable {
		t.Fatalf("err = %v, want ErrUnavailable", err)
	}
}
