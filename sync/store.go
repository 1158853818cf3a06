package sync

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/interviewtray/interviewtray/internal/atomicfile"
	"github.com/interviewtray/interviewtray/sync/internal/safefile"
)

// Files, each written whole to a temporary file in the same directory and
// renamed over the old one (so a crash leaves the old or the new version,
// never half of one), with mode 0600 in directories made 0700:
//
//	StateDir/state.json     what must survive restarts to keep promises:
//	                        fired/snoozed/dismissed reminders, joined
//	                        interviews, overrides, followed recordings,
//	                        announced recordings, the last settings check
//	ConfigDir/settings.json the user's Settings
//	CacheDir/snapshot.json  the last snapshot and the Zoom data behind it,
//	                        so the agenda shows while offline; it holds
//	                        join URLs and passcodes, hence 0600. It can be
//	                        deleted at any time.
//	CacheDir/recordings.json what the kept cloud recordings list covers,
//	CacheDir/recordings-YYYY-MM-DD.json
//	                        and its recordings, a file per UTC date (see
//	                        recordings_list.go), so that the next list
//	                        asks only for the days since; they hold share
//	                        links and passcodes. They can be deleted at any
//	                        time (the next list asks for the whole week,
//	                        or the date again).
//
// At sign-out (ForgetAccount) snapshot.json and the recordings files are
// deleted, and state.json keeps nothing of the account but meeting numbers.
//
// They are read back only when they are regular files (a FIFO or a
// device in their place is refused without blocking), of at most
// maxFileBytes (checked before reading), under a timeout (package safefile),
// and validated after decoding (validate.go): a file that cannot be read,
// or not in full, is set aside as NAME.bad-TIMESTAMP, the engine starts
// with what was good in it, and the snapshot's problems say so. A failed
// save is returned to the command that made it (ErrNotSaved) and shown as
// a problem until a save works again. A read-only engine
// (Options.ReadOnly) writes, renames and chmods nothing.
//
// No token is ever written: the engine never sees one.
const (
	stateFile    = "state.json"
	settingsFile = "settings.json"
	cacheFile    = "snapshot.json"

	stateVersion = 1
	// cacheVersion 1 has held the account's data since the start; the
	// account's user was added later (before, the snapshot's was used).
	cacheVersion = 1
)

// persistState is state.json.
type persistState struct {
	Version   int                      `json:"version"`
	Reminders reminderState            `json:"reminders"`
	Overrides map[int64]overrideRec    `json:"overrides"`
	Past      map[string]*pastOcc      `json:"past"`      // by occurrence key
	Announced map[string]time.Time     `json:"announced"` // recording key -> when its ready event was sent
	Check     *SettingsCheck           `json:"settings_check,omitempty"`
	Locked    map[string]lockedSetting `json:"settings_locked"`
}

func newPersistState() persistState {
	return persistState{
		Version:   stateVersion,
		Reminders: newReminderState(),
		Overrides: map[int64]overrideRec{},
		Past:      map[string]*pastOcc{},
		Announced: map[string]time.Time{},
		Locked:    map[string]lockedSetting{},
	}
}

func (s *persistState) fillNil() {
	s.Reminders.fillNil()
	if s.Overrides == nil {
		s.Overrides = map[int64]overrideRec{}
	}
	if s.Past == nil {
		s.Past = map[string]*pastOcc{}
	}
	if s.Announced == nil {
		s.Announced = map[string]time.Time{}
	}
	if s.Locked == nil {
		s.Locked = map[string]lockedSetting{}
	}
}

// Retention of state entries.
const (
	pastRetention      = 48 * time.Hour       // started occurrences, after their end
	announcedRetention = 30 * 24 * time.Hour  // announced recordings
	overrideRetention  = 180 * 24 * time.Hour // overrides of meetings no longer seen
)

// prune drops old entries; known reports meeting IDs still listed (their
// overrides stay). It reports whether anything was dropped.
func (s *persistState) prune(now time.Time, known func(int64) bool) bool {
	changed := s.Reminders.prune(now)
	for k, p := range s.Past {
		if now.Sub(p.endedOr()) > pastRetention {
			delete(s.Past, k)
			changed = true
		}
	}
	for k, t := range s.Announced {
		if now.Sub(t) > announcedRetention {
			delete(s.Announced, k)
			changed = true
		}
	}
	for id, o := range s.Overrides {
		if now.Sub(o.SetAt) > overrideRetention && !known(id) {
			delete(s.Overrides, id)
			changed = true
		}
	}
	return changed
}

// cacheData is snapshot.json: the last snapshot and the account's Zoom
// data the engine needs to go on from it.
type cacheData struct {
	Version  int       `json:"version"`
	Snapshot *Snapshot `json:"snapshot"`
	account
}

// maxFileBytes caps the files the engine reads back.
const maxFileBytes = 64 << 20

// readJSON decodes path, one of the engine's own files, into v: a regular
// file of at most maxFileBytes, read without blocking (safefile.ReadCapped). It
// returns false (and no error) when the file does not exist.
func readJSON(path string, v any) (bool, error) {
	data, err := safefile.ReadCapped(path, maxFileBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return true, err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return true, fmt.Errorf("read %s: %w", path, err)
	}
	return true, nil
}

// tightenDir makes one of the engine's folders private (0700), and the
// files the engine keeps in it (*.json and the copies set aside,
// *.json.bad-*) 0600: an older version, a restore from a backup or a
// umask may have left them readable by others.
func tightenDir(dir string) {
	atomicfile.Tighten(dir, 0o700)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, en := range entries {
		if n := en.Name(); en.Type().IsRegular() && (strings.HasSuffix(n, ".json") || strings.Contains(n, ".json.bad-")) {
			atomicfile.Tighten(filepath.Join(dir, n), 0o600)
		}
	}
}

// setAside renames a file that could not be read to name.bad-<time>, so
// that nothing the user wrote is lost, and returns the new name.
func setAside(path string, now time.Time) string {
	bad := fmt.Sprintf("%s.bad-%s", path, now.UTC().Format("20060102T150405Z"))
	for i := 2; ; i++ { // never over an earlier one of the same second
		if _, err := os.Lstat(bad); errors.Is(err, fs.ErrNotExist) {
			break
		}
		if i > 100 {
			return ""
		}
		bad = fmt.Sprintf("%s.bad-%s-%d", path, now.UTC().Format("20060102T150405Z"), i)
	}
	if err := os.Rename(path, bad); err != nil {
		return ""
	}
	return bad
}

// loadSettings reads settings.json over the defaults: missing fields keep
// their default. A file that cannot be parsed or is invalid is set aside
// and the defaults are used; the returned note says so.
func loadSettings(path string, now time.Time, readOnly bool) (Settings, string, error) {
	s := DefaultSettings()
	found, err := readJSON(path, &s)
	if !found && err == nil {
		return s, "", nil
	}
	if err == nil {
		err = s.Validate()
	}
	if err != nil {
		bad := ""
		if !readOnly {
			bad = setAside(path, now)
		}
		note := fmt.Sprintf("Your Interview Tray settings could not be read (%v); the defaults are used.", err)
		if bad != "" {
			note += " The old file was kept as " + bad + "."
		}
		return DefaultSettings(), note, nil
	}
	return s.Normalised(), "", nil
}

// ErrNotSaved is in the chain of a command's error when the change was
// made (it applies now) but could not be written to disk: it is lost when
// the engine stops. The snapshot shows a problem until a save succeeds.
var ErrNotSaved = errors.New("the change applies now but could not be saved")

// writeFile writes one of the engine's files with the content encode
// returns (atomicfile.Write) and keeps the outcome for the snapshot: a
// failed save (a read-only folder, a full disk) shows as a problem until
// that file is saved again. A read-only engine writes nothing.
func (e *Engine) writeFile(path string, encode func() ([]byte, error)) error {
	return e.writeFileWith(path, func(w io.Writer) error {
		data, err := encode()
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
}

// writeFileWith is writeFile for content written by write.
func (e *Engine) writeFileWith(path string, write func(w io.Writer) error) error {
	if e.opts.ReadOnly {
		return nil
	}
	err := atomicfile.Write(path, write)
	e.saveMu.Lock()
	defer e.saveMu.Unlock()
	if err != nil {
		if e.saveErrs == nil {
			e.saveErrs = map[string]error{}
		}
		e.saveErrs[path] = err
	} else {
		delete(e.saveErrs, path)
	}
	return err
}

// forgetSaveErrs forgets the failed saves of the files match selects.
func (e *Engine) forgetSaveErrs(match func(path string) bool) {
	e.saveMu.Lock()
	defer e.saveMu.Unlock()
	maps.DeleteFunc(e.saveErrs, func(p string, _ error) bool { return match(p) })
}

// saveProblems returns the problems of the files that could not be saved,
// in path order.
func (e *Engine) saveProblems() []Problem {
	e.saveMu.Lock()
	defer e.saveMu.Unlock()
	paths := make([]string, 0, len(e.saveErrs))
	for p := range e.saveErrs {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	out := make([]Problem, 0, len(paths))
	for _, p := range paths {
		out = append(out, Problem{Message: fmt.Sprintf(
			"%s%s (%v). Until it can, what changed since is kept only while Interview Tray runs. Check that the disk has room and the folder can be written.",
			saveProblemPrefix, filepath.Base(p), e.saveErrs[p])})
	}
	return out
}

// setAside moves a file that could not be read, or not in full, out of
// the way as NAME.bad-TIMESTAMP (nothing the user had is lost), logs a
// warning and keeps note for the snapshot's problems: note says what the
// engine did about it. A read-only engine moves nothing.
func (e *Engine) setAside(path string, err error, now time.Time, note string) {
	bad := ""
	if !e.opts.ReadOnly {
		bad = setAside(path, now)
	}
	e.log.Warn("file unreadable, set aside", "path", path, "kept_as", bad, "err", err)
	msg := fmt.Sprintf("%s (%s: %v)", note, filepath.Base(path), err)
	if bad != "" {
		msg += " The file was kept as " + bad + "."
	}
	e.fileNotes = append(e.fileNotes, msg)
}

// saveProblemPrefix starts the problem of a file that could not be saved.
const saveProblemPrefix = "Interview Tray cannot save "

// hasSaveProblem reports whether ps holds the problem of the file at path
// that could not be saved.
func hasSaveProblem(ps []Problem, path string) bool {
	prefix := saveProblemPrefix + filepath.Base(path) + " "
	return slices.ContainsFunc(ps, func(p Problem) bool { return strings.HasPrefix(p.Message, prefix) })
}
