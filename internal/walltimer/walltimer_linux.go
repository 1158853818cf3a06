package walltimer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// waitUntil reads a timerfd through the Go netpoller: the goroutine parks
// while the timer runs and no thread or timer of the runtime wakes for it.
// Where a timerfd cannot be had (a sandbox that forbids it, no descriptor
// left) it steps instead.
func waitUntil(ctx context.Context, t time.Time, kick <-chan struct{}) bool {
	f, err := arm(t)
	if err != nil {
		return stepped(ctx, t, kick)
	}
	defer f.Close()
	read := make(chan error, 1)
	go func() {
		// 8 bytes, the number of expiries; or ECANCELED when the clock was
		// set; or the deadline below. Each means: look at the clock again.
		var buf [8]byte
		_, err := f.Read(buf[:])
		read <- err
	}()
	interrupt := func() {
		f.SetReadDeadline(time.Unix(1, 0)) // in the past: the Read returns at once
		<-read
	}
	select {
	case err := <-read:
		if err != nil && !errors.Is(err, unix.ECANCELED) {
			// Not expected from a timerfd; step rather than return at once
			// again and again.
			return stepped(ctx, t, kick)
		}
		return false
	case <-kick:
		interrupt()
		return true
	case <-ctx.Done():
		interrupt()
		return false
	}
}

// arm returns a non-blocking timerfd of CLOCK_REALTIME that becomes
// readable when the wall clock reaches t (TFD_TIMER_ABSTIME), or when the
// clock is set meanwhile (TFD_TIMER_CANCEL_ON_SET: the read fails with
// ECANCELED). A suspend does not delay it: as the system resumes, the
// kernel fires CLOCK_REALTIME timers that came due meanwhile (and recent
// kernels report the resume to TFD_TIMER_CANCEL_ON_SET timers as a clock
// change); either way the wait ends.
func arm(t time.Time) (*os.File, error) {
	fd, err := unix.TimerfdCreate(unix.CLOCK_REALTIME, unix.TFD_NONBLOCK|unix.TFD_CLOEXEC)
	if err != nil {
		return nil, fmt.Errorf("timerfd_create: %w", err)
	}
	// An all-zero value disarms the timer; a time at or before the epoch is
	// due at once anyway.
	spec := unix.ItimerSpec{Value: unix.Timespec{Sec: t.Unix(), Nsec: int64(t.Nanosecond())}}
	if spec.Value.Sec < 0 || spec.Value.Sec == 0 && spec.Value.Nsec == 0 {
		spec.Value = unix.Timespec{Nsec: 1}
	}
	if err := unix.TimerfdSettime(fd, unix.TFD_TIMER_ABSTIME|unix.TFD_TIMER_CANCEL_ON_SET, &spec, nil); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("timerfd_settime: %w", err)
	}
	// os.NewFile registers a non-blocking descriptor with the netpoller.
	// Had that failed, a Read would block a thread and no deadline could
	// interrupt it: SetReadDeadline says so (os.ErrNoDeadline).
	f := os.NewFile(uintptr(fd), "timerfd")
	if err := f.SetReadDeadline(time.Time{}); err != nil {
		f.Close()
		return nil, fmt.Errorf("timerfd not pollable: %w", err)
	}
	return f, nil
}
