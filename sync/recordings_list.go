package sync

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/interviewtray/interviewtray/sync/internal/cloudlist"
)

// The cloud recordings list (users/me/recordings) is kept by package
// cloudlist: the dates due, the pages of a date, the merge, the files.
// The engine drives it from the "list" job (Engine.listRecordings) and
// reads and writes its files here.

// listMoreLocked reports whether a round of the recordings list is in
// progress and its next date is due now: SyncOnce runs another pass.
func (e *Engine) listMoreLocked(now time.Time) bool {
	return !e.acct.listCov.Round.IsZero() && !now.Before(e.sched.list) && !e.apiBlockedLocked(now)
}

func (e *Engine) listCachePath() string { return filepath.Join(e.opts.CacheDir, cloudlist.IndexName) }

// loadListCache reads the kept list of user: recordings.json and, from
// version 3 on, the date files. A missing index, one of another user or
// version, or an unreadable one gives nothing (the next list asks for the
// whole week); only the last is set aside (setAside). An unreadable date
// file (set aside too) or one of another user is left out and its date
// counted as not listed, so that the next list asks for it again. Entries
// that do not hold together are dropped and the file set aside. migrate reports a version 2
// file, to be written again as an index and date files.
func (e *Engine) loadListCache(user *User) (kept []cloudlist.Recording, cov cloudlist.Coverage, migrate bool) {
	var c cloudlist.LoadedIndex
	now := e.now()
	found, err := readJSON(e.listCachePath(), &c)
	if !found && err == nil {
		return nil, cloudlist.Coverage{}, false
	}
	if err == nil && c.Version > cloudlist.Version {
		e.log.Warn("discarding a newer version's recordings list cache", "path", e.listCachePath(), "version", c.Version)
		return nil, cloudlist.Coverage{}, false
	}
	if err == nil && c.Version != cloudlist.Version && c.Version != 2 {
		err = fmt.Errorf("version %d", c.Version)
	}
	if err != nil {
		e.setAside(e.listCachePath(), err, now, "Interview Tray's saved list of cloud recordings could not be read; the next list asks Zoom for the whole week.")
		return nil, cloudlist.Coverage{}, false
	}
	if user == nil || c.UserID != user.ID {
		return nil, cloudlist.Coverage{}, false
	}
	var drop dropNotes
	saneCoverage(&c.Cover, now, &drop)
	c.Recordings = saneListed(c.Recordings, now, &drop)
	if err := drop.err(); err != nil {
		e.setAside(e.listCachePath(), err, now, "Part of Interview Tray's saved list of cloud recordings could not be read and was left out; the rest is used.")
		migrate = true // written again in full
	}
	if c.Version == 2 {
		cloudlist.Sort(c.Recordings)
		return c.Recordings, c.Cover, true
	}
	cov = c.Cover
	for _, d := range cloudlist.DateFiles(e.opts.CacheDir) {
		var f cloudlist.DateFile
		path := cloudlist.DatePath(e.opts.CacheDir, d)
		_, err := readJSON(path, &f)
		if err == nil {
			var drop dropNotes
			f.Recordings = saneListed(f.Recordings, now, &drop)
			err = drop.err()
		}
		if err != nil {
			e.setAside(path, err, now, "Part of Interview Tray's saved list of cloud recordings could not be read; that date is listed again.")
		} else if f.Version != cloudlist.Version || f.UserID != c.UserID || f.Date != d {
			err = fmt.Errorf("version %d, date %q, another user: %v", f.Version, f.Date, f.UserID != c.UserID)
			e.log.Warn("discarding recordings list cache", "path", path, "err", err)
		}
		if err != nil {
			if _, ok := cov.Listed[d]; ok {
				cov.Listed = maps.Clone(cov.Listed)
				delete(cov.Listed, d)
			}
			continue
		}
		kept = append(kept, f.Recordings...)
	}
	// The first date of the week was written before its oldest
	// recordings fell out of it.
	window := cloudlist.Window(e.now())
	kept = slices.DeleteFunc(kept, func(r cloudlist.Recording) bool { return r.Start.Before(window) })
	cloudlist.Sort(kept)
	return kept, cov, migrate
}

// markListDirtyLocked notes the dates (UTC, of the recordings' starts)
// whose date files must be written again: d, just listed, and those of
// list, which Zoom answered for d (a recording may start on another date
// than the one Zoom files it under), and those where old (the kept list
// before the merge) had a recording of list (it moves if its start did).
func (e *Engine) markListDirtyLocked(old []cloudlist.Recording, d time.Time, list []cloudlist.Recording) {
	if e.listDirty == nil {
		e.listDirty = map[string]bool{}
	}
	e.listDirty[d.Format(time.DateOnly)] = true
	keys := make(map[string]bool, len(list))
	for i := range list {
		keys[list[i].Key()] = true
		e.listDirty[cloudlist.UTCDay(list[i].Start).Format(time.DateOnly)] = true
	}
	for i := range old {
		if keys[old[i].Key()] {
			e.listDirty[cloudlist.UTCDay(old[i].Start).Format(time.DateOnly)] = true
		}
	}
}

// saveListCache writes the kept list if it changed since it was last
// written: the files of the dates that changed (or all of them after a
// change of user or a version 2 file), the removal of those of dates out
// of the week, then recordings.json. It is called with cacheMu held and
// without mu.
func (e *Engine) saveListCache() {
	e.mu.Lock()
	gen := e.listGen
	if gen == e.listSavedGen {
		e.mu.Unlock()
		return
	}
	idx := cloudlist.Index{Version: cloudlist.Version, Cover: e.acct.listCov}
	if e.acct.User != nil {
		idx.UserID = e.acct.User.ID
	}
	kept := e.acct.listedRaw // replaced, never mutated
	dirty, all := e.listDirty, e.listAllDirty
	e.listDirty, e.listAllDirty = nil, false
	now := e.now()
	e.mu.Unlock()
	failed := func(path string, err error) {
		e.log.Warn("cannot write recordings list cache", "path", path, "err", err)
		e.savedInBackground(path, err)
		e.mu.Lock() // written again next time
		if e.listDirty == nil {
			e.listDirty = map[string]bool{}
		}
		for d := range dirty {
			e.listDirty[d] = true
		}
		e.listAllDirty = e.listAllDirty || all
		e.mu.Unlock()
	}
	dir := e.opts.CacheDir
	// kept is newest first: a date's recordings are one run of it.
	byDate := map[string][]cloudlist.Recording{}
	for i := 0; i < len(kept); {
		d := cloudlist.UTCDay(kept[i].Start)
		j := i + 1
		for j < len(kept) && cloudlist.UTCDay(kept[j].Start).Equal(d) {
			j++
		}
		if ds := d.Format(time.DateOnly); all || dirty[ds] {
			byDate[ds] = kept[i:j]
		}
		i = j
	}
	window := cloudlist.Window(now).Format(time.DateOnly)
	for _, d := range cloudlist.DateFiles(dir) {
		if _, write := byDate[d]; !write && (all || dirty[d] || d < window) {
			if e.opts.ReadOnly {
				continue
			}
			if err := os.Remove(cloudlist.DatePath(dir, d)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				failed(cloudlist.DatePath(dir, d), err)
				return
			}
		}
	}
	for d, recs := range byDate {
		f := cloudlist.DateFile{Version: cloudlist.Version, UserID: idx.UserID, Date: d, Recordings: recs}
		if err := e.writeFileWith(cloudlist.DatePath(dir, d), f.Write); err != nil {
			failed(cloudlist.DatePath(dir, d), err)
			return
		}
	}
	if err := e.writeFile(e.listCachePath(), func() ([]byte, error) { return json.Marshal(&idx) }); err != nil {
		failed(e.listCachePath(), err)
		return
	}
	// The index is written after the dates: each date that failed before
	// was written since (or left the week).
	e.forgetSaveErrs(func(path string) bool { return strings.HasPrefix(filepath.Base(path), cloudlist.DatePrefix) })
	e.savedInBackground(e.listCachePath(), nil)
	e.listSavedGen = gen
}
