package sync

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/interviewtray/interviewtray/internal/userdirs"
	"github.com/interviewtray/interviewtray/sync/internal/zoomfolder"
)

// Local recordings ("Record to computer files") are found by listing the
// Zoom recording folder after an interview (package zoomfolder reads the
// folder names and contents): each folder is matched to the occurrence it
// belongs to, and followed until it is ready.

// defaultRecordingFolder is the Zoom app's default, Zoom in the user's
// Documents folder (on Windows the known folder, which OneDrive may move).
func defaultRecordingFolder() string { return userdirs.ZoomRecordings() }

// localTracker follows one occurrence's local recording folders.
type localTracker struct {
	Active  bool      `json:"active"`
	Next    time.Time `json:"next"`
	Folders []string  `json:"folders,omitempty"` // matched folders, full paths
	Ready   []string  `json:"ready,omitempty"`   // folders found ready
}

// localResult is one scan of the root for the occurrences being followed.
type localResult struct {
	recordings map[string][]Recording // occurrence key -> its folders
	missing    bool                   // the root folder does not exist
}

// scanLocal lists root once and looks into the folders of each followed
// occurrence. It does file I/O only.
func scanLocal(root string, loc *time.Location, occs []*pastOcc, now time.Time) (localResult, error) {
	res := localResult{recordings: map[string][]Recording{}}
	folders, err := zoomfolder.List(root, loc)
	if errors.Is(err, fs.ErrNotExist) {
		res.missing = true
		return res, nil
	}
	if err != nil {
		return res, err
	}
	for _, f := range folders {
		p := bestOccurrence(f, occs)
		if p == nil {
			continue
		}
		dir := filepath.Join(root, f.Name)
		s, err := zoomfolder.Scan(dir)
		if err != nil {
			continue // gone meanwhile
		}
		state := RecReady
		if s.Converting {
			state = RecConverting
		}
		t := f.Time
		if !f.Alt.IsZero() && folderDistance(f.Alt, p.Start) < folderDistance(t, p.Start) {
			t = f.Alt
		}
		r := Recording{
			MeetingUUID: p.UUID,
			MeetingID:   p.ID,
			Topic:       p.Topic,
			StartTime:   t,
			EndedAt:     p.EndedAt,
			Kind:        KindLocal,
			State:       state,
			Links:       Links{Folder: dir},
			Files:       s.Files,
		}
		if state == RecReady {
			r.ReadyAt = now
		}
		res.recordings[p.key()] = append(res.recordings[p.key()], r)
	}
	return res, nil
}

// bestOccurrence picks the occurrence a folder belongs to when several
// match (back-to-back interviews with the same topic): the one whose
// meeting ID the name carries, else the one that started closest before
// the folder's time, else the closest.
func bestOccurrence(f zoomfolder.Folder, occs []*pastOcc) *pastOcc {
	var best *pastOcc
	bestScore := time.Duration(1<<63 - 1)
	for _, p := range occs {
		if !zoomfolder.Matches(f, p.ID, p.Topic, p.Start, p.endedOr()) {
			continue
		}
		d := folderDistance(f.Time, p.Start)
		if !f.Alt.IsZero() {
			d = min(d, folderDistance(f.Alt, p.Start))
		}
		if d < bestScore {
			best, bestScore = p, d
		}
	}
	return best
}

// folderDistance ranks a folder time against a start: a recording rarely
// starts before the meeting.
func folderDistance(t, start time.Time) time.Duration {
	d := t.Sub(start)
	if d < 0 {
		d = -d + zoomfolder.Early
	}
	return d
}

// localScanTimeout bounds one scan of the recording folder: a folder on a
// network mount that stopped answering must not hold up the sync loop
// (and with it the Zoom polls).
const localScanTimeout = 20 * time.Second

// localHungRetry is how soon a folder that did not answer is looked at
// again (a scan starts only once the hung one returned).
const localHungRetry = time.Minute

// errScanHung: the recording folder did not answer in time, or a scan that
// did not is still running.
var errScanHung = errors.New("the recording folder does not answer")

// scanLocalFunc is scanLocal's signature (Options.scanLocal replaces it
// in tests with one that blocks).
type scanLocalFunc func(root string, loc *time.Location, occs []*pastOcc, now time.Time) (localResult, error)

// scanLocalBounded runs the folder scan in a goroutine of its own and
// waits for it at most localScanTimeout; it is called without mu. A scan
// that takes longer is abandoned, not stopped (a system call on a hung
// mount cannot be): it goes on in its goroutine, no other scan starts
// until it returns (errScanHung meanwhile), and its result is dropped.
// The snapshot shows the folder as not answering until then.
func (e *Engine) scanLocalBounded(root string, occs []*pastOcc, now time.Time) (localResult, error) {
	if !e.scanBusy.CompareAndSwap(false, true) {
		return localResult{}, fmt.Errorf("list %s: %w (the last scan has not returned)", root, errScanHung)
	}
	type result struct {
		res localResult
		err error
	}
	ch := make(chan result, 1)
	var abandoned atomic.Bool
	go func() {
		res, err := e.scanFn(root, e.loc, occs, now)
		e.scanBusy.Store(false)
		ch <- result{res, err}
		if abandoned.Load() {
			e.mu.Lock()
			if e.folderHung != "" && !e.closed {
				e.folderHung = ""
				e.changedLocked()
			}
			e.mu.Unlock()
			e.kickSyncLoop() // scan again now
		}
	}()
	t := time.NewTimer(localScanTimeout)
	defer t.Stop()
	select {
	case r := <-ch:
		e.mu.Lock()
		e.folderHung = ""
		e.mu.Unlock()
		return r.res, r.err
	case <-t.C:
		abandoned.Store(true)
		return localResult{}, fmt.Errorf("list %s: %w after %v", root, errScanHung, localScanTimeout)
	}
}

// scanHungLocked reports whether err from scanLocalBounded says the folder
// did not answer, and then notes it: the occurrences' next scans are put
// off (a scan starts only once the hung one returns), and the snapshot
// says so. Nothing else changes: what was found before stays.
func (e *Engine) scanHungLocked(root string, occs []*pastOcc, now time.Time, err error) bool {
	if !errors.Is(err, errScanHung) {
		return false
	}
	e.log.Warn("the recording folder does not answer", "folder", root, "err", err)
	if e.scanBusy.Load() {
		e.folderHung = root
	}
	for _, o := range occs {
		if p, ok := e.st.Past[o.key()]; ok {
			p.Local.Next = now.Add(localHungRetry)
		}
	}
	return true
}
