package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/interviewtray/interviewtray/agent"
	"github.com/interviewtray/interviewtray/internal/buildinfo"
	"github.com/interviewtray/interviewtray/localapi"
)

// The windows are a separate executable, interviewtray-window (see
// agent.FindWindows): this one never links Fyne.

func init() {
	register("window", "open an app window: "+strings.Join(localapi.Windows(), ", ")+" (runs "+agent.WindowExecutable()+")", runWindow)
}

// runWindow opens one of the app's windows by running the window
// executable, and returns when the window is closed. The window talks to
// the running agent (the demo agent with --demo).
func runWindow(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs, g := newFlags("window", stderr)
	// Flags may come after the name too: `interviewtray window NAME --demo`.
	var names []string
	for {
		if err := parse(fs, args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		names = append(names, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(names) != 1 {
		return fmt.Errorf("%w: want one window name (%s)", errUsage, strings.Join(localapi.Windows(), ", "))
	}
	if !slices.Contains(localapi.Windows(), names[0]) {
		return fmt.Errorf("%w: unknown window %q (known: %s)", errUsage, names[0], strings.Join(localapi.Windows(), ", "))
	}
	exe, err := agent.FindWindows()
	if err != nil {
		return err
	}
	wargs := []string{names[0]}
	if g.demo {
		wargs = append(wargs, "--demo")
	}
	cmd := exec.CommandContext(ctx, exe, wargs...)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	// Ctrl-C or SIGTERM here closes the window as closing it would.
	cmd.Cancel = func() error {
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			return cmd.Process.Kill()
		}
		return nil
	}
	cmd.WaitDelay = 5 * time.Second
	err = cmd.Run()
	if ctx.Err() != nil {
		return nil // asked to stop: the window closed
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() > 0 {
		return exitError{code: ee.ExitCode()} // the window said why
	}
	return err
}

// windowsCheck is the doctor's line for the window executable: installed,
// it runs, and it is of this build.
func windowsCheck(ctx context.Context) check {
	const fix = "reinstall Interview Tray (its package holds both executables), or run `make run`, which builds both into bin/"
	exe, err := agent.FindWindows()
	if err != nil {
		return check{name: "windows", detail: err.Error(), fix: fix}
	}
	vctx, cancel := context.WithTimeout(ctx, doctorTimeout)
	defer cancel()
	out, err := exec.CommandContext(vctx, exe, "--version").Output()
	if err != nil {
		return check{name: "windows", detail: fmt.Sprintf("%s does not run: %v", exe, err), fix: fix}
	}
	if v, ours := strings.TrimSpace(string(out)), buildinfo.Version(); v != ours {
		return check{name: "windows", detail: fmt.Sprintf("%s is from another build (%s; this is %s)", exe, v, ours),
			fix: "install both executables from the same build: " + fix}
	}
	return check{name: "windows", ok: true, detail: exe}
}
