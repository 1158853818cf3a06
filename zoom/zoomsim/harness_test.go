package zoomsim

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// The tests drive the simulator over HTTP like a client would, either
// through a real loopback server (httptest) or in memory (Transport).

const (
	testClientID = "sim-test-client"
	testRedirect = "http://127.0.0.1:43210/oauth/callback"
	testVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-verifier"
)

// testStart is where the simulator clock of a test starts unless the test
// picks its own date: a fixed day, so that no test depends on today's.
var testStart = time.Date(2026, 6, 10, 9, 30, 0, 0, time.UTC)

// modes are the two ways to reach a simulator.
var modes = []string{"httptest", "transport"}

// env is a simulator and a client for it.
type env struct {
	t      *testing.T
	sim    *Sim
	client *http.Client // follows no redirects
	oauth  string       // base URL of the OAuth endpoints
	api    string       // base URL of the REST API (…/v2)
	ctlURL string       // base URL of the control API (…/_sim)
}

// newEnv returns a simulator reached through mode. A zero ClientID in opts
// becomes testClientID.
func newEnv(t *testing.T, mode string, opts Options) *env {
	t.Helper()
	if opts.ClientID == "" {
		opts.ClientID = testClientID
	}
	if opts.Start.IsZero() {
		opts.Start = testStart
	}
	sim, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	e := &env{t: t, sim: sim}
	noRedirect := func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	switch mode {
	case "httptest":
		srv := httptest.NewServer(sim)
		t.Cleanup(srv.Close)
		e.client = &http.Client{CheckRedirect: noRedirect}
		e.oauth, e.api, e.ctlURL = srv.URL, srv.URL+"/v2", srv.URL+"/_sim"
	case "transport":
		e.client = &http.Client{Transport: sim.Transport(), CheckRedirect: noRedirect}
		e.oauth, e.api, e.ctlURL = "https://zoom.us", "https://api.zoom.us/v2", "https://zoom.us/_sim"
	default:
		t.Fatalf("unknown mode %q", mode)
	}
	return e
}

// eachMode runs f once per mode, as subtests.
func eachMode(t *testing.T, f func(t *testing.T, mode string)) {
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) { f(t, mode) })
	}
}

// result is a response read in full.
type result struct {
	status int
	header http.Header
	body   []byte
}

func (r result) String() string { return string(r.body) }

// do sends a request; body is sent as JSON unless it is url.Values (form)
// or nil.
func (e *env) do(method, rawURL string, header http.Header, body any) result {
	e.t.Helper()
	var rd io.Reader
	contentType := ""
	switch b := body.(type) {
	case nil:
	case url.Values:
		rd, contentType = strings.NewReader(b.Encode()), "application/x-www-form-urlencoded"
	case string:
		rd, contentType = strings.NewReader(b), "application/json"
	default:
		j, err := json.Marshal(b)
		if err != nil {
			e.t.Fatalf("encode body: %v", err)
		}
		rd, contentType = strings.NewReader(string(j)), "application/json"
	}
	req, err := http.NewRequest(method, rawURL, rd)
	if err != nil {
		e.t.Fatalf("new request: %v", err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := e.client.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, rawURL, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatalf("read body: %v", err)
	}
	return result{resp.StatusCode, resp.Header, b}
}

// call sends a REST request with a bearer token; path is below /v2.
func (e *env) call(method, path, token string, body any) result {
	e.t.Helper()
	h := http.Header{}
	if token != "" {
		h.Set("Authorization", "Bearer "+token)
	}
	return e.do(method, e.api+path, h, body)
}

// ctl sends a control request and checks its status; path is below /_sim.
func (e *env) ctl(method, path string, body any, want int) result {
	e.t.Helper()
	r := e.do(method, e.ctlURL+path, nil, body)
	if r.status != want {
		e.t.Fatalf("%s /_sim%s: status %d, want %d: %s", method, path, r.status, want, r)
	}
	return r
}

// decode unmarshals r's body into a T, failing the test on error.
func decode[T any](t *testing.T, r result) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("decode %T from %q: %v", v, r.body, err)
	}
	return v
}

// wantStatus fails unless r has status want.
func wantStatus(t *testing.T, r result, want int) {
	t.Helper()
	if r.status != want {
		t.Fatalf("status %d, want %d; body %s", r.status, want, r)
	}
}

// wantAPIError fails unless r is a REST error with status and code.
func wantAPIError(t *testing.T, r result, status, code int) apiError {
	t.Helper()
	wantStatus(t, r, status)
	ae := decode[apiError](t, r)
	if ae.Code != code || ae.Message == "" {
		t.Fatalf("error body %s, want code %d with a message", r, code)
	}
	return ae
}

// oauthErr is the OAuth endpoints' error body.
type oauthErr struct {
	Reason string `json:"reason"`
	Error  string `json:"error"`
}

func wantOAuthError(t *testing.T, r result, status int, errCode string) oauthErr {
	t.Helper()
	wantStatus(t, r, status)
	oe := decode[oauthErr](t, r)
	if oe.Error != errCode || oe.Reason == "" {
		t.Fatalf("error body %s, want error %q with a reason", r, errCode)
	}
	return oe
}

func challengeOf(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// authorizeURL is a valid authorization request for the test client.
func (e *env) authorizeURL(extra url.Values) string {
	q := url.Values{
		"response_type":         {"code"},
		"client_id":             {e.sim.opts.ClientID},
		"redirect_uri":          {testRedirect},
		"state":                 {"st-123"},
		"code_challenge":        {challengeOf(testVerifier)},
		"code_challenge_method": {"S256"},
	}
	for k, v := range extra {
		if v == nil {
			q.Del(k)
		} else {
			q[k] = v
		}
	}
	return e.oauth + "/oauth/authorize?" + q.Encode()
}

var consentIDRE = regexp.MustCompile(`name="consent_id" value="([^"]+)"`)

// authorize runs the authorization request through the consent page
// (unless AutoApprove) with decision and returns the redirect's query.
func (e *env) authorize(decision string) url.Values {
	e.t.Helper()
	r := e.do("GET", e.authorizeURL(nil), nil, nil)
	if !e.sim.opts.AutoApprove {
		wantStatus(e.t, r, http.StatusOK)
		m := consentIDRE.FindSubmatch(r.body)
		if m == nil {
			e.t.Fatalf("consent page has no consent_id: %s", r)
		}
		r = e.do("POST", e.oauth+"/oauth/authorize", nil,
			url.Values{"consent_id": {string(m[1])}, "decision": {decision}})
	}
	return e.redirectQuery(r)
}

// redirectQuery checks that r redirects to the test redirect URI and returns
// the redirect's query.
func (e *env) redirectQuery(r result) url.Values {
	e.t.Helper()
	wantStatus(e.t, r, http.StatusFound)
	loc, err := url.Parse(r.header.Get("Location"))
	if err != nil {
		e.t.Fatalf("bad Location %q: %v", r.header.Get("Location"), err)
	}
	if got := loc.Scheme + "://" + loc.Host + loc.Path; got != testRedirect {
		e.t.Fatalf("redirect to %q, want %q", got, testRedirect)
	}
	return loc.Query()
}

// tokenRequest posts form to /oauth/token with the client's credentials:
// HTTP Basic for a confidential client, client_id in the form for a public
// one.
func (e *env) tokenRequest(path string, form url.Values) result {
	e.t.Helper()
	h := http.Header{}
	if e.sim.opts.ClientSecret != "" {
		req, _ := http.NewRequest("POST", "/", nil)
		req.SetBasicAuth(e.sim.opts.ClientID, e.sim.opts.ClientSecret)
		h.Set("Authorization", req.Header.Get("Authorization"))
	} else {
		form.Set("client_id", e.sim.opts.ClientID)
	}
	return e.do("POST", e.oauth+path, h, form)
}

// exchange redeems code with the test verifier.
func (e *env) exchange(code string) result {
	e.t.Helper()
	return e.tokenRequest("/oauth/token", url.Values{
		"grant_type":    {"authorization_code"},
		"code":          {code},
		"redirect_uri":  {testRedirect},
		"code_verifier": {testVerifier},
	})
}

// signIn runs the whole sign-in and returns the tokens.
func (e *env) signIn() wireToken {
	e.t.Helper()
	q := e.authorize("allow")
	r := e.exchange(q.Get("code"))
	wantStatus(e.t, r, http.StatusOK)
	return decode[wireToken](e.t, r)
}

// refresh uses a refresh token.
func (e *env) refresh(rt string) result {
	e.t.Helper()
	return e.tokenRequest("/oauth/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}})
}

// meeting creates a meeting through the control API.
func (e *env) meeting(spec map[string]any) SimMeeting {
	e.t.Helper()
	return decode[SimMeeting](e.t, e.ctl("POST", "/meetings", spec, http.StatusCreated))
}

// logBuffer collects log output; safe for the server's goroutines.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(b)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// logger logs everything, debug included, to l.
func (l *logBuffer) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
