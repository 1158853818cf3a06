//go:build darwin

package inhibit

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
)

// platformHold starts `caffeinate -i -w PID`: no idle sleep until it is
// killed (release) or this process exits.
func (in *Inhibitor) platformHold(_ context.Context, _ string) (func() error, error) {
	cmd := exec.Command("/usr/bin/caffeinate", "-i", "-w", strconv.Itoa(os.Getpid()))
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start caffeinate: %w", err)
	}
	go func() { _ = cmd.Wait() }() // reaps it whichever way it ends
	return func() error {
		if err := cmd.Process.Kill(); err != nil && err != os.ErrProcessDone {
			return fmt.Errorf("stop caffeinate: %w", err)
		}
		return nil
	}, nil
}
