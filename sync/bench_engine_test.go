package sync

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	stdsync "sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/interviewtray/interviewtray/sync/internal/cloudlist"
	"github.com/interviewtray/interviewtray/zoom"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// BenchmarkFullSync (bench_test.go) times the pure work behind a full sync.
// The benchmarks here time what a user's machine does, on issue 7's heavy
// account: 1,000 upcoming meetings and 10,000 cloud recordings of three
// files each over the past week.
//
// BenchmarkEngineFullSync is a fresh engine's whole first sync: New, then
// SyncOnce, which runs passes until the week's cloud recordings are
// listed, then Close. The first pass makes every other Zoom call (the
// user, upcoming_meetings, every page of the hosted meetings, the
// interviews' details, the settings) and reads the first page of today's
// recordings; each following pass reads one more page (300 recordings),
// a UTC date's pages one after the other, newest date first (eight dates
// in all), and merges a date once its last page is read. Each decodes its
// answers and builds the snapshot, publishing it and writing
// snapshot.json when it changed; a pass that merges a date writes that
// date's recordings file and recordings.json. Nothing is kept yet, so together they decode the whole week.
// ns/op, B/op, allocs/op and cpu-ms/op are the whole sync's; the figures
// of its largest pass (what one wake-up of the agent costs at most) are
// max-pass-cpu-ms and max-pass-MB (see passFigures), over passes/op.
//
// BenchmarkEngineSteadySync is an engine that has synced before, a day
// later: its files are those of an engine that followed the account
// through that day (polls every 20 minutes, the interviews' cloud
// recordings followed as they ended), and the account had as many
// meetings that day as before (72 of the upcoming ones ended and as many
// were added; 1,571 more recordings). "daily" is the sync in which every
// periodic call is due, the heaviest of the day: SyncOnce's passes, the
// first with the user, both meeting lists, details, the settings, the
// cloud recordings that are due and the first page of today's recordings
// list, then one pass per further page of the dates the list asks for
// (today, yesterday and the day before: a day of overlap). The passes alone are timed (New and Close, which read
// and write the files, are not); max-pass-cpu-ms and max-pass-MB are its
// largest pass's. "refresh" is the pass the engine makes all day: both
// meeting lists again (Refresh), nothing new.
//
// Zoom's answers come from the simulator, recorded once and replayed from
// memory, so the figures hold the client's and the engine's work only:
// neither the simulator's nor a network's (TLS and HTTP framing are not
// in them either).

// replayTransport answers requests from recorded answers, by method and
// request URI; any other request is a miss.
type replayTransport struct {
	answers map[string]recordedAnswer
	mu      stdsync.Mutex
	misses  []string // guarded by mu
	bytes   int64    // body bytes served, guarded by mu
}

type recordedAnswer struct {
	status int
	header http.Header
	body   []byte
}

func replayKey(r *http.Request) string { return r.Method + " " + r.URL.RequestURI() }

func (t *replayTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		r.Body.Close()
	}
	a, ok := t.answers[replayKey(r)]
	t.mu.Lock()
	if !ok {
		t.misses = append(t.misses, replayKey(r))
	} else {
		t.bytes += int64(len(a.body))
	}
	t.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("replay: no recorded answer for %s", replayKey(r))
	}
	return &http.Response{
		Status: http.StatusText(a.status), StatusCode: a.status, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: a.header.Clone(), Body: io.NopCloser(bytes.NewReader(a.body)), ContentLength: int64(len(a.body)),
		Request: r,
	}, nil
}

// recordingTransport passes requests to the simulator with a bearer token
// and keeps every answer.
type recordingTransport struct {
	sim     http.RoundTripper
	token   string
	answers map[string]recordedAnswer
	calls   int // requests made
}

func (t *recordingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.calls++
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+t.token)
	resp, err := t.sim.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	t.answers[replayKey(r)] = recordedAnswer{status: resp.StatusCode, header: resp.Header.Clone(), body: body}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// heavyAccount is a simulated Zoom account with nMeetings upcoming
// meetings (one every 20 minutes from now; three in five are interviews)
// and nRecordings ended ones with cloud recordings ready (one every 55
// seconds over the past week), and the answers to a fresh engine's first
// pass over it. now is noon UTC, so that the day's recordings list (whose
// size depends on the time of day: it asks for whole UTC dates) asks for
// a day and a half before the last list.
type heavyAccount struct {
	now     time.Time
	answers map[string]recordedAnswer
	calls   int
	listed  int // recordings in the recordings list's answers

	// A day later (see BenchmarkEngineSteadySync), when withDay.
	day          time.Time
	dayDir       string // the engine's files before the daily pass
	dayAnswers   map[string]recordedAnswer
	dayCalls     int // calls of the daily pass
	dayListed    int // recordings its recordings list answered with
	refreshCalls int // calls of a refresh pass after it
}

var heavyTopics = []string{"Interview: candidate %d", "Team sync %d", "Technical interview %d", "1:1 %d", "Phone screen (interview) %d"}

func newHeavyAccount(tb testing.TB, nMeetings, nRecordings int, withDay bool) *heavyAccount {
	tb.Helper()
	sim, err := zoomsim.New(zoomsim.Options{ClientID: testClientID, AutoApprove: true, AutoEnd: true,
		RecordingDelay: time.Second, Plan: "business", TokenTTL: 7 * 24 * time.Hour})
	if err != nil {
		tb.Fatal(err)
	}
	now := sim.Now().Truncate(time.Minute)
	noon := now.Truncate(24 * time.Hour).Add(12 * time.Hour)
	if noon.Before(now) {
		noon = noon.Add(24 * time.Hour)
	}
	sim.Advance(noon.Sub(now))
	now = noon
	create := func(i int, start time.Time) {
		if _, err := sim.CreateMeeting(zoomsim.MeetingSpec{Topic: fmt.Sprintf(heavyTopics[i%len(heavyTopics)], i),
			StartTime: start, Duration: 45}); err != nil {
			tb.Fatal(err)
		}
	}
	for i := range nMeetings {
		create(i, now.Add(time.Duration(i+1)*20*time.Minute))
	}
	for i := range nRecordings {
		create(i, now.Add(-time.Hour-time.Duration(i)*55*time.Second))
	}
	token := simAccessToken(tb, sim)
	rec := &recordingTransport{sim: sim.Transport(), token: token, answers: map[string]recordedAnswer{}}
	h := &heavyAccount{now: now, answers: rec.answers}
	coldDir := tb.TempDir()
	_, snap := h.fullSync(tb, rec, coldDir)
	if n := sim.Stats().RateLimited; n > 0 {
		tb.Fatalf("recording the answers hit the simulator's rate limit %d times", n)
	}
	if len(snap.Interviews) != nMeetings || len(snap.Recordings) != min(nRecordings, maxSnapshotRecordings) || snap.Health.LastError != "" || snap.Health.LastSync.IsZero() {
		tb.Fatalf("recorded pass: %d interviews, %d recordings, health %+v", len(snap.Interviews), len(snap.Recordings), snap.Health)
	}
	h.calls, h.listed = len(rec.answers), countListed(tb, rec.answers)
	if !withDay {
		return h
	}

	// The day: the engine (from the first pass's files) syncs every 20
	// minutes while the first 72 upcoming meetings happen; as many are
	// added at the end of the list.
	const perDay = 24 * 3 // meetings every 20 minutes
	for k := range perDay {
		create(nMeetings+k, now.Add(time.Duration(nMeetings+k+1)*20*time.Minute))
	}
	h.day = now.Add(24 * time.Hour)
	h.dayDir = tb.TempDir()
	copyDir(tb, coldDir, h.dayDir)
	clock := now
	live := &recordingTransport{sim: sim.Transport(), token: token, answers: map[string]recordedAnswer{}}
	e := h.engine(tb, live, h.dayDir, func() time.Time { return clock })
	for clock.Before(h.day.Add(-20 * time.Minute)) {
		sim.Advance(20 * time.Minute)
		clock = clock.Add(20 * time.Minute)
		if _, err := e.SyncOnce(context.Background()); err != nil {
			tb.Fatal(err)
		}
	}
	if err := e.Close(); err != nil {
		tb.Fatal(err)
	}
	if s := e.Snapshot(); s.Health.LastError != "" {
		tb.Fatalf("the day: %+v", s.Health)
	}
	// The day's other recordings, at the same pace as the week's: meetings
	// the engine did not see (ended by now).
	sim.Advance(h.day.Sub(clock))
	for k := 1; time.Duration(k)*55*time.Second < 24*time.Hour; k++ {
		create(nRecordings+k, now.Add(-time.Hour+time.Duration(k)*55*time.Second))
	}

	// The daily pass, then a refresh, recorded.
	rec = &recordingTransport{sim: sim.Transport(), token: token, answers: map[string]recordedAnswer{}}
	dir := tb.TempDir()
	copyDir(tb, h.dayDir, dir)
	e = h.engine(tb, rec, dir, func() time.Time { return h.day })
	snap, err = e.SyncOnce(context.Background())
	if err != nil || snap.Health.LastError != "" {
		tb.Fatalf("daily pass: %v %+v", err, snap.Health)
	}
	h.dayCalls, h.dayListed = rec.calls, countListed(tb, rec.answers)
	e.Refresh()
	if _, err := e.SyncOnce(context.Background()); err != nil {
		tb.Fatal(err)
	}
	h.refreshCalls = rec.calls - h.dayCalls
	if err := e.Close(); err != nil {
		tb.Fatal(err)
	}
	if n := sim.Stats().RateLimited; n > 0 {
		tb.Fatalf("recording the answers hit the simulator's rate limit %d times", n)
	}
	h.dayAnswers = rec.answers
	return h
}

// countListed returns how many recordings the recordings list's answers
// hold.
func countListed(tb testing.TB, answers map[string]recordedAnswer) int {
	n := 0
	for k, a := range answers {
		if strings.HasPrefix(k, "GET /v2/users/me/recordings?") {
			var p struct {
				Meetings []json.RawMessage `json:"meetings"`
			}
			if err := json.Unmarshal(a.body, &p); err != nil {
				tb.Fatal(err)
			}
			n += len(p.Meetings)
		}
	}
	return n
}

// copyDir copies the engine's files (a tree of small files) from src to dst.
func copyDir(tb testing.TB, src, dst string) {
	tb.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o700)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o600)
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// simAccessToken signs in to the simulator (it approves at once) and
// returns an access token.
func simAccessToken(tb testing.TB, sim *zoomsim.Sim) string {
	tb.Helper()
	hc := &http.Client{Transport: sim.Transport(),
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	verifier := oauth2.GenerateVerifier()
	q := url.Values{"response_type": {"code"}, "client_id": {testClientID}, "state": {"s"},
		"redirect_uri": {"http://127.0.0.1:47001/oauth/callback"}, "code_challenge_method": {"S256"},
		"code_challenge": {oauth2.S256ChallengeFromVerifier(verifier)}}
	resp, err := hc.Get("https://zoom.us/oauth/authorize?" + q.Encode())
	if err != nil {
		tb.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || loc.Query().Get("code") == "" {
		tb.Fatalf("authorize: %s %q", resp.Status, resp.Header.Get("Location"))
	}
	resp, err = hc.PostForm("https://zoom.us/oauth/token", url.Values{"grant_type": {"authorization_code"},
		"code": {loc.Query().Get("code")}, "redirect_uri": {q.Get("redirect_uri")}, "client_id": {testClientID},
		"code_verifier": {verifier}})
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || tok.AccessToken == "" {
		tb.Fatalf("token: %s: %v", resp.Status, err)
	}
	return tok.AccessToken
}

// engine makes an engine on dir's files, talking to Zoom through rt.
func (h *heavyAccount) engine(tb testing.TB, rt http.RoundTripper, dir string, now func() time.Time) *Engine {
	tb.Helper()
	e, err := New(Options{
		Client:   zoom.New(zoom.Options{HTTPClient: &http.Client{Transport: rt, Timeout: time.Minute}}),
		StateDir: filepath.Join(dir, "state"), ConfigDir: filepath.Join(dir, "config"), CacheDir: filepath.Join(dir, "cache"),
		Now:                    now,
		Location:               time.UTC,
		DefaultRecordingFolder: filepath.Join(dir, "Zoom"),
	})
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

// fullSync runs a fresh engine's first sync (SyncOnce: until the week is
// listed) in dir through rt and closes the engine; what it holds stays
// reachable through the result.
func (h *heavyAccount) fullSync(tb testing.TB, rt http.RoundTripper, dir string) (*Engine, *Snapshot) {
	e := h.engine(tb, rt, dir, func() time.Time { return h.now })
	snap, err := e.SyncOnce(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	if err := e.Close(); err != nil {
		tb.Fatal(err)
	}
	return e, snap
}

func BenchmarkEngineFullSync(b *testing.B) {
	h := newHeavyAccount(b, 1000, 10000, false)
	rt := &replayTransport{answers: h.answers}
	root := b.TempDir()

	// The heap an engine keeps after its first sync (the agent holds it
	// all day).
	before := liveHeap()
	keep, _ := h.fullSync(b, rt, filepath.Join(root, "retained"))
	retained := liveHeap() - before
	runtime.KeepAlive(keep)

	// The largest pass of a first sync, measured pass by pass.
	reportPasses := measurePasses(b, func(i int) *Engine {
		return h.engine(b, rt, filepath.Join(root, fmt.Sprint("passes", i)), func() time.Time { return h.now })
	}, func(e *Engine) {
		e.Close()
		if err := os.RemoveAll(filepath.Dir(e.opts.CacheDir)); err != nil {
			b.Fatal(err)
		}
	})
	rt.bytes = 0

	b.ReportAllocs()
	cpu0, cpuOK := processCPU()
	n := 0
	for b.Loop() {
		dir := filepath.Join(root, fmt.Sprint(n))
		n++
		h.fullSync(b, rt, dir)
		b.StopTimer()
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	cpu1, _ := processCPU()
	if len(rt.misses) > 0 {
		b.Fatalf("%d requests had no recorded answer, first %s", len(rt.misses), rt.misses[0])
	}
	if cpuOK {
		// Every thread's CPU (the GC's background workers too), not only
		// wall time; the file removals between iterations are in it.
		b.ReportMetric(float64(cpu1-cpu0)/float64(n)/1e6, "cpu-ms/op")
	}
	b.ReportMetric(float64(retained)/(1<<20), "retained-MB")
	reportPasses()
	b.ReportMetric(float64(rt.bytes)/float64(n)/(1<<20), "MB-json/op")
	b.ReportMetric(float64(h.calls), "calls/op")
	b.ReportMetric(float64(h.listed), "listed/op")
}

func BenchmarkEngineSteadySync(b *testing.B) {
	h := newHeavyAccount(b, 1000, 10000, true)
	root := b.TempDir()

	// timed runs pass (the timer stopped around everything else) and
	// reports its CPU time, taken around the pass and a collection after it
	// (of the pass's garbage; it also marks the benchmark's recorded
	// answers, so it bills a little more than the pass makes). A collection
	// before, so that the garbage of the setup is not billed to the pass.
	timed := func(b *testing.B, rt *replayTransport, setup func(i int) *Engine, pass func(*Engine), done func(*Engine)) {
		b.ReportAllocs()
		var cpu time.Duration
		cpuOK := true
		n := 0
		for b.Loop() {
			b.StopTimer()
			e := setup(n)
			n++
			runtime.GC()
			c0, ok0 := processCPU()
			b.StartTimer()
			pass(e)
			b.StopTimer()
			runtime.GC() // the pass's own garbage is billed to it
			c1, ok1 := processCPU()
			cpu += c1 - c0
			cpuOK = cpuOK && ok0 && ok1
			done(e)
			b.StartTimer()
		}
		if len(rt.misses) > 0 {
			b.Fatalf("%d requests had no recorded answer, first %s", len(rt.misses), rt.misses[0])
		}
		if cpuOK {
			b.ReportMetric(float64(cpu)/float64(n)/1e6, "cpu-ms/op")
		}
		b.ReportMetric(float64(rt.bytes)/float64(n)/(1<<20), "MB-json/op")
	}
	syncOnce := func(e *Engine) {
		if _, err := e.SyncOnce(context.Background()); err != nil {
			b.Fatal(err)
		}
	}

	b.Run("daily", func(b *testing.B) {
		rt := &replayTransport{answers: h.dayAnswers}
		// The heap the engine keeps after its daily pass.
		dir := filepath.Join(root, "retained")
		copyDir(b, h.dayDir, dir)
		before := liveHeap()
		keep := h.engine(b, rt, dir, func() time.Time { return h.day })
		syncOnce(keep)
		keep.Close()
		retained := liveHeap() - before
		runtime.KeepAlive(keep)

		// Its largest pass, measured pass by pass.
		reportPasses := measurePasses(b, func(i int) *Engine {
			dir := filepath.Join(root, fmt.Sprint("daily-passes", i))
			copyDir(b, h.dayDir, dir)
			return h.engine(b, rt, dir, func() time.Time { return h.day })
		}, func(e *Engine) {
			e.Close()
			if err := os.RemoveAll(filepath.Dir(e.opts.CacheDir)); err != nil {
				b.Fatal(err)
			}
		})
		rt.bytes = 0

		timed(b, rt, func(i int) *Engine {
			dir := filepath.Join(root, fmt.Sprint("daily", i))
			copyDir(b, h.dayDir, dir)
			return h.engine(b, rt, dir, func() time.Time { return h.day })
		}, syncOnce, func(e *Engine) {
			e.Close()
			if err := os.RemoveAll(filepath.Dir(e.opts.CacheDir)); err != nil {
				b.Fatal(err)
			}
		})
		b.ReportMetric(float64(retained)/(1<<20), "retained-MB")
		reportPasses()
		b.ReportMetric(float64(h.dayCalls), "calls/op")
		b.ReportMetric(float64(h.dayListed), "listed/op")
	})

	b.Run("refresh", func(b *testing.B) {
		rt := &replayTransport{answers: h.dayAnswers}
		dir := filepath.Join(root, "refresh")
		copyDir(b, h.dayDir, dir)
		e := h.engine(b, rt, dir, func() time.Time { return h.day })
		syncOnce(e)
		rt.bytes = 0
		timed(b, rt, func(int) *Engine { e.Refresh(); return e }, syncOnce, func(*Engine) {})
		e.Close()
		b.ReportMetric(float64(h.refreshCalls), "calls/op")
	})
}

// passFigures runs e's sync as SyncOnce does, each pass measured alone: a
// collection before it, then the pass and a collection after it (its own
// garbage is billed to it, as in BenchmarkEngineSteadySync), its process
// CPU time and the bytes it allocated. It returns the number of passes and
// the largest CPU time and allocation of one pass (not necessarily the
// same pass).
func passFigures(tb testing.TB, e *Engine) (passes int, maxCPU time.Duration, maxAlloc uint64, cpuOK bool) {
	tb.Helper()
	cpuOK = true
	var ms runtime.MemStats
	err := e.syncPasses(context.Background(), func(pass func()) {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		a0 := ms.TotalAlloc
		c0, ok0 := processCPU()
		pass()
		runtime.GC()
		c1, ok1 := processCPU()
		runtime.ReadMemStats(&ms)
		passes++
		maxCPU, maxAlloc = max(maxCPU, c1-c0), max(maxAlloc, ms.TotalAlloc-a0)
		cpuOK = cpuOK && ok0 && ok1
	})
	if err != nil {
		tb.Fatal(err)
	}
	return passes, maxCPU, maxAlloc, cpuOK
}

// measurePasses runs passFigures on three engines from newEngine (done
// after) and returns a function that reports the medians of their largest
// pass's figures (after the timed loop: b.Loop's reset deletes the metrics
// reported before it).
func measurePasses(b *testing.B, newEngine func(i int) *Engine, done func(*Engine)) (report func()) {
	var cpus, allocs []float64
	var passes int
	cpuOK := true
	for i := range 3 {
		e := newEngine(i)
		n, c, a, ok := passFigures(b, e)
		done(e)
		passes, cpuOK = n, cpuOK && ok
		cpus, allocs = append(cpus, float64(c)/1e6), append(allocs, float64(a)/(1<<20))
	}
	return func() {
		if cpuOK {
			b.ReportMetric(medianOf(cpus), "max-pass-cpu-ms")
		}
		b.ReportMetric(medianOf(allocs), "max-pass-MB")
		b.ReportMetric(float64(passes), "passes/op")
	}
}

func medianOf(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

// liveHeap returns the bytes of live heap objects after a full collection.
func liveHeap() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// BenchmarkRecordingsDecode separates one cost inside the full sync: the
// heavy account's recordings list, fetched and decoded as the engine does
// it (zoom.Client.ListRecordings over the replayed answers) and, for
// comparison, the same pages decoded by encoding/json into plain structs
// with the same fields and no methods: what the bytes cost by themselves.
func BenchmarkRecordingsDecode(b *testing.B) {
	h := newHeavyAccount(b, 1000, 10000, false)
	var pages [][]byte
	var size int
	for k, a := range h.answers {
		if strings.HasPrefix(k, "GET /v2/users/me/recordings?") {
			pages = append(pages, a.body)
			size += len(a.body)
		}
	}
	if len(pages) == 0 {
		b.Fatal("no recordings pages recorded")
	}
	type plainFile struct {
		ID, MeetingID, RecordingStart, RecordingEnd, FileType, FileExtension string
		FileSize                                                             float64
		PlayURL, DownloadURL, Status, RecordingType                          string
	}
	type plainMeeting struct {
		UUID                            string
		ID                              int64
		AccountID, HostID, Topic        string
		Type                            int
		StartTime                       string
		Duration                        int
		TotalSize                       int64
		RecordingCount                  int
		ShareURL, RecordingPlayPasscode string
		Password                        string
		RecordingFiles                  []plainFile `json:"recording_files"`
	}
	b.Run("zoom-client", func(b *testing.B) {
		c := zoom.New(zoom.Options{HTTPClient: &http.Client{Transport: &replayTransport{answers: h.answers}}})
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			n := 0
			for d := cloudlist.UTCDay(h.now); !d.Before(cloudlist.Window(h.now)); d = d.AddDate(0, 0, -1) {
				list, err := c.ListRecordings(context.Background(), d, d)
				if err != nil {
					b.Fatal(err)
				}
				n += len(list)
			}
			if n != 10000 {
				b.Fatalf("%d recordings", n)
			}
		}
	})
	b.Run("zoom-scan", func(b *testing.B) {
		// What the engine uses: the lean decoding, into the kept form.
		c := zoom.New(zoom.Options{HTTPClient: &http.Client{Transport: &replayTransport{answers: h.answers}}})
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			var list []cloudlist.Recording
			for d := cloudlist.UTCDay(h.now); !d.Before(cloudlist.Window(h.now)); d = d.AddDate(0, 0, -1) {
				err := c.ScanRecordings(context.Background(), d, d, func(s *zoom.RecordingSummary) {
					list = append(list, cloudlist.Compact(s))
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			if len(list) != 10000 {
				b.Fatalf("%d recordings", len(list))
			}
		}
	})
	b.Run("plain-structs", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			n := 0
			for _, p := range pages {
				var v struct {
					Meetings []plainMeeting `json:"meetings"`
				}
				if err := json.Unmarshal(p, &v); err != nil {
					b.Fatal(err)
				}
				n += len(v.Meetings)
			}
			if n != 10000 {
				b.Fatalf("decoded %d recordings", n)
			}
		}
	})
}
