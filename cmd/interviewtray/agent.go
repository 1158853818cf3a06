package main

import (
	"context"
	"fmt"
	"io"
)

func init() {
	register("agent", "start the tray agent (the default)", runAgent)
}

// runAgent will start the resident tray agent. Until the agent lands it says
// how to try the simulator instead.
func runAgent(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs, _ := newFlags("agent", stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	return fmt.Errorf("the tray agent is not built yet; run `make run` to start the Zoom simulator with demo data")
}
