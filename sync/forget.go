package sync

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ForgetAccount is called when the user signs out: the engine stops
// calling Zoom (until SignedIn) and forgets everything it knew of the Zoom
// account, in memory and on disk, so that a shared computer shows nothing
// of it, also after a restart. Gone are the user, the meetings, their
// details and passcodes, the recordings (listed and followed), the last
// settings check, the occurrences followed for recordings (they hold
// topics) and the announced recordings (local folder names hold topics);
// snapshot.json and the recordings list files (recordings*.json), and any
// copy of them set aside, are deleted. What stays holds nothing of the
// account's meetings but their numbers: the fired, snoozed and dismissed
// reminders' keys (so signing in again does not fire them twice), the
// user's include/exclude overrides, the settings and the calendars (the
// user's own, not Zoom's). A sync pass in flight is undone once it ends.
//
// It returns the first file that could not be deleted or saved; what is
// in memory is forgotten in any case.
func (e *Engine) ForgetAccount() error {
	e.cacheMu.Lock() // no cache write in between
	defer e.cacheMu.Unlock()
	e.mu.Lock()
	e.accountGen++
	e.health.SignedOut = true
	e.forgetAccountLocked()
	err := e.saveStateLocked()
	// The snapshot published now holds nothing to cache; a later change
	// writes a snapshot.json of that later state.
	e.cacheGen = e.cacheWant
	e.listSavedGen = e.listGen
	e.mu.Unlock()
	if rmErr := e.removeAccountFiles(); err == nil {
		err = rmErr
	}
	e.log.Info("forgot the Zoom account's data")
	return err
}

// forgetAccountLocked drops the account's Zoom data from memory and
// publishes the snapshot without it.
func (e *Engine) forgetAccountLocked() {
	e.acct = newAccount()
	e.listDirty, e.listAllDirty = nil, false
	e.authRejected = false
	e.health.Unreadable = ""
	e.health.LastSync, e.health.LastError = time.Time{}, ""
	e.st.Past = map[string]*pastOcc{}
	e.st.Announced = map[string]time.Time{}
	e.st.Check = nil
	e.st.Locked = map[string]lockedSetting{}
	e.sched = schedule{}
	e.acct.meetings = e.mergedLocked()
	e.changedLocked()
}

// removeAccountFiles deletes the cache files that hold Zoom data
// (snapshot.json, recordings*.json) and the copies of them set aside.
func (e *Engine) removeAccountFiles() error {
	if e.opts.ReadOnly {
		return nil
	}
	entries, err := os.ReadDir(e.opts.CacheDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("forget the Zoom data: %w", err)
	}
	var first error
	for _, en := range entries {
		n := en.Name()
		base, _, _ := strings.Cut(n, ".bad-")
		if base != cacheFile && !(strings.HasPrefix(base, "recordings") && strings.HasSuffix(base, ".json")) {
			continue
		}
		path := filepath.Join(e.opts.CacheDir, n)
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) && first == nil {
			first = fmt.Errorf("forget the Zoom data: %w", err)
		}
		e.forgetSaveErrs(func(p string) bool { return p == path })
	}
	return first
}
