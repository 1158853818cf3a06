package agent

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"time"

	"github.com/interviewtray/interviewtray/internal/atomicfile"
)

// The alert's memory (alertBook: shown, snoozed or dismissed per
// occurrence) and the conflicts announced survive a restart of the agent:
// they are kept in Options.StateDir/alerts.json, so that after a restart
// an alert shown before the start does not come again, a dismissal still
// stops the escalations and a conflict is not announced twice. The file
// holds occurrence keys (meeting numbers and start times) and flags,
// nothing else; it is written whole after each change (a temporary file,
// 0600, renamed over the old one, the folder 0700), bounded to
// alertFileTimeout, and pruned of occurrences that started more than
// alertMemoryKept ago. A file that cannot be read is set aside as
// alerts.json.bad-TIMESTAMP with a warning, and the agent starts with an
// empty memory.

const (
	alertFile        = "alerts.json"
	alertFileVersion = 1
	// alertFileTimeout bounds one read or write of the file (a hung
	// network home folder must not hold the alert up).
	alertFileTimeout = 5 * time.Second
	// alertFileMax caps the file read back.
	alertFileMax = 1 << 20
)

// alertRecord is one occurrence's alert in the file.
type alertRecord struct {
	Start     time.Time `json:"start"`
	Shown     bool      `json:"shown,omitempty"`
	Snoozed   bool      `json:"snoozed,omitempty"`
	Dismissed bool      `json:"dismissed,omitempty"`
}

// alertFileData is alerts.json.
type alertFileData struct {
	Version int                    `json:"version"`
	Alerts  map[string]alertRecord `json:"alerts"` // by occurrence key
	// Conflicts are the conflicts announced, by key, with the later
	// interview's start (to prune them).
	Conflicts map[string]time.Time `json:"conflicts"`
}

// alertPath is the file's path; empty without a state folder (the memory
// is then kept in memory only).
func (a *Agent) alertPath() string {
	if a.opts.StateDir == "" {
		return ""
	}
	return filepath.Join(a.opts.StateDir, alertFile)
}

// loadAlerts reads the alert memory and the conflicts announced back
// (New calls it).
func (a *Agent) loadAlerts() {
	path := a.alertPath()
	if path == "" {
		return
	}
	data, err := withTimeout(alertFileTimeout, func() ([]byte, error) { return readRegular(path, alertFileMax) })
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	var f alertFileData
	if err == nil {
		if err = json.Unmarshal(data, &f); err == nil && f.Version != alertFileVersion {
			err = fmt.Errorf("version %d, want %d", f.Version, alertFileVersion)
		}
	}
	if err != nil {
		bad := path + ".bad-" + a.opts.Now().UTC().Format("20060102T150405Z")
		if rerr := os.Rename(path, bad); rerr != nil {
			bad = path
		}
		a.log.Warn("the alerts' memory is not usable; it is kept aside and the agent starts without it", "err", err, "kept", bad)
		return
	}
	now := a.opts.Now()
	a.mu.Lock()
	defer a.mu.Unlock()
	a.alerts.memos = map[string]*alertMemo{}
	for occ, r := range f.Alerts {
		if now.Sub(r.Start) <= alertMemoryKept {
			a.alerts.memos[occ] = &alertMemo{start: r.Start, shown: r.Shown, snoozed: r.Snoozed, dismissed: r.Dismissed}
		}
	}
	a.ready.conflicts = map[string]time.Time{}
	for k, start := range f.Conflicts {
		if now.Sub(start) <= alertMemoryKept {
			a.ready.conflicts[k] = start
		}
	}
}

// saveAlerts writes the alert memory and the conflicts announced. Call
// without a.mu held. A failure is logged (the memory still holds until
// the agent stops).
func (a *Agent) saveAlerts() {
	path := a.alertPath()
	if path == "" {
		return
	}
	// saveMu orders the saves: the one that read the memory last writes
	// last.
	a.alerts.saveMu.Lock()
	defer a.alerts.saveMu.Unlock()
	now := a.opts.Now()
	f := alertFileData{Version: alertFileVersion, Alerts: map[string]alertRecord{}, Conflicts: map[string]time.Time{}}
	a.mu.Lock()
	for occ, m := range a.alerts.memos {
		if (m.shown || m.snoozed || m.dismissed) && now.Sub(m.start) <= alertMemoryKept {
			f.Alerts[occ] = alertRecord{Start: m.start, Shown: m.shown, Snoozed: m.snoozed, Dismissed: m.dismissed}
		}
	}
	maps.DeleteFunc(a.ready.conflicts, func(_ string, start time.Time) bool { return now.Sub(start) > alertMemoryKept })
	maps.Copy(f.Conflicts, a.ready.conflicts)
	a.mu.Unlock()
	data, err := json.MarshalIndent(f, "", "  ")
	if err == nil {
		_, err = withTimeout(alertFileTimeout, func() (struct{}, error) {
			return struct{}{}, atomicfile.Write(path, func(w io.Writer) error { _, err := w.Write(data); return err })
		})
	}
	if err != nil {
		a.log.Warn("could not save the alerts' memory", "err", err)
	}
}

// withTimeout runs f, giving up after d: a call that hangs (a hung
// network mount) is left to finish on its own.
func withTimeout[T any](d time.Duration, f func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	ch := make(chan result, 1) // the abandoned goroutine never blocks on it
	go func() {
		v, err := f()
		ch <- result{v, err}
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case r := <-ch:
		return r.v, r.err
	case <-t.C:
		var zero T
		return zero, fmt.Errorf("gave up after %v", d)
	}
}

// readRegular reads the regular file at path, at most limit bytes.
func readRegular(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, limit)
	}
	return io.ReadAll(io.LimitReader(f, limit))
}
