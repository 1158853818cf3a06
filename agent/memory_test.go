package agent

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// TestTrimWhenIdle: the agent gives memory back once it has been quiet for
// trimQuiet after a change, once for a burst of changes, and no more often
// than trimEvery; with no change it never trims.
func TestTrimWhenIdle(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a := &Agent{subs: map[chan struct{}]bool{}}
		var trims atomic.Int32
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() {
			a.trimWhenIdle(ctx, func() { trims.Add(1) })
			close(done)
		}()
		synctest.Wait()

		time.Sleep(time.Hour)
		if n := trims.Load(); n != 0 {
			t.Fatalf("trims with no change = %d", n)
		}

		// A burst of changes a second apart: one trim, trimQuiet after the last.
		for range 5 {
			a.changed()
			synctest.Wait()
			time.Sleep(time.Second)
		}
		time.Sleep(trimQuiet - 2*time.Second)
		synctest.Wait()
		if n := trims.Load(); n != 0 {
			t.Fatalf("trimmed %d times before the quiet period ended", n)
		}
		time.Sleep(2 * time.Second)
		synctest.Wait()
		if n := trims.Load(); n != 1 {
			t.Fatalf("trims after the burst = %d, want 1", n)
		}

		// Another change soon after waits until trimEvery has passed since
		// the trim (a second ago).
		a.changed()
		synctest.Wait()
		time.Sleep(trimEvery - 5*time.Second)
		synctest.Wait()
		if n := trims.Load(); n != 1 {
			t.Fatalf("trims within trimEvery = %d, want 1", n)
		}
		time.Sleep(5 * time.Second)
		synctest.Wait()
		if n := trims.Load(); n != 2 {
			t.Fatalf("trims after trimEvery = %d, want 2", n)
		}

		cancel()
		<-done
	})
}

// TestLogMemory: after a trim the log says what the runtime holds, by
// class, at most once an hour.
func TestLogMemory(t *testing.T) {
	var buf bytes.Buffer
	a := &Agent{subs: map[chan struct{}]bool{}, log: slog.New(slog.NewTextHandler(&buf, nil))}
	a.logMemory()
	a.logMemory()
	out := buf.String()
	if strings.Count(out, "memory after trimming") != 1 || !strings.Contains(out, "heap_objects_kib=") || !strings.Contains(out, "heap_stacks_kib=") {
		t.Errorf("log:\n%s", out)
	}
}
