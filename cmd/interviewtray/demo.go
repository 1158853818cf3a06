package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/interviewtray/interviewtray/auth"
	"github.com/interviewtray/interviewtray/calendar"
	"github.com/interviewtray/interviewtray/internal/calfeeds"
	"github.com/interviewtray/interviewtray/internal/exefind"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// demoPort is where the demo simulator listens, on 127.0.0.1 only.
// INTERVIEWTRAY_DEMO_PORT overrides it (tests).
const demoPort = 47652

// envDemoPort overrides demoPort.
const envDemoPort = "INTERVIEWTRAY_DEMO_PORT"

// demoSim is the simulator --demo talks to: one already listening on the
// demo port (the agent's, or `make run`'s), or one this command started,
// for its own life. The simulator is the program zoomsim (cmd/zoomsim),
// installed beside interviewtray, run as a process of its own: the agent
// users run all day then carries no simulator.
type demoSim struct {
	url string
	// started is whether this command started it; proc and stdin are then
	// its process and the write end of its standard input (closing it
	// stops the simulator: --exit-with-stdin).
	started bool
	proc    *exec.Cmd
	stdin   io.WriteCloser
	exited  chan struct{} // closed when proc has exited
}

// simulatorName is the demo simulator's executable (cmd/zoomsim).
const simulatorName = "zoomsim"

// demoStateName is the simulator's state file in the demo's state folder:
// the demo stays signed in across restarts (see cmd/zoomsim/state.go).
const demoStateName = "zoomsim-state.json"

// simulatorStartTimeout bounds how long the simulator may take to listen.
const simulatorStartTimeout = 15 * time.Second

// startDemo finds or starts the demo simulator. redirectURL is registered
// with a simulator it starts as the app's exact redirect URI.
func startDemo(ctx context.Context, redirectURL string) (*demoSim, error) {
	port := demoPort
	if v := os.Getenv(envDemoPort); v != "" {
		p, err := strconv.Atoi(v)
		if err != nil || p < 1 || p > 65535 {
			return nil, fmt.Errorf("%s=%q is not a port number", envDemoPort, v)
		}
		port = p
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	url := "http://" + addr
	if simulatorAnswers(ctx, url) {
		return &demoSim{url: url}, nil
	}
	// Something else on the port: say so rather than start a simulator
	// that cannot listen.
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("start the demo simulator on %s: the port is in use by something that is not the Zoom simulator (%w)", addr, err)
	}
	ln.Close()
	exe, err := exefind.Find(simulatorName)
	if err != nil {
		return nil, fmt.Errorf("the demo needs the Zoom simulator, which is not installed: %v (build it with `make run`, or `go build -o DIR ./cmd/zoomsim` into interviewtray's folder)", err)
	}
	dirs, err := appDirs(true)
	if err != nil {
		return nil, fmt.Errorf("start the demo simulator: %w", err)
	}
	if err := os.MkdirAll(dirs.state, 0o700); err != nil {
		return nil, fmt.Errorf("start the demo simulator: %w", err)
	}
	cmd := exec.Command(exe, "--addr", addr, "--seed", "demo", "--client-id", auth.DemoClientID,
		"--redirect-uri", redirectURL, "--auto-end",
		// Processing takes a while at Zoom too; long enough to see it.
		"--recording-delay", "20m",
		"--state", filepath.Join(dirs.state, demoStateName), "--exit-with-stdin", "--quiet")
	cmd.Stderr = os.Stderr // its warnings (a state it could not save)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start the demo simulator %s: %w", exe, err)
	}
	d := &demoSim{url: url, started: true, proc: cmd, stdin: stdin, exited: make(chan struct{})}
	listening := make(chan error, 1)
	go func() {
		line, err := bufio.NewReader(stdout).ReadString('\n')
		if err == nil && strings.TrimSpace(line) != "listening on "+url {
			err = fmt.Errorf("it said %q", strings.TrimSpace(line))
		}
		listening <- err
		_, _ = io.Copy(io.Discard, stdout)
		_ = cmd.Wait()
		close(d.exited)
	}()
	select {
	case err = <-listening:
	case <-time.After(simulatorStartTimeout):
		err = fmt.Errorf("it did not listen within %v", simulatorStartTimeout)
	case <-ctx.Done():
		err = ctx.Err()
	}
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("start the demo simulator %s: %w", exe, err)
	}
	return d, nil
}

// Close stops a simulator this command started: closing its standard
// input makes it shut down (saving its state); one that has not ended
// after a grace period is killed.
func (d *demoSim) Close() {
	if !d.started {
		return
	}
	d.stdin.Close()
	select {
	case <-d.exited:
	case <-time.After(7 * time.Second):
		_ = d.proc.Process.Kill()
		<-d.exited
	}
}

// simulatorAnswers reports whether the Zoom simulator answers at base
// (its control API's GET /_sim/stats).
func simulatorAnswers(ctx context.Context, base string) bool {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/_sim/stats", nil)
	if err != nil {
		return false
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	var stats struct {
		Requests map[string]int `json:"requests"`
	}
	err = json.NewDecoder(http.MaxBytesReader(nil, resp.Body, 1<<20)).Decode(&stats)
	return resp.StatusCode == http.StatusOK && err == nil && stats.Requests != nil
}

// demoCalendarID is the demo calendar's source ID.
const demoCalendarID = "demo-calendar"

// demoCalendar stores the simulator's calendar feed (its secret address is
// new when the simulator starts without a saved state) as the demo's "Work
// calendar" and adds that source to the settings unless it is there: `make
// run` shows calendar interviews next to Zoom's.
func (d *demoSim) demoCalendar(ctx context.Context, feeds *calfeeds.Feeds, engine *meetingsync.Engine) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, d.url+"/_sim/calendar/feed", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("ask the demo simulator for its calendar: %w", err)
	}
	defer resp.Body.Close()
	var feed struct {
		URL string `json:"url"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(nil, resp.Body, 1<<16)).Decode(&feed); err != nil || resp.StatusCode != http.StatusOK || feed.URL == "" {
		return fmt.Errorf("the demo simulator gave no calendar (HTTP %d)", resp.StatusCode)
	}
	if err := feeds.Store(ctx, demoCalendarID, feed.URL); err != nil {
		return err
	}
	s := engine.Settings()
	if slices.ContainsFunc(s.Calendars, func(c meetingsync.CalendarSource) bool { return c.ID == demoCalendarID }) {
		return nil
	}
	s.Calendars = append(s.Calendars, meetingsync.CalendarSource{ID: demoCalendarID, Name: "Work calendar", Masked: calendar.Mask(feed.URL)})
	return engine.UpdateSettings(s)
}
