package auth

import (
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"golang.org/x/oauth2"

	"github.com/interviewtray/interviewtray/internal/testenv"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

func TestRefreshFiveMinutesBeforeExpiry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Given a sign-in whose access token lives one hour (Zoom answers
		// expires_in 3599).
		e := newEnv(t, zoomsim.Options{})
		e.signIn(t, e.m)
		first, err := e.m.Token()
		if err != nil {
			t.Fatal(err)
		}
		expiry := first.Expiry

		// When the token is asked for just before the five-minute window.
		time.Sleep(time.Until(expiry.Add(-DefaultRefreshEarly)) - time.Second)
		tok, err := e.m.Token()
		if err != nil || tok.AccessToken != first.AccessToken || e.sim.Stats().TokenRefreshes != 0 {
			t.Fatalf("5m01s before expiry: refreshed=%d, same token=%v, err=%v",
				e.sim.Stats().TokenRefreshes, err == nil && tok.AccessToken == first.AccessToken, err)
		}

		// Then, once inside it, the next call refreshes exactly once.
		time.Sleep(2 * time.Second)
		tok, err = e.m.Token()
		if err != nil {
			t.Fatal(err)
		}
		if tok.AccessToken == first.AccessToken || e.sim.Stats().TokenRefreshes != 1 {
			t.Fatalf("4m59s before expiry: %d refreshes, token changed=%v", e.sim.Stats().TokenRefreshes, tok.AccessToken != first.AccessToken)
		}
		// And the keychain holds the rotated pair.
		rec, _ := e.stored(t)
		if rec == nil || rec.Token.AccessToken != tok.AccessToken {
			t.Fatal("the refreshed token is not the one in the keychain")
		}
		active := 0
		for _, ti := range e.sim.Tokens() {
			if ti.Kind == "refresh" && ti.State == "active" {
				active++
				if ti.Value != rec.Token.RefreshToken {
					t.Error("the keychain does not hold the active refresh token")
				}
			}
		}
		if active != 1 {
			t.Errorf("%d active refresh tokens, want 1", active)
		}
	})
}

func TestConcurrentCallersShareOneRefresh(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Given a signed-in Manager whose token has expired.
		e := newEnv(t, zoomsim.Options{})
		e.signIn(t, e.m)
		if _, err := e.m.Token(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Hour)

		// When 100 callers ask for a token at once.
		var wg sync.WaitGroup
		tokens := make([]string, 100)
		errs := make([]error, 100)
		for i := range 100 {
			wg.Go(func() {
				tok, err := e.m.Token()
				errs[i] = err
				if tok != nil {
					tokens[i] = tok.AccessToken
				}
			})
		}
		wg.Wait()

		// Then the simulator saw exactly one refresh, and all callers got
		// its token.
		if n := e.requests("POST /oauth/token"); n != 2 { // the sign-in's exchange + one refresh
			t.Errorf("token endpoint requests = %d, want 2 (exchange + one refresh)", n)
		}
		if n := e.sim.Stats().TokenRefreshes; n != 1 {
			t.Errorf("refreshes = %d, want 1", n)
		}
		for i := range 100 {
			if errs[i] != nil || tokens[i] != tokens[0] {
				t.Fatalf("caller %d: token %v, err %v", i, tokens[i] == tokens[0], errs[i])
			}
		}
	})
}

func TestRotatedTokenIsSavedBeforeUse(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Given a signed-in Manager whose keychain refuses writes once its
		// token has expired.
		e := newEnv(t, zoomsim.Options{})
		fk := &failingKeyring{Keyring: e.kr}
		m, err := New(t.Context(), Options{Config: e.cfg, Keyring: fk, HTTPClient: &http.Client{Transport: e.net}})
		if err != nil {
			t.Fatal(err)
		}
		e.signIn(t, m)
		before, _ := e.stored(t)
		time.Sleep(2 * time.Hour)
		fk.setFail(true)

		// When the token is refreshed but cannot be saved.
		tok, err := m.Token()

		// Then the new access token is not handed out.
		if err == nil || tok != nil {
			t.Fatalf("Token() = %v, %v; want an error while the rotated pair is unsaved", tok, err)
		}
		if !errors.Is(err, ErrKeychainUnavailable) {
			t.Errorf("error %v does not say the keychain failed", err)
		}
		e.assertNoTokens(t, err.Error())
		if e.sim.Stats().TokenRefreshes != 1 {
			t.Fatalf("refreshes = %d, want 1", e.sim.Stats().TokenRefreshes)
		}
		if after, _ := e.stored(t); after.Token.RefreshToken != before.Token.RefreshToken {
			t.Fatal("keychain changed although the write failed")
		}
		// And no API request carried a token meanwhile.
		if n := e.requests("GET /v2/users/me"); n != 1 { // the sign-in's own
			t.Fatalf("users/me requests = %d", n)
		}

		// When the keychain works again.
		fk.setFail(false)
		m.Keychain().Retry()
		tok, err = m.Token()

		// Then the same refreshed pair is saved and used, without a
		// second refresh (the old refresh token is already dead at Zoom).
		if err != nil {
			t.Fatal(err)
		}
		if e.sim.Stats().TokenRefreshes != 1 {
			t.Errorf("refreshes = %d, want still 1", e.sim.Stats().TokenRefreshes)
		}
		after, _ := e.stored(t)
		if after.Token.AccessToken != tok.AccessToken || after.Token.RefreshToken == before.Token.RefreshToken {
			t.Error("the rotated pair was not saved")
		}
	})
}

func TestInvalidGrantSignsOutAndKeepsReason(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Given a signed-in Manager whose refresh token Zoom no longer
		// accepts (rotated by a refresh this app never saw).
		e := newEnv(t, zoomsim.Options{})
		e.signIn(t, e.m)
		rec, _ := e.stored(t)
		conf := e.cfg.oauth2Config()
		ctx := contextWithClient(t, e.sim.Transport())
		if _, err := conf.TokenSource(ctx, &oauth2.Token{RefreshToken: rec.Token.RefreshToken}).Token(); err != nil {
			t.Fatal(err)
		}
		// The rotated pair is lost: put the old one back, as if never seen.
		if err := saveRecord(t.Context(), e.m.store, rec); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Hour)

		// When the app needs a token.
		_, err := e.m.Token()

		// Then it is signed out, the session having expired.
		var so *SignedOutError
		if !errors.As(err, &so) || so.Reason != ReasonSessionExpired {
			t.Fatalf("Token() error = %v, want session expired", err)
		}
		st, _ := e.m.State()
		if st.SignedIn || st.Reason != ReasonSessionExpired {
			t.Errorf("State = %+v", st)
		}
		// And the keychain keeps the reason but no token.
		if r, reason := e.stored(t); r != nil || reason != ReasonSessionExpired {
			t.Errorf("keychain: record %v, reason %q", r != nil, reason)
		}
		for _, v := range e.kr.values() {
			e.assertNoTokens(t, v)
		}
		// And nothing is retried: later calls fail without a request.
		n := e.requests("POST /oauth/token")
		for range 3 {
			if _, err := e.m.Token(); !errors.Is(err, ErrSignedOut) {
				t.Fatalf("later Token() = %v", err)
			}
		}
		if e.requests("POST /oauth/token") != n {
			t.Error("Token() retried the refresh after invalid_grant")
		}
		// And a new process reads the reason from the keychain.
		if st, err := e.newManager(t).State(); err != nil || st.Reason != ReasonSessionExpired {
			t.Errorf("new process State = %+v, %v", st, err)
		}
	})
}

func TestNewerSignInSignsOutTheOlder(t *testing.T) {
	requireRevokedGrantAnswer(t)
	synctest.Test(t, func(t *testing.T) {
		// Given the app signed in on this computer ...
		e := newEnv(t, zoomsim.Options{})
		e.signIn(t, e.m)
		// ... and the same user signing in on another one (another
		// keychain), which makes Zoom revoke the first grant.
		other := &testEnv{sim: e.sim, kr: newMemKeyring(), net: e.net, cfg: e.cfg}
		other.m = other.newManager(t)
		other.signIn(t, other.m)

		// When this computer's token expires and is refreshed.
		time.Sleep(2 * time.Hour)
		_, err := e.m.Token()

		// Then it is signed out because it was signed in elsewhere.
		var so *SignedOutError
		if !errors.As(err, &so) || so.Reason != ReasonSignedInElsewhere {
			t.Fatalf("Token() error = %v, want signed in elsewhere", err)
		}
		if !strings.Contains(so.Error(), "signed in again") {
			t.Errorf("message %q does not say what happened", so.Error())
		}
		// And the other computer is still signed in.
		if _, err := other.m.Token(); err != nil {
			t.Errorf("the newer sign-in: %v", err)
		}
	})
}

// requireRevokedGrantAnswer checks that the simulator answers a refresh of
// a superseded grant the way this package expects Zoom to (invalid_grant
// whose reason or errorCode says the token was revoked: Zoom's 4741), and
// skips the test otherwise (failing under CI=true): the simulator has to be
// aligned first. (Outside a synctest bubble: a skip inside one does not
// reach the test.)
func requireRevokedGrantAnswer(t *testing.T) {
	t.Helper()
	e := newEnv(t, zoomsim.Options{})
	e.signIn(t, e.m)
	e.signIn(t, e.newManager(t))
	var stale string
	for _, ti := range e.sim.Tokens() {
		if ti.Kind == "refresh" && ti.State == "revoked" {
			stale = ti.Value
		}
	}
	if stale == "" {
		t.Fatal("no refresh token of a superseded grant")
	}
	conf := e.cfg.oauth2Config()
	_, err := conf.TokenSource(contextWithClient(t, e.sim.Transport()), &oauth2.Token{RefreshToken: stale}).Token()
	if !isInvalidGrant(err) {
		t.Fatalf("refresh of a superseded grant: %v, want invalid_grant", err)
	}
	if !grantRevoked(err) {
		const msg = "zoomsim answers a superseded grant's refresh with the generic " +
			`"Invalid Token!"; expected {"reason":"The token has been revoked","error":"invalid_grant"} (Zoom's 4741)`
		if testenv.InCI() {
			t.Fatal(msg)
		}
		t.Skip(msg + "; skipping until the simulator is aligned (fails under CI=true)")
	}
}

func TestAdoptsTokenRefreshedByAnotherProcess(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Given two processes (agent and a CLI command) sharing the
		// keychain, both holding the same token in memory.
		e := newEnv(t, zoomsim.Options{})
		e.signIn(t, e.m)
		cli := e.newManager(t)
		if _, err := cli.Token(); err != nil {
			t.Fatal(err)
		}
		if _, err := e.m.Token(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Hour)

		// When one refreshes (rotating the refresh token) and then the
		// other does with its stale refresh token.
		fresh, err := cli.Token()
		if err != nil {
			t.Fatal(err)
		}
		got, err := e.m.Token()

		// Then the second adopts the rotated pair from the keychain rather
		// than signing out.
		if err != nil {
			t.Fatalf("second process: %v", err)
		}
		if got.AccessToken != fresh.AccessToken || e.sim.Stats().TokenRefreshes != 1 {
			t.Errorf("second process: same token=%v, refreshes=%d", got.AccessToken == fresh.AccessToken, e.sim.Stats().TokenRefreshes)
		}
	})
}

func TestNetworkErrorKeepsToken(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := newEnv(t, zoomsim.Options{})
		e.signIn(t, e.m)
		before, _ := e.stored(t)
		time.Sleep(2 * time.Hour)

		for _, tt := range []struct {
			name    string
			breakIt func()
		}{
			{"network down", func() { e.net.offline.Store(true) }},
			{"Zoom answers 503", func() {
				_ = e.sim.InjectFault(zoomsim.Fault{Method: "POST", Path: "/oauth/token", Status: 503})
			}},
		} {
			// Given Zoom out of reach.
			tt.breakIt()
			// When a refresh is due.
			_, err := e.m.Token()
			e.net.offline.Store(false)
			// Then the error says so and the token is kept.
			if !errors.Is(err, ErrOffline) || errors.Is(err, ErrSignedOut) {
				t.Fatalf("%s: Token() error = %v, want ErrOffline", tt.name, err)
			}
			e.assertNoTokens(t, err.Error())
			if rec, _ := e.stored(t); rec == nil || rec.Token.RefreshToken != before.Token.RefreshToken {
				t.Fatalf("%s: the stored token changed", tt.name)
			}
			if st, _ := e.m.State(); !st.SignedIn {
				t.Fatalf("%s: signed out by a network error", tt.name)
			}
		}

		// And once Zoom is back, the next call refreshes.
		if _, err := e.m.Token(); err != nil {
			t.Fatal(err)
		}
		if e.sim.Stats().TokenRefreshes != 1 {
			t.Errorf("refreshes = %d", e.sim.Stats().TokenRefreshes)
		}
	})
}

func TestGrantRevokedClassification(t *testing.T) {
	tests := []struct {
		body string
		want bool
	}{
		{`{"reason":"Invalid Token!","error":"invalid_grant"}`, false},
		{`{"reason":"The token has been revoked","error":"invalid_grant"}`, true},
		{`{"reason":"Invalid Token!","error":"invalid_grant","errorCode":4741}`, true},
		{`{"error":"invalid_grant","error_description":"Token revoked by a newer authorization"}`, true},
		{`not json`, false},
	}
	for _, tt := range tests {
		err := &oauth2.RetrieveError{Body: []byte(tt.body), ErrorCode: "invalid_grant"}
		if got := grantRevoked(err); got != tt.want {
			t.Errorf("grantRevoked(%s) = %v, want %v", tt.body, got, tt.want)
		}
	}
}
