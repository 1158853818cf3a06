package sync

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	stdsync "sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/interviewtray/interviewtray/zoom"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// BenchmarkFullSync (bench_test.go) times the pure work behind a full sync.
// BenchmarkEngineFullSync times what a user's machine does for one: a
// fresh engine (New) makes every Zoom call of its first pass (SyncOnce:
// the user, upcoming_meetings, every page of the hosted meetings and of
// the cloud recordings list, the interviews' details, the settings),
// decodes the answers, builds and publishes the snapshot and writes its
// files, then Close. The account is issue 7's heavy one: 1,000 upcoming
// meetings and 10,000 cloud recordings of three files each.
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
}

func (t *recordingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
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
// pass over it.
type heavyAccount struct {
	now     time.Time
	answers map[string]recordedAnswer
	calls   int
}

func newHeavyAccount(tb testing.TB, nMeetings, nRecordings int) *heavyAccount {
	tb.Helper()
	sim, err := zoomsim.New(zoomsim.Options{ClientID: testClientID, AutoApprove: true, AutoEnd: true,
		RecordingDelay: time.Second, Plan: "business", TokenTTL: 24 * time.Hour})
	if err != nil {
		tb.Fatal(err)
	}
	now := sim.Now().Truncate(time.Minute)
	topics := []string{"Interview: candidate %d", "Team sync %d", "Technical interview %d", "1:1 %d", "Phone screen (interview) %d"}
	for i := range nMeetings {
		if _, err := sim.CreateMeeting(zoomsim.MeetingSpec{Topic: fmt.Sprintf(topics[i%len(topics)], i),
			StartTime: now.Add(time.Duration(i+1) * 20 * time.Minute), Duration: 45}); err != nil {
			tb.Fatal(err)
		}
	}
	for i := range nRecordings {
		if _, err := sim.CreateMeeting(zoomsim.MeetingSpec{Topic: fmt.Sprintf(topics[i%len(topics)], i),
			StartTime: now.Add(-time.Hour - time.Duration(i)*55*time.Second), Duration: 45}); err != nil {
			tb.Fatal(err)
		}
	}
	rec := &recordingTransport{sim: sim.Transport(), token: simAccessToken(tb, sim), answers: map[string]recordedAnswer{}}
	h := &heavyAccount{now: now, answers: rec.answers}
	_, snap := h.fullSync(tb, rec, tb.TempDir())
	if n := sim.Stats().RateLimited; n > 0 {
		tb.Fatalf("recording the answers hit the simulator's rate limit %d times", n)
	}
	if len(snap.Interviews) != nMeetings || len(snap.Recordings) != min(nRecordings, maxSnapshotRecordings) || snap.Health.LastError != "" || snap.Health.LastSync.IsZero() {
		tb.Fatalf("recorded pass: %d interviews, %d recordings, health %+v", len(snap.Interviews), len(snap.Recordings), snap.Health)
	}
	h.calls = len(rec.answers)
	return h
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

// fullSync runs a fresh engine's first pass in dir through rt and closes
// the engine; what it holds stays reachable through the result.
func (h *heavyAccount) fullSync(tb testing.TB, rt http.RoundTripper, dir string) (*Engine, *Snapshot) {
	now := h.now
	e, err := New(Options{
		Client:   zoom.New(zoom.Options{HTTPClient: &http.Client{Transport: rt, Timeout: time.Minute}}),
		StateDir: filepath.Join(dir, "state"), ConfigDir: filepath.Join(dir, "config"), CacheDir: filepath.Join(dir, "cache"),
		Now:                    func() time.Time { return now },
		Location:               time.UTC,
		DefaultRecordingFolder: filepath.Join(dir, "Zoom"),
	})
	if err != nil {
		tb.Fatal(err)
	}
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
	h := newHeavyAccount(b, 1000, 10000)
	rt := &replayTransport{answers: h.answers}
	root := b.TempDir()

	// The heap an engine keeps after its first sync (the agent holds it
	// all day).
	before := liveHeap()
	keep, _ := h.fullSync(b, rt, filepath.Join(root, "retained"))
	retained := liveHeap() - before
	runtime.KeepAlive(keep)
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
	b.ReportMetric(float64(rt.bytes)/float64(n)/(1<<20), "MB-json/op")
	b.ReportMetric(float64(h.calls), "calls/op")
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
	h := newHeavyAccount(b, 1000, 10000)
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
			list, err := c.ListRecordings(context.Background(), h.now.Add(-recordingsLookback), h.now)
			if err != nil || len(list) != 10000 {
				b.Fatalf("%d recordings, %v", len(list), err)
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
