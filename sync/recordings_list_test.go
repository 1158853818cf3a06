package sync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	stdsync "sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/sync/internal/cloudlist"
	"github.com/interviewtray/interviewtray/zoom"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestListedKeepsWhatIsShown: the kept form gives the same recordings as
// Zoom's answer did (links chosen, processing, passcode).
func TestListedKeepsWhatIsShown(t *testing.T) {
	rm := zoom.RecordingMeeting{UUID: "u1", ID: 7, Topic: "Interview: Ada", StartTime: t0, ShareURL: "https://zoom.us/rec/share/x", Password: "pw",
		RecordingFiles: []zoom.RecordingFile{
			{FileType: "MP4", RecordingType: "gallery_view", PlayURL: "https://zoom.us/rec/play/gallery", Status: "completed"},
			{FileType: "MP4", RecordingType: "shared_screen_with_speaker_view", PlayURL: "https://zoom.us/rec/play/speaker", Status: "completed"},
			{FileType: "M4A", PlayURL: "https://zoom.us/rec/play/audio", Status: "processing"},
			{FileType: "TRANSCRIPT", DownloadURL: "https://zoom.us/rec/download/vtt", Status: "completed"},
		}}
	got := recordingsFromList(cloudlist.CompactList([]zoom.RecordingMeeting{rm}), compileRules(DefaultSettings().Rules), nil)
	want := cloudRecording(&rm, nil, t0)
	want.ReadyAt = time.Time{}
	if len(got) != 1 || !reflect.DeepEqual(got[0], want) {
		t.Errorf("from the kept list %+v\nfrom Zoom's answer  %+v", got, want)
	}
}

// listSpy records the from and to of every recordings list request.
type listSpy struct {
	base http.RoundTripper
	mu   stdsync.Mutex
	asks []string // "from..to"
}

func (s *listSpy) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Path == "/v2/users/me/recordings" {
		q := r.URL.Query()
		s.mu.Lock()
		if q.Get("next_page_token") == "" {
			s.asks = append(s.asks, q.Get("from")+".."+q.Get("to"))
		}
		s.mu.Unlock()
	}
	return s.base.RoundTrip(r)
}

func (s *listSpy) lists() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.asks)
}

// dateLists returns the lists asking for one date each: the incremental
// list's, without the recent-recordings looks of the hours after a start
// (recent.go), which ask for yesterday and today at once.
func (s *listSpy) dateLists() []string {
	var out []string
	for _, a := range s.lists() {
		if from, to, ok := strings.Cut(a, ".."); ok && from == to {
			out = append(out, a)
		}
	}
	return out
}

func shownRecording(s *Snapshot, topic string) (Recording, bool) {
	for _, r := range s.Recordings {
		if r.Topic == topic {
			return r, true
		}
	}
	return Recording{}, false
}

// dayLists returns the lists asking for one date each, from first through
// last going back a day at a time: what a round of the list asks.
func dayLists(first, last string) []string {
	var out []string
	for d := date(first); !d.Before(date(last)); d = d.AddDate(0, 0, -1) {
		out = append(out, d.Format(time.DateOnly)+".."+d.Format(time.DateOnly))
	}
	return out
}

// TestRecordingsListIncremental follows the recordings list over three
// days and a restart: the week is listed once (a date per pass, newest
// first), then only the days since the last list (with a day of overlap);
// a recording that Zoom finishes
// processing after a list is found by the next; one that leaves the week
// is dropped; a change of the rules applies to what is kept without
// asking Zoom.
func TestRecordingsListIncremental(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Given a week of recordings the engine never saw happen.
		v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		spy := &listSpy{base: v.sw.base}
		v.sw.base = spy
		day0 := v.at(0, 0, 0)
		at := func(days, hh int) time.Time { return day0.AddDate(0, 0, days).Add(time.Duration(hh) * time.Hour) }
		ready := func(topic string, start time.Time) zoomsim.SimMeeting {
			m := v.meeting(zoomsim.MeetingSpec{Topic: topic, StartTime: start})
			if _, err := v.sim.MakeRecordingReady(m.ID); err != nil {
				t.Fatal(err)
			}
			return m
		}
		ready("Interview: aging", at(-6, 10))
		ready("Interview: old", at(-3, 10))
		ready("Team sync", at(-1, 10))

		// When the engine starts, it lists the whole week, a date per pass,
		// the passes one after the other.
		e := v.start()
		defer v.stop()
		v.until(v.now().Add(time.Second))
		s := e.Snapshot()
		if want := dayLists("2026-03-03", "2026-02-24"); !slices.Equal(spy.dateLists(), want) {
			t.Fatalf("first lists %v, want %v", spy.dateLists(), want)
		}
		for _, topic := range []string{"Interview: aging", "Interview: old"} {
			if _, ok := shownRecording(s, topic); !ok {
				t.Errorf("%q not shown after the first list: %+v", topic, s.Recordings)
			}
		}
		if _, ok := shownRecording(s, "Team sync"); ok {
			t.Error("a recording that is not an interview is shown")
		}

		// An interview late in the evening while the agent is not running;
		// Zoom has not processed it by the next morning's list.
		v.until(at(0, 9))
		v.stop()
		late := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: late", StartTime: at(0, 23)})
		v.until(at(1, 8))
		e = v.start()
		v.until(v.now().Add(time.Second))
		if got, want := spy.dateLists()[8:], dayLists("2026-03-04", "2026-03-02"); !slices.Equal(got, want) {
			t.Fatalf("lists after the restart %v, want %v: from a day before the first", got, want)
		}
		if _, ok := shownRecording(e.Snapshot(), "Interview: old"); !ok {
			t.Error("a recording kept from before the restart is not shown")
		}
		v.until(at(1, 10))
		if _, err := v.sim.MakeRecordingReady(late.ID); err != nil {
			t.Fatal(err)
		}

		// The next day's list asks from the day before the last list: the
		// late interview's day, so its recording is found.
		v.until(at(2, 8).Add(30 * time.Minute))
		if got, want := spy.dateLists()[11:], dayLists("2026-03-05", "2026-03-03"); !slices.Equal(got, want) {
			t.Fatalf("third day's lists %v, want %v", got, want)
		}
		s = e.Snapshot()
		if r, ok := shownRecording(s, "Interview: late"); !ok || r.Links.Watch == "" || r.State != RecReady {
			t.Errorf("the late interview's recording: %+v, %v", r, ok)
		}
		if _, ok := shownRecording(s, "Interview: aging"); ok {
			t.Error("a recording older than the week is still shown")
		}
		if _, ok := shownRecording(s, "Interview: old"); !ok {
			t.Error("a recording of the week was dropped")
		}
		e.mu.Lock()
		for _, r := range e.acct.listedRaw {
			if r.Topic == "Interview: aging" {
				t.Error("a recording older than the week is still kept")
			}
		}
		e.mu.Unlock()

		// A rule that makes "Team sync" an interview shows its recording
		// from the kept list, without a call.
		st := e.Settings()
		st.Rules.Patterns = append(st.Rules.Patterns, "sync")
		if err := e.UpdateSettings(st); err != nil {
			t.Fatal(err)
		}
		synctest.Wait()
		if r, ok := shownRecording(e.Snapshot(), "Team sync"); !ok || r.Links.Watch == "" || r.Links.Share == "" {
			t.Errorf("after the rules change: %+v, %v", r, ok)
		}
		if n := len(spy.dateLists()); n != 14 {
			t.Errorf("%d lists after the rules change, want still 14", n)
		}
	})
}

// TestListCacheOtherUser: a kept list of another user, or of an unknown
// version, is not used: the next list asks for the whole week.
func TestListCacheOtherUser(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		spy := &listSpy{base: v.sw.base}
		v.sw.base = spy
		v.start()
		v.until(v.now().Add(time.Second))
		v.stop()
		path := filepath.Join(v.dirs[2], cloudlist.IndexName)
		info, err := os.Stat(path)
		if err != nil || (runtime.GOOS != "windows" && info.Mode().Perm() != 0o600) { // Windows: no modes, the profile's ACL
			t.Fatalf("recordings list cache: %v %v", info, err)
		}
		var c cloudlist.LoadedIndex
		data, err := os.ReadFile(path)
		if err != nil || json.Unmarshal(data, &c) != nil || c.UserID == "" || len(c.Cover.Listed) != 8 || !c.Cover.Round.IsZero() {
			t.Fatalf("recordings list cache %s: %v", data, err)
		}
		for i, edit := range []func(*cloudlist.LoadedIndex){
			func(c *cloudlist.LoadedIndex) { c.UserID = "someone-else" },
			func(c *cloudlist.LoadedIndex) { c.Version = 99 },
		} {
			bad := c
			edit(&bad)
			data, _ := json.Marshal(&bad)
			write(t, path, string(data))
			v.until(v.now().Add(time.Hour))
			n := len(spy.lists())
			v.start()
			v.until(v.now().Add(time.Second))
			v.stop()
			if got, want := spy.lists()[n:], dayLists("2026-03-03", "2026-02-24"); !slices.Equal(got, want) {
				t.Errorf("case %d: lists %v, want the whole week %v", i, got, want)
			}
		}
	})
}

// pageSpy records every recordings list request as "date#token" and can
// fail the next request of a page after the first.
type pageSpy struct {
	base     http.RoundTripper
	mu       stdsync.Mutex
	asks     []string
	failNext bool
}

func (s *pageSpy) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Path == "/v2/users/me/recordings" {
		q := r.URL.Query()
		s.mu.Lock()
		tok := q.Get("next_page_token")
		ask := q.Get("from") + "#" + tok
		fail := s.failNext && tok != ""
		if fail {
			s.failNext, ask = false, ask+" (failed)"
		}
		s.asks = append(s.asks, ask)
		s.mu.Unlock()
		if fail {
			return nil, errors.New("connection reset by peer")
		}
	}
	return s.base.RoundTrip(r)
}

// dateAsks returns the requests for date d, as "p" for a first page and
// "t" for a page asked by token ("+ (failed)").
func (s *pageSpy) dateAsks(d string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, a := range s.asks {
		date, tok, _ := strings.Cut(a, "#")
		if date != d {
			continue
		}
		k := "p"
		if tok != "" {
			k = "t"
		}
		if strings.HasSuffix(tok, " (failed)") {
			k += "!"
		}
		out = append(out, k)
	}
	return strings.Join(out, " ")
}

// TestRecordingsListPageByPage: a date of more than a page is listed a
// page per pass, and merged only once its last page is read; a failure in
// the middle, a restart, or a token older than Zoom keeps it start the
// date again from its first page, and nothing of a date read in part is
// kept or shown.
func TestRecordingsListPageByPage(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Given 400 recordings (two pages) on each of the two days before.
		v := newEnv(t, zoomsim.Options{AutoEnd: true, RecordingDelay: time.Second}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		spy := &pageSpy{base: v.sw.base}
		v.sw.base = spy
		day0 := v.at(0, 0, 0)
		for i := range 400 {
			for _, days := range []int{-1, -2} {
				v.meeting(zoomsim.MeetingSpec{Topic: fmt.Sprintf("Interview %d", i), Duration: 2,
					StartTime: day0.AddDate(0, 0, days).Add(time.Duration(i) * 3 * time.Minute)})
			}
		}
		ctx := context.Background()
		newEngine := func() *Engine {
			e, err := New(Options{Client: v.client, StateDir: v.dirs[0], ConfigDir: v.dirs[1], CacheDir: v.dirs[2],
				Now: v.now, Location: time.UTC, DefaultRecordingFolder: v.folder})
			if err != nil {
				t.Fatal(err)
			}
			return e
		}
		// kept returns how many recordings of date d the engine keeps and
		// whether d counts as listed.
		kept := func(e *Engine, d string) (n int, listed bool) {
			e.mu.Lock()
			defer e.mu.Unlock()
			for i := range e.acct.listedRaw {
				if e.acct.listedRaw[i].Start.Format(time.DateOnly) == d {
					n++
				}
			}
			_, listed = e.acct.listCov.Listed[d]
			return n, listed
		}
		pass := func(e *Engine) {
			e.syncPass(ctx)
			synctest.Wait()
		}

		// The first pass lists today (empty); the next reads the first page
		// of yesterday, which is not merged yet.
		e := newEngine()
		pass(e)
		snapPath := filepath.Join(v.dirs[2], cacheFile)
		snap, err := os.ReadFile(snapPath)
		if err != nil {
			t.Fatal(err)
		}
		write(t, snapPath, string(snap)+"\n\n") // marked: a write drops the mark
		pass(e)
		if data, err := os.ReadFile(snapPath); err != nil || !strings.HasSuffix(string(data), "\n\n") {
			t.Errorf("snapshot.json written again by a pass that read a page and merged nothing: %v", err)
		}
		if got := spy.dateAsks("2026-03-02"); got != "p" {
			t.Fatalf("yesterday's requests after two passes: %q", got)
		}
		if n, listed := kept(e, "2026-03-02"); n != 0 || listed {
			t.Fatalf("after a page of two: %d kept, listed %v", n, listed)
		}
		if len(e.Snapshot().Recordings) != 0 {
			t.Errorf("a date read in part is shown: %d recordings", len(e.Snapshot().Recordings))
		}
		e.mu.Lock()
		more := e.listMoreLocked(e.now())
		e.mu.Unlock()
		if !more {
			t.Fatal("the date's next page is not due at once")
		}

		// The second page fails: what was read is dropped, and after the
		// backoff the date starts again from its first page.
		spy.mu.Lock()
		spy.failNext = true
		spy.mu.Unlock()
		pass(e)
		if n, listed := kept(e, "2026-03-02"); n != 0 || listed {
			t.Fatalf("after a failed page: %d kept, listed %v", n, listed)
		}
		e.mu.Lock()
		wait := e.sched.backoffUntil.Sub(e.now())
		e.mu.Unlock()
		if h := e.Snapshot().Health; !h.Offline || h.LastError == "" {
			t.Errorf("health after the failed page: %+v", h)
		}
		time.Sleep(wait)
		pass(e)
		// The first page again: nothing merged, but Zoom answered.
		if h := e.Snapshot().Health; h.Offline || h.LastError != "" {
			t.Errorf("health after a page read again: %+v", h)
		}
		pass(e)
		if got := spy.dateAsks("2026-03-02"); got != "p t! p t" {
			t.Fatalf("yesterday's requests: %q, want first page, failed page, then both again", got)
		}
		if n, listed := kept(e, "2026-03-02"); n != 400 || !listed {
			t.Fatalf("after the last page: %d kept, listed %v; want 400", n, listed)
		}

		// A page of the day before, then a restart: the date starts again,
		// and a token older than Zoom keeps it too.
		pass(e)
		if err := e.Close(); err != nil {
			t.Fatal(err)
		}
		e = newEngine()
		defer e.Close()
		if n, listed := kept(e, "2026-03-02"); n != 400 || !listed {
			t.Fatalf("yesterday after the restart: %d kept, listed %v", n, listed)
		}
		pass(e)
		time.Sleep(cloudlist.TokenFor)
		pass(e)
		if n, listed := kept(e, "2026-03-01"); n != 0 || listed {
			t.Fatalf("the day before, in part: %d kept, listed %v", n, listed)
		}
		pass(e)
		if got := spy.dateAsks("2026-03-01"); got != "p p p t" {
			t.Fatalf("the day before's requests: %q, want first page, then again after the restart and the token's age, then both", got)
		}
		if n, listed := kept(e, "2026-03-01"); n != 400 || !listed {
			t.Fatalf("the day before: %d kept, listed %v; want 400", n, listed)
		}
		var shown int
		for _, r := range e.Snapshot().Recordings {
			if strings.HasPrefix(r.Topic, "Interview ") {
				shown++
			}
		}
		if shown == 0 {
			t.Error("no recording shown once the dates are listed")
		}
	})
}
