package zoomsim_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
	"github.com/interviewtray/interviewtray/zoom/zoomsim/zoomsimtest"
)

const (
	stateClientID = "state-test-client"
	stateRedirect = "http://127.0.0.1:43210/oauth/callback"
)

var stateStart = time.Date(2026, 6, 10, 9, 30, 0, 0, time.UTC)

func stateSim(t *testing.T, onChange func()) *zoomsim.Sim {
	t.Helper()
	sim, err := zoomsim.New(zoomsim.Options{ClientID: stateClientID, Seed: "demo", AutoApprove: true,
		AutoEnd: true, RecordingDelay: 20 * time.Minute, Start: stateStart, OnChange: onChange})
	if err != nil {
		t.Fatal(err)
	}
	return sim
}

// get calls the simulator's REST API (or any URL) with client and returns
// the status and body.
func get(t *testing.T, client *http.Client, url string) (int, []byte) {
	t.Helper()
	resp, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

func meetingIDs(t *testing.T, client *http.Client) []int64 {
	t.Helper()
	status, body := get(t, client, "https://api.zoom.us/v2/users/me/meetings?type=scheduled&page_size=300")
	if status != http.StatusOK {
		t.Fatalf("list meetings: %d %s", status, body)
	}
	var list struct {
		Meetings []struct {
			ID int64 `json:"id"`
		} `json:"meetings"`
	}
	if err := json.Unmarshal(body, &list); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, m := range list.Meetings {
		ids = append(ids, m.ID)
	}
	if len(ids) == 0 {
		t.Fatal("no meetings")
	}
	return ids
}

func hashOf(v string) string {
	sum := sha256.Sum256([]byte(v))
	return hex.EncodeToString(sum[:])
}

// TestStateRoundTrip signs a client in, saves the state, loads it into a new
// simulator and uses the old tokens there.
func TestStateRoundTrip(t *testing.T) {
	var mu sync.Mutex
	var saved bytes.Buffer
	var sim1 *zoomsim.Sim
	sim1 = stateSim(t, func() {
		mu.Lock()
		defer mu.Unlock()
		saved.Reset()
		if err := sim1.SaveState(&saved); err != nil {
			t.Error(err)
		}
	})
	rt1 := sim1.Transport()
	conf, tok := zoomsimtest.SignIn(t, "https://zoom.us", stateClientID, stateRedirect, rt1, rt1)
	api1 := zoomsimtest.StaticClient(tok, rt1)
	ids := meetingIDs(t, api1)
	feed, err := sim1.CalendarFeedPath("")
	if err != nil {
		t.Fatal(err)
	}
	_, cal1 := get(t, &http.Client{Transport: rt1}, "https://zoom.us"+feed)

	// OnChange saved the sign-in before the client had its tokens: the
	// state holds their hashes, never their values.
	mu.Lock()
	state := slices.Clone(saved.Bytes())
	mu.Unlock()
	for _, v := range []string{tok.AccessToken, tok.RefreshToken} {
		if !bytes.Contains(state, []byte(hashOf(v))) {
			t.Error("the state saved in OnChange lacks a token of the sign-in")
		}
		if bytes.Contains(state, []byte(v)) {
			t.Error("the state holds a token's value")
		}
	}
	// The final state, after the calendar was read, too.
	var final bytes.Buffer
	if err := sim1.SaveState(&final); err != nil {
		t.Fatal(err)
	}

	sim2 := stateSim(t, nil)
	savedAt, err := sim2.LoadState(bytes.NewReader(final.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if age := time.Since(savedAt); age < 0 || age > time.Minute {
		t.Errorf("saved at %v", savedAt)
	}
	rt2 := sim2.Transport()
	if sim2.User() != sim1.User() {
		t.Errorf("user %+v, want %+v", sim2.User(), sim1.User())
	}
	if now1, now2 := sim1.Now(), sim2.Now(); now2.Sub(now1).Abs() > time.Minute {
		t.Errorf("the loaded clock reads %v, the saved one %v", now2, now1)
	}

	// The old access token still calls the API; meetings, IDs and the
	// calendar feed's address and content are unchanged.
	api2 := zoomsimtest.StaticClient(tok, rt2)
	if got := meetingIDs(t, api2); !slices.Equal(got, ids) {
		t.Errorf("meetings %v, want %v", got, ids)
	}
	if got, _ := sim2.CalendarFeedPath(""); got != feed {
		t.Errorf("calendar feed %q, want %q", got, feed)
	}
	if status, cal2 := get(t, &http.Client{Transport: rt2}, "https://zoom.us"+feed); status != http.StatusOK || !bytes.Equal(cal2, cal1) {
		t.Errorf("calendar feed after the load: %d\n%s\nwant\n%s", status, cal2, cal1)
	}
	if !slices.Equal(simMeetingKeys(sim2), simMeetingKeys(sim1)) {
		t.Errorf("meetings differ:\n%v\n%v", simMeetingKeys(sim2), simMeetingKeys(sim1))
	}

	// The old refresh token still refreshes, once.
	ctx := context.WithValue(context.Background(), oauth2.HTTPClient, &http.Client{Transport: rt2})
	expired := *tok
	expired.Expiry = time.Now().Add(-time.Hour)
	fresh, err := conf.TokenSource(ctx, &expired).Token()
	if err != nil {
		t.Fatalf("refresh with the saved refresh token: %v", err)
	}
	if fresh.AccessToken == tok.AccessToken || fresh.RefreshToken == tok.RefreshToken {
		t.Error("the refresh gave the old tokens")
	}
	if status, _ := get(t, zoomsimtest.StaticClient(fresh, rt2), "https://api.zoom.us/v2/users/me"); status != http.StatusOK {
		t.Errorf("the refreshed token gets %d", status)
	}
	if _, err := conf.TokenSource(ctx, &expired).Token(); err == nil {
		t.Error("the used refresh token refreshed again")
	}
	// Once presented, the loaded tokens are listed again.
	values := map[string]string{}
	for _, ti := range sim2.Tokens() {
		values[ti.Value] = ti.State
	}
	if values[tok.RefreshToken] != "rotated" || values[fresh.RefreshToken] != "active" {
		t.Errorf("tokens after the refresh: %v", values)
	}
}

// simMeetingKeys describes every meeting with the fields a client sees.
func simMeetingKeys(sim *zoomsim.Sim) []string {
	var out []string
	for _, m := range sim.Meetings() {
		b, _ := json.Marshal(m)
		out = append(out, string(b))
	}
	return out
}

// TestStateRefused: an unreadable state, one of a newer format and one of
// another client leave the fresh simulator as it was.
func TestStateRefused(t *testing.T) {
	sim := stateSim(t, nil)
	var good bytes.Buffer
	if err := sim.SaveState(&good); err != nil {
		t.Fatal(err)
	}
	var tree map[string]any
	if err := json.Unmarshal(good.Bytes(), &tree); err != nil {
		t.Fatal(err)
	}
	with := func(k string, v any) string {
		c := map[string]any{}
		for kk, vv := range tree {
			c[kk] = vv
		}
		c[k] = v
		b, _ := json.Marshal(c)
		return string(b)
	}
	for name, tc := range map[string]struct {
		state   string
		wantErr error
		text    string
	}{
		"garbage":      {"not json", nil, "not valid JSON"},
		"truncated":    {good.String()[:good.Len()/2], nil, "not valid JSON"},
		"newer":        {with("version", 2), zoomsim.ErrStateVersion, "version 2"},
		"no version":   {`{}`, zoomsim.ErrStateVersion, "version 0"},
		"other client": {with("client_id", "someone-else"), nil, "client ID"},
		"unknown":      {with("surprise", 1), nil, "surprise"},
		"bad settings": {with("settings", map[string]any{"recording": map[string]any{"local_recording": "yes"}}), nil, "recording.local_recording"},
	} {
		t.Run(name, func(t *testing.T) {
			fresh := stateSim(t, nil)
			before := fresh.User()
			ids := simMeetingKeys(fresh)
			_, err := fresh.LoadState(strings.NewReader(tc.state))
			if err == nil || !strings.Contains(err.Error(), tc.text) || (tc.wantErr != nil && !errors.Is(err, tc.wantErr)) {
				t.Fatalf("LoadState = %v, want an error about %q", err, tc.text)
			}
			if fresh.User() != before || !slices.Equal(simMeetingKeys(fresh), ids) {
				t.Error("a refused state changed the simulator")
			}
		})
	}
}

// TestStateReseedWeek: after a long pause the week is new but the user
// stays signed in.
func TestStateReseedWeek(t *testing.T) {
	sim1 := stateSim(t, nil)
	rt1 := sim1.Transport()
	conf, tok := zoomsimtest.SignIn(t, "https://zoom.us", stateClientID, stateRedirect, rt1, rt1)
	old := meetingIDs(t, zoomsimtest.StaticClient(tok, rt1))
	feed, _ := sim1.CalendarFeedPath("")
	var st bytes.Buffer
	if err := sim1.SaveState(&st); err != nil {
		t.Fatal(err)
	}

	sim2 := stateSim(t, nil)
	if _, err := sim2.LoadState(&st); err != nil {
		t.Fatal(err)
	}
	sim2.Advance(3 * 24 * time.Hour)
	sim2.ReseedWeek()
	// The access token expired during the pause; the refresh token works.
	ctx := context.WithValue(context.Background(), oauth2.HTTPClient, &http.Client{Transport: sim2.Transport()})
	paused := *tok
	paused.Expiry = time.Now().Add(-time.Minute)
	got := meetingIDs(t, conf.Client(ctx, &paused))
	if slices.ContainsFunc(got, func(id int64) bool { return slices.Contains(old, id) }) {
		t.Errorf("the new week keeps old meetings: %v of %v", got, old)
	}
	if sim2.User() != sim1.User() {
		t.Error("the user changed")
	}
	if path, _ := sim2.CalendarFeedPath(""); path != feed {
		t.Error("the calendar address changed")
	}
	upcoming := 0
	for _, m := range sim2.Meetings() {
		if m.StartTime.After(sim2.Now()) {
			upcoming++
		}
	}
	if upcoming < 5 {
		t.Errorf("%d upcoming meetings after the reseed", upcoming)
	}
}
