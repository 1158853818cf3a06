package window

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/localapi"
)

// uiQueue stands in for the UI goroutine: the bridge posts to it and the
// test runs what it takes out.
type uiQueue chan func()

func (q uiQueue) do(f func()) { q <- f }

// next runs the next func posted to the UI, failing after a while.
func (q uiQueue) next(t *testing.T) {
	t.Helper()
	select {
	case f := <-q:
		f()
	case <-time.After(10 * time.Second):
		t.Fatal("nothing reached the UI")
	}
}

func (q uiQueue) empty(t *testing.T) {
	t.Helper()
	select {
	case <-q:
		t.Fatal("something reached the UI")
	default:
	}
}

func TestBridgeCall(t *testing.T) {
	q := make(uiQueue, 10)
	b := newBridge(newFakeAPI(), q.do)
	defer b.Close()

	// When a command fails, its error reaches the UI through do
	boom := errors.New("boom")
	var got error
	b.call(func(context.Context) error { return boom }, func(err error) { got = err })
	q.next(t)
	if got != boom {
		t.Errorf("done got %v, want %v", got, boom)
	}

	// A command gets a deadline
	var deadline bool
	b.call(func(ctx context.Context) error {
		_, deadline = ctx.Deadline()
		return nil
	}, func(error) {})
	q.next(t)
	if !deadline {
		t.Error("the command's context has no deadline")
	}
}

func TestBridgeCloseDropsLateResults(t *testing.T) {
	q := make(uiQueue, 10)
	b := newBridge(newFakeAPI(), q.do)
	started := make(chan struct{})
	b.call(func(ctx context.Context) error {
		close(started)
		<-ctx.Done() // a command the agent never answers
		return ctx.Err()
	}, func(error) { t.Error("a result reached a closed window") })
	<-started

	// When the window closes, the command is cancelled and nothing more
	// reaches the UI
	b.Close()
	q.empty(t)
	b.call(func(context.Context) error { return nil }, func(error) { t.Error("a command ran after Close") })
	b.Close()
	q.empty(t)
}

func TestBridgeWatch(t *testing.T) {
	q := make(uiQueue, 10)
	api := newFakeAPI()
	b := newBridge(api, q.do)
	defer b.Close()
	var states []localapi.State
	var lost []error
	b.watch(func(st localapi.State) { states = append(states, st) }, func(err error) { lost = append(lost, err) })

	// Given no agent, the window hears why
	q.next(t)
	if len(lost) != 1 || !errors.Is(lost[0], localapi.ErrNoAgent) {
		t.Fatalf("lost = %v, want ErrNoAgent", lost)
	}

	// When the agent starts and the user taps Retry, its states arrive
	stream := make(chan localapi.State, 2)
	api.mu.Lock()
	api.watch = func(context.Context) (<-chan localapi.State, error) { return stream, nil }
	api.mu.Unlock()
	stream <- localapi.State{Agent: localapi.AgentInfo{PID: 1}}
	stream <- localapi.State{Agent: localapi.AgentInfo{PID: 2}}
	b.retry()
	q.next(t)
	q.next(t)
	if len(states) != 2 || states[0].Agent.PID != 1 || states[1].Agent.PID != 2 {
		t.Fatalf("states = %+v", states)
	}

	// When the agent goes away, the window hears it
	api.mu.Lock()
	api.watch = nil
	api.mu.Unlock()
	close(stream)
	q.next(t)
	if len(lost) != 2 || !errors.Is(lost[1], errAgentGone) {
		t.Fatalf("lost = %v, want errAgentGone", lost)
	}
}

func TestBridgeRetriesByItself(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := make(uiQueue, 10)
		api := newFakeAPI()
		b := newBridge(api, q.do)
		defer b.Close()
		lost := 0
		b.watch(func(localapi.State) {}, func(error) { lost++ })

		// Given no agent, the watch tries again after 2 s, 4 s, 8 s...
		// up to 30 s, and never more often.
		var at []time.Duration
		start := time.Now()
		for range 7 {
			(<-q)()
			at = append(at, time.Since(start))
		}
		want := []time.Duration{0, 2, 6, 14, 30, 60, 90}
		for i := range want {
			if at[i] != want[i]*time.Second {
				t.Fatalf("attempts at %v, want %v seconds", at, want)
			}
		}
	})
}

func TestBridgeEveryMinute(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := make(uiQueue, 10)
		b := newBridge(newFakeAPI(), q.do)
		defer b.Close()
		time.Sleep(20*time.Second + 300*time.Millisecond) // 00:00:20.3

		var ticks []time.Time
		b.everyMinute(time.Now, func() { ticks = append(ticks, time.Now()) })

		// The ticks come at the minute boundaries, and nothing between
		for range 3 {
			(<-q)()
		}
		for i, tick := range ticks {
			if tick.Second() != 0 || tick.Nanosecond() != 0 || tick.Minute() != i+1 {
				t.Fatalf("ticks at %v, want at 00:01, 00:02, 00:03", ticks)
			}
		}
		time.Sleep(59 * time.Second)
		synctest.Wait()
		q.empty(t)
	})
}
