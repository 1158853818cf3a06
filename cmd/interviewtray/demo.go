package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/interviewtray/interviewtray/auth"
	"github.com/interviewtray/interviewtray/calendar"
	"github.com/interviewtray/interviewtray/internal/calfeeds"
	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// demoPort is where the demo simulator listens, on 127.0.0.1 only.
// INTERVIEWTRAY_DEMO_PORT overrides it (tests).
const demoPort = 47652

// envDemoPort overrides demoPort.
const envDemoPort = "INTERVIEWTRAY_DEMO_PORT"

// demoSim is the simulator --demo talks to: one already listening on the
// demo port (the agent's, or `make run`'s), or one started in this process
// for the life of the command.
type demoSim struct {
	url       string
	inProcess bool
	srv       *http.Server  // nil unless inProcess
	served    chan struct{} // closed when srv stops serving
	state     *demoState    // saves srv's simulator (demo_state.go); nil unless inProcess
}

// startDemo finds or starts the demo simulator. redirectURL is registered
// with an in-process simulator as the app's exact redirect URI.
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
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("start the demo simulator on %s: the port is in use by something that is not the Zoom simulator (%w)", addr, err)
	}
	state, err := newDemoState(os.Stderr)
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("start the demo simulator: %w", err)
	}
	sim, err := zoomsim.New(zoomsim.Options{
		ClientID:     auth.DemoClientID,
		RedirectURIs: []string{redirectURL},
		Seed:         "demo",
		AutoEnd:      true,
		// Processing takes a while at Zoom too; long enough to see it.
		RecordingDelay: 20 * time.Minute,
		OnChange:       state.save,
	})
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("start the demo simulator: %w", err)
	}
	state.attach(sim)
	d := &demoSim{url: url, inProcess: true, srv: &http.Server{Handler: sim, ReadHeaderTimeout: 10 * time.Second}, served: make(chan struct{}), state: state}
	go func() {
		defer close(d.served)
		_ = d.srv.Serve(ln)
	}()
	return d, nil
}

// Close stops an in-process simulator.
func (d *demoSim) Close() {
	if d.srv == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = d.srv.Shutdown(ctx)
	<-d.served
	d.state.save()
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
