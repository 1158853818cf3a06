package window

import (
	"context"
	"errors"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/interviewtray/interviewtray/localapi"
)

// uiDo runs f on Fyne's UI goroutine: the bridge's do in a window process.
func uiDo(f func()) { fyne.Do(f) }

// quitWhenDone quits the app when ctx ends (Ctrl-C in a terminal, SIGTERM),
// the way closing the window would; the returned func stops watching ctx.
func quitWhenDone(ctx context.Context, a fyne.App) (stop func() bool) {
	return context.AfterFunc(ctx, func() { uiDo(a.Quit) })
}

// Retry delays while no agent answers: the first, and the cap of the
// doubling.
const (
	minRetry = 2 * time.Second
	maxRetry = 30 * time.Second
)

// callTimeout bounds one command to the agent. The client has its own
// timeout too; this one also covers a client that has none (a fake).
const callTimeout = 60 * time.Second

// errAgentGone is why the state stream ended while the agent was answering.
var errAgentGone = errors.New("the Interview Tray agent stopped answering")

// bridge is the one place where work crosses between the UI goroutine and
// the others: the agent's state stream, commands to the agent and the
// minute tick all run on goroutines the bridge owns, and come back to the UI
// only through do (fyne.Do in a window process). Screens never start
// goroutines or call Fyne from one.
type bridge struct {
	api API
	// do runs f on the UI goroutine: fyne.Do in a window process, a queue
	// that the test drains in tests.
	do      func(f func())
	timeout time.Duration

	ctx      context.Context // the window's lifetime
	cancel   context.CancelFunc
	wg       sync.WaitGroup // every goroutine the bridge started
	retryNow chan struct{}
}

func newBridge(api API, do func(func())) *bridge {
	ctx, cancel := context.WithCancel(context.Background())
	return &bridge{api: api, do: do, timeout: callTimeout, ctx: ctx, cancel: cancel, retryNow: make(chan struct{}, 1)}
}

// Close stops the bridge's goroutines and waits for them. Nothing reaches
// the UI after it returns. Safe to call twice.
func (b *bridge) Close() {
	b.cancel()
	b.wg.Wait()
}

// post runs f on the UI goroutine unless the window is gone.
func (b *bridge) post(f func()) {
	if b.ctx.Err() != nil {
		return
	}
	b.do(f)
}

// call runs f off the UI goroutine with a timeout, then done with its error
// on the UI goroutine. Call it from the UI goroutine.
func (b *bridge) call(f func(ctx context.Context) error, done func(error)) {
	if b.ctx.Err() != nil {
		return
	}
	b.wg.Go(func() {
		ctx, cancel := context.WithTimeout(b.ctx, b.timeout)
		defer cancel()
		err := f(ctx)
		b.post(func() { done(err) })
	})
}

// watch follows the agent's state for as long as the window is open: every
// state goes to onState and, when no agent answers (at first or later),
// onLost gets the reason. While lost it tries again after minRetry,
// doubling up to maxRetry, or at once after retry.
func (b *bridge) watch(onState func(localapi.State), onLost func(error)) {
	b.wg.Go(func() {
		delay := minRetry
		for {
			ch, err := b.api.Watch(b.ctx)
			if err == nil {
				for st := range ch {
					b.post(func() { onState(st) })
					delay = minRetry
				}
				err = errAgentGone
			}
			if b.ctx.Err() != nil {
				return
			}
			b.post(func() { onLost(err) })
			t := time.NewTimer(delay)
			select {
			case <-b.ctx.Done():
				t.Stop()
				return
			case <-b.retryNow:
				t.Stop()
			case <-t.C:
			}
			delay = min(2*delay, maxRetry)
		}
	})
}

// retry makes a lost watch try again now.
func (b *bridge) retry() {
	select {
	case b.retryNow <- struct{}{}:
	default:
	}
}

// everyMinute calls f on the UI goroutine just after each minute boundary
// of now, for texts relative to now ("in 12 min"); never more often. The
// boundary is recomputed from the wall clock each time, so a laptop that
// slept catches up at the next boundary.
func (b *bridge) everyMinute(now func() time.Time, f func()) {
	b.wg.Go(func() {
		for {
			n := now()
			t := time.NewTimer(n.Truncate(time.Minute).Add(time.Minute).Sub(n))
			select {
			case <-b.ctx.Done():
				t.Stop()
				return
			case <-t.C:
			}
			b.post(f)
		}
	})
}
