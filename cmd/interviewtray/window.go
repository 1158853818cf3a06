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
// it is closed.
func runWindow(ctx context.Context, _, stderr io.Writer, args []string) error {
	fs, _ := newFlags("window", stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want one window name (%s)", errUsage, strings.Join(window.Names(), ", "))
	}
	err := window.Run(ctx, fs.Arg(0))
	if errors.Is(err, window.ErrUnknown) {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	return err
}
