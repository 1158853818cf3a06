package zoom_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/zoom"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
	"github.com/interviewtray/interviewtray/zoom/zoomsim/zoomsimtest"
)

// These tests run the client against the simulator, our model of Zoom: every
// endpoint, error and fault the app relies on.

const redirectURL = "http://127.0.0.1:47651/oauth/callback"

// signIn signs in to the simulator over rt (PKCE, public client) and
// returns an HTTP client that sends the access token. The token is static:
// tests of expiry see Zoom's 401.
func signIn(t *testing.T, baseURL string, rt http.RoundTripper) *http.Client {
	t.Helper()
	_, tok := zoomsimtest.SignIn(t, baseURL, "test-client", redirectURL, rt, rt)
	return zoomsimtest.StaticClient(tok, rt)
}

// simStart is where a test's simulator clock starts unless it picks a date.
var simStart = time.Date(2026, 6, 10, 9, 30, 0, 0, time.UTC)

func newSim(t *testing.T, opts zoomsim.Options) *zoomsim.Sim {
	t.Helper()
	opts.ClientID = "test-client"
	opts.AutoApprove = true
	opts.RedirectURIs = []string{redirectURL}
	if opts.Start.IsZero() {
		opts.Start = simStart // no test depends on today's date
	}
	sim, err := zoomsim.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return sim
}

// inMemory returns a client that reaches sim without sockets (safe in a
// synctest bubble).
func inMemory(t *testing.T, sim *zoomsim.Sim, opts zoom.Options) *zoom.Client {
	t.Helper()
	opts.BaseURL = "https://api.zoom.us/v2"
	opts.HTTPClient = signIn(t, "https://zoom.us", sim.Transport())
	return zoom.New(opts)
}

// overHTTP serves sim on a real loopback listener.
func overHTTP(t *testing.T, sim *zoomsim.Sim) *zoom.Client {
	t.Helper()
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	return zoom.New(zoom.Options{BaseURL: srv.URL + "/v2", HTTPClient: signIn(t, srv.URL, http.DefaultTransport)})
}

func mustCheckLinks(t *testing.T, links ...string) {
	t.Helper()
	for _, l := range links {
		if err := zoom.CheckLink(l); err != nil {
			t.Errorf("link %q: %v", l, err)
		}
	}
}

func TestDemoSeedOverHTTP(t *testing.T) {
	sim := newSim(t, zoomsim.Options{Seed: "demo"})
	c := overHTTP(t, sim)
	ctx := context.Background()

	me, err := c.Me(ctx)
	if err != nil || me.Email != sim.User().Email || me.ID == "" {
		t.Fatalf("Me = %+v, %v", me, err)
	}

	hostedList, err := c.ListUpcomingMeetings(ctx)
	hosted := hostedList.Meetings
	if err != nil {
		t.Fatal(err)
	}
	invitedList, err := c.ListUpcomingInvited(ctx)
	invited := invitedList.Meetings
	if err != nil {
		t.Fatal(err)
	}
	var interviews, teamMeetings int
	for _, m := range hosted {
		if m.ID < 1e9 || m.HostID != me.ID || m.StartTime.Location() != time.UTC || m.End().Before(sim.Now()) {
			t.Errorf("hosted meeting %+v: want a 10+ digit ID, hosted by me, UTC, not ended", m)
		}
		mustCheckLinks(t, m.JoinURL)
		if strings.Contains(m.Topic, "Interview") {
			interviews++
		} else {
			teamMeetings++
		}
	}
	if interviews < 4 || teamMeetings != 1 {
		t.Errorf("hosted: %d interviews, %d other meetings; want several and one team meeting", interviews, teamMeetings)
	}
	var panel *zoom.Meeting
	for i, m := range invited {
		if m.StartTime.After(sim.Now().Add(24 * time.Hour)) {
			t.Errorf("upcoming_meetings lists %q beyond 24 h", m.Topic)
		}
		if !containsID(hosted, m.ID) {
			panel = &invited[i]
		}
	}
	if panel == nil || !strings.Contains(panel.Topic, "Interview") {
		t.Fatalf("upcoming_meetings has no invited interview (got %d meetings)", len(invited))
	}

	// The hosted detail carries the passcode; the recruiter's meeting is not ours to read.
	d, err := c.GetMeeting(ctx, hosted[0].ID)
	if err != nil || d.Password == "" || d.HostID != me.ID || d.HostEmail != me.Email {
		t.Errorf("GetMeeting = %+v, %v", d, err)
	}
	if _, err := c.GetMeeting(ctx, panel.ID); !zoom.IsMeetingNotFound(err) {
		t.Errorf("GetMeeting(invited) = %v, want Zoom's 3001", err)
	}

	// Yesterday's interview has its recording; its UUID starts with "/".
	recs, err := c.ListRecordings(ctx, sim.Now().AddDate(0, 0, -40), sim.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || !strings.HasPrefix(recs[0].UUID, "/") {
		t.Fatalf("recordings = %+v; want yesterday's, whose UUID starts with /", recs)
	}
	var sums []zoom.RecordingSummary
	if err := c.ScanRecordings(ctx, sim.Now().AddDate(0, 0, -40), sim.Now(), func(s *zoom.RecordingSummary) { sums = append(sums, *s) }); err != nil {
		t.Fatal(err)
	}
	if len(sums) != 1 || !reflect.DeepEqual(sums[0], recs[0].Summary()) || len(sums[0].Files) == 0 {
		t.Errorf("ScanRecordings = %+v; want %+v", sums, recs[0].Summary())
	}
	past, err := c.GetPastMeeting(ctx, recs[0].UUID)
	if err != nil || past.UUID != recs[0].UUID || past.EndTime.IsZero() || !past.EndTime.After(past.StartTime) {
		t.Errorf("GetPastMeeting(%q) = %+v, %v", recs[0].UUID, past, err)
	}
	rec, err := c.GetMeetingRecordings(ctx, recs[0].UUID)
	if err != nil {
		t.Fatal(err)
	}
	for _, ft := range []string{zoom.FileMP4, zoom.FileM4A, zoom.FileTranscript} {
		f, ok := rec.File(ft)
		if !ok || f.MeetingID != rec.UUID || f.DownloadURL == "" {
			t.Errorf("%s file = %+v, %v", ft, f, ok)
		}
		mustCheckLinks(t, f.PlayURL, f.DownloadURL)
	}
	mustCheckLinks(t, rec.ShareURL)
	if rec.Password == "" {
		t.Error("no password")
	}

	// The interview that ended a few minutes ago is still processing; its UUID has "//".
	var processing zoomsim.SimMeeting
	for _, m := range sim.Meetings() {
		if m.Recording == "processing" {
			processing = m
		}
	}
	if !strings.Contains(processing.UUID, "//") {
		t.Fatalf("demo seed has no processing recording with // in its UUID: %+v", processing)
	}
	if _, err := c.GetMeetingRecordings(ctx, processing.UUID); !zoom.IsNoRecording(err) {
		t.Errorf("processing recording: %v, want Zoom's 3301", err)
	}
	if _, err := sim.MakeRecordingReady(processing.ID); err != nil {
		t.Fatal(err)
	}
	if rec, err := c.GetMeetingRecordings(ctx, processing.UUID); err != nil || rec.UUID != processing.UUID {
		t.Errorf("ready recording = %+v, %v", rec, err)
	}

	// Settings: local recording is off in the demo; the fix sticks.
	s, err := c.GetSettings(ctx)
	if err != nil || s.Recording.LocalRecording == nil || *s.Recording.LocalRecording {
		t.Fatalf("settings = %+v, %v; want local_recording false", s, err)
	}
	if err := c.UpdateSettings(ctx, zoom.SettingsPatch{Recording: &zoom.RecordingSettings{LocalRecording: zoom.Bool(true)}}); err != nil {
		t.Fatal(err)
	}
	if s, _ := c.GetSettings(ctx); s == nil || !*s.Recording.LocalRecording {
		t.Error("local_recording did not change")
	}
}

func containsID(ms []zoom.Meeting, id int64) bool {
	for _, m := range ms {
		if m.ID == id {
			return true
		}
	}
	return false
}

func TestPaginationOverManyMeetings(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		sim := newSim(t, zoomsim.Options{})
		start := sim.Now().Add(time.Hour).Truncate(time.Minute)
		for i := range 650 {
			if _, err := sim.CreateMeeting(zoomsim.MeetingSpec{Topic: "Interview", StartTime: start.Add(time.Duration(i) * time.Minute), Duration: 30}); err != nil {
				t.Fatal(err)
			}
		}
		c := inMemory(t, sim, zoom.Options{})
		msList, err := c.ListUpcomingMeetings(context.Background())
		ms := msList.Meetings
		if err != nil {
			t.Fatal(err)
		}
		seen := map[int64]bool{}
		for _, m := range ms {
			seen[m.ID] = true
		}
		if len(ms) != 650 || len(seen) != 650 {
			t.Errorf("got %d meetings (%d distinct), want 650", len(ms), len(seen))
		}
		if n := sim.Stats().Requests["GET /v2/users/me/meetings"]; n != 3 {
			t.Errorf("%d page requests, want 3 pages of up to 300", n)
		}
	})
}

func TestPastMeetingEndsLater(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		sim := newSim(t, zoomsim.Options{AutoEnd: true, RecordingDelay: 2 * time.Hour, TokenTTL: 24 * time.Hour})
		m, err := sim.CreateMeeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: sim.Now().Add(10 * time.Minute), Duration: 45})
		if err != nil {
			t.Fatal(err)
		}
		c := inMemory(t, sim, zoom.Options{})
		ctx := context.Background()
		if _, err := c.GetPastMeeting(ctx, m.UUID); !zoom.IsMeetingNotFound(err) {
			t.Fatalf("before it ends: %v, want 3001", err)
		}
		sim.Advance(time.Hour)
		p, err := c.GetPastMeeting(ctx, m.UUID)
		if err != nil || !p.EndTime.Equal(m.StartTime.Add(45*time.Minute)) {
			t.Fatalf("after it ended: %+v, %v", p, err)
		}
		if _, err := c.GetMeetingRecordings(ctx, m.UUID); !zoom.IsNoRecording(err) {
			t.Fatalf("recording before processing ends: %v, want 3301", err)
		}
		sim.Advance(2 * time.Hour)
		if _, err := c.GetMeetingRecordings(ctx, m.UUID); err != nil {
			t.Fatalf("recording after processing: %v", err)
		}
	})
}

func TestLockedSettingIsReported(t *testing.T) {
	sim := newSim(t, zoomsim.Options{Seed: "demo"})
	if err := sim.SetSettings(zoomsim.SettingsUpdate{Locked: []string{"local_recording"}}); err != nil {
		t.Fatal(err)
	}
	c := overHTTP(t, sim)
	ctx := context.Background()
	if err := c.UpdateSettings(ctx, zoom.SettingsPatch{Recording: &zoom.RecordingSettings{LocalRecording: zoom.Bool(true)}}); err != nil {
		t.Fatalf("PATCH of a locked setting: %v; Zoom answers 204", err)
	}
	if s, err := c.GetSettings(ctx); err != nil || *s.Recording.LocalRecording {
		t.Errorf("locked local_recording changed: %+v, %v", s, err)
	}
}

func TestExpiredTokenIsInvalidToken(t *testing.T) {
	sim := newSim(t, zoomsim.Options{})
	c := overHTTP(t, sim)
	sim.ExpireTokens()
	_, err := c.Me(context.Background())
	ze, _ := zoom.AsError(err)
	if !zoom.IsInvalidToken(err) || ze.Code != zoom.CodeInvalidToken {
		t.Fatalf("err = %v, want 401 code 124", err)
	}
}

func TestFreePlanPastMeetings(t *testing.T) {
	sim := newSim(t, zoomsim.Options{Plan: "free"})
	m, _ := sim.CreateMeeting(zoomsim.MeetingSpec{Topic: "Interview", StartTime: sim.Now().Add(-time.Hour), Duration: 30})
	sim.EndMeeting(m.ID)
	_, err := overHTTP(t, sim).GetPastMeeting(context.Background(), m.UUID)
	ze, ok := zoom.AsError(err)
	if !ok || ze.StatusCode != 400 || ze.Code != 200 {
		t.Fatalf("err = %v, want 400 code 200 (paid accounts only)", err)
	}
}

func TestRecordingsRangeOverOneMonthRefused(t *testing.T) {
	// The client never asks for more than a month at once; the simulator
	// refuses a raw request that does, as Zoom does.
	sim := newSim(t, zoomsim.Options{})
	hc := signIn(t, "https://zoom.us", sim.Transport())
	resp, err := hc.Get("https://api.zoom.us/v2/users/me/recordings?from=2026-01-01&to=2026-03-01")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 400 {
		t.Fatalf("status %d, want 400", resp.StatusCode)
	}
	c := zoom.New(zoom.Options{BaseURL: "https://api.zoom.us/v2", HTTPClient: hc})
	if _, err := c.ListRecordings(context.Background(), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatalf("ListRecordings over two months: %v", err)
	}
}

// TestRecordingsWindowsAgreeWithSimulator: for every first date of three
// years (month ends, Februaries, a leap day, daylight-saving days), the
// client's first window of a long recordings list is the longest range
// the simulator accepts: each window it asks for is answered, and the
// same window one day longer is refused.
func TestRecordingsWindowsAgreeWithSimulator(t *testing.T) {
	sim := newSim(t, zoomsim.Options{Plan: "business", Start: time.Date(2029, 1, 1, 12, 0, 0, 0, time.UTC)})
	var asked [][2]string
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.URL.Path == "/v2/users/me/recordings" {
			asked = append(asked, [2]string{r.URL.Query().Get("from"), r.URL.Query().Get("to")})
		}
		sim.Advance(time.Second) // no rate limit in the way
		return sim.Transport().RoundTrip(r)
	})
	hc := signIn(t, "https://zoom.us", rt)
	c := zoom.New(zoom.Options{BaseURL: "https://api.zoom.us/v2", HTTPClient: hc, MaxAttempts: 1})
	ctx := context.Background()
	for d := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2027; d = d.AddDate(0, 0, 1) {
		asked = asked[:0]
		if err := c.ScanRecordings(ctx, d, d.AddDate(0, 0, 40), func(*zoom.RecordingSummary) {}); err != nil {
			t.Fatalf("from %s: %v", d.Format(time.DateOnly), err)
		}
		if len(asked) != 2 || asked[0][0] != d.Format(time.DateOnly) {
			t.Fatalf("from %s: asked %v, want two windows", d.Format(time.DateOnly), asked)
		}
		to, _ := time.Parse(time.DateOnly, asked[0][1])
		longer := to.AddDate(0, 0, 1).Format(time.DateOnly)
		resp, err := hc.Get("https://api.zoom.us/v2/users/me/recordings?from=" + asked[0][0] + "&to=" + longer)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("from %s to %s (a day past the client's window): status %d, want 400", asked[0][0], longer, resp.StatusCode)
		}
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestFaults(t *testing.T) {
	tests := []struct {
		name      string
		fault     zoomsim.Fault
		opts      zoom.Options
		wantErr   func(error) bool
		wantCalls int
		wantWait  time.Duration // at least
	}{
		{name: "two 503s are retried", fault: zoomsim.Fault{Path: "/v2/users/me", Status: 503, Count: 2},
			wantCalls: 3, wantWait: time.Second},
		{name: "persistent 500 gives up", fault: zoomsim.Fault{Path: "/v2/users/me", Status: 500, Count: 10},
			opts: zoom.Options{MaxAttempts: 3}, wantErr: zoom.IsServerError, wantCalls: 3},
		{name: "429 with Retry-After waits", fault: zoomsim.Fault{Path: "/v2/users/me", Status: 429, Count: 1, RetryAfter: "7"},
			wantCalls: 2, wantWait: 7 * time.Second},
		{name: "404 is final", fault: zoomsim.Fault{Path: "/v2/users/me", Status: 404, Count: 1, Code: 1001, Message: "User does not exist"},
			wantErr: zoom.IsNotFound, wantCalls: 1},
		{name: "a hang times out", fault: zoomsim.Fault{Path: "/v2/users/me", Delay: time.Hour, Count: 1},
			opts: zoom.Options{Timeout: 10 * time.Second, MaxAttempts: 1}, wantErr: func(err error) bool { return errors.Is(err, context.DeadlineExceeded) },
			wantCalls: 1, wantWait: 10 * time.Second},
		{name: "a 401 is final", fault: zoomsim.Fault{Path: "/v2/users/me", Status: 401, Count: 1},
			wantErr: zoom.IsInvalidToken, wantCalls: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				sim := newSim(t, zoomsim.Options{})
				c := inMemory(t, sim, tt.opts)
				if err := sim.InjectFault(tt.fault); err != nil {
					t.Fatal(err)
				}
				start := time.Now()
				u, err := c.Me(context.Background())
				if tt.wantErr == nil && (err != nil || u.Email != sim.User().Email) {
					t.Fatalf("Me = %+v, %v; want success", u, err)
				}
				if tt.wantErr != nil && !tt.wantErr(err) {
					t.Fatalf("err = %v", err)
				}
				if n := sim.Stats().Requests["GET /v2/users/me"]; n != tt.wantCalls {
					t.Errorf("%d calls, want %d", n, tt.wantCalls)
				}
				if d := time.Since(start); d < tt.wantWait || d > tt.wantWait+time.Minute {
					t.Errorf("took %v, want at least %v and bounded", d, tt.wantWait)
				}
			})
		})
	}
}

func TestRateLimitBurstIsAbsorbed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Given the pro plan's 30 Light requests a second, when 60 calls go
		// out at once, the client's bounded retries absorb the 429s.
		sim := newSim(t, zoomsim.Options{Plan: "pro"})
		c := inMemory(t, sim, zoom.Options{})
		errs := make(chan error, 60)
		for range 60 {
			go func() {
				_, err := c.Me(context.Background())
				errs <- err
			}()
		}
		for range 60 {
			if err := <-errs; err != nil {
				t.Errorf("call failed: %v", err)
			}
		}
		if st := sim.Stats(); st.RateLimited == 0 {
			t.Errorf("no request was rate limited (stats %+v); the test did not exercise 429", st)
		}
	})
}
