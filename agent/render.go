package agent

import (
	"context"
	"time"

	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/ui/tray"
)

// view is the tray's view of the agent's state now.
func (a *Agent) view(snap *meetingsync.Snapshot) tray.View {
	a.mu.Lock()
	v := tray.View{
		Now: a.opts.Now(), Loc: a.opts.Location,
		SignedIn:  a.signedIn && (snap == nil || !snap.Health.SignedOut),
		SigningIn: a.signIn.State == "waiting",
		Email:     a.email,
	}
	a.mu.Unlock()
	v.HideNames = a.engine.Settings().HideNames
	v.Problems = a.agentProblems()
	return v
}

// renderTray keeps the tray in step: on every change, and at the moments
// the tooltip changes on its own (minute boundaries only while an interview
// is within the hour). Apply rebuilds the menu only when it changed.
func (a *Agent) renderTray(ctx context.Context, t *tray.Tray) {
	changes, stop := a.Changes()
	defer stop()
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		snap := a.engine.Snapshot()
		v := a.view(snap)
		t.Apply(tray.Build(snap, v))
		// Timers run on the monotonic clock, which stops while a laptop
		// sleeps; a change (the engine's wake) redraws at once anyway.
		timer.Reset(max(tray.NextUpdate(snap, v).Sub(v.Now), time.Second))
		select {
		case <-ctx.Done():
			return
		case <-changes:
		case <-timer.C:
		}
	}
}
