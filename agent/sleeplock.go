package agent

import (
	"context"
	"strconv"
	"strings"
	"sync"

	"github.com/interviewtray/interviewtray/internal/inhibit"
	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/ui/tray"
)

// While Zoom converts a local recording of an interview (the engine sees
// the conversion: RecConverting), the agent keeps the computer awake with
// internal/inhibit (logind's Inhibit on Linux, SetThreadExecutionState on
// Windows): Zoom's help warns that sleep or shutdown during the
// conversion corrupts the files. It releases the lock when no recording
// converts any more, when the user says "Let it sleep", or after the cap
// (inhibit.DefaultCap, 2 hours); it tells the user once per recording.

// keepAwaker is a Desktop that can keep the computer awake.
type keepAwaker interface {
	KeepAwake(ctx context.Context, why string) (*inhibit.Lock, error)
}

// KeepAwake takes the platform's lock (inhibit.Hold).
func (d *systemDesktop) KeepAwake(ctx context.Context, why string) (*inhibit.Lock, error) {
	return inhibit.Hold(ctx, why)
}

// Notification key prefix and button of the sleep lock.
const (
	keepAwakeNote   = "keep-awake:"
	keepAwakeButton = "let_sleep"
)

// sleepLock is the agent's hold on sleep.
type sleepLock struct {
	mu sync.Mutex // guards the fields below; held while a lock is taken
	// lock is held while a recording converts; nil otherwise.
	lock *inhibit.Lock
	// told are the recordings the user was told of; over, those the lock
	// ended for (the cap, the user, a failure): never held again for them.
	told, over map[string]bool
	// holding are the recordings the lock is held for.
	holding []string
}

// converting returns the keys and topics of the local recordings being
// converted.
func converting(snap *meetingsync.Snapshot) (keys, topics []string) {
	if snap == nil {
		return nil, nil
	}
	for _, r := range snap.Recordings {
		if r.Kind == meetingsync.KindLocal && r.State == meetingsync.RecConverting && r.Links.Folder != "" {
			keys, topics = append(keys, r.Links.Folder), append(topics, r.Topic)
		}
	}
	return keys, topics
}

// keepAwake takes or releases the lock as snap's conversions say.
func (a *Agent) keepAwake(ctx context.Context, snap *meetingsync.Snapshot) {
	d, ok := a.desk.(keepAwaker)
	if !ok || a.opts.Demo { // the demo's recordings are not real: no real lock
		return
	}
	keys, topics := converting(snap)
	s := &a.sleep
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.told == nil {
		s.told, s.over = map[string]bool{}, map[string]bool{}
	}
	var want, whats []string
	for i, k := range keys {
		if !s.over[k] {
			want, whats = append(want, k), append(whats, topics[i])
		}
	}
	if len(want) == 0 {
		if s.lock != nil {
			a.log.Info("no recording converts any more: the computer may sleep")
			s.releaseLocked(false)
		}
		return
	}
	s.holding = want
	if s.lock == nil {
		hide := a.engine.Settings().HideNames
		why := "Zoom is converting the recording of " + recordingNames(whats, hide)
		l, err := d.KeepAwake(ctx, why)
		if err != nil {
			a.log.Warn("could not keep the computer awake while Zoom converts a recording", "err", err)
			for _, k := range want {
				s.over[k] = true
			}
			return
		}
		s.lock = l
		a.log.Info("keeping the computer awake while Zoom converts a recording")
		go a.watchSleepLock(l)
	}
	var fresh []string
	for i, k := range want {
		if !s.told[k] {
			s.told[k] = true
			fresh = append(fresh, whats[i])
		}
	}
	if len(fresh) > 0 {
		a.tellKeepAwake(ctx, fresh)
	}
}

// watchSleepLock notes a lock the cap ended: its recordings are over.
func (a *Agent) watchSleepLock(l *inhibit.Lock) {
	<-l.Done()
	if !l.Expired() {
		return
	}
	a.log.Info("kept the computer awake as long as it may: it may sleep again", "cap", inhibit.DefaultCap)
	s := &a.sleep
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lock == l {
		s.releaseLocked(true)
	}
}

// releaseLocked lets the computer sleep; with over, the recordings held
// for are not held for again. Call with s.mu held.
func (s *sleepLock) releaseLocked(over bool) {
	if s.lock != nil {
		s.lock.Release()
		s.lock = nil
	}
	if over {
		for _, k := range s.holding {
			s.over[k] = true
		}
	}
	s.holding = nil
}

// letSleep is the notification's "Let it sleep".
func (a *Agent) letSleep() {
	s := &a.sleep
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lock != nil {
		a.log.Info("the user lets the computer sleep during a conversion")
		s.releaseLocked(true)
	}
}

// releaseSleep lets the computer sleep as the agent quits.
func (a *Agent) releaseSleep() {
	s := &a.sleep
	s.mu.Lock()
	defer s.mu.Unlock()
	s.releaseLocked(false)
}

// tellKeepAwake says once that the computer stays awake.
func (a *Agent) tellKeepAwake(ctx context.Context, topics []string) {
	if a.notifier == nil {
		return
	}
	n := tray.Notification{
		Key:   keepAwakeNote + "converting",
		Title: "Zoom is converting the recording of " + recordingNames(topics, a.engine.Settings().HideNames),
		Body: "Keep the computer on until it is done: sleep or shutdown during the conversion can damage the recording. " +
			"Interview Tray keeps it awake for up to 2 hours.",
		Buttons: []tray.Button{{Key: keepAwakeButton, Label: "Let it sleep"}},
	}
	a.mu.Lock()
	a.notes[n.Key] = noteCommands{keepAwakeButton: {Name: localapi.CmdLetSleep}}
	a.mu.Unlock()
	nctx, cancel := context.WithTimeout(ctx, notifyTimeout)
	defer cancel()
	if err := a.notifier.Notify(nctx, n); err != nil {
		a.log.Warn("notification failed", "err", err)
	}
}

// recordingNames names the interviews, or says "an interview" with names
// hidden.
func recordingNames(topics []string, hide bool) string {
	var out []string
	for _, t := range topics {
		if hide || strings.TrimSpace(t) == "" {
			t = "an interview"
		}
		out = append(out, t)
	}
	if len(out) > 2 {
		return out[0] + " and " + strconv.Itoa(len(out)-1) + " more"
	}
	return strings.Join(out, " and ")
}

// doLetSleep releases the sleep lock (the notification's "Let it sleep").
func (a *Agent) doLetSleep(context.Context, localapi.Command) (localapi.Result, error) {
	a.letSleep()
	return localapi.Result{}, nil
}
