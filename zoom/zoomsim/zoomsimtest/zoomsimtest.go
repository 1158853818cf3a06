// Package zoomsimtest signs tests in to the Zoom simulator (zoom/zoomsim)
// the way the app does: OAuth 2.0 authorization code with PKCE, as a public
// client.
package zoomsimtest

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"golang.org/x/oauth2"
)

// SignIn asks the simulator at baseURL ("https://zoom.us" through
// Sim.Transport, or a test server's URL) for a code through authRT, which
// the simulator must approve by itself (Options.AutoApprove), checks the
// state that comes back, and exchanges the code through tokenRT. It returns
// the OAuth configuration (for refreshes) and the token.
func SignIn(t testing.TB, baseURL, clientID, redirectURL string, authRT, tokenRT http.RoundTripper) (*oauth2.Config, *oauth2.Token) {
	t.Helper()
	conf := &oauth2.Config{
		ClientID:    clientID,
		RedirectURL: redirectURL,
		Endpoint: oauth2.Endpoint{
			AuthURL:   baseURL + "/oauth/authorize",
			TokenURL:  baseURL + "/oauth/token",
			AuthStyle: oauth2.AuthStyleInParams,
		},
	}
	const state = "zoomsimtest-state"
	verifier := oauth2.GenerateVerifier()
	noRedirect := &http.Client{Transport: authRT, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	resp, err := noRedirect.Get(conf.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || loc.Query().Get("code") == "" || loc.Query().Get("state") != state {
		t.Fatalf("authorize answered %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	ctx := context.WithValue(context.Background(), oauth2.HTTPClient, &http.Client{Transport: tokenRT})
	tok, err := conf.Exchange(ctx, loc.Query().Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatalf("exchange: %v", err)
	}
	return conf, tok
}

// StaticClient is an HTTP client that sends tok with every request through
// rt and never refreshes it (tests of expiry see Zoom's 401).
func StaticClient(tok *oauth2.Token, rt http.RoundTripper) *http.Client {
	return &http.Client{Transport: &oauth2.Transport{Source: oauth2.StaticTokenSource(tok), Base: rt}}
}
