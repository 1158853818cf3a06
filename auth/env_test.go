package auth

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"golang.org/x/oauth2"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// testEnv is a Manager wired to an in-memory simulator and keychain: no
// socket, so it works inside a synctest bubble.
type testEnv struct {
	sim *zoomsim.Sim
	kr  *memKeyring
	net *netSwitch
	cfg Config
	m   *Manager
}

func newEnv(t *testing.T, so zoomsim.Options) *testEnv {
	t.Helper()
	if so.ClientID == "" {
		so.ClientID = "test-client"
	}
	so.AutoApprove = true
	sim, err := zoomsim.New(so)
	if err != nil {
		t.Fatal(err)
	}
	e := &testEnv{sim: sim, kr: newMemKeyring(), net: &netSwitch{base: sim.Transport()}}
	e.cfg = Config{
		ClientID: so.ClientID, ClientSecret: so.ClientSecret,
		AuthURL: "https://zoom.us", APIURL: "https://api.zoom.us/v2",
		RedirectPort: DefaultRedirectPort, Service: "interviewtray-test",
	}
	e.m = e.newManager(t)
	return e
}

// newManager returns another Manager on the same keychain and simulator,
// like a second process (the agent and a CLI command).
func (e *testEnv) newManager(t *testing.T) *Manager {
	t.Helper()
	m, err := New(t.Context(), Options{Config: e.cfg, Keyring: e.kr, HTTPClient: &http.Client{Transport: e.net}})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// signIn runs the authorization request against the simulator (which
// approves at once) and finishes the sign-in with the Manager's own code
// exchange, users/me and keychain write.
func (e *testEnv) signIn(t *testing.T, m *Manager) User {
	t.Helper()
	verifier := oauth2.GenerateVerifier()
	link := m.conf.AuthCodeURL("st", oauth2.S256ChallengeOption(verifier))
	code := e.authorize(t, link, "st")
	u, err := m.finishLogin(t.Context(), code, verifier)
	if err != nil {
		t.Fatalf("finish sign-in: %v", err)
	}
	return u
}

// authorize opens link at the simulator and returns the code of its
// redirect.
func (e *testEnv) authorize(t *testing.T, link, state string) string {
	t.Helper()
	c := &http.Client{Transport: e.sim.Transport(), CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || loc.Query().Get("state") != state || loc.Query().Get("code") == "" {
		t.Fatalf("authorize answered %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	return loc.Query().Get("code")
}

// stored returns the record in the keychain (nil when signed out) and the
// signed-out reason.
func (e *testEnv) stored(t *testing.T) (*record, Reason) {
	t.Helper()
	rec, err := loadRecord(t.Context(), NewStore(NewKeychain(e.kr, e.cfg.Service, 0), recordName))
	var so *SignedOutError
	if errors.As(err, &so) {
		return nil, so.Reason
	}
	if err != nil {
		t.Fatal(err)
	}
	return rec, ""
}

// requests returns how many requests the simulator saw for a route key
// such as "POST /oauth/token".
func (e *testEnv) requests(key string) int { return e.sim.Stats().Requests[key] }

// assertNoTokens fails when any token the simulator issued appears in one
// of texts (error messages, pages, output).
func (e *testEnv) assertNoTokens(t *testing.T, texts ...string) {
	t.Helper()
	for _, tok := range e.sim.Tokens() {
		for _, s := range texts {
			if strings.Contains(s, tok.Value) {
				t.Errorf("a %s token appears in %q", tok.Kind, s)
			}
		}
	}
}

// netSwitch is a RoundTripper that can lose the network.
type netSwitch struct {
	base    http.RoundTripper
	offline atomic.Bool
}

var errNetDown = errors.New("dial tcp: connect: network is unreachable")

func (n *netSwitch) RoundTrip(r *http.Request) (*http.Response, error) {
	if n.offline.Load() {
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, errNetDown
	}
	return n.base.RoundTrip(r)
}

// failingKeyring wraps a Keyring and fails writes while fail is set.
type failingKeyring struct {
	Keyring
	mu   sync.Mutex
	fail bool
}

func (f *failingKeyring) Set(service, user, secret string) error {
	f.mu.Lock()
	fail := f.fail
	f.mu.Unlock()
	if fail {
		return errors.New("keychain write refused")
	}
	return f.Keyring.Set(service, user, secret)
}

func (f *failingKeyring) setFail(v bool) {
	f.mu.Lock()
	f.fail = v
	f.mu.Unlock()
}

// contextWithClient returns a context whose x/oauth2 requests go through rt.
func contextWithClient(t *testing.T, rt http.RoundTripper) context.Context {
	return context.WithValue(t.Context(), oauth2.HTTPClient, &http.Client{Transport: rt})
}
