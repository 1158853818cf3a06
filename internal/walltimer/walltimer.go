// Package walltimer waits until a time on the wall clock.
//
// Go's timers run on the monotonic clock, which stops while a laptop is
// suspended: a time.Timer set for 09:50 before a suspend at 09:40 and a
// resume at 10:00 fires at 10:10. Code that must act at a wall-clock time
// therefore used to wake every few seconds to look at the clock, which
// costs an idle process its wakeups. On Linux, WaitUntil waits on a timerfd
// of CLOCK_REALTIME instead, which the kernel fires at the wall-clock time,
// across a suspend too, and which returns early when the clock is set. On
// other systems it waits in steps of at most maxStep.
package walltimer

import (
	"context"
	"time"
)

// maxStep bounds each wait where the wall clock cannot be waited on: after
// a suspend, the caller looks at the clock again within this long.
const maxStep = 30 * time.Second

// WaitUntil blocks until the wall clock reads t or later, kick receives a
// value, or ctx is done, and reports whether kick received. It may return
// before t (a stepped wait, or the clock was set): callers look at the
// clock and wait again. A nil kick never receives. It is safe for
// concurrent use.
func WaitUntil(ctx context.Context, t time.Time, kick <-chan struct{}) (kicked bool) {
	return waitUntil(ctx, t.Round(0), kick)
}

// stepped waits on a monotonic timer for at most maxStep.
func stepped(ctx context.Context, t time.Time, kick <-chan struct{}) bool {
	return Sleep(ctx, min(max(time.Until(t), 0), maxStep), kick)
}

// Sleep waits d on a monotonic timer, or until kick receives (kicked is
// true) or ctx ends.
func Sleep(ctx context.Context, d time.Duration, kick <-chan struct{}) (kicked bool) {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-kick:
		return true
	case <-timer.C:
		return false
	}
}
