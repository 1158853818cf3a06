//go:build windows

package inhibit

import (
	"context"
	"errors"
	"fmt"
	"runtime"

	"golang.org/x/sys/windows"
)

// SetThreadExecutionState flags.
const (
	esContinuous     = 0x80000000
	esSystemRequired = 0x00000001
)

var procSetThreadExecutionState = windows.NewLazySystemDLL("kernel32.dll").NewProc("SetThreadExecutionState")

// platformHold sets ES_CONTINUOUS|ES_SYSTEM_REQUIRED on an OS thread of
// the lock's own (the state belongs to the thread), and clears it there on
// release.
func (in *Inhibitor) platformHold(ctx context.Context, _ string) (func() error, error) {
	if err := procSetThreadExecutionState.Find(); err != nil {
		return nil, fmt.Errorf("SetThreadExecutionState: %w", err)
	}
	started := make(chan error, 1)
	stop := make(chan struct{})
	stopped := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if r, _, err := procSetThreadExecutionState.Call(esContinuous | esSystemRequired); r == 0 {
			started <- fmt.Errorf("SetThreadExecutionState: %w", err)
			return
		}
		started <- nil
		<-stop
		if r, _, err := procSetThreadExecutionState.Call(esContinuous); r == 0 {
			stopped <- fmt.Errorf("SetThreadExecutionState: %w", err)
			return
		}
		stopped <- nil
	}()
	select {
	case err := <-started:
		if err != nil {
			return nil, err
		}
	case <-ctx.Done():
		close(stop) // should it start after all, it clears the state at once
		return nil, errors.Join(ctx.Err(), errors.New("SetThreadExecutionState did not answer"))
	}
	return func() error {
		close(stop)
		return <-stopped
	}, nil
}
