package sync

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/interviewtray/interviewtray/zoom"
)

// The cloud recordings list (users/me/recordings) finds the past week's
// recordings of interviews, those the engine did not see happen too (the
// agent was not running). The engine keeps what the list said so that the
// rules and overrides can be re-applied when they change, and asks Zoom
// again once a day. Zoom's list goes by the day the meeting started (from
// and to are UTC dates), and a heavy account has thousands of recordings a
// week, so:
//
//   - After a first list of the whole week, the list is asked only for the
//     days since the last one, with a day of overlap: the day of the last
//     list and the one before are asked again, so that a recording Zoom
//     had not finished processing then (a meeting that started just before
//     midnight UTC, processed after the list) is found now. What Zoom
//     answers replaces what was kept for those days (a recording deleted
//     in Zoom goes), except on the first day asked, where it only adds and
//     updates (a recording of that day's first hours stays even if Zoom
//     read the dates in another zone than the UTC it documents). What
//     falls out of the week is dropped.
//   - A day that still had a recording being processed is asked again
//     until the recording is ready or out of the week.
//   - What is kept is a compact form (listedRecording), not Zoom's answer:
//     the links are chosen once, when listed.
//   - The kept list and what it covers are written to the cache directory
//     (recordings.json) when they change, so that a restart goes on
//     incrementally instead of asking for the whole week again.

// listOverlap is how far before the last list the next one starts asking
// (rounded down to a UTC date): a day, for recordings processed late.
const listOverlap = 24 * time.Hour

// listedRecording is what the engine keeps of one recording of the list:
// what recordingsFromList needs to re-apply the rules (ID, UUID, topic)
// and to show it (start, passcode, links), and what knownIDsLocked reads
// (the ID). The links are chosen by fillCloudLinks when the recording is
// listed; Processing says a file was not completed yet.
type listedRecording struct {
	UUID       string    `json:"uuid,omitempty"`
	ID         int64     `json:"id"`
	Topic      string    `json:"topic"`
	Start      time.Time `json:"start"`
	Passcode   string    `json:"passcode,omitempty"`
	Links      Links     `json:"links"`
	Processing bool      `json:"processing,omitempty"`
}

// compactRecording returns the kept form of one recording of the list.
func compactRecording(rm *zoom.RecordingMeeting) listedRecording {
	r := Recording{State: RecReady}
	fillCloudLinks(&r, rm)
	return listedRecording{UUID: rm.UUID, ID: rm.ID, Topic: rm.Topic, Start: rm.StartTime,
		Passcode: rm.Password, Links: r.Links, Processing: r.State != RecReady}
}

// key identifies a listed recording: its instance UUID, or (Zoom always
// sends one, but a list without it must not collapse) its ID and start.
func (r *listedRecording) key() string {
	if r.UUID != "" {
		return r.UUID
	}
	return strconv.FormatInt(r.ID, 10) + "@" + r.Start.Format(time.RFC3339)
}

// compactList returns the kept form of a list, newest first.
func compactList(list []zoom.RecordingMeeting) []listedRecording {
	out := make([]listedRecording, len(list))
	for i := range list {
		out[i] = compactRecording(&list[i])
	}
	sortListed(out)
	return out
}

// sortListed orders a kept list newest first (by UUID within a start), the
// order recordingsFromList relies on.
func sortListed(l []listedRecording) {
	slices.SortFunc(l, func(a, b listedRecording) int {
		return cmp.Or(b.Start.Compare(a.Start), cmp.Compare(a.UUID, b.UUID), cmp.Compare(a.ID, b.ID))
	})
}

// listCoverage is what the kept list covers: every UTC date from From
// through To was listed, To last at At. The zero value covers nothing.
type listCoverage struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	At   time.Time `json:"at"`
}

// utcDay returns the UTC midnight starting t's UTC day: what Zoom's from
// and to name.
func utcDay(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// listWindow returns the first UTC date the recordings list wants at now.
func listWindow(now time.Time) time.Time { return utcDay(now.Add(-recordingsLookback)) }

// listRange returns the UTC dates (both included) the next recordings list
// asks for: the whole week when nothing usable is kept, else from a day
// before the last list (or the day of the oldest recording still being
// processed, if older) through today.
func listRange(cov listCoverage, kept []listedRecording, now time.Time) (from, to time.Time) {
	window, today := listWindow(now), utcDay(now)
	if cov.At.IsZero() || cov.From.After(window) || cov.To.Before(window) {
		return window, today
	}
	from = maxTime(window, utcDay(cov.At.Add(-listOverlap)))
	for i := range kept {
		if d := utcDay(kept[i].Start); kept[i].Processing && !d.Before(window) && d.Before(from) {
			from = d
		}
	}
	if from.After(today) {
		from = today
	}
	return from, today
}

// mergeListed returns the kept list after Zoom answered list for the dates
// from..to (both included) at now: list replaces what was kept for the
// dates after from and adds to (or updates) the date from; what started
// before the week is dropped. kept is not modified.
func mergeListed(kept []listedRecording, list []zoom.RecordingMeeting, from, to, now time.Time) []listedRecording {
	window := listWindow(now)
	replaceFrom := from.AddDate(0, 0, 1)
	replaceTo := to.AddDate(0, 0, 1) // exclusive
	fresh := make(map[string]bool, len(list))
	out := make([]listedRecording, 0, len(kept)+len(list))
	for i := range list {
		r := compactRecording(&list[i])
		if r.Start.Before(window) || fresh[r.key()] {
			continue
		}
		fresh[r.key()] = true
		out = append(out, r)
	}
	for i := range kept {
		r := &kept[i]
		switch {
		case r.Start.Before(window), fresh[r.key()]:
		case !r.Start.Before(replaceFrom) && r.Start.Before(replaceTo):
			// Zoom no longer lists it: deleted (or moved to the trash).
		default:
			out = append(out, *r)
		}
	}
	sortListed(out)
	return slices.Clip(out)
}

// coverAfter returns what the kept list covers after a list of from..to
// at now.
func coverAfter(cov listCoverage, from, to, now time.Time) listCoverage {
	window := listWindow(now)
	if cov.At.IsZero() || cov.From.After(window) || cov.To.Before(window) || from.After(cov.To.AddDate(0, 0, 1)) {
		return listCoverage{From: from, To: to, At: now}
	}
	if from.Before(cov.From) {
		cov.From = from
	}
	return listCoverage{From: maxTime(cov.From, window), To: maxTime(cov.To, to), At: now}
}

// listCache is CacheDir/recordings.json: the kept list, whose user it is
// and what it covers. It is written only when the list changed (once a
// day), apart from snapshot.json which changes far more often.
type listCache struct {
	Version    int               `json:"version"`
	UserID     string            `json:"user_id"`
	Cover      listCoverage      `json:"cover"`
	Recordings []listedRecording `json:"recordings"`
}

// write writes c as JSON a recording at a time: the list of a heavy
// account is megabytes, and json.Marshal would build (and grow) all of it
// in memory first.
func (c *listCache) write(w io.Writer) error {
	head, err := json.Marshal(struct {
		Version int          `json:"version"`
		UserID  string       `json:"user_id"`
		Cover   listCoverage `json:"cover"`
	}{c.Version, c.UserID, c.Cover})
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, `%s,"recordings":[`, head[:len(head)-1]); err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // links are not for HTML; "&" stays one byte
	for i := range c.Recordings {
		if i > 0 {
			if _, err := io.WriteString(w, ","); err != nil {
				return err
			}
		}
		if err := enc.Encode(&c.Recordings[i]); err != nil {
			return err
		}
	}
	_, err = io.WriteString(w, "]}\n")
	return err
}

const (
	listCacheFile    = "recordings.json"
	listCacheVersion = 1
)

func (e *Engine) listCachePath() string { return filepath.Join(e.opts.CacheDir, listCacheFile) }

// loadListCache reads recordings.json for user. A missing file, one of
// another user or version, or an unreadable one gives nothing (the next
// list asks for the whole week); only the last is worth a warning.
func (e *Engine) loadListCache(user *User) ([]listedRecording, listCoverage) {
	var c listCache
	found, err := readJSON(e.listCachePath(), &c)
	if !found && err == nil {
		return nil, listCoverage{}
	}
	if err == nil && c.Version != listCacheVersion {
		err = fmt.Errorf("version %d", c.Version)
	}
	if err != nil {
		e.log.Warn("discarding unreadable recordings list cache", "path", e.listCachePath(), "err", err)
		return nil, listCoverage{}
	}
	if user == nil || c.UserID != user.ID {
		return nil, listCoverage{}
	}
	sortListed(c.Recordings)
	return c.Recordings, c.Cover
}

// saveListCache writes recordings.json if the kept list changed since it
// was last written. It is called with cacheMu held and without mu.
func (e *Engine) saveListCache() {
	e.mu.Lock()
	gen := e.listGen
	c := listCache{Version: listCacheVersion, Cover: e.listCov, Recordings: e.listedRaw} // replaced, never mutated
	if e.user != nil {
		c.UserID = e.user.ID
	}
	e.mu.Unlock()
	if gen == e.listSavedGen {
		return
	}
	if err := writeFileAtomicWith(e.listCachePath(), c.write); err != nil {
		e.log.Warn("cannot write recordings list cache", "path", e.listCachePath(), "err", err)
		return
	}
	e.listSavedGen = gen
}
