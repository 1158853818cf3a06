package agent

import (
	"context"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"time"
)

// The agent runs all day and is idle almost all of it: between two sync
// passes (minutes to an hour apart) it holds only its snapshot. A pass
// briefly needs far more (decoding Zoom's and the calendars' answers), and
// the Go runtime gives the freed heap back to the system only slowly, so
// without help the idle agent would keep the last pass's peak resident.
// trimWhenIdle hands it back once the agent has gone quiet after a change.
const (
	// trimQuiet is how long after the last change the agent trims.
	trimQuiet = 10 * time.Second
	// trimEvery is the least time between two trims: a busy spell (an
	// interview about to start, with a pass a minute) trims at most this
	// often, as each trim is a full garbage collection.
	trimEvery = 30 * time.Second
)

// trimWhenIdle returns freed memory to the system (trim, by default
// debug.FreeOSMemory) trimQuiet after a change, at most once per trimEvery,
// until ctx ends.
func (a *Agent) trimWhenIdle(ctx context.Context, trim func()) {
	changes, stop := a.Changes()
	defer stop()
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	defer quiet.Stop()
	var last time.Time
	pending := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-changes:
			pending = true
			wait := trimQuiet
			if !last.IsZero() {
				wait = max(wait, trimEvery-time.Since(last))
			}
			quiet.Reset(wait)
		case <-quiet.C:
			if pending {
				trim()
				last, pending = time.Now(), false
			}
		}
	}
}

// freeOSMemory is the default trim.
func freeOSMemory() { debug.FreeOSMemory() }

// memoryClasses are the runtime's memory classes logged after a trim.
var memoryClasses = []string{
	"/memory/classes/heap/objects:bytes",
	"/memory/classes/heap/unused:bytes",
	"/memory/classes/heap/free:bytes",
	"/memory/classes/heap/stacks:bytes",
	"/memory/classes/os-stacks:bytes",
	"/memory/classes/metadata/other:bytes",
	"/memory/classes/metadata/mspan/inuse:bytes",
	"/memory/classes/other:bytes",
	"/memory/classes/total:bytes",
	"/memory/classes/heap/released:bytes",
}

// memoryLogEvery is the least time between two memory lines in the log.
const memoryLogEvery = time.Hour

// logMemory logs what the Go runtime holds, by class, in KiB: what an idle
// agent's anonymous memory is made of (docs/benchmarks.md, part 1). It
// writes at most a line an hour (at the first trim, then hourly).
func (a *Agent) logMemory() {
	a.mu.Lock()
	due := a.memoryLogged.IsZero() || time.Since(a.memoryLogged) >= memoryLogEvery
	if due {
		a.memoryLogged = time.Now()
	}
	a.mu.Unlock()
	if !due {
		return
	}
	samples := make([]metrics.Sample, len(memoryClasses))
	for i, name := range memoryClasses {
		samples[i].Name = name
	}
	metrics.Read(samples)
	args := make([]any, 0, 2*len(samples))
	for _, s := range samples {
		if s.Value.Kind() == metrics.KindUint64 {
			name := strings.TrimSuffix(strings.TrimPrefix(s.Name, "/memory/classes/"), ":bytes")
			args = append(args, strings.ReplaceAll(name, "/", "_")+"_kib", s.Value.Uint64()/1024)
		}
	}
	a.log.Info("memory after trimming", args...)
}
