package sync

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	stdsync "sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/sync/internal/cloudlist"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// The recordings list goes a UTC date per pass (recordings_list.go).

// listFailer fails the recordings list requests of the dates in fail (by
// from), as if the network went away.
type listFailer struct {
	base http.RoundTripper
	mu   stdsync.Mutex
	fail map[string]bool
}

func (f *listFailer) set(dates ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fail = map[string]bool{}
	for _, d := range dates {
		f.fail[d] = true
	}
}

func (f *listFailer) RoundTrip(r *http.Request) (*http.Response, error) {
	f.mu.Lock()
	fail := r.URL.Path == "/v2/users/me/recordings" && f.fail[r.URL.Query().Get("from")]
	f.mu.Unlock()
	if fail {
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, offlineErr()
	}
	return f.base.RoundTrip(r)
}

// chunkEnv is an account with one interview recorded on each date of the
// of the eight UTC dates of the week at 2026-03-03 08:00 UTC, at 07:00,
// its recordings list spied on and failing on demand.
func chunkEnv(t *testing.T) (*env, *listSpy, *listFailer, []string) {
	v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
	fail := &listFailer{base: v.sw.base}
	spy := &listSpy{base: fail}
	v.sw.base = spy
	var topics []string
	for days := range 8 {
		start := v.at(-days, 7, 0)
		topic := "Interview: " + start.Format(time.DateOnly)
		m := v.meeting(zoomsim.MeetingSpec{Topic: topic, StartTime: start})
		if _, err := v.sim.MakeRecordingReady(m.ID); err != nil {
			t.Fatal(err)
		}
		topics = append(topics, topic)
	}
	return v, spy, fail, topics // topics newest first
}

func shownTopics(s *Snapshot) []string {
	var out []string
	for _, r := range s.Recordings {
		out = append(out, r.Topic)
	}
	return out
}

// TestListByDateNewestFirst: a started engine's first pass lists today
// only, so today's recordings show at once; the other dates follow in the
// next passes, right away, newest first.
func TestListByDateNewestFirst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v, spy, _, topics := chunkEnv(t)
		start := v.now()
		e := v.start()
		defer v.stop()
		if got, want := spy.lists(), dayLists("2026-03-03", "2026-03-03"); !slices.Equal(got, want) {
			t.Fatalf("first pass lists %v, want %v", got, want)
		}
		if got := shownTopics(e.Snapshot()); !slices.Equal(got, topics[:1]) {
			t.Errorf("after the first pass %v, want today's %v", got, topics[:1])
		}
		// Each date is written once listed: its own file and the index.
		e.mu.Lock()
		kept := shapeOf(e.acct.listedRaw)
		e.mu.Unlock()
		if c, found := readListFiles(t, v.dirs[2]); !found || len(c.Cover.Listed) != 1 || c.Cover.Round.IsZero() ||
			!slices.Equal(shapeOf(c.Recordings), kept) || len(c.Recordings) != 1 {
			t.Errorf("recordings files after the first date: %v, cover %+v, %d recordings", found, c.Cover, len(c.Recordings))
		}
		v.until(start.Add(time.Second))
		if got, want := spy.lists(), dayLists("2026-03-03", "2026-02-24"); !slices.Equal(got, want) {
			t.Fatalf("lists %v, want %v", got, want)
		}
		if got := shownTopics(e.Snapshot()); !slices.Equal(got, topics) {
			t.Errorf("shown %v, want %v", got, topics)
		}
		e.mu.Lock()
		cov, next := e.acct.listCov, e.sched.list
		e.mu.Unlock()
		if !cov.Round.IsZero() || len(cov.Listed) != 8 || next.Sub(start) < cloudlist.Every {
			t.Errorf("after the round: coverage %+v, next list %v", cov, next)
		}
		if c, found := readListFiles(t, v.dirs[2]); !found || len(c.Recordings) != 8 || len(c.Cover.Listed) != 8 || !c.Cover.Round.IsZero() {
			t.Errorf("recordings files after the round: %v, %d recordings, cover %+v", found, len(c.Recordings), c.Cover)
		}
		if n := len(cloudlist.DateFiles(v.dirs[2])); n != 8 {
			t.Errorf("%d date files, want 8", n)
		}
	})
}

// TestSyncOnceListsTheWeek: SyncOnce (interviewtray status without an
// agent) runs passes until the whole week is listed.
func TestSyncOnceListsTheWeek(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v, spy, _, topics := chunkEnv(t)
		e, err := New(Options{Client: v.client, StateDir: v.dirs[0], ConfigDir: v.dirs[1], CacheDir: v.dirs[2],
			Now: v.now, Location: v.loc, DefaultRecordingFolder: v.folder,
			Logger: slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))})
		if err != nil {
			t.Fatal(err)
		}
		defer e.Close()
		s, err := e.SyncOnce(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if got, want := spy.lists(), dayLists("2026-03-03", "2026-02-24"); !slices.Equal(got, want) {
			t.Errorf("lists %v, want %v", got, want)
		}
		if got := shownTopics(s); !slices.Equal(got, topics) {
			t.Errorf("shown %v, want %v", got, topics)
		}
		if v.sw.attempts["GET /v2/users/me/meetings"] != 1 {
			t.Errorf("the other calls were made %d times, want once", v.sw.attempts["GET /v2/users/me/meetings"])
		}
		// Nothing is due: another SyncOnce lists nothing.
		if _, err := e.SyncOnce(context.Background()); err != nil || len(spy.lists()) != 8 {
			t.Errorf("a second SyncOnce: %v, %d lists", err, len(spy.lists()))
		}
	})
}

// TestListResumesAfterFailure: a date that fails stops the round; after
// the backoff it goes on from that date, without asking again for the
// dates it had.
func TestListResumesAfterFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v, spy, fail, topics := chunkEnv(t)
		fail.set("2026-02-28")
		e := v.start()
		defer v.stop()
		v.until(v.now().Add(time.Second))
		want := dayLists("2026-03-03", "2026-02-28")
		if got := spy.lists(); !slices.Equal(got, want) {
			t.Fatalf("lists until the failure %v, want %v", got, want)
		}
		if got := shownTopics(e.Snapshot()); !slices.Equal(got, topics[:3]) {
			t.Errorf("shown %v, want the dates listed %v", got, topics[:3])
		}
		fail.set()
		v.until(v.now().Add(offlineMax))
		want = append(want, dayLists("2026-02-28", "2026-02-24")...)
		if got := spy.lists(); !slices.Equal(got, want) {
			t.Fatalf("lists %v, want %v", got, want)
		}
		if got := shownTopics(e.Snapshot()); !slices.Equal(got, topics) {
			t.Errorf("shown %v, want %v", got, topics)
		}
	})
}

// shapeOf returns a kept list without what differs between two simulated
// accounts (UUIDs, IDs, link addresses): the topic, start and which links
// there are.
func shapeOf(l []cloudlist.Recording) []string {
	var out []string
	for _, r := range l {
		out = append(out, fmt.Sprintf("%s@%s processing=%v watch=%v listen=%v transcript=%v share=%v", r.Topic, r.Start.Format(time.RFC3339),
			r.Processing, r.Links.Watch != "", r.Links.Listen != "", r.Links.Transcript != "", r.Links.Share != ""))
	}
	return out
}

// TestListRestartMidway: an engine closed in the middle of a round leaves
// recordings.json with what it listed and the round; the next one shows
// that at once and lists only the dates missing, and ends with the same
// kept list as an engine that was never stopped.
func TestListRestartMidway(t *testing.T) {
	var whole []string
	synctest.Test(t, func(t *testing.T) {
		v, _, _, _ := chunkEnv(t)
		e := v.start()
		v.until(v.now().Add(time.Second))
		e.mu.Lock()
		whole = shapeOf(e.acct.listedRaw)
		e.mu.Unlock()
		v.stop()
		if len(whole) != 8 {
			t.Fatalf("without a restart: %q", whole)
		}
	})
	synctest.Test(t, func(t *testing.T) {
		v, spy, fail, topics := chunkEnv(t)
		fail.set("2026-02-28", "2026-02-27", "2026-02-26", "2026-02-25", "2026-02-24")
		v.start()
		v.until(v.now().Add(time.Second))
		v.stop()
		c, found := readListFiles(t, v.dirs[2])
		if !found {
			t.Fatal("no recordings.json")
		}
		if len(c.Cover.Listed) != 3 || c.Cover.Round.IsZero() || !c.Cover.RoundFrom.Equal(date("2026-02-24")) || len(c.Recordings) != 3 {
			t.Fatalf("recordings.json after 3 dates: cover %+v, %d recordings", c.Cover, len(c.Recordings))
		}
		for i, r := range c.Recordings {
			if r.Topic != topics[i] || r.Links.Watch == "" {
				t.Errorf("kept %d: %+v, want %s with its links", i, r, topics[i])
			}
		}

		fail.set()
		n := len(spy.lists())
		v.until(v.now().Add(time.Minute))
		e := v.start()
		if got := shownTopics(e.Snapshot()); len(got) < 3 || !slices.Equal(got[:3], topics[:3]) {
			t.Errorf("shown after the restart %v, want the kept %v first", got, topics[:3])
		}
		v.until(v.now().Add(time.Second))
		if got, want := spy.lists()[n:], dayLists("2026-02-28", "2026-02-24"); !slices.Equal(got, want) {
			t.Errorf("lists after the restart %v, want the missing dates %v", got, want)
		}
		e.mu.Lock()
		got := shapeOf(e.acct.listedRaw)
		e.mu.Unlock()
		if !slices.Equal(got, whole) {
			t.Errorf("kept after the restart %q\nwithout a restart  %q", got, whole)
		}
		v.stop()
		if _, err := os.Stat(filepath.Join(v.dirs[2], cloudlist.IndexName)); err != nil {
			t.Error(err)
		}
	})
}

// readListFiles reads recordings.json and the date files in dir as one
// cloudlist.LoadedIndex, the recordings of every date file newest first; found is
// whether recordings.json exists.
func readListFiles(t *testing.T, dir string) (c cloudlist.LoadedIndex, found bool) {
	t.Helper()
	found, err := readJSON(filepath.Join(dir, cloudlist.IndexName), &c)
	if err != nil || c.Recordings != nil {
		t.Fatalf("recordings.json: %v, %d recordings in it", err, len(c.Recordings))
	}
	for _, d := range cloudlist.DateFiles(dir) {
		var f cloudlist.DateFile
		if _, err := readJSON(cloudlist.DatePath(dir, d), &f); err != nil || f.Date != d || f.UserID != c.UserID || f.Version != cloudlist.Version {
			t.Fatalf("%s: %v, %+v", cloudlist.DatePath(dir, d), err, f)
		}
		for _, r := range f.Recordings {
			if got := cloudlist.UTCDay(r.Start).Format(time.DateOnly); got != d {
				t.Errorf("%s holds a recording of %s", cloudlist.DatePath(dir, d), got)
			}
		}
		c.Recordings = append(c.Recordings, f.Recordings...)
	}
	cloudlist.Sort(c.Recordings)
	return c, found
}

// TestListFilesPerDate: a day later the round rewrites the files of the
// dates it lists again and no other, removes the file of the date that
// left the week, and what a restart reads back is what was kept.
func TestListFilesPerDate(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v, spy, _, _ := chunkEnv(t)
		v.start()
		v.until(v.now().Add(time.Second))
		v.stop()
		dir := v.dirs[2]
		dates := cloudlist.DateFiles(dir)
		if len(dates) != 8 {
			t.Fatalf("date files %v, want 8", dates)
		}
		// Mark every file: a file written again loses the mark.
		for _, d := range dates {
			f, err := os.OpenFile(cloudlist.DatePath(dir, d), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString("\n\n")
			f.Close()
		}

		v.until(v.at(1, 8, 0))
		n := len(spy.lists())
		e := v.start()
		v.until(v.now().Add(time.Second))
		if got, want := spy.lists()[n:], dayLists("2026-03-04", "2026-03-02"); !slices.Equal(got, want) {
			t.Fatalf("a day later lists %v, want %v", got, want)
		}
		e.mu.Lock()
		kept := shapeOf(e.acct.listedRaw)
		e.mu.Unlock()
		v.stop()
		var rewritten []string
		for _, d := range cloudlist.DateFiles(dir) {
			data, err := os.ReadFile(cloudlist.DatePath(dir, d))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasSuffix(data, []byte("\n\n")) {
				rewritten = append(rewritten, d)
			}
		}
		// 2026-03-04 has no recording: no file.
		if want := []string{"2026-03-02", "2026-03-03"}; !slices.Equal(rewritten, want) {
			t.Errorf("rewritten %v, want %v", rewritten, want)
		}
		if slices.Contains(cloudlist.DateFiles(dir), "2026-02-24") {
			t.Error("the file of the date that left the week is still there")
		}
		c, _ := readListFiles(t, dir)
		if got := shapeOf(c.Recordings); !slices.Equal(got, kept) || len(kept) != 7 {
			t.Errorf("the files hold %q\nkept %q", got, kept)
		}
		e = v.start()
		e.mu.Lock()
		got := shapeOf(e.acct.listedRaw)
		e.mu.Unlock()
		v.stop()
		if !slices.Equal(got, kept) {
			t.Errorf("read back %q\nkept %q", got, kept)
		}

		// An unreadable date file is left out and its date listed again.
		write(t, cloudlist.DatePath(dir, "2026-02-27"), "{")
		v.until(v.now().Add(time.Minute))
		n = len(spy.lists())
		v.start()
		v.until(v.now().Add(time.Second))
		v.stop()
		if got := spy.lists()[n:]; !slices.Contains(got, "2026-02-27..2026-02-27") {
			t.Errorf("lists after an unreadable date file %v, want 2026-02-27 among them", got)
		}
		if c, _ := readListFiles(t, dir); !slices.Equal(shapeOf(c.Recordings), kept) {
			t.Errorf("after listing the date again the files hold %q\nwant %q", shapeOf(c.Recordings), kept)
		}
	})
}

// TestListCacheVersion2: a version 2 recordings.json (the whole list in
// it) is read, and written again as the index and date files.
func TestListCacheVersion2(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v, _, _, topics := chunkEnv(t)
		v.start()
		v.until(v.now().Add(time.Second))
		v.stop()
		dir := v.dirs[2]
		c, _ := readListFiles(t, dir)
		c.Version = 2
		data, err := json.Marshal(&c)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range cloudlist.DateFiles(dir) {
			if err := os.Remove(cloudlist.DatePath(dir, d)); err != nil {
				t.Fatal(err)
			}
		}
		write(t, filepath.Join(dir, cloudlist.IndexName), string(data))

		e, err := New(Options{Client: v.client, StateDir: v.dirs[0], ConfigDir: v.dirs[1], CacheDir: dir,
			Now: v.now, Location: v.loc, DefaultRecordingFolder: v.folder})
		if err != nil {
			t.Fatal(err)
		}
		e.mu.Lock()
		got, cov := shapeOf(e.acct.listedRaw), e.acct.listCov
		e.mu.Unlock()
		if !slices.Equal(got, shapeOf(c.Recordings)) || len(cov.Listed) != 8 {
			t.Errorf("read from version 2: %q, cover %+v", got, cov)
		}
		if got := shownTopics(e.Snapshot()); !slices.Equal(got, topics) {
			t.Errorf("shown %v, want %v", got, topics)
		}
		if err := e.Close(); err != nil {
			t.Fatal(err)
		}
		after, found := readListFiles(t, dir)
		if !found || after.Version != cloudlist.Version || !slices.Equal(shapeOf(after.Recordings), shapeOf(c.Recordings)) || len(after.Cover.Listed) != 8 {
			t.Errorf("written again: version %d, %d recordings, cover %+v", after.Version, len(after.Recordings), after.Cover)
		}
	})
}
