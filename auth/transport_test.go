package auth

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/zoom"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

func TestTransportRefreshesOnceOn401Code124(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Given a signed-in app whose access token Zoom has expired early
		// (the app still believes it valid).
		e := newEnv(t, zoomsim.Options{})
		e.signIn(t, e.m)
		if e.sim.ExpireTokens() != 1 {
			t.Fatal("no active token to expire")
		}
		api := zoom.New(zoom.Options{BaseURL: e.cfg.APIURL, HTTPClient: e.m.HTTPClient()})

		// When it calls the API.
		me, err := api.Me(t.Context())

		// Then the call succeeds after one refresh and one retry.
		if err != nil {
			t.Fatalf("Me: %v", err)
		}
		if me.Email != e.sim.User().Email {
			t.Errorf("Me = %q", me.Email)
		}
		if got := e.sim.Stats().TokenRefreshes; got != 1 {
			t.Errorf("refreshes = %d, want 1", got)
		}
		if got := e.requests("GET /v2/users/me"); got != 3 { // sign-in, refused, retried
			t.Errorf("users/me requests = %d, want 3", got)
		}
	})
}

func TestTransportNeverRetriesTwice(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Given Zoom refusing every token with 401 code 124.
		e := newEnv(t, zoomsim.Options{})
		e.signIn(t, e.m)
		if err := e.sim.InjectFault(zoomsim.Fault{Method: "GET", Path: "/v2/users/me", Status: 401, Count: 100}); err != nil {
			t.Fatal(err)
		}
		api := zoom.New(zoom.Options{BaseURL: e.cfg.APIURL, HTTPClient: e.m.HTTPClient()})

		// When the app calls the API.
		_, err := api.Me(t.Context())

		// Then it refreshes once, retries once, and returns the 401.
		if !zoom.IsInvalidToken(err) {
			t.Fatalf("Me error = %v, want 401", err)
		}
		if got := e.sim.Stats().TokenRefreshes; got != 1 {
			t.Errorf("refreshes = %d, want 1", got)
		}
		if got := e.requests("GET /v2/users/me"); got != 3 {
			t.Errorf("users/me requests = %d, want 3 (sign-in, first try, one retry)", got)
		}
	})
}

func TestTransportIgnoresOther401s(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := newEnv(t, zoomsim.Options{})
		e.signIn(t, e.m)
		// A 401 with another code (not an invalid token) is passed on.
		if err := e.sim.InjectFault(zoomsim.Fault{Path: "/v2/users/me", Status: 401, Code: 4711, Message: "no scope"}); err != nil {
			t.Fatal(err)
		}
		resp, err := e.m.HTTPClient().Get(e.cfg.APIURL + "/users/me")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 401 || !strings.Contains(string(body), "4711") {
			t.Errorf("got %d %s", resp.StatusCode, body)
		}
		if e.sim.Stats().TokenRefreshes != 0 {
			t.Error("refreshed on a 401 that is not code 124")
		}
	})
}

func TestTransportReplaysBody(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Given an access token Zoom expired early.
		e := newEnv(t, zoomsim.Options{})
		e.signIn(t, e.m)
		if err := e.sim.SetSettings(zoomsim.SettingsUpdate{Patch: map[string]any{"recording": map[string]any{"local_recording": false}}}); err != nil {
			t.Fatal(err)
		}
		e.sim.ExpireTokens()

		// When a request with a body is sent.
		const body = `{"recording":{"local_recording":true}}`
		req, err := http.NewRequestWithContext(t.Context(), http.MethodPatch, e.cfg.APIURL+"/users/me/settings", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := e.m.HTTPClient().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()

		// Then the retry carried the same body and Zoom applied it.
		if resp.StatusCode != http.StatusNoContent {
			t.Fatalf("PATCH answered %d", resp.StatusCode)
		}
		rec, _ := e.sim.Settings()["recording"].(map[string]any)
		if rec["local_recording"] != true {
			t.Errorf("settings after PATCH: %v", rec)
		}
		if e.sim.Stats().TokenRefreshes != 1 {
			t.Errorf("refreshes = %d", e.sim.Stats().TokenRefreshes)
		}
	})
}

func TestTransportReturnsSignedOutError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := newEnv(t, zoomsim.Options{})
		api := zoom.New(zoom.Options{BaseURL: e.cfg.APIURL, HTTPClient: e.m.HTTPClient()})
		_, err := api.Me(t.Context())
		var so *SignedOutError
		if !errors.As(err, &so) || so.Reason != ReasonNotSignedIn {
			t.Fatalf("Me error = %v, want not signed in", err)
		}
		if e.requests("GET /v2/users/me") != 0 {
			t.Error("a request went out without a token")
		}
	})
}

func TestConcurrentRequestsWhenTheGrantDies(t *testing.T) {
	// Given a signed-in app whose grant Zoom revoked (a newer sign-in).
	e := newEnv(t, zoomsim.Options{})
	e.signIn(t, e.m)
	other := &testEnv{sim: e.sim, kr: newMemKeyring(), net: e.net, cfg: e.cfg}
	other.m = other.newManager(t)
	other.signIn(t, other.m)
	before := e.requests("POST /oauth/token")
	api := zoom.New(zoom.Options{BaseURL: e.cfg.APIURL, HTTPClient: e.m.HTTPClient()})

	// When 50 API calls run at once (each is refused, forces a refresh
	// and finds the grant gone) while other goroutines read the state.
	errs := make(chan error, 50)
	for range 50 {
		go func() {
			_, err := api.Me(t.Context())
			_, _ = e.m.State()
			errs <- err
		}()
	}

	// Then every call ends signed out, none hangs, and Zoom saw one
	// refresh attempt.
	timeout := time.After(20 * time.Second)
	for range 50 {
		select {
		case err := <-errs:
			if !errors.Is(err, ErrSignedOut) {
				t.Errorf("call error = %v, want signed out", err)
			}
		case <-timeout:
			t.Fatal("calls hang (lock-order deadlock?)")
		}
	}
	if n := e.requests("POST /oauth/token") - before; n != 1 {
		t.Errorf("refresh attempts = %d, want 1", n)
	}
}

// idleBase is a base transport that counts CloseIdleConnections.
type idleBase struct {
	http.RoundTripper
	closed int
}

func (b *idleBase) CloseIdleConnections() { b.closed++ }

func TestTransportClosesIdleConnectionsOfItsBase(t *testing.T) {
	base := &idleBase{}
	hc := &http.Client{Transport: (&Manager{}).Transport(base)}
	hc.CloseIdleConnections()
	if base.closed != 1 {
		t.Errorf("base closed its idle connections %d times, want 1", base.closed)
	}
	// A base without the method is fine too
	(&http.Client{Transport: (&Manager{}).Transport(plainBase{})}).CloseIdleConnections()
}

type plainBase struct{}

func (plainBase) RoundTrip(*http.Request) (*http.Response, error) { return nil, errors.New("unused") }
