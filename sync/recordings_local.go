package sync

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/interviewtray/interviewtray/internal/userdirs"
)

// Local recordings ("Record to computer files") are found by listing the
// Zoom recording folder after an interview: the Zoom app makes one folder
// per recording named "YYYY-MM-DD HH.MM.SS Topic" in local time (older
// apps add " <meeting ID>"), and converts the recording into it when the
// meeting ends. A folder is converting while it holds
// double_click_to_convert*.zoom files, *.tmp partial files or a
// recording.conf whose "process" is below 100; it is ready once it has
// its .mp4 or .m4a files and none of those.

// folderTimeLayout is the date and time at the start of a folder name.
const folderTimeLayout = "2006-01-02 15.04.05"

// localFolder is a recording folder name taken apart.
type localFolder struct {
	Name string
	Time time.Time // capture start, UTC
	// Alt is the other reading of a local time that occurs twice (the
	// hour repeated when daylight saving time ends); zero otherwise.
	Alt   time.Time
	Topic string // as written in the name, with any meeting ID removed
	ID    int64  // the meeting ID when the name ends with one
}

// parseFolderName reads "YYYY-MM-DD HH.MM.SS Topic[ ID]" in loc.
func parseFolderName(name string, loc *time.Location) (localFolder, bool) {
	if len(name) < len(folderTimeLayout) {
		return localFolder{}, false
	}
	t, err := time.ParseInLocation(folderTimeLayout, name[:len(folderTimeLayout)], loc)
	if err != nil {
		return localFolder{}, false
	}
	f := localFolder{Name: name, Time: t.UTC()}
	for _, d := range []time.Duration{-time.Hour, time.Hour} {
		if o := t.Add(d); o.In(loc).Format(folderTimeLayout) == name[:len(folderTimeLayout)] {
			f.Alt = o.UTC()
		}
	}
	rest := strings.TrimSpace(name[len(folderTimeLayout):])
	if i := strings.LastIndexByte(rest, ' '); i >= 0 {
		tail := rest[i+1:]
		if len(tail) >= 9 && len(tail) <= 12 && allDigits(tail) {
			if id, err := strconv.ParseInt(tail, 10, 64); err == nil {
				f.ID, rest = id, strings.TrimSpace(rest[:i])
			}
		}
	} else if len(rest) >= 9 && len(rest) <= 12 && allDigits(rest) {
		if id, err := strconv.ParseInt(rest, 10, 64); err == nil {
			f.ID, rest = id, ""
		}
	}
	f.Topic = rest
	return f, true
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// foldTopic reduces a topic to lower-case letters and digits, so that
// "Interview: Ada / Backend" and the sanitised folder name
// "Interview_ Ada _ Backend" compare equal.
func foldTopic(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Folder times are matched to an occurrence from localEarly before its
// start to localLate after its end.
const (
	localEarly = 30 * time.Minute
	localLate  = time.Hour
)

// folderMatches reports whether a folder belongs to an occurrence: its
// time falls in the occurrence's window and its topic is the meeting's
// topic, possibly cut short (the app truncates long names) or with
// characters the file system does not allow replaced; or the name ends
// with the meeting ID.
func folderMatches(f localFolder, id int64, topic string, start, end time.Time) bool {
	in := func(t time.Time) bool {
		return !t.IsZero() && !t.Before(start.Add(-localEarly)) && !t.After(end.Add(localLate))
	}
	if !in(f.Time) && !in(f.Alt) {
		return false
	}
	if f.ID != 0 {
		return f.ID == id
	}
	ft, mt := foldTopic(f.Topic), foldTopic(topic)
	if ft == "" || mt == "" {
		return ft == mt
	}
	return strings.HasPrefix(mt, ft) || strings.HasPrefix(ft, mt)
}

// folderScan is what a recording folder holds.
type folderScan struct {
	State string   // RecConverting or RecReady
	Files []string // the .mp4 and .m4a files, full paths, sorted
}

// maxConfBytes caps how much of recording.conf is read.
const maxConfBytes = 64 << 10

// scanFolder looks into a recording folder.
func scanFolder(dir string) (folderScan, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return folderScan{}, err
	}
	var s folderScan
	converting := false
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		name := e.Name()
		lower := strings.ToLower(name)
		switch {
		case strings.HasPrefix(lower, "double_click_to_convert") && strings.HasSuffix(lower, ".zoom"),
			strings.HasSuffix(lower, ".tmp"):
			converting = true
		case lower == "recording.conf":
			if p, ok := confProgress(filepath.Join(dir, name)); ok && p < 100 {
				converting = true
			}
		case strings.HasSuffix(lower, ".mp4"), strings.HasSuffix(lower, ".m4a"):
			s.Files = append(s.Files, filepath.Join(dir, name))
		}
	}
	slices.Sort(s.Files)
	if converting || len(s.Files) == 0 {
		s.State = RecConverting
	} else {
		s.State = RecReady
	}
	return s, nil
}

// confProgress reads the lowest "process" of recording.conf's items. Only
// a regular file is read (openRegular: a FIFO in its place is refused, not
// waited on), at most maxConfBytes of it.
func confProgress(path string) (int, bool) {
	f, err := openRegular(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	var conf struct {
		Items []struct {
			Process *float64 `json:"process"`
		} `json:"items"`
	}
	if err := json.NewDecoder(io.LimitReader(f, maxConfBytes)).Decode(&conf); err != nil {
		return 0, false
	}
	low, found := 100.0, false
	for _, it := range conf.Items {
		if it.Process != nil {
			low, found = min(low, *it.Process), true
		}
	}
	return int(low), found
}

// listFolders lists root's recording folders, parsed. A missing root is
// reported as fs.ErrNotExist.
func listFolders(root string, loc *time.Location) ([]localFolder, error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, err
	}
	out := make([]localFolder, 0, len(entries))
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if f, ok := parseFolderName(e.Name(), loc); ok {
			out = append(out, f)
		}
	}
	return out, nil
}

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
	folders, err := listFolders(root, loc)
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
		s, err := scanFolder(dir)
		if err != nil {
			continue // gone meanwhile
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
			State:       s.State,
			Links:       Links{Folder: dir},
			Files:       s.Files,
		}
		if s.State == RecReady {
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
func bestOccurrence(f localFolder, occs []*pastOcc) *pastOcc {
	var best *pastOcc
	bestScore := time.Duration(1<<63 - 1)
	for _, p := range occs {
		if !folderMatches(f, p.ID, p.Topic, p.Start, p.endedOr()) {
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
		d = -d + localEarly
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
