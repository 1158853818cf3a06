// Command interviewtray is the Interview Tray desktop app: with no arguments it
// starts the resident tray agent; its subcommands sign in and out, report
// status and open the app's windows.
//
// Every subcommand accepts --demo, which points it at the built-in Zoom
// simulator instead of Zoom, with credentials kept apart from real ones.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// command is one subcommand. run gets the arguments after the subcommand's
// name; it parses them with newFlags so that --demo is accepted everywhere.
type command struct {
	summary string
	run     func(ctx context.Context, stdout, stderr io.Writer, args []string) error
}

// commands lists the subcommands; each lives in a file of its own.
var commands = map[string]command{}

// register adds a subcommand; called from init in the subcommand's file.
func register(name, summary string, run func(ctx context.Context, stdout, stderr io.Writer, args []string) error) {
	commands[name] = command{summary: summary, run: run}
}

// errUsage marks an error whose message is a usage problem (exit status 2).
var errUsage = errors.New("usage")

// exitError carries a specific exit status with no further message.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Stdout, os.Stderr, os.Args[1:])
	stop()
	os.Exit(code)
}

// run dispatches to a subcommand and returns the process exit status.
func run(ctx context.Context, stdout, stderr io.Writer, args []string) int {
	name, rest := splitCommand(args)
	if name == "help" || name == "-h" || name == "--help" {
		usage(stdout)
		return 0
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "interviewtray: unknown command %q\n\n", name)
		usage(stderr)
		return 2
	}
	err := cmd.run(ctx, stdout, stderr, rest)
	var ee exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.code
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "interviewtray %s: %v\n", name, err)
		return 2
	default:
		fmt.Fprintf(stderr, "interviewtray %s: %v\n", name, err)
		return 1
	}
}

// splitCommand finds the subcommand name among the arguments. Flags may come
// before it (interviewtray --demo login); with no name the agent runs.
func splitCommand(args []string) (string, []string) {
	for i, a := range args {
		if len(a) > 0 && a[0] != '-' {
			rest := append(append([]string{}, args[:i]...), args[i+1:]...)
			return a, rest
		}
		if a == "-h" || a == "--help" || a == "-help" {
			return "help", nil
		}
	}
	return "agent", args
}

// globalFlags are accepted by every subcommand.
type globalFlags struct {
	demo bool
}

// newFlags returns a flag set for a subcommand with the global flags on it.
func newFlags(name string, stderr io.Writer) (*flag.FlagSet, *globalFlags) {
	fs := flag.NewFlagSet("interviewtray "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	g := &globalFlags{}
	fs.BoolVar(&g.demo, "demo", false, "use the built-in Zoom simulator instead of Zoom")
	return fs, g
}

// parseFlags parses args for a command that takes flags only.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	return nil
}

// parse parses args; a bad flag is a usage error (exit status 2), which
// the flag package has already reported with the command's flags.
func parse(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		return exitError{2}
	}
	return err
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: interviewtray [--demo] [command] [flags]")
	fmt.Fprintln(w, "\nWith no command the tray agent starts. Commands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
}
