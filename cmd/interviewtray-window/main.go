// Command interviewtray-window opens one of Interview Tray's windows: the
// onboarding wizard, the agenda, the recordings, the settings, the reminder
// popup or about. The agent (cmd/interviewtray) starts it, from the
// directory of its own executable or else from PATH, when the user opens a
// window from the tray; the window then talks to the agent through its
// local API only, and closes when the agent goes away.
//
// It is the only executable that links Fyne, so the resident agent does
// not pay for Fyne's driver and the cgo libraries it needs.
//
//	interviewtray-window [--demo] NAME
//	interviewtray-window --version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/interviewtray/interviewtray/internal/buildinfo"
	"github.com/interviewtray/interviewtray/ui/window"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Stdout, os.Stderr, os.Args[1:])
	stop()
	os.Exit(code)
}

// errUsage marks a usage error (exit status 2).
var errUsage = errors.New("usage")

// run opens the window the arguments name and returns the exit status.
func run(ctx context.Context, stdout, stderr io.Writer, args []string) int {
	err := open(ctx, stdout, stderr, args)
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "interviewtray-window: %v\n", err)
		return 2
	default:
		fmt.Fprintf(stderr, "interviewtray-window: %v\n", err)
		return 1
	}
}

func open(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs := flag.NewFlagSet("interviewtray-window", flag.ContinueOnError)
	fs.SetOutput(stderr)
	demo := fs.Bool("demo", false, "talk to the demo agent (interviewtray --demo)")
	showVersion := fs.Bool("version", false, "print the version and exit")
	byAgent := fs.Bool("agent", false, "started by the agent: close when no agent answers")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: interviewtray-window [--demo] NAME\n\nNAME is one of: %s\n", strings.Join(window.Names(), ", "))
		fs.PrintDefaults()
	}
	// Flags may come after the name too (interviewtray-window agenda --demo).
	var names []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return fmt.Errorf("%w: %w", errUsage, err)
		}
		if fs.NArg() == 0 {
			break
		}
		names = append(names, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if *showVersion {
		fmt.Fprintln(stdout, buildinfo.Version())
		return nil
	}
	if len(names) != 1 {
		return fmt.Errorf("%w: want one window name (%s)", errUsage, strings.Join(window.Names(), ", "))
	}
	err := window.Run(ctx, names[0], window.Options{Demo: *demo, Version: buildinfo.Version(), ByAgent: *byAgent})
	if errors.Is(err, window.ErrUnknown) {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	return err
}
