//go:build !nowindow

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/interviewtray/interviewtray/ui/window"
)

func init() {
	register("window", "open an app window: "+strings.Join(window.Names(), ", "), runWindow)
}

// runWindow opens one of the app's windows in this process and returns when
// it is closed. The window talks to the running agent (the demo agent with
// --demo).
func runWindow(ctx context.Context, _, stderr io.Writer, args []string) error {
	fs, g := newFlags("window", stderr)
	// Flags may come after the name too: the agent starts windows as
	// `interviewtray window NAME --demo`.
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
		return fmt.Errorf("%w: want one window name (%s)", errUsage, strings.Join(window.Names(), ", "))
	}
	err := window.Run(ctx, names[0], window.Options{Demo: g.demo})
	if errors.Is(err, window.ErrUnknown) {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	return err
}
