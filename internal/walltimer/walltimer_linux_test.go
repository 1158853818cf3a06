package walltimer

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// These run on the real clock: a timerfd is the kernel's, which
// testing/synctest cannot fake. The margins are wide for a loaded machine.

func TestWaitUntilFiresAtTheWallClockTime(t *testing.T) {
	// Given a time a little ahead on the wall clock
	due := time.Now().Add(150 * time.Millisecond).Round(0)
	// When waiting for it
	kicked := WaitUntil(t.Context(), due, nil)
	// Then it returns once the wall clock reads it, and soon after
	now := time.Now().Round(0)
	if kicked {
		t.Error("kicked without a kick")
	}
	if now.Before(due) {
		t.Errorf("returned %v before the due time", due.Sub(now))
	}
	if late := now.Sub(due); late > time.Second {
		t.Errorf("returned %v after the due time", late)
	}
}

func TestWaitUntilPastTimeReturnsAtOnce(t *testing.T) {
	for _, due := range []time.Time{time.Now().Add(-time.Hour), time.Unix(0, 0), {}} {
		start := time.Now()
		if WaitUntil(t.Context(), due, nil) {
			t.Errorf("%v: kicked without a kick", due)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("%v: waited %v for a time in the past", due, d)
		}
	}
}

func TestWaitUntilKick(t *testing.T) {
	// Given a wait for an hour from now
	kick := make(chan struct{}, 1)
	done := make(chan bool)
	go func() { done <- WaitUntil(t.Context(), time.Now().Add(time.Hour), kick) }()
	time.Sleep(50 * time.Millisecond)
	// When kicked
	kick <- struct{}{}
	// Then it returns at once and says so
	select {
	case kicked := <-done:
		if !kicked {
			t.Error("a kick returned kicked = false")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("still waiting 5 s after the kick")
	}
}

func TestWaitUntilContextDone(t *testing.T) {
	// Given a wait for an hour from now
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan bool)
	go func() { done <- WaitUntil(ctx, time.Now().Add(time.Hour), nil) }()
	time.Sleep(50 * time.Millisecond)
	// When its context ends
	cancel()
	// Then it returns at once, not kicked
	select {
	case kicked := <-done:
		if kicked {
			t.Error("a cancelled context returned kicked = true")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("still waiting 5 s after the cancel")
	}
}

// TestArmCancelsOnClockSet checks how the timer is armed, from the
// kernel's own description of it (/proc/self/fdinfo): CLOCK_REALTIME,
// TFD_TIMER_ABSTIME|TFD_TIMER_CANCEL_ON_SET, the due time itself. Seeing a
// read fail with ECANCELED would need setting the clock, which takes
// CAP_SYS_TIME and changes the time of the whole machine (a container
// shares its host's clock), so no test does it; WaitUntil returns on that
// failure as it does on the expiry.
func TestArmCancelsOnClockSet(t *testing.T) {
	due := time.Now().Add(time.Hour).Round(0)
	f, err := arm(due)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rc, err := f.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var info []byte
	var readErr error
	if err := rc.Control(func(fd uintptr) {
		info, readErr = os.ReadFile("/proc/self/fdinfo/" + strconv.Itoa(int(fd)))
	}); err != nil {
		t.Fatal(err)
	}
	if readErr != nil {
		t.Skip("no fdinfo:", readErr)
	}
	fields := map[string]string{}
	for line := range strings.Lines(string(info)) {
		if k, v, ok := strings.Cut(line, ":"); ok {
			fields[k] = strings.TrimSpace(v)
		}
	}
	if fields["clockid"] != "0" {
		t.Errorf("clockid %q, want 0 (CLOCK_REALTIME)\n%s", fields["clockid"], info)
	}
	if flags, err := strconv.ParseUint(fields["settime flags"], 8, 32); err != nil || flags != 3 {
		t.Errorf("settime flags %q, want 03 (TFD_TIMER_ABSTIME|TFD_TIMER_CANCEL_ON_SET)\n%s", fields["settime flags"], info)
	}
	// it_value is the time left, (seconds, nanoseconds): about an hour.
	v := strings.Trim(fields["it_value"], "()")
	sec, _, _ := strings.Cut(v, ",")
	if s, err := strconv.Atoi(strings.TrimSpace(sec)); err != nil || s < 3500 || s > 3600 {
		t.Errorf("it_value %q, want about an hour left\n%s", fields["it_value"], info)
	}
}

// TestWaitUntilLeavesNoGoroutine: the reader goroutine ends with every
// way out of a wait.
func TestWaitUntilLeavesNoGoroutine(t *testing.T) {
	kick := make(chan struct{}, 1)
	kick <- struct{}{}
	WaitUntil(t.Context(), time.Now().Add(time.Hour), kick)
	WaitUntil(t.Context(), time.Now().Add(10*time.Millisecond), nil)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	WaitUntil(ctx, time.Now().Add(time.Hour), nil)
	// The reader has sent its result before WaitUntil returns; give it the
	// moment to exit.
	deadline := time.Now().Add(2 * time.Second)
	for {
		buf := make([]byte, 1<<20)
		stacks := string(buf[:runtime.Stack(buf, true)])
		if !strings.Contains(stacks, "walltimer.waitUntil.func") {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("a reader goroutine is left:\n%s", stacks)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
