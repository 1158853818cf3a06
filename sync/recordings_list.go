package sync

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/interviewtray/interviewtray/zoom"
)

// The cloud recordings list (users/me/recordings) finds the past week's
// recordings of interviews, those the engine did not see happen too (the
// agent was not running). The engine keeps what the list said so that the
// rules and overrides can be re-applied when they change, and asks Zoom
// again once a day. Zoom's list goes by the day the meeting started (from
// and to are UTC dates), and a heavy account has thousands of recordings a
// week (a day's list is megabytes of JSON), so:
//
//   - The list is asked one UTC date at a time, newest first, and a pass
//     reads at most one page of it (listPagesPerPass: 300 recordings): a
//     round of the dates due, started once a day (listRecordingsEvery),
//     goes on in the following passes at once until no date is due
//     (listNext), so that no pass decodes more than a page of recordings
//     and the newest show first. A date's pages are kept aside until its
//     last one (listPartial) and only then merged; a failure, a restart or
//     a pause longer than Zoom's page tokens last starts the date again.
//     SyncOnce runs passes until the round is over.
//   - A date is due in a round when it was never listed, or it was listed
//     before the round and was not final then: a date is final once
//     listed two UTC dates after it (a day of overlap, for a recording
//     Zoom had not finished processing at the time of a list, such as a
//     meeting that started just before midnight UTC), or when it still has
//     a recording being processed. After the first week, a daily round
//     asks for today, yesterday and the day before.
//   - What Zoom answers for a date replaces what was kept for it (a
//     recording deleted in Zoom goes), except on the oldest date of a
//     round, where it only adds and updates (a recording of that day's
//     first hours stays even if Zoom read the dates in another zone than
//     the UTC it documents). What falls out of the week is dropped.
//   - What is kept is a compact form (listedRecording), not Zoom's answer:
//     the links are chosen once, when listed, and the list is decoded
//     straight into the few fields it needs (zoom.Client.ScanRecordings).
//   - The kept list and what it covers are written to the cache directory
//     (recordings.json and a file per date, see listIndex) each time a
//     date is merged, so that a restart goes on where the list was instead
//     of asking for the whole week again.

// listFinalAfter is how long after a date's end a list of it is final:
// the day of overlap for recordings processed late.
const listFinalAfter = 24 * time.Hour

// listPagesPerPass is how many pages of a date's list (300 recordings,
// about 0.65 MB of JSON, each) a pass reads at most: a heavy day is five
// or six pages, and decoding them all in one pass took longer than the
// pass may.
const listPagesPerPass = 1

// listTokenFor is how long a date's list goes on from where it was: Zoom's
// next_page_token lasts 15 minutes, and a date whose next page is asked
// for later (the agent slept, or Zoom asked to wait) starts again.
const listTokenFor = 10 * time.Minute

// maxListPages bounds the pages of one date (a safety net against a
// server whose tokens go round in a circle).
const maxListPages = 1000

// listPartial is the date being listed over several passes: its pages are
// kept (compact) until the last, and only then merged into the kept list,
// so that a failure or a restart in the middle starts the date again
// (what was read of it is dropped) and never leaves half a date merged.
type listPartial struct {
	date  time.Time         // the UTC date
	token string            // the next page's next_page_token; "" once read whole
	at    time.Time         // when the last page was read
	pages int               // pages read
	seen  map[string]bool   // the tokens followed
	got   []listedRecording // the recordings of the pages read
}

// goesOn reports whether p (nil when no date is in progress) is the date
// d, to go on with at now.
func (p *listPartial) goesOn(d, now time.Time) bool {
	return p != nil && p.token != "" && p.date.Equal(d) && !now.Before(p.at) && now.Sub(p.at) < listTokenFor
}

// read reads the next pages of p's date, at most listPagesPerPass, and
// keeps their recordings and the next page's token. After an error p is
// to be dropped.
func (p *listPartial) read(ctx context.Context, sc *zoom.RecordingsScanner) error {
	keep := func(s *zoom.RecordingSummary) { p.got = append(p.got, compactRecording(s)) }
	for range listPagesPerPass {
		next, err := sc.Page(ctx, p.date, p.date, p.token, keep)
		if err != nil {
			return err
		}
		p.pages++
		p.token = next
		if next == "" {
			return nil
		}
		if p.seen[next] || p.pages >= maxListPages {
			return fmt.Errorf("%w: the recordings list of %s goes round (%d pages)", zoom.ErrMalformedResponse, p.date.Format(time.DateOnly), p.pages)
		}
		if p.seen == nil {
			p.seen = map[string]bool{}
		}
		p.seen[next] = true
	}
	return nil
}

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
func compactRecording(s *zoom.RecordingSummary) listedRecording {
	r := Recording{State: RecReady}
	fillCloudLinks(&r, s)
	return listedRecording{UUID: s.UUID, ID: s.ID, Topic: s.Topic, Start: s.StartTime,
		Passcode: s.Password, Links: r.Links, Processing: r.State != RecReady}
}

// key identifies a listed recording: its instance UUID, or (Zoom always
// sends one, but a list without it must not collapse) its ID and start.
func (r *listedRecording) key() string {
	if r.UUID != "" {
		return r.UUID
	}
	return strconv.FormatInt(r.ID, 10) + "@" + r.Start.Format(time.RFC3339)
}

// compactList returns the kept form of a list in Zoom's full shape, newest
// first.
func compactList(list []zoom.RecordingMeeting) []listedRecording {
	out := make([]listedRecording, len(list))
	for i := range list {
		s := list[i].Summary()
		out[i] = compactRecording(&s)
	}
	sortListed(out)
	return out
}

// sortListed orders a kept list newest first (by UUID within a start), the
// order recordingsFromList relies on.
func sortListed(l []listedRecording) { slices.SortFunc(l, compareListed) }

// compareListed orders kept recordings newest first, then by UUID and ID.
func compareListed(a, b listedRecording) int {
	return cmp.Or(b.Start.Compare(a.Start), cmp.Compare(a.UUID, b.UUID), cmp.Compare(a.ID, b.ID))
}

// listCoverage is what the kept list covers: when each UTC date of the
// week (time.DateOnly) was last listed, and the round in progress, if any:
// when it started and its oldest date.
type listCoverage struct {
	Listed    map[string]time.Time `json:"listed,omitempty"`
	Round     time.Time            `json:"round,omitzero"`
	RoundFrom time.Time            `json:"round_from,omitzero"`
}

// utcDay returns the UTC midnight starting t's UTC day: what Zoom's from
// and to name.
func utcDay(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// listWindow returns the first UTC date the recordings list wants at now.
func listWindow(now time.Time) time.Time { return utcDay(now.Add(-recordingsLookback)) }

// listDue returns the dates the round started at round still asks for at
// now, newest first (see the comment at the top).
func listDue(cov listCoverage, kept []listedRecording, round, now time.Time) []time.Time {
	window, today := listWindow(now), utcDay(now)
	processing := map[time.Time]bool{}
	for i := range kept {
		if kept[i].Processing {
			processing[utcDay(kept[i].Start)] = true
		}
	}
	var due []time.Time
	for d := today; !d.Before(window); d = d.AddDate(0, 0, -1) {
		at, ok := cov.Listed[d.Format(time.DateOnly)]
		final := ok && !at.Before(d.AddDate(0, 0, 1).Add(listFinalAfter)) && !processing[d]
		if !ok || (at.Before(round) && !final) {
			due = append(due, d)
		}
	}
	return due
}

// listNext returns the date the next recordings list asks for at now and
// the coverage with its round (started now if none is in progress or the
// one in progress is a day old); ok is false when no date is due, and the
// returned coverage then has no round.
func listNext(cov listCoverage, kept []listedRecording, now time.Time) (d time.Time, next listCoverage, ok bool) {
	next = cov
	if next.Round.IsZero() || now.Sub(next.Round) >= listRecordingsEvery || now.Before(next.Round) {
		next.Round = now
		if due := listDue(cov, kept, now, now); len(due) > 0 {
			next.RoundFrom = due[len(due)-1]
		}
	}
	due := listDue(cov, kept, next.Round, now)
	if len(due) == 0 {
		next.Round, next.RoundFrom = time.Time{}, time.Time{}
		return time.Time{}, next, false
	}
	return due[0], next, true
}

// listedDate returns the coverage after Zoom answered for the date d at
// now: dates out of the week are forgotten.
func listedDate(cov listCoverage, d, now time.Time) listCoverage {
	window := listWindow(now)
	listed := make(map[string]time.Time, len(cov.Listed)+1)
	for k, at := range cov.Listed {
		if day, err := time.Parse(time.DateOnly, k); err == nil && !day.Before(window) {
			listed[k] = at
		}
	}
	listed[d.Format(time.DateOnly)] = now
	cov.Listed = listed
	return cov
}

// mergeListed returns the kept list after Zoom answered list (compact
// forms, in any order, maybe with repeats) for the date d at now: list
// replaces what was kept for d when replace is set, else adds to (or
// updates) it; what started before the week is dropped. kept is not
// modified.
func mergeListed(kept, list []listedRecording, d time.Time, replace bool, now time.Time) []listedRecording {
	window := listWindow(now)
	fresh := make(map[string]bool, len(list))
	add := make([]listedRecording, 0, len(list))
	for i := range list {
		r := &list[i]
		if r.Start.Before(window) || fresh[r.key()] {
			continue
		}
		fresh[r.key()] = true
		add = append(add, *r)
	}
	sortListed(add)
	stays := func(r *listedRecording) bool {
		switch {
		case r.Start.Before(window), fresh[r.key()]:
			return false
		case replace && utcDay(r.Start).Equal(d):
			return false // Zoom no longer lists it: deleted (or moved to the trash)
		}
		return true
	}
	out := make([]listedRecording, 0, len(kept)+len(add))
	if !slices.IsSortedFunc(kept, compareListed) {
		for i := range kept {
			if stays(&kept[i]) {
				out = append(out, kept[i])
			}
		}
		out = append(out, add...)
		sortListed(out)
		return slices.Clip(out)
	}
	// kept is sorted (loadListCache and this function sort it): the
	// date's list, a small part of the week, is sorted alone and merged in.
	a := 0
	for i := range kept {
		if !stays(&kept[i]) {
			continue
		}
		for a < len(add) && compareListed(add[a], kept[i]) <= 0 {
			out = append(out, add[a])
			a++
		}
		out = append(out, kept[i])
	}
	return slices.Clip(append(out, add[a:]...))
}

// listMoreLocked reports whether a round of the recordings list is in
// progress and its next date is due now: SyncOnce runs another pass.
func (e *Engine) listMoreLocked(now time.Time) bool {
	return !e.acct.listCov.Round.IsZero() && !now.Before(e.sched.list) && !e.apiBlockedLocked(now)
}

// The kept list is written to the cache directory as an index and a file
// per UTC date, so that a date's list writes that date's file and not the
// week's (a heavy account's week is megabytes):
//
//   - recordings.json (listIndex): whose list it is and what it covers
//     (listCoverage: the dates listed and the round in progress);
//   - recordings-YYYY-MM-DD.json (listDateFile): the kept recordings that
//     started on that UTC date.
//
// Both are written after each date is merged (the date files first, then
// the index), apart from snapshot.json, which changes far more often. A
// crash between them leaves a date file the index does not count as
// listed yet (the date is listed again), never the reverse. Version 2
// held the whole list in recordings.json; it is still read, and the next
// write replaces it with the index and the date files.

// listIndex is recordings.json from version 3 on.
type listIndex struct {
	Version int          `json:"version"`
	UserID  string       `json:"user_id"`
	Cover   listCoverage `json:"cover"`
}

// listCache is what recordings.json is read as: the index, and in
// version 2 the whole kept list.
type listCache struct {
	Version    int               `json:"version"`
	UserID     string            `json:"user_id"`
	Cover      listCoverage      `json:"cover"`
	Recordings []listedRecording `json:"recordings"` // version 2 only
}

// listDateFile is recordings-YYYY-MM-DD.json: the kept recordings that
// started on one UTC date, newest first.
type listDateFile struct {
	Version    int               `json:"version"`
	UserID     string            `json:"user_id"`
	Date       string            `json:"date"` // time.DateOnly
	Recordings []listedRecording `json:"recordings"`
}

// write writes f as JSON a recording at a time: a heavy day is a megabyte
// or two, and json.Marshal would build (and grow) all of it in memory
// first. The recordings are written by appendListed, without reflection:
// encoding/json took about as long as a page of the list.
func (f *listDateFile) write(w io.Writer) error {
	head, err := json.Marshal(struct {
		Version int    `json:"version"`
		UserID  string `json:"user_id"`
		Date    string `json:"date"`
	}{f.Version, f.UserID, f.Date})
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, `%s,"recordings":[`, head[:len(head)-1]); err != nil {
		return err
	}
	var buf []byte
	for i := range f.Recordings {
		buf = buf[:0]
		if i > 0 {
			buf = append(buf, ',')
		}
		if buf, err = appendListed(buf, &f.Recordings[i]); err != nil {
			return err
		}
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	_, err = io.WriteString(w, "]}\n")
	return err
}

// appendListed appends r as encoding/json writes it without HTML escaping
// (links are not for HTML; "&" stays one byte), and a newline.
// TestAppendListed holds it to json.Marshal's output.
func appendListed(b []byte, r *listedRecording) ([]byte, error) {
	if y := r.Start.Year(); y < 0 || y > 9999 {
		// Not what Zoom sends; encoding/json says what is wrong.
		data, err := json.Marshal(r)
		return append(append(b, data...), '\n'), err
	}
	b = append(b, '{')
	if r.UUID != "" {
		b = appendJSONString(append(b, `"uuid":`...), r.UUID)
		b = append(b, ',')
	}
	b = strconv.AppendInt(append(b, `"id":`...), r.ID, 10)
	b = appendJSONString(append(b, `,"topic":`...), r.Topic)
	b = append(append(append(b, `,"start":"`...), r.Start.Format(time.RFC3339Nano)...), '"')
	if r.Passcode != "" {
		b = appendJSONString(append(b, `,"passcode":`...), r.Passcode)
	}
	b = append(b, `,"links":{`...)
	first := true
	for _, f := range [...]struct{ name, v string }{{"watch", r.Links.Watch}, {"listen", r.Links.Listen},
		{"transcript", r.Links.Transcript}, {"share", r.Links.Share}, {"folder", r.Links.Folder}} {
		if f.v == "" {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendJSONString(append(append(append(b, '"'), f.name...), `":`...), f.v)
	}
	b = append(b, '}')
	if r.Processing {
		b = append(b, `,"processing":true`...)
	}
	return append(b, "}\n"...), nil
}

// appendJSONString appends s as a JSON string: as is when it is printable
// ASCII with nothing to escape (what IDs, topics and links mostly are),
// else as encoding/json writes it.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			var sb strings.Builder
			enc := json.NewEncoder(&sb)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(s) // a string always encodes
			return append(b, strings.TrimSuffix(sb.String(), "\n")...)
		}
	}
	return append(append(append(b, '"'), s...), '"')
}

const (
	listCacheFile    = "recordings.json"
	listCacheVersion = 3 // 2: the dates listed, one by one; 3: a file per date
	listDatePrefix   = "recordings-"
)

func (e *Engine) listCachePath() string { return filepath.Join(e.opts.CacheDir, listCacheFile) }

// listDatePath returns the file of the kept recordings of the UTC date d
// (time.DateOnly).
func listDatePath(dir, d string) string { return filepath.Join(dir, listDatePrefix+d+".json") }

// listDateFiles returns the dates (time.DateOnly) that have a file in dir.
func listDateFiles(dir string) []string {
	names, _ := filepath.Glob(filepath.Join(dir, listDatePrefix+"*.json"))
	var out []string
	for _, n := range names {
		d := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(n), listDatePrefix), ".json")
		if _, err := time.Parse(time.DateOnly, d); err == nil {
			out = append(out, d)
		}
	}
	return out
}

// loadListCache reads the kept list of user: recordings.json and, from
// version 3 on, the date files. A missing index, one of another user or
// version, or an unreadable one gives nothing (the next list asks for the
// whole week); only the last is set aside (setAside). An unreadable date
// file (set aside too) or one of another user is left out and its date
// counted as not listed, so that the next list asks for it again. Entries
// that do not hold together are dropped and the file set aside. migrate reports a version 2
// file, to be written again as an index and date files.
func (e *Engine) loadListCache(user *User) (kept []listedRecording, cov listCoverage, migrate bool) {
	var c listCache
	now := e.now()
	found, err := readJSON(e.listCachePath(), &c)
	if !found && err == nil {
		return nil, listCoverage{}, false
	}
	if err == nil && c.Version > listCacheVersion {
		e.log.Warn("discarding a newer version's recordings list cache", "path", e.listCachePath(), "version", c.Version)
		return nil, listCoverage{}, false
	}
	if err == nil && c.Version != listCacheVersion && c.Version != 2 {
		err = fmt.Errorf("version %d", c.Version)
	}
	if err != nil {
		e.setAside(e.listCachePath(), err, now, "Interview Tray's saved list of cloud recordings could not be read; the next list asks Zoom for the whole week.")
		return nil, listCoverage{}, false
	}
	if user == nil || c.UserID != user.ID {
		return nil, listCoverage{}, false
	}
	var drop dropNotes
	c.Cover.sanitize(now, &drop)
	c.Recordings = saneListed(c.Recordings, now, &drop)
	if err := drop.err(); err != nil {
		e.setAside(e.listCachePath(), err, now, "Part of Interview Tray's saved list of cloud recordings could not be read and was left out; the rest is used.")
		migrate = true // written again in full
	}
	if c.Version == 2 {
		sortListed(c.Recordings)
		return c.Recordings, c.Cover, true
	}
	cov = c.Cover
	for _, d := range listDateFiles(e.opts.CacheDir) {
		var f listDateFile
		path := listDatePath(e.opts.CacheDir, d)
		_, err := readJSON(path, &f)
		if err == nil {
			var drop dropNotes
			f.Recordings = saneListed(f.Recordings, now, &drop)
			err = drop.err()
		}
		if err != nil {
			e.setAside(path, err, now, "Part of Interview Tray's saved list of cloud recordings could not be read; that date is listed again.")
		} else if f.Version != listCacheVersion || f.UserID != c.UserID || f.Date != d {
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
	window := listWindow(e.now())
	kept = slices.DeleteFunc(kept, func(r listedRecording) bool { return r.Start.Before(window) })
	sortListed(kept)
	return kept, cov, migrate
}

// markListDirtyLocked notes the dates (UTC, of the recordings' starts)
// whose date files must be written again: d, just listed, and those of
// list, which Zoom answered for d (a recording may start on another date
// than the one Zoom files it under), and those where old (the kept list
// before the merge) had a recording of list (it moves if its start did).
func (e *Engine) markListDirtyLocked(old []listedRecording, d time.Time, list []listedRecording) {
	if e.listDirty == nil {
		e.listDirty = map[string]bool{}
	}
	e.listDirty[d.Format(time.DateOnly)] = true
	keys := make(map[string]bool, len(list))
	for i := range list {
		keys[list[i].key()] = true
		e.listDirty[utcDay(list[i].Start).Format(time.DateOnly)] = true
	}
	for i := range old {
		if keys[old[i].key()] {
			e.listDirty[utcDay(old[i].Start).Format(time.DateOnly)] = true
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
	idx := listIndex{Version: listCacheVersion, Cover: e.acct.listCov}
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
	byDate := map[string][]listedRecording{}
	for i := 0; i < len(kept); {
		d := utcDay(kept[i].Start)
		j := i + 1
		for j < len(kept) && utcDay(kept[j].Start).Equal(d) {
			j++
		}
		if ds := d.Format(time.DateOnly); all || dirty[ds] {
			byDate[ds] = kept[i:j]
		}
		i = j
	}
	window := listWindow(now).Format(time.DateOnly)
	for _, d := range listDateFiles(dir) {
		if _, write := byDate[d]; !write && (all || dirty[d] || d < window) {
			if e.opts.ReadOnly {
				continue
			}
			if err := os.Remove(listDatePath(dir, d)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				failed(listDatePath(dir, d), err)
				return
			}
		}
	}
	for d, recs := range byDate {
		f := listDateFile{Version: listCacheVersion, UserID: idx.UserID, Date: d, Recordings: recs}
		if err := e.writeFileWith(listDatePath(dir, d), f.write); err != nil {
			failed(listDatePath(dir, d), err)
			return
		}
	}
	if err := e.writeFile(e.listCachePath(), func() ([]byte, error) { return json.Marshal(&idx) }); err != nil {
		failed(e.listCachePath(), err)
		return
	}
	// The index is written after the dates: each date that failed before
	// was written since (or left the week).
	e.forgetSaveErrs(func(path string) bool { return strings.HasPrefix(filepath.Base(path), listDatePrefix) })
	e.savedInBackground(e.listCachePath(), nil)
	e.listSavedGen = gen
}
