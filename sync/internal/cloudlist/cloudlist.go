// Package cloudlist keeps the week of Zoom's cloud recordings list
// (users/me/recordings) that the sync engine shows: which UTC dates are
// due, how a date's pages are read and merged into what is kept, and the
// files it is kept in. It holds no lock and makes no call by itself; the
// engine (package sync) drives it and reads and writes its files.
//
// The list finds the past week's recordings of interviews, those the
// engine did not see happen too (the agent was not running). The engine keeps what the list said so that the
// rules and overrides can be re-applied when they change, and asks Zoom
// again once a day. Zoom's list goes by the day the meeting started (from
// and to are UTC dates), and a heavy account has thousands of recordings a
// week (a day's list is megabytes of JSON), so:
//
//   - The list is asked one UTC date at a time, newest first, and a pass
//     reads at most one page of it (PagesPerPass: 300 recordings): a
//     round of the dates due, started once a day (Every), goes on in the
//     following passes at once until no date is due (Next), so that no
//     pass decodes more than a page of recordings and the newest show
//     first. A date's pages are kept aside until its
//     last one (Partial) and only then merged; a failure, a restart or
//     a pause longer than Zoom's page tokens last starts the date again.
//     The engine's SyncOnce runs passes until the round is over.
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
//   - What is kept is a compact form (Recording), not Zoom's answer:
//     the links are chosen once, when listed, and the list is decoded
//     straight into the few fields it needs (zoom.Client.ScanRecordings).
//   - The kept list and what it covers are written to the cache directory
//     (recordings.json and a file per date, see Index) each time a
//     date is merged, so that a restart goes on where the list was instead
//     of asking for the whole week again.
package cloudlist

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/interviewtray/interviewtray/zoom"
)

// Every is how often a round of the list starts; Lookback how far back
// the list goes.
const (
	Every    = 24 * time.Hour
	Lookback = 7 * 24 * time.Hour
)

// Links are a recording's links (package sync's Links, which converts to
// and from it).
type Links struct {
	Watch      string `json:"watch,omitempty"`
	Listen     string `json:"listen,omitempty"`
	Transcript string `json:"transcript,omitempty"`
	Share      string `json:"share,omitempty"`
	Folder     string `json:"folder,omitempty"`
}

// FinalAfter is how long after a date's end a list of it is final:
// the day of overlap for recordings processed late.
const FinalAfter = 24 * time.Hour

// PagesPerPass is how many pages of a date's list (300 recordings,
// about 0.65 MB of JSON, each) a pass reads at most: a heavy day is five
// or six pages, and decoding them all in one pass took longer than the
// pass may.
const PagesPerPass = 1

// TokenFor is how long a date's list goes on from where it was: Zoom's
// next_page_token lasts 15 minutes, and a date whose next page is asked
// for later (the agent slept, or Zoom asked to wait) starts again.
const TokenFor = 10 * time.Minute

// MaxPages bounds the pages of one date (a safety net against a
// server whose tokens go round in a circle).
const MaxPages = 1000

// Partial is the date being listed over several passes: its pages are
// kept (compact) until the last, and only then merged into the kept list,
// so that a failure or a restart in the middle starts the date again
// (what was read of it is dropped) and never leaves half a date merged.
type Partial struct {
	Date  time.Time   // the UTC date
	Token string      // the next page's next_page_token; "" once read whole
	At    time.Time   // when the last page was read
	Got   []Recording // the recordings of the pages read

	pages int             // pages read
	seen  map[string]bool // the tokens followed
}

// GoesOn reports whether p (nil when no date is in progress) is the date
// d, to go on with at now.
func (p *Partial) GoesOn(d, now time.Time) bool {
	return p != nil && p.Token != "" && p.Date.Equal(d) && !now.Before(p.At) && now.Sub(p.At) < TokenFor
}

// Read reads the next pages of p's date, at most PagesPerPass, and
// keeps their recordings and the next page's token. After an error p is
// to be dropped.
func (p *Partial) Read(ctx context.Context, sc *zoom.RecordingsScanner) error {
	keep := func(s *zoom.RecordingSummary) { p.Got = append(p.Got, Compact(s)) }
	for range PagesPerPass {
		next, err := sc.Page(ctx, p.Date, p.Date, p.Token, keep)
		if err != nil {
			return err
		}
		p.pages++
		p.Token = next
		if next == "" {
			return nil
		}
		if p.seen[next] || p.pages >= MaxPages {
			return fmt.Errorf("%w: the recordings list of %s goes round (%d pages)", zoom.ErrMalformedResponse, p.Date.Format(time.DateOnly), p.pages)
		}
		if p.seen == nil {
			p.seen = map[string]bool{}
		}
		p.seen[next] = true
	}
	return nil
}

// Recording is what the engine keeps of one recording of the list: what
// it needs to re-apply the rules (ID, UUID, topic) and to show it (start,
// passcode, links). The links are chosen by ChooseLinks when the
// recording is listed; Processing says a file was not completed yet.
type Recording struct {
	UUID       string    `json:"uuid,omitempty"`
	ID         int64     `json:"id"`
	Topic      string    `json:"topic"`
	Start      time.Time `json:"start"`
	Passcode   string    `json:"passcode,omitempty"`
	Links      Links     `json:"links"`
	Processing bool      `json:"processing,omitempty"`
}

// Compact returns the kept form of one recording of the list.
func Compact(s *zoom.RecordingSummary) Recording {
	links, processing := ChooseLinks(s)
	return Recording{UUID: s.UUID, ID: s.ID, Topic: s.Topic, Start: s.StartTime,
		Passcode: s.Password, Links: links, Processing: processing}
}

// Key identifies a listed recording: its instance UUID, or (Zoom always
// sends one, but a list without it must not collapse) its ID and start.
func (r *Recording) Key() string {
	if r.UUID != "" {
		return r.UUID
	}
	return strconv.FormatInt(r.ID, 10) + "@" + r.Start.Format(time.RFC3339)
}

// CompactList returns the kept form of a list in Zoom's full shape, newest
// first.
func CompactList(list []zoom.RecordingMeeting) []Recording {
	out := make([]Recording, len(list))
	for i := range list {
		s := list[i].Summary()
		out[i] = Compact(&s)
	}
	Sort(out)
	return out
}

// Sort orders a kept list newest first (by UUID within a start), the
// order the engine relies on to show the newest first.
func Sort(l []Recording) { slices.SortFunc(l, compare) }

// compare orders kept recordings newest first, then by UUID and ID.
func compare(a, b Recording) int {
	return cmp.Or(b.Start.Compare(a.Start), cmp.Compare(a.UUID, b.UUID), cmp.Compare(a.ID, b.ID))
}

// Coverage is what the kept list covers: when each UTC date of the
// week (time.DateOnly) was last listed, and the round in progress, if any:
// when it started and its oldest date.
type Coverage struct {
	Listed    map[string]time.Time `json:"listed,omitempty"`
	Round     time.Time            `json:"round,omitzero"`
	RoundFrom time.Time            `json:"round_from,omitzero"`
}

// UTCDay returns the UTC midnight starting t's UTC day: what Zoom's from
// and to name.
func UTCDay(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Window returns the first UTC date the recordings list wants at now.
func Window(now time.Time) time.Time { return UTCDay(now.Add(-Lookback)) }

// Due returns the dates the round started at round still asks for at
// now, newest first (see the comment at the top).
func Due(cov Coverage, kept []Recording, round, now time.Time) []time.Time {
	window, today := Window(now), UTCDay(now)
	processing := map[time.Time]bool{}
	for i := range kept {
		if kept[i].Processing {
			processing[UTCDay(kept[i].Start)] = true
		}
	}
	var due []time.Time
	for d := today; !d.Before(window); d = d.AddDate(0, 0, -1) {
		at, ok := cov.Listed[d.Format(time.DateOnly)]
		final := ok && !at.Before(d.AddDate(0, 0, 1).Add(FinalAfter)) && !processing[d]
		if !ok || (at.Before(round) && !final) {
			due = append(due, d)
		}
	}
	return due
}

// Next returns the date the next recordings list asks for at now and
// the coverage with its round (started now if none is in progress or the
// one in progress is a day old); ok is false when no date is due, and the
// returned coverage then has no round.
func Next(cov Coverage, kept []Recording, now time.Time) (d time.Time, next Coverage, ok bool) {
	next = cov
	if next.Round.IsZero() || now.Sub(next.Round) >= Every || now.Before(next.Round) {
		next.Round = now
		if due := Due(cov, kept, now, now); len(due) > 0 {
			next.RoundFrom = due[len(due)-1]
		}
	}
	due := Due(cov, kept, next.Round, now)
	if len(due) == 0 {
		next.Round, next.RoundFrom = time.Time{}, time.Time{}
		return time.Time{}, next, false
	}
	return due[0], next, true
}

// ListedDate returns the coverage after Zoom answered for the date d at
// now: dates out of the week are forgotten.
func ListedDate(cov Coverage, d, now time.Time) Coverage {
	window := Window(now)
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

// Merge returns the kept list after Zoom answered list (compact
// forms, in any order, maybe with repeats) for the date d at now: list
// replaces what was kept for d when replace is set, else adds to (or
// updates) it; what started before the week is dropped. kept is not
// modified.
func Merge(kept, list []Recording, d time.Time, replace bool, now time.Time) []Recording {
	window := Window(now)
	fresh := make(map[string]bool, len(list))
	add := make([]Recording, 0, len(list))
	for i := range list {
		r := &list[i]
		if r.Start.Before(window) || fresh[r.Key()] {
			continue
		}
		fresh[r.Key()] = true
		add = append(add, *r)
	}
	Sort(add)
	stays := func(r *Recording) bool {
		switch {
		case r.Start.Before(window), fresh[r.Key()]:
			return false
		case replace && UTCDay(r.Start).Equal(d):
			return false // Zoom no longer lists it: deleted (or moved to the trash)
		}
		return true
	}
	out := make([]Recording, 0, len(kept)+len(add))
	if !slices.IsSortedFunc(kept, compare) {
		for i := range kept {
			if stays(&kept[i]) {
				out = append(out, kept[i])
			}
		}
		out = append(out, add...)
		Sort(out)
		return slices.Clip(out)
	}
	// kept is sorted (the engine's load and this function sort it): the
	// date's list, a small part of the week, is sorted alone and merged in.
	a := 0
	for i := range kept {
		if !stays(&kept[i]) {
			continue
		}
		for a < len(add) && compare(add[a], kept[i]) <= 0 {
			out = append(out, add[a])
			a++
		}
		out = append(out, kept[i])
	}
	return slices.Clip(append(out, add[a:]...))
}

// The kept list is written to the cache directory as an index and a file
// per UTC date, so that a date's list writes that date's file and not the
// week's (a heavy account's week is megabytes):
//
//   - recordings.json (Index): whose list it is and what it covers
//     (Coverage: the dates listed and the round in progress);
//   - recordings-YYYY-MM-DD.json (DateFile): the kept recordings that
//     started on that UTC date.
//
// Both are written after each date is merged (the date files first, then
// the index), apart from snapshot.json, which changes far more often. A
// crash between them leaves a date file the index does not count as
// listed yet (the date is listed again), never the reverse. Version 2
// held the whole list in recordings.json; it is still read, and the next
// write replaces it with the index and the date files.

// Index is recordings.json from version 3 on.
type Index struct {
	Version int      `json:"version"`
	UserID  string   `json:"user_id"`
	Cover   Coverage `json:"cover"`
}

// LoadedIndex is what recordings.json is read as: the index, and in
// version 2 the whole kept list.
type LoadedIndex struct {
	Version    int         `json:"version"`
	UserID     string      `json:"user_id"`
	Cover      Coverage    `json:"cover"`
	Recordings []Recording `json:"recordings"` // version 2 only
}

// DateFile is recordings-YYYY-MM-DD.json: the kept recordings that
// started on one UTC date, newest first.
type DateFile struct {
	Version    int         `json:"version"`
	UserID     string      `json:"user_id"`
	Date       string      `json:"date"` // time.DateOnly
	Recordings []Recording `json:"recordings"`
}

// Write writes f as JSON a recording at a time: a heavy day is a megabyte
// or two, and json.Marshal would build (and grow) all of it in memory
// first. The recordings are written by AppendRecording, without reflection:
// encoding/json took about as long as a page of the list.
func (f *DateFile) Write(w io.Writer) error {
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
		if buf, err = AppendRecording(buf, &f.Recordings[i]); err != nil {
			return err
		}
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	_, err = io.WriteString(w, "]}\n")
	return err
}

// AppendRecording appends r as encoding/json writes it without HTML escaping
// (links are not for HTML; "&" stays one byte), and a newline.
// TestAppendListed holds it to json.Marshal's output.
func AppendRecording(b []byte, r *Recording) ([]byte, error) {
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
	IndexName  = "recordings.json"
	Version    = 3 // 2: the dates listed, one by one; 3: a file per date
	DatePrefix = "recordings-"
)

// DatePath returns the file of the kept recordings of the UTC date d
// (time.DateOnly).
func DatePath(dir, d string) string { return filepath.Join(dir, DatePrefix+d+".json") }

// DateFiles returns the dates (time.DateOnly) that have a file in dir.
func DateFiles(dir string) []string {
	names, _ := filepath.Glob(filepath.Join(dir, DatePrefix+"*.json"))
	var out []string
	for _, n := range names {
		d := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(n), DatePrefix), ".json")
		if _, err := time.Parse(time.DateOnly, d); err == nil {
			out = append(out, d)
		}
	}
	return out
}

// ChooseLinks returns a cloud recording's links, from its files: Watch is
// the first MP4 (the speaker view with shared screen preferred), Listen
// the M4A, Transcript the audio transcript, and the share link.
// processing reports a file that is not completed yet.
func ChooseLinks(s *zoom.RecordingSummary) (l Links, processing bool) {
	l.Share = s.ShareURL
	var watchRank int
	for i := range s.Files {
		f := &s.Files[i]
		if f.Status != "" && !strings.EqualFold(f.Status, "completed") {
			processing = true
			continue
		}
		link := f.PlayURL
		if link == "" {
			link = f.DownloadURL
		}
		switch strings.ToUpper(f.FileType) {
		case zoom.FileMP4:
			if rank := videoRank(f.RecordingType); l.Watch == "" || rank < watchRank {
				l.Watch, watchRank = link, rank
			}
		case zoom.FileM4A:
			if l.Listen == "" {
				l.Listen = link
			}
		case zoom.FileTranscript:
			if l.Transcript == "" {
				l.Transcript = link
			}
		}
	}
	return l, processing
}

// videoRank orders MP4 views: the speaker view with shared screen first.
func videoRank(recordingType string) int {
	switch recordingType {
	case "shared_screen_with_speaker_view":
		return 0
	case "active_speaker", "speaker_view":
		return 1
	case "shared_screen_with_gallery_view":
		return 2
	case "gallery_view":
		return 3
	}
	return 4
}
