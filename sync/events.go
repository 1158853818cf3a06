package sync

// Events are queued under the engine's lock (after what they announce was
// saved) and handed to the Events channel by their own goroutine, so a
// slow reader never holds up reminders.

import (
	"context"
)

// queueLocked queues an event for the forwarder.
func (e *Engine) queueLocked(ev Event) {
	if len(e.queue) >= maxQueuedEvents {
		e.log.Warn("event queue full, dropping the oldest event", "dropped", e.queue[0].String())
		e.queue = e.queue[1:]
	}
	e.queue = append(e.queue, ev)
	select {
	case e.eventWake <- struct{}{}:
	default:
	}
}

// forwardEvents hands queued events to the Events channel, in order.
func (e *Engine) forwardEvents(ctx context.Context) {
	for {
		e.mu.Lock()
		q := e.queue
		e.queue = nil
		e.mu.Unlock()
		for i, ev := range q {
			select {
			case e.events <- ev:
			case <-ctx.Done():
				e.mu.Lock()
				e.queue = append(q[i:], e.queue...)
				e.mu.Unlock()
				return
			}
		}
		if len(q) > 0 {
			continue
		}
		select {
		case <-e.eventWake:
		case <-ctx.Done():
			return
		}
	}
}
