package zoomsim_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"
	"testing/synctest"
	"time"

	"golang.org/x/oauth2"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// These tests run golang.org/x/oauth2, which the app uses, against the
// simulator through its exported API only: the PKCE helpers, each client
// authentication style and refresh with rotation.

const redirectURL = "http://127.0.0.1:47001/oauth/callback"

// authorizeCode follows the authorization request to its redirect and
// returns the code.
func authorizeCode(t *testing.T, sim *zoomsim.Sim, authURL string) string {
	t.Helper()
	client := &http.Client{Transport: sim.Transport(),
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || loc.Query().Get("code") == "" || loc.Query().Get("state") != "st" {
		t.Fatalf("authorize answered %s, Location %q", resp.Status, resp.Header.Get("Location"))
	}
	return loc.Query().Get("code")
}

func TestGoOAuth2Library(t *testing.T) {
	tests := []struct {
		name   string
		secret string
		style  oauth2.AuthStyle
	}{
		{"public client, params", "", oauth2.AuthStyleInParams},
		{"public client, auto-detect", "", oauth2.AuthStyleAutoDetect},
		{"confidential client, header", "s3cret", oauth2.AuthStyleInHeader},
		{"confidential client, auto-detect", "s3cret", oauth2.AuthStyleAutoDetect},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				sim, err := zoomsim.New(zoomsim.Options{ClientID: "lib-client", ClientSecret: tt.secret,
					AutoApprove: true, Seed: "demo"})
				if err != nil {
					t.Fatal(err)
				}
				conf := &oauth2.Config{
					ClientID:     "lib-client",
					ClientSecret: tt.secret,
					RedirectURL:  redirectURL,
					Endpoint: oauth2.Endpoint{
						AuthURL:   "https://zoom.us/oauth/authorize",
						TokenURL:  "https://zoom.us/oauth/token",
						AuthStyle: tt.style,
					},
				}
				ctx := context.WithValue(t.Context(), oauth2.HTTPClient, &http.Client{Transport: sim.Transport()})
				verifier := oauth2.GenerateVerifier()
				code := authorizeCode(t, sim, conf.AuthCodeURL("st", oauth2.S256ChallengeOption(verifier)))

				// A wrong verifier fails and uses up the code.
				if _, err := conf.Exchange(ctx, code, oauth2.VerifierOption(oauth2.GenerateVerifier())); err == nil {
					t.Fatal("exchange with a wrong verifier succeeded")
				}
				code = authorizeCode(t, sim, conf.AuthCodeURL("st", oauth2.S256ChallengeOption(verifier)))
				tok, err := conf.Exchange(ctx, code, oauth2.VerifierOption(verifier))
				if err != nil {
					t.Fatalf("exchange: %v", err)
				}
				if time.Until(tok.Expiry) != 3599*time.Second {
					t.Errorf("expiry in %v", time.Until(tok.Expiry))
				}

				ts := conf.TokenSource(ctx, tok)
				client := oauth2.NewClient(ctx, ts)
				get := func() int {
					resp, err := client.Get("https://api.zoom.us/v2/users/me/upcoming_meetings")
					if err != nil {
						t.Fatalf("GET: %v", err)
					}
					resp.Body.Close()
					return resp.StatusCode
				}
				if got := get(); got != http.StatusOK {
					t.Fatalf("status %d", got)
				}
				// After an hour the library refreshes by itself; the refresh rotates.
				time.Sleep(time.Hour)
				if got := get(); got != http.StatusOK {
					t.Fatalf("status %d after the refresh", got)
				}
				if st := sim.Stats(); st.TokenRefreshes != 1 {
					t.Errorf("token_refreshes = %d, want 1", st.TokenRefreshes)
				}
				// The original refresh token is now dead: invalid_grant.
				_, err = conf.TokenSource(ctx, &oauth2.Token{RefreshToken: tok.RefreshToken}).Token()
				var re *oauth2.RetrieveError
				if !errors.As(err, &re) || re.ErrorCode != "invalid_grant" || re.Response.StatusCode != http.StatusBadRequest {
					t.Fatalf("refresh with a rotated token: %v", err)
				}
			})
		})
	}
}
