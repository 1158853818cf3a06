package sync

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	stdsync "sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"golang.org/x/oauth2"

	"github.com/interviewtray/interviewtray/zoom"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
	"github.com/interviewtray/interviewtray/zoom/zoomsim/zoomsimtest"
)

// The scenario tests run the engine against the Zoom simulator through its
// in-memory transport, inside a testing/synctest bubble: whole simulated
// days pass in milliseconds, and the simulator's clock (time.Now plus its
// offset) follows the bubble's fake clock.

const testClientID = "interviewtray-test"

// netSwitch sits between the HTTP client and the simulator: it fails
// requests while told to (offline, signed out, keychain problems) and
// counts attempts.
type netSwitch struct {
	base     http.RoundTripper
	mu       stdsync.Mutex
	fail     error
	attempts map[string]int // by "METHOD /path" of API calls, including failed ones
}

func (n *netSwitch) set(err error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.fail = err
}

func (n *netSwitch) RoundTrip(r *http.Request) (*http.Response, error) {
	n.mu.Lock()
	err := n.fail
	n.attempts[r.Method+" "+r.URL.Path]++
	n.mu.Unlock()
	if err != nil {
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, err
	}
	return n.base.RoundTrip(r)
}

func offlineErr() error {
	return &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: network is unreachable")}
}

// env is one simulated Zoom account with an engine pointed at it.
type env struct {
	t       *testing.T
	sim     *zoomsim.Sim
	sw      *netSwitch
	client  *zoom.Client
	closes  *closeCounter // the client's CloseIdleConnections calls
	dirs    [3]string     // state, config, cache
	folder  string        // the Zoom recording folder
	loc     *time.Location
	jump    atomic.Int64 // engine wall clock minus time.Now, ns
	options func(*Options)

	eng    *Engine
	evDone chan struct{}
	mu     stdsync.Mutex
	events []Event
}

// newEnv makes a simulator whose clock (and the engine's wall clock) reads
// start. It must run inside a synctest bubble.
func newEnv(t *testing.T, so zoomsim.Options, start time.Time, loc *time.Location) *env {
	t.Helper()
	so.ClientID = testClientID
	so.AutoApprove = true
	if so.TokenTTL == 0 {
		// sleepLaptop jumps Zoom's clock but not the bubble's, which
		// x/oauth2 judges expiry by; tests that exercise refreshes set
		// TokenTTL themselves.
		so.TokenTTL = 72 * time.Hour
	}
	sim, err := zoomsim.New(so)
	if err != nil {
		t.Fatal(err)
	}
	off := time.Until(start)
	if off < 0 {
		t.Fatalf("start %v is before the bubble's clock", start)
	}
	sim.Advance(off)
	v := &env{t: t, sim: sim, loc: loc}
	v.jump.Store(int64(off))
	v.sw = &netSwitch{base: sim.Transport(), attempts: map[string]int{}}
	root := t.TempDir()
	v.dirs = [3]string{filepath.Join(root, "state"), filepath.Join(root, "config"), filepath.Join(root, "cache")}
	v.folder = filepath.Join(root, "Documents", "Zoom")
	if err := os.MkdirAll(v.folder, 0o755); err != nil {
		t.Fatal(err)
	}
	v.client = v.signIn()
	return v
}

// signIn signs in to the simulator through the in-memory transport; the
// client refreshes through the switch (which can take the network away).
func (v *env) signIn() *zoom.Client {
	conf, tok := zoomsimtest.SignIn(v.t, "https://zoom.us", testClientID, "http://127.0.0.1:47001/oauth/callback", v.sim.Transport(), v.sw)
	ctx := context.WithValue(context.Background(), oauth2.HTTPClient, &http.Client{Transport: v.sw})
	httpClient := oauth2.NewClient(ctx, conf.TokenSource(ctx, tok))
	httpClient.Timeout = 30 * time.Second
	v.closes = &closeCounter{base: httpClient.Transport}
	httpClient.Transport = v.closes
	return zoom.New(zoom.Options{HTTPClient: httpClient})
}

// closeCounter counts CloseIdleConnections calls (x/oauth2's transport
// does not pass them on; the agent's auth transport does).
type closeCounter struct {
	base http.RoundTripper
	n    atomic.Int64
}

func (c *closeCounter) RoundTrip(r *http.Request) (*http.Response, error) { return c.base.RoundTrip(r) }
func (c *closeCounter) CloseIdleConnections()                             { c.n.Add(1) }

// now is the engine's wall clock.
func (v *env) now() time.Time { return time.Now().Add(time.Duration(v.jump.Load())).UTC() }

// at returns local time hh:mm on the day of the simulation's start plus
// days.
func (v *env) at(days, hh, mm int) time.Time {
	s := time.Now().Add(time.Duration(v.jump.Load())).In(v.loc)
	return time.Date(s.Year(), s.Month(), s.Day()+days, hh, mm, 0, 0, v.loc).UTC()
}

// until sleeps (fake time) until the wall clock reads t.
func (v *env) until(t time.Time) {
	v.t.Helper()
	d := t.Sub(v.now())
	if d < 0 {
		v.t.Fatalf("until %v: already %v", t, v.now())
	}
	time.Sleep(d)
	synctest.Wait()
}

// sleepLaptop jumps the wall clock and Zoom's clock by d while no timer
// runs, as a laptop's sleep does; it does not call Wake.
func (v *env) sleepLaptop(d time.Duration) {
	v.jump.Add(int64(d))
	v.sim.Advance(d)
}

// start makes and starts an engine on the env's directories.
func (v *env) start() *Engine {
	v.t.Helper()
	opts := Options{
		Client: v.client, StateDir: v.dirs[0], ConfigDir: v.dirs[1], CacheDir: v.dirs[2],
		Now:                    v.now,
		Location:               v.loc,
		DefaultRecordingFolder: v.folder,
		Logger:                 slog.New(slog.NewTextHandler(testWriter{v.t}, &slog.HandlerOptions{Level: slog.LevelWarn})),
	}
	if v.options != nil {
		v.options(&opts)
	}
	e, err := New(opts)
	if err != nil {
		v.t.Fatal(err)
	}
	if err := e.Start(context.Background()); err != nil {
		v.t.Fatal(err)
	}
	v.eng = e
	v.evDone = make(chan struct{})
	go func(ch <-chan Event, done chan struct{}) {
		defer close(done)
		for ev := range ch {
			v.mu.Lock()
			v.events = append(v.events, ev)
			v.mu.Unlock()
		}
	}(e.Events(), v.evDone)
	synctest.Wait()
	return e
}

// stop closes the engine and waits for its event reader.
func (v *env) stop() {
	if v.eng == nil {
		return
	}
	if err := v.eng.Close(); err != nil {
		v.t.Error(err)
	}
	<-v.evDone
	v.eng = nil
}

// eventsOf returns the events of a kind so far.
func (v *env) eventsOf(kind string) []Event {
	v.mu.Lock()
	defer v.mu.Unlock()
	var out []Event
	for _, ev := range v.events {
		if ev.Kind == kind {
			out = append(out, ev)
		}
	}
	return out
}

// reminderKeys returns the keys of the reminder events so far, in order.
func (v *env) reminderKeys() []string {
	var out []string
	for _, ev := range v.eventsOf(EventReminder) {
		out = append(out, ev.Reminder.Key)
	}
	return out
}

func (v *env) meeting(spec zoomsim.MeetingSpec) zoomsim.SimMeeting {
	v.t.Helper()
	if spec.Duration == 0 {
		spec.Duration = 45
	}
	m, err := v.sim.CreateMeeting(spec)
	if err != nil {
		v.t.Fatal(err)
	}
	return m
}

// apiCalls returns the REST calls the simulator served, by endpoint.
func (v *env) apiCalls() (int, map[string]int) {
	total, per := 0, map[string]int{}
	for k, n := range v.sim.Stats().Requests {
		if strings.Contains(k, " /v2/") {
			per[k] = n
			total += n
		}
	}
	return total, per
}

func breakdown(per map[string]int) string {
	keys := make([]string, 0, len(per))
	for k := range per {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "\n  %-45s %4d", k, per[k])
	}
	return b.String()
}

// interview finds meeting id in the snapshot.
func interview(s *Snapshot, id int64) (Interview, bool) {
	for _, iv := range s.Interviews {
		if iv.ID == id {
			return iv, true
		}
	}
	return Interview{}, false
}

func hasProblem(s *Snapshot, action string) bool {
	return slices.ContainsFunc(s.Problems, func(p Problem) bool { return p.Action == action })
}

// testWriter sends log lines to t.Log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	return loc
}

func rkey(id int64, start time.Time, off time.Duration) string { return reminderKey(id, start, off) }

func newRequest(method, url, body string) (*http.Request, error) {
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, r)
	if err == nil && body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, err
}
