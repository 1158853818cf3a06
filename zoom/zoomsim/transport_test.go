package zoomsim

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

func TestTransportServesAnyHost(t *testing.T) {
	e, tok := signedIn(t, "transport", Options{})
	for _, base := range []string{"https://api.zoom.us/v2", "http://zoomsim.invalid:8080/v2", "https://api-ca.zoom.us/v2"} {
		req, _ := http.NewRequest("GET", base+"/users/me", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := e.client.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", base, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Status != "200 OK" || resp.ContentLength != int64(len(body)) ||
			resp.Header.Get("Content-Type") != jsonContentType || resp.Request != req || resp.ProtoMajor != 1 {
			t.Errorf("%s: response %+v", base, resp)
		}
		if req.URL.String() != base+"/users/me" {
			t.Errorf("the caller's request was changed: %s", req.URL)
		}
	}
}

// closeRecorder is a request body that records Close.
type closeRecorder struct {
	io.Reader
	closed bool
}

func (c *closeRecorder) Close() error { c.closed = true; return nil }

func TestTransportClosesRequestBody(t *testing.T) {
	sim, _ := New(Options{ClientID: testClientID})
	body := &closeRecorder{Reader: strings.NewReader(url.Values{"grant_type": {"refresh_token"}}.Encode())}
	req, _ := http.NewRequest("POST", "https://zoom.us/oauth/token", body)
	resp, err := sim.Transport().RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if !body.closed {
		t.Error("the request body was not closed")
	}
}

func TestTransportHonoursCancelledContext(t *testing.T) {
	e, tok := signedIn(t, "transport", Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", e.api+"/users/me", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	if _, err := e.sim.Transport().RoundTrip(req); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if n := e.sim.Stats().Requests["GET /v2/users/me"]; n != 0 {
		t.Errorf("a cancelled request reached the simulator (%d)", n)
	}
}

func TestTransportInSynctestBubble(t *testing.T) {
	// A client's life on the fake clock, without sockets; the bubble would
	// report any goroutine the simulator left behind.
	synctest.Test(t, func(t *testing.T) {
		e := newEnv(t, "transport", Options{Seed: "demo", AutoEnd: true, RecordingDelay: 30 * time.Minute, AutoApprove: true})
		tok := e.signIn()
		up := decode[wireUpcomingList](t, e.call("GET", "/users/me/upcoming_meetings", tok.AccessToken, nil))
		if len(up.Meetings) == 0 || !strings.HasPrefix(up.Meetings[0].Topic, "Interview: Priya") {
			t.Fatalf("upcoming %+v", up.Meetings)
		}
		soon := up.Meetings[0]
		past := fmt.Sprintf("/past_meetings/%d", soon.ID)
		recs := fmt.Sprintf("/meetings/%d/recordings", soon.ID)
		wantAPIError(t, e.call("GET", past, tok.AccessToken, nil), http.StatusNotFound, 3001)

		// 11 minutes to the start, 45 minutes long: over after 56 minutes.
		time.Sleep(56 * time.Minute)
		wantStatus(t, e.call("GET", past, tok.AccessToken, nil), http.StatusOK)
		wantAPIError(t, e.call("GET", recs, tok.AccessToken, nil), http.StatusNotFound, 3301)

		// The recording is ready 30 minutes later; the access token has expired by then.
		time.Sleep(30 * time.Minute)
		wantAPIError(t, e.call("GET", recs, tok.AccessToken, nil), http.StatusUnauthorized, 124)
		fresh := decode[wireToken](t, e.refresh(tok.RefreshToken))
		wantStatus(t, e.call("GET", recs, fresh.AccessToken, nil), http.StatusOK)
	})
}
