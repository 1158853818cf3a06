// Package clipboard puts text on the system clipboard from the tray agent,
// which has no GUI toolkit of its own: through wl-copy, xclip or xsel on
// Linux and pbcopy on macOS, and through the Win32 clipboard API on Windows
// (clipboard_windows.go: no program to find there). The text goes to the
// programs through standard input, never the command line, so it never
// shows in a process list.
package clipboard

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// ErrUnavailable means no clipboard program is installed.
var ErrUnavailable = errors.New("no clipboard program found (install xclip, xsel or wl-clipboard)")

// timeout bounds one clipboard write.
const timeout = 5 * time.Second

// command is one way to write the clipboard.
type command struct {
	name string
	args []string
}

// commands lists the programs to try, best first, for this platform.
func commands(goos string, wayland bool) []command {
	switch goos {
	case "darwin":
		return []command{{"pbcopy", nil}}
	case "windows":
		return nil // the Win32 API, clipboard_windows.go
	}
	cmds := []command{
		{"xclip", []string{"-selection", "clipboard", "-in"}},
		{"xsel", []string{"--clipboard", "--input"}},
	}
	if wayland {
		cmds = append([]command{{"wl-copy", nil}}, cmds...)
	}
	return cmds
}

// Write puts text on the clipboard.
func Write(ctx context.Context, text string) error {
	if runtime.GOOS == "windows" {
		return writeSystem(ctx, text)
	}
	for _, c := range commands(runtime.GOOS, os.Getenv("WAYLAND_DISPLAY") != "") {
		path, err := exec.LookPath(c.name)
		if err != nil {
			continue
		}
		return run(ctx, path, c.args, text)
	}
	return ErrUnavailable
}

func run(ctx context.Context, path string, args []string, text string) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Stdin = strings.NewReader(text)
	// xclip and xsel fork a child that stays to serve the selection: no
	// pipes for its output, or Run would wait for the child to exit.
	cmd.Stdout, cmd.Stderr = nil, nil
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("clipboard: %s: %w", cmd.Path, err)
	}
	return nil
}
