package zoomsim

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

func TestFaultStatus(t *testing.T) {
	tests := []struct {
		name       string
		fault      map[string]any
		method     string
		path       string // below the OAuth base; /v2 paths are REST calls
		wantBody   string // exact error body of a faulted request
		wantHeader map[string]string
		hits       int // requests to path that fail
		notHit     []string
	}{
		{
			name:     "REST 503 twice",
			fault:    map[string]any{"method": "GET", "path": "/v2/users/me", "status": 503, "count": 2},
			method:   "GET",
			path:     "/v2/users/me",
			hits:     2,
			wantBody: `{"code":503,"message":"Service Unavailable"}`,
			notHit:   []string{"/v2/users/me/settings"},
		},
		{
			name:     "REST 401 looks like an invalid token",
			fault:    map[string]any{"path": "/v2/users/me/meetings", "status": 401},
			method:   "GET",
			path:     "/v2/users/me/meetings",
			hits:     1,
			wantBody: `{"code":124,"message":"Invalid access token."}`,
		},
		{
			name:       "REST 429 with Retry-After",
			fault:      map[string]any{"path": "/v2/users/me", "status": 429, "retry_after": "7"},
			method:     "GET",
			path:       "/v2/users/me",
			hits:       1,
			wantBody:   `{"code":429,"message":"` + qpsMessage + `"}`,
			wantHeader: map[string]string{"Retry-After": "7"},
		},
		{
			name:     "own code and message",
			fault:    map[string]any{"path": "/v2/users/me/settings", "status": 400, "code": 1120, "message": "Invitation expired."},
			method:   "GET",
			path:     "/v2/users/me/settings",
			hits:     1,
			wantBody: `{"code":1120,"message":"Invitation expired."}`,
		},
		{
			name:     "prefix",
			fault:    map[string]any{"path": "/v2/meetings/*", "status": 500, "count": 2},
			method:   "GET",
			path:     "/v2/meetings/12345678901/recordings",
			hits:     2,
			wantBody: `{"code":500,"message":"Internal Server Error"}`,
			notHit:   []string{"/v2/users/me"},
		},
		{
			name:   "other method is not hit",
			fault:  map[string]any{"method": "PATCH", "path": "/v2/users/me/settings", "status": 500},
			method: "GET",
			path:   "/v2/users/me/settings",
			hits:   0,
		},
		{
			name:     "OAuth token endpoint",
			fault:    map[string]any{"method": "POST", "path": "/oauth/token", "status": 502},
			method:   "POST",
			path:     "/oauth/token",
			hits:     1,
			wantBody: `{"reason":"Bad Gateway","error":"server_error"}`,
		},
	}
	eachMode(t, func(t *testing.T, mode string) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e, tok := signedIn(t, mode, Options{})
				e.ctl("POST", "/faults", tt.fault, http.StatusCreated)
				send := func(path string) result {
					if strings.HasPrefix(path, "/v2/") {
						return e.call(tt.method, strings.TrimPrefix(path, "/v2"), tok, nil)
					}
					return e.refresh("anything")
				}
				for _, p := range tt.notHit {
					if r := send(p); r.status >= 500 {
						t.Errorf("%s was hit: %s", p, r)
					}
				}
				for i := range tt.hits {
					r := send(tt.path)
					if string(r.body) != tt.wantBody {
						t.Fatalf("faulted request %d: %d %s, want %s", i+1, r.status, r, tt.wantBody)
					}
					for k, v := range tt.wantHeader {
						if r.header.Get(k) != v {
							t.Errorf("%s = %q, want %q", k, r.header.Get(k), v)
						}
					}
				}
				// Used up: the next request is served normally.
				if r := send(tt.path); string(r.body) == tt.wantBody {
					t.Errorf("fault outlived its count: %s", r)
				}
				if got := decode[[]Fault](t, e.ctl("GET", "/faults", nil, http.StatusOK)); tt.hits > 0 && len(got) != 0 {
					t.Errorf("faults left: %+v", got)
				}
			})
		}
	})
}

func TestFaultedRequestsAreCounted(t *testing.T) {
	e, tok := signedIn(t, "transport", Options{})
	if err := e.sim.InjectFault(Fault{Path: "/v2/users/me", Status: 500}); err != nil {
		t.Fatal(err)
	}
	e.call("GET", "/users/me", tok, nil)
	e.call("GET", "/users/me", tok, nil)
	if got := e.sim.Stats().Requests["GET /v2/users/me"]; got != 2 {
		t.Errorf("GET /v2/users/me counted %d times, want 2", got)
	}
}

func TestFaultListingAndClearing(t *testing.T) {
	e := newEnv(t, "httptest", Options{})
	e.ctl("POST", "/faults", map[string]any{"path": "/v2/users/me", "status": 500, "count": 3, "delay": "1.5s"}, http.StatusCreated)
	got := decode[[]Fault](t, e.ctl("GET", "/faults", nil, http.StatusOK))
	if len(got) != 1 || got[0].Count != 3 || got[0].Delay != 1500*time.Millisecond || got[0].Status != 500 {
		t.Fatalf("faults %+v", got)
	}
	e.ctl("DELETE", "/faults", nil, http.StatusNoContent)
	if got := e.sim.Faults(); len(got) != 0 {
		t.Fatalf("faults after DELETE: %+v", got)
	}
	// The control API itself is never faulted.
	if err := e.sim.InjectFault(Fault{Path: "/_sim/stats", Status: 500}); err != nil {
		t.Fatal(err)
	}
	e.ctl("GET", "/stats", nil, http.StatusOK)
	e.sim.ClearFaults()
}

func TestFaultValidation(t *testing.T) {
	e := newEnv(t, "transport", Options{})
	for _, body := range []string{
		`{"status":500}`,
		`{"path":"v2/users/me","status":500}`,
		`{"path":"/v2/users/me","status":200}`,
		`{"path":"/v2/users/me"}`,
		`{"path":"/v2/users/me","delay":"soon"}`,
		`{"path":"/v2/users/me","status":500,"count":-1}`,
		`{"path":"/v2/users/me","status":500,"colour":"red"}`,
		`not json`,
	} {
		r := e.do("POST", e.ctlURL+"/faults", nil, body)
		wantStatus(t, r, http.StatusBadRequest)
		if decode[map[string]string](t, r)["error"] == "" {
			t.Errorf("%s: no error message", body)
		}
	}
	if err := e.sim.InjectFault(Fault{Path: "/v2/users/me", Delay: -time.Second}); err == nil {
		t.Error("a negative delay was accepted")
	}
}

func TestFaultHangEndsWithTheContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e, tok := signedIn(t, "transport", Options{})
		if err := e.sim.InjectFault(Fault{Path: "/v2/users/me/meetings", Delay: time.Hour, Status: 500}); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, "GET", e.api+"/users/me/meetings", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		start := time.Now()
		_, err := e.client.Do(req)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("error %v, want the context's deadline", err)
		}
		if waited := time.Since(start); waited != 5*time.Second {
			t.Errorf("returned after %v, want 5s", waited)
		}
		// The fault is used up.
		wantStatus(t, e.call("GET", "/users/me/meetings", tok, nil), http.StatusOK)
	})
}

func TestFaultDelayThenProceed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := newEnv(t, "transport", Options{AutoApprove: true})
		if err := e.sim.InjectFault(Fault{Method: "POST", Path: "/oauth/token", Delay: 3 * time.Second}); err != nil {
			t.Fatal(err)
		}
		code := e.authorize("allow").Get("code")
		start := time.Now()
		wantStatus(t, e.exchange(code), http.StatusOK)
		if waited := time.Since(start); waited != 3*time.Second {
			t.Errorf("token answered after %v, want 3s", waited)
		}
	})
}

func TestFaultHangOverRealServer(t *testing.T) {
	e, tok := signedIn(t, "httptest", Options{})
	e.ctl("POST", "/faults", map[string]any{"path": "/v2/users/me", "delay": "10m"}, http.StatusCreated)
	client := &http.Client{Timeout: 200 * time.Millisecond}
	req, _ := http.NewRequest("GET", e.api+"/users/me", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	start := time.Now()
	_, err := client.Do(req)
	var ue *url.Error
	if !errors.As(err, &ue) || !ue.Timeout() {
		t.Fatalf("error %v, want a client timeout", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatalf("took %v", time.Since(start))
	}
	// The server's handler returned too: httptest.Server.Close (cleanup)
	// would otherwise wait ten minutes for it.
}
