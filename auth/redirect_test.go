package auth

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/interviewtray/interviewtray/zoom"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// These tests run over real sockets: the simulator behind an httptest
// server stands for Zoom (OAuth and API on one host, as in the demo), and a
// second server on another port stands for a host that is not Zoom. The
// in-memory simulator transport of the other tests answers every host, so
// it could not tell where a request went.

// otherHost records every request that reaches it. It answers as a token
// endpoint that would sign the user out (400 invalid_grant), so that a
// token request that reached it would show.
type otherHost struct {
	srv  *httptest.Server
	mu   sync.Mutex // guards seen
	seen []seenRequest
}

type seenRequest struct {
	method, path, authorization, body string
}

func newOtherHost(t *testing.T) *otherHost {
	o := &otherHost{}
	o.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		o.mu.Lock()
		o.seen = append(o.seen, seenRequest{r.Method, r.URL.Path, r.Header.Get("Authorization"), string(body)})
		o.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `{"error":"invalid_grant","reason":"Invalid Token!"}`)
	}))
	t.Cleanup(o.srv.Close)
	return o
}

func (o *otherHost) requests() []seenRequest {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]seenRequest(nil), o.seen...)
}

// redirectingZoom is the simulator behind a server that answers chosen
// requests with a redirect instead.
type redirectingZoom struct {
	*testEnv
	srv   *httptest.Server
	mu    sync.Mutex // guards rules
	rules map[string]redirect
}

// redirect is one injected answer: status with Location to.
type redirect struct {
	status int
	to     string
}

func newRedirectingZoom(t *testing.T) *redirectingZoom {
	t.Helper()
	sim, err := zoomsim.New(zoomsim.Options{ClientID: "test-client", AutoApprove: true})
	if err != nil {
		t.Fatal(err)
	}
	z := &redirectingZoom{rules: map[string]redirect{}}
	z.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		z.mu.Lock()
		rd, ok := z.rules[r.Method+" "+r.URL.Path]
		z.mu.Unlock()
		if ok {
			w.Header().Set("Location", rd.to)
			w.WriteHeader(rd.status)
			return
		}
		sim.ServeHTTP(w, r)
	}))
	t.Cleanup(z.srv.Close)
	z.testEnv = &testEnv{sim: sim, kr: newMemKeyring(), net: &netSwitch{base: http.DefaultTransport}}
	z.cfg = Config{
		ClientID: "test-client", AuthURL: z.srv.URL, APIURL: z.srv.URL + "/v2",
		RedirectPort: DefaultRedirectPort, Service: "interviewtray-test",
	}
	z.m = z.newManager(t)
	return z
}

// redirect makes Zoom answer method path with status and Location to.
func (z *redirectingZoom) redirect(method, path string, status int, to string) {
	z.mu.Lock()
	z.rules[method+" "+path] = redirect{status, to}
	z.mu.Unlock()
}

// dueForRefresh replaces the Manager by one on the same keychain that
// refreshes every token it is asked for (the simulator's tokens live an
// hour, the refresh window is two).
func (z *redirectingZoom) dueForRefresh(t *testing.T) {
	t.Helper()
	m, err := New(t.Context(), Options{Config: z.cfg, Keyring: z.kr, HTTPClient: &http.Client{Transport: z.net}, RefreshEarly: 2 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	z.m = m
}

func (z *redirectingZoom) clearRedirects() {
	z.mu.Lock()
	clear(z.rules)
	z.mu.Unlock()
}

var redirectStatuses = []int{
	http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
	http.StatusTemporaryRedirect, http.StatusPermanentRedirect,
}

// assertNothingReached fails when any request reached the other host.
func assertNothingReached(t *testing.T, o *otherHost) {
	t.Helper()
	for _, r := range o.requests() {
		t.Errorf("the other host got %s %s (Authorization %t, body %d bytes)", r.method, r.path, r.authorization != "", len(r.body))
	}
}

// assertStillSignedIn fails unless the keychain still holds the sign-in
// with refresh token refresh and the Manager reports it signed in.
func assertStillSignedIn(t *testing.T, z *redirectingZoom, refresh string) {
	t.Helper()
	rec, reason := z.stored(t)
	if rec == nil {
		t.Fatalf("the sign-in was deleted (reason %q)", reason)
	}
	if rec.Token.RefreshToken != refresh {
		t.Error("the stored refresh token changed")
	}
	if st, err := z.m.State(); err != nil || !st.SignedIn {
		t.Errorf("State = %+v, %v; want signed in", st, err)
	}
}

// assertRedirectError checks err is a clear, recognisable refusal that
// names both hosts and is neither "signed out" nor "offline".
func assertRedirectError(t *testing.T, err error, status int, to string) {
	t.Helper()
	var re *RedirectError
	if !errors.Is(err, ErrRedirectRefused) || !errors.As(err, &re) {
		t.Fatalf("error = %v, want a refused redirect", err)
	}
	if errors.Is(err, ErrSignedOut) || errors.Is(err, ErrOffline) {
		t.Errorf("error %v counts as signed out or offline", err)
	}
	if re.StatusCode != status || re.To != to {
		t.Errorf("RedirectError = %+v, want status %d to %s", re, status, to)
	}
	if !strings.Contains(err.Error(), fmt.Sprint(status)) || !strings.Contains(err.Error(), strings.TrimPrefix(to, "http://")) {
		t.Errorf("message %q does not say which redirect was refused", err)
	}
}

func TestAPIRedirectToAnotherHostSendsNoToken(t *testing.T) {
	for _, status := range redirectStatuses {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			// Given a signed-in app and a Zoom API answering users/me with
			// a redirect to another host.
			z := newRedirectingZoom(t)
			other := newOtherHost(t)
			z.signIn(t, z.m)
			rec, _ := z.stored(t)
			z.redirect("GET", "/v2/users/me", status, other.srv.URL+"/v2/users/me")
			api := zoom.New(zoom.Options{BaseURL: z.cfg.APIURL, HTTPClient: z.m.HTTPClient(), MaxAttempts: 1})

			// When the app calls the API.
			_, err := api.Me(t.Context())

			// Then nothing reaches the other host, the error says why, and
			// the user stays signed in.
			assertNothingReached(t, other)
			assertRedirectError(t, err, status, other.srv.URL)
			assertStillSignedIn(t, z, rec.Token.RefreshToken)
			z.assertNoTokens(t, err.Error())
		})
	}
}

func TestAPIRedirectOutsideTheAPIRootIsRefused(t *testing.T) {
	// Given an API redirect to the same host, but outside the API root
	// (here the OAuth server's token endpoint).
	z := newRedirectingZoom(t)
	z.signIn(t, z.m)
	before := z.requests("POST /oauth/token")
	z.redirect("GET", "/v2/users/me", http.StatusTemporaryRedirect, z.srv.URL+"/oauth/token")
	api := zoom.New(zoom.Options{BaseURL: z.cfg.APIURL, HTTPClient: z.m.HTTPClient(), MaxAttempts: 1})

	// When the app calls the API, the redirect is refused.
	_, err := api.Me(t.Context())
	if !errors.Is(err, ErrRedirectRefused) {
		t.Fatalf("Me error = %v, want a refused redirect", err)
	}
	if n := z.requests("POST /oauth/token") + z.requests("GET /oauth/token") - before; n != 0 {
		t.Errorf("%d requests followed the redirect to /oauth/token", n)
	}
}

func TestAPIRedirectUnderTheAPIRootIsFollowed(t *testing.T) {
	// Given an API that moved a path within its root (Zoom documents none,
	// but nothing forbids it).
	z := newRedirectingZoom(t)
	z.signIn(t, z.m)
	z.redirect("GET", "/v2/users/old-me", http.StatusFound, z.srv.URL+"/v2/users/me")

	// When the app asks the old path, the redirect is followed with the
	// token (the simulator answers users/me only to a valid token).
	resp, err := z.m.HTTPClient().Get(z.cfg.APIURL + "/users/old-me")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), z.sim.User().Email) {
		t.Errorf("redirected users/me answered %d %s", resp.StatusCode, body)
	}
}

func TestAPIRedirectLoopUnderTheRootStops(t *testing.T) {
	z := newRedirectingZoom(t)
	z.signIn(t, z.m)
	z.redirect("GET", "/v2/loop", http.StatusFound, z.srv.URL+"/v2/loop")
	_, err := z.m.HTTPClient().Get(z.cfg.APIURL + "/loop")
	if !errors.Is(err, ErrRedirectRefused) {
		t.Fatalf("error = %v, want a refused redirect", err)
	}
}

func TestAuthenticatedClientRefusesOtherHosts(t *testing.T) {
	// Given a signed-in app.
	z := newRedirectingZoom(t)
	other := newOtherHost(t)
	z.signIn(t, z.m)

	// When its authenticated client is asked for another host, another
	// port, or a path outside the API root.
	for _, target := range []string{
		other.srv.URL + "/v2/users/me",
		z.srv.URL + "/oauth/token",
		z.srv.URL + "/v2/../oauth/token",
	} {
		resp, err := z.m.HTTPClient().Post(target, "text/plain", strings.NewReader("x"))
		if err == nil {
			resp.Body.Close()
		}

		// Then the request is refused before it is sent.
		if !errors.Is(err, ErrNotZoomAPI) {
			t.Errorf("POST %s: error = %v, want refused", target, err)
		}
	}
	assertNothingReached(t, other)
}

func TestRefreshRedirectedToAnotherHostKeepsTheSignIn(t *testing.T) {
	for _, status := range redirectStatuses {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			// Given a signed-in app whose token is due for a refresh, and
			// Zoom's token endpoint answering with a redirect to another
			// host (which would answer invalid_grant).
			z := newRedirectingZoom(t)
			other := newOtherHost(t)
			z.signIn(t, z.m)
			rec, _ := z.stored(t)
			z.dueForRefresh(t)
			z.redirect("POST", "/oauth/token", status, other.srv.URL+"/oauth/token")

			// When the app asks for a token.
			_, err := z.m.Token()

			// Then the refresh token went nowhere, the error says why, and
			// the user is still signed in with the same refresh token.
			assertNothingReached(t, other)
			assertRedirectError(t, err, status, other.srv.URL)
			assertStillSignedIn(t, z, rec.Token.RefreshToken)
			z.assertNoTokens(t, err.Error())

			// And once Zoom answers normally, that refresh token works.
			z.clearRedirects()
			if _, err := z.m.Token(); err != nil {
				t.Fatalf("Token after the redirect stopped: %v", err)
			}
			if z.sim.Stats().TokenRefreshes != 1 {
				t.Errorf("refreshes = %d, want 1", z.sim.Stats().TokenRefreshes)
			}
		})
	}
}

func TestTokenRequestRedirectedToZoomItselfIsNotResent(t *testing.T) {
	// Given Zoom's token endpoint answering 307 to itself (a re-post).
	z := newRedirectingZoom(t)
	z.signIn(t, z.m)
	rec, _ := z.stored(t)
	z.dueForRefresh(t)
	z.redirect("POST", "/oauth/token", http.StatusTemporaryRedirect, z.srv.URL+"/oauth/token2")
	before := z.requests("POST /oauth/token")

	// When the app refreshes, it refuses the redirect and sends nothing more.
	_, err := z.m.Token()
	assertRedirectError(t, err, http.StatusTemporaryRedirect, z.srv.URL)
	if n := z.requests("POST /oauth/token") - before; n != 0 {
		t.Errorf("%d token requests reached the simulator", n)
	}
	assertStillSignedIn(t, z, rec.Token.RefreshToken)
}

func TestRefreshRedirectedDuringAnAPICallKeepsTheSignIn(t *testing.T) {
	// Given an access token Zoom expired early (401 code 124 forces a
	// refresh) and the token endpoint redirecting to another host.
	z := newRedirectingZoom(t)
	other := newOtherHost(t)
	z.signIn(t, z.m)
	rec, _ := z.stored(t)
	z.sim.ExpireTokens()
	z.redirect("POST", "/oauth/token", http.StatusTemporaryRedirect, other.srv.URL+"/oauth/token")
	api := zoom.New(zoom.Options{BaseURL: z.cfg.APIURL, HTTPClient: z.m.HTTPClient(), MaxAttempts: 1})

	// When the app calls the API.
	_, err := api.Me(t.Context())

	// Then the refresh goes nowhere and the user is not signed out.
	assertNothingReached(t, other)
	assertRedirectError(t, err, http.StatusTemporaryRedirect, other.srv.URL)
	assertStillSignedIn(t, z, rec.Token.RefreshToken)
}

func TestCodeExchangeRedirectedToAnotherHost(t *testing.T) {
	// Given Zoom's token endpoint redirecting to another host while the
	// user signs in.
	z := newRedirectingZoom(t)
	other := newOtherHost(t)
	z.redirect("POST", "/oauth/token", http.StatusTemporaryRedirect, other.srv.URL+"/oauth/token")

	// When the app exchanges the code, the code and verifier go nowhere.
	verifier := oauth2.GenerateVerifier()
	code := z.authorize(t, z.m.conf.AuthCodeURL("st", oauth2.S256ChallengeOption(verifier)), "st")
	_, err := z.m.finishLogin(t.Context(), code, verifier)
	assertNothingReached(t, other)
	assertRedirectError(t, err, http.StatusTemporaryRedirect, other.srv.URL)
}

func TestSignInUsersMeRedirectedToAnotherHost(t *testing.T) {
	// Given users/me redirecting to another host during the sign-in.
	z := newRedirectingZoom(t)
	other := newOtherHost(t)
	z.redirect("GET", "/v2/users/me", http.StatusFound, other.srv.URL+"/v2/users/me")

	// When the sign-in asks Zoom who signed in, the new token goes nowhere.
	verifier := oauth2.GenerateVerifier()
	code := z.authorize(t, z.m.conf.AuthCodeURL("st", oauth2.S256ChallengeOption(verifier)), "st")
	_, err := z.m.finishLogin(t.Context(), code, verifier)
	assertNothingReached(t, other)
	if !errors.Is(err, ErrRedirectRefused) {
		t.Errorf("sign-in error = %v, want a refused redirect", err)
	}
}

func TestRevokeRedirectedToAnotherHost(t *testing.T) {
	// Given Zoom's revoke endpoint redirecting to another host.
	z := newRedirectingZoom(t)
	other := newOtherHost(t)
	z.signIn(t, z.m)
	z.redirect("POST", "/oauth/revoke", http.StatusTemporaryRedirect, other.srv.URL+"/oauth/revoke")

	// When the user signs out, the access token goes nowhere, the result
	// says the revoke was refused, and the local sign-in is still deleted
	// as the user asked.
	res, err := z.m.SignOut(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	assertNothingReached(t, other)
	if res.Revoked || !errors.Is(res.RevokeErr, ErrRedirectRefused) || errors.Is(res.RevokeErr, ErrOffline) {
		t.Errorf("SignOut = %+v, want the revoke refused as a redirect", res)
	}
	if rec, _ := z.stored(t); rec != nil {
		t.Error("the sign-in is still stored after SignOut")
	}
}

func TestStatusReportsARefusedRedirectNotOffline(t *testing.T) {
	z := newRedirectingZoom(t)
	other := newOtherHost(t)
	z.signIn(t, z.m)
	z.redirect("GET", "/v2/users/me", http.StatusFound, other.srv.URL+"/v2/users/me")
	st, err := z.m.Status(t.Context())
	if !errors.Is(err, ErrRedirectRefused) {
		t.Errorf("Status = %+v, %v; want the refused redirect", st, err)
	}
	assertNothingReached(t, other)
}

func TestTransportRefusesRedirectsUnderAnyClient(t *testing.T) {
	// Given a client built around the Manager's transport with Go's
	// default redirect policy (which follows redirects anywhere).
	z := newRedirectingZoom(t)
	other := newOtherHost(t)
	z.signIn(t, z.m)
	z.redirect("GET", "/v2/users/me", http.StatusTemporaryRedirect, other.srv.URL+"/v2/users/me")
	hc := &http.Client{Transport: z.m.Transport(nil)}

	// When it calls the API, the transport itself refuses the redirect.
	resp, err := hc.Get(z.cfg.APIURL + "/users/me")
	if err == nil {
		resp.Body.Close()
	}
	assertNothingReached(t, other)
	assertRedirectError(t, err, http.StatusTemporaryRedirect, other.srv.URL)
}

func TestCallersRedirectPolicyIsReplacedNotChanged(t *testing.T) {
	// Given a caller's client that would follow every redirect.
	z := newRedirectingZoom(t)
	other := newOtherHost(t)
	z.signIn(t, z.m)
	followAll := func(*http.Request, []*http.Request) error { return nil }
	given := &http.Client{CheckRedirect: followAll}
	m, err := New(t.Context(), Options{Config: z.cfg, Keyring: z.kr, HTTPClient: given, RefreshEarly: 2 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	z.redirect("POST", "/oauth/token", http.StatusTemporaryRedirect, other.srv.URL+"/oauth/token")

	// When the Manager refreshes, the token request is still not resent,
	// and the caller's client is left as it was.
	if _, err := m.Token(); !errors.Is(err, ErrRedirectRefused) {
		t.Errorf("Token error = %v, want a refused redirect", err)
	}
	assertNothingReached(t, other)
	if given.CheckRedirect == nil || given.CheckRedirect(nil, nil) != nil || given.Timeout != 0 {
		t.Error("New changed the caller's client")
	}
}
