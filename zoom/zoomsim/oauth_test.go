package zoomsim

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestAuthorizeRejectsBadRequests(t *testing.T) {
	type authorizeErr struct {
		Status       bool   `json:"status"`
		ErrorCode    int    `json:"errorCode"`
		ErrorMessage string `json:"errorMessage"`
		Result       any    `json:"result"`
	}
	tests := []struct {
		name      string
		redirects []string // registered redirect URIs
		extra     url.Values
		wantCode  int    // JSON error code; 0 when a redirect is expected
		wantError string // the redirect's error parameter
	}{
		{name: "unknown client", extra: url.Values{"client_id": {"someone-else"}}, wantCode: 4702},
		{name: "missing redirect", extra: url.Values{"redirect_uri": nil}, wantCode: 4700},
		{name: "localhost is not 127.0.0.1", extra: url.Values{"redirect_uri": {"http://localhost:43210/oauth/callback"}}, wantCode: 4700},
		{name: "other path", extra: url.Values{"redirect_uri": {"http://127.0.0.1:43210/callback"}}, wantCode: 4700},
		{name: "https loopback", extra: url.Values{"redirect_uri": {"https://127.0.0.1:43210/oauth/callback"}}, wantCode: 4700},
		{name: "no port", extra: url.Values{"redirect_uri": {"http://127.0.0.1/oauth/callback"}}, wantCode: 4700},
		{name: "registered list is exact", redirects: []string{"http://127.0.0.1:43210/oauth/callback/"}, wantCode: 4700},
		{name: "registered list is case-sensitive", redirects: []string{"http://127.0.0.1:43210/OAuth/callback"}, wantCode: 4700},
		{name: "response_type token", extra: url.Values{"response_type": {"token"}}, wantError: "unsupported_response_type"},
		{name: "no challenge", extra: url.Values{"code_challenge": nil}, wantError: "invalid_request"},
		{name: "plain method", extra: url.Values{"code_challenge_method": {"plain"}}, wantError: "invalid_request"},
		{name: "no method", extra: url.Values{"code_challenge_method": nil}, wantError: "invalid_request"},
		{name: "challenge too short", extra: url.Values{"code_challenge": {"abc"}}, wantError: "invalid_request"},
	}
	eachMode(t, func(t *testing.T, mode string) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e := newEnv(t, mode, Options{RedirectURIs: tt.redirects, AutoApprove: true})
				r := e.do("GET", e.authorizeURL(tt.extra), nil, nil)
				if tt.wantCode != 0 {
					wantStatus(t, r, http.StatusBadRequest)
					got := decode[authorizeErr](t, r)
					if got.Status || got.ErrorCode != tt.wantCode || got.ErrorMessage == "" || got.Result != nil {
						t.Fatalf("body %s, want errorCode %d", r, tt.wantCode)
					}
					return
				}
				q := e.redirectQuery(r)
				if q.Get("error") != tt.wantError || q.Get("state") != "st-123" || q.Get("code") != "" {
					t.Fatalf("redirect query %v, want error=%s with the state and no code", q, tt.wantError)
				}
			})
		}
	})
}

func TestAuthorizeAcceptsRegisteredAndLoopbackRedirects(t *testing.T) {
	tests := []struct {
		name      string
		redirects []string
		uri       string
	}{
		{"any loopback port by default", nil, "http://127.0.0.1:61234/oauth/callback"},
		{"registered exact string", []string{"https://broker.example/zoom/cb", testRedirect}, testRedirect},
	}
	eachMode(t, func(t *testing.T, mode string) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e := newEnv(t, mode, Options{RedirectURIs: tt.redirects, AutoApprove: true})
				r := e.do("GET", e.authorizeURL(url.Values{"redirect_uri": {tt.uri}}), nil, nil)
				wantStatus(t, r, http.StatusFound)
				loc := r.header.Get("Location")
				if !strings.HasPrefix(loc, tt.uri+"?") || !strings.Contains(loc, "code=") {
					t.Fatalf("Location %q, want %s with a code", loc, tt.uri)
				}
			})
		}
	})
}

func TestConsentPage(t *testing.T) {
	eachMode(t, func(t *testing.T, mode string) {
		e := newEnv(t, mode, Options{})

		// Given the consent page,
		r := e.do("GET", e.authorizeURL(nil), nil, nil)
		wantStatus(t, r, http.StatusOK)
		page := string(r.body)
		for _, want := range []string{`method="post"`, `value="allow"`, `value="deny"`, e.sim.User().Email, "meeting:read:list_meetings"} {
			if !strings.Contains(page, want) {
				t.Errorf("consent page lacks %q", want)
			}
		}
		id := consentIDRE.FindStringSubmatch(page)[1]

		// a form without a decision changes nothing;
		r = e.do("POST", e.oauth+"/oauth/authorize", nil, url.Values{"consent_id": {id}, "decision": {"maybe"}})
		wantStatus(t, r, http.StatusBadRequest)

		// when the user denies, the client gets access_denied and its state;
		q := e.redirectQuery(e.do("POST", e.oauth+"/oauth/authorize", nil, url.Values{"consent_id": {id}, "decision": {"deny"}}))
		if q.Get("error") != "access_denied" || q.Get("state") != "st-123" || q.Has("code") {
			t.Fatalf("deny redirect query %v", q)
		}
		// the consent cannot be answered twice;
		r = e.do("POST", e.oauth+"/oauth/authorize", nil, url.Values{"consent_id": {id}, "decision": {"allow"}})
		wantStatus(t, r, http.StatusBadRequest)

		// and Allow on a new consent yields a code and the state.
		q = e.authorize("allow")
		if q.Get("code") == "" || q.Get("state") != "st-123" || q.Has("error") {
			t.Fatalf("allow redirect query %v", q)
		}
	})
}

func TestConsentExpires(t *testing.T) {
	e := newEnv(t, "transport", Options{})
	r := e.do("GET", e.authorizeURL(nil), nil, nil)
	id := consentIDRE.FindStringSubmatch(string(r.body))[1]
	e.sim.Advance(consentTTL)
	r = e.do("POST", e.oauth+"/oauth/authorize", nil, url.Values{"consent_id": {id}, "decision": {"allow"}})
	wantStatus(t, r, http.StatusBadRequest)
}

func TestTokenShape(t *testing.T) {
	eachMode(t, func(t *testing.T, mode string) {
		e := newEnv(t, mode, Options{AutoApprove: true, TokenTTL: 30 * time.Minute})
		tok := e.signIn()
		if tok.TokenType != "bearer" || tok.ExpiresIn != 1799 || tok.Scope != scopes {
			t.Errorf("token_type %q expires_in %d scope %q", tok.TokenType, tok.ExpiresIn, tok.Scope)
		}
		for _, wantScope := range []string{"user:read:user", "meeting:read:list_upcoming_meetings", "user:update:settings", "cloud_recording:read:list_recording_files"} {
			if !strings.Contains(" "+tok.Scope+" ", " "+wantScope+" ") {
				t.Errorf("scope lacks %s", wantScope)
			}
		}
		jwtShape := regexp.MustCompile(`^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$`)
		for _, v := range []string{tok.AccessToken, tok.RefreshToken} {
			if !jwtShape.MatchString(v) || len(v) < 700 || len(v) > 900 {
				t.Errorf("token of %d characters, shape ok %v; want JWT-shaped, 700-900", len(v), jwtShape.MatchString(v))
			}
			if _, err := base64.RawURLEncoding.DecodeString(strings.Split(v, ".")[0]); err != nil {
				t.Errorf("token header is not base64url: %v", err)
			}
		}
		if tok.AccessToken == tok.RefreshToken {
			t.Error("access and refresh token are equal")
		}
		wantStatus(t, e.call("GET", "/users/me", tok.AccessToken, nil), http.StatusOK)
	})
}

func TestAuthorizationCodeExchange(t *testing.T) {
	tests := []struct {
		name       string
		before     time.Duration // simulator time passing before the exchange
		form       url.Values    // overrides
		replay     bool          // exchange the code a second time
		wantReason string        // "" for success
	}{
		{name: "ok"},
		{name: "just before expiry", before: codeTTL - time.Second},
		{name: "expired", before: codeTTL, wantReason: "Code is expired."},
		{name: "wrong verifier", form: url.Values{"code_verifier": {strings.Repeat("x", 43)}}, wantReason: "Invalid code_verifier."},
		{name: "missing verifier", form: url.Values{"code_verifier": {""}}, wantReason: "Invalid code_verifier."},
		{name: "redirect mismatch", form: url.Values{"redirect_uri": {"http://127.0.0.1:9999/oauth/callback"}}, wantReason: "Redirect URI mismatch."},
		{name: "unknown code", form: url.Values{"code": {"not-a-code"}}, wantReason: "Invalid authorization code."},
		{name: "code reuse", replay: true, wantReason: "Invalid authorization code."},
	}
	eachMode(t, func(t *testing.T, mode string) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e := newEnv(t, mode, Options{AutoApprove: true})
				code := e.authorize("allow").Get("code")
				e.sim.Advance(tt.before)
				form := url.Values{
					"grant_type":    {"authorization_code"},
					"code":          {code},
					"redirect_uri":  {testRedirect},
					"code_verifier": {testVerifier},
				}
				for k, v := range tt.form {
					form[k] = v
				}
				r := e.tokenRequest("/oauth/token", form)
				if tt.replay {
					wantStatus(t, r, http.StatusOK)
					r = e.tokenRequest("/oauth/token", form)
				}
				if tt.wantReason == "" {
					wantStatus(t, r, http.StatusOK)
					if e.sim.Stats().Grants != 1 {
						t.Errorf("grants = %d, want 1", e.sim.Stats().Grants)
					}
					return
				}
				if got := wantOAuthError(t, r, http.StatusBadRequest, "invalid_grant"); got.Reason != tt.wantReason {
					t.Errorf("reason %q, want %q", got.Reason, tt.wantReason)
				}
			})
		}
	})
}

func TestFailedExchangeUsesUpTheCode(t *testing.T) {
	e := newEnv(t, "transport", Options{AutoApprove: true})
	code := e.authorize("allow").Get("code")
	bad := e.tokenRequest("/oauth/token", url.Values{"grant_type": {"authorization_code"}, "code": {code},
		"redirect_uri": {testRedirect}, "code_verifier": {strings.Repeat("y", 50)}})
	wantOAuthError(t, bad, http.StatusBadRequest, "invalid_grant")
	wantOAuthError(t, e.exchange(code), http.StatusBadRequest, "invalid_grant")
}

func TestTokenEndpointRejectsBadGrants(t *testing.T) {
	tests := []struct {
		name    string
		form    url.Values
		wantErr string
	}{
		{"missing grant_type", url.Values{}, "invalid_request"},
		{"client credentials", url.Values{"grant_type": {"client_credentials"}}, "unsupported_grant_type"},
		{"unknown refresh token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {"nope"}}, "invalid_grant"},
	}
	eachMode(t, func(t *testing.T, mode string) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e := newEnv(t, mode, Options{})
				wantOAuthError(t, e.tokenRequest("/oauth/token", tt.form), http.StatusBadRequest, tt.wantErr)
			})
		}
	})
}

func TestTokenParamsInQuery(t *testing.T) {
	// Zoom's token endpoint also takes its parameters in the query.
	e := newEnv(t, "transport", Options{AutoApprove: true})
	code := e.authorize("allow").Get("code")
	q := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {testRedirect},
		"code_verifier": {testVerifier}, "client_id": {testClientID}}
	wantStatus(t, e.do("POST", e.oauth+"/oauth/token?"+q.Encode(), nil, url.Values{}), http.StatusOK)
}

func TestRefreshRotation(t *testing.T) {
	eachMode(t, func(t *testing.T, mode string) {
		e := newEnv(t, mode, Options{AutoApprove: true})
		first := e.signIn()

		// A refresh returns a new pair;
		r := e.refresh(first.RefreshToken)
		wantStatus(t, r, http.StatusOK)
		second := decode[wireToken](t, r)
		if second.RefreshToken == first.RefreshToken || second.AccessToken == first.AccessToken {
			t.Fatal("refresh returned the old tokens")
		}
		// the old refresh token is dead,
		got := wantOAuthError(t, e.refresh(first.RefreshToken), http.StatusBadRequest, "invalid_grant")
		if got.Reason != "Invalid Token!" {
			t.Errorf("reason %q, want Invalid Token!", got.Reason)
		}
		// the new one works once more,
		wantStatus(t, e.refresh(second.RefreshToken), http.StatusOK)
		// and the first access token keeps working until it expires.
		wantStatus(t, e.call("GET", "/users/me", first.AccessToken, nil), http.StatusOK)

		st := e.sim.Stats()
		if st.TokenRefreshes != 2 || st.Grants != 1 {
			t.Errorf("stats %+v, want 2 refreshes in 1 grant", st)
		}
		states := map[string]string{}
		for _, ti := range e.sim.Tokens() {
			states[ti.Value] = ti.State
		}
		if states[first.RefreshToken] != stateRotated || states[second.RefreshToken] != stateRotated ||
			states[first.AccessToken] != stateActive {
			t.Errorf("token states %v", states)
		}
	})
}

func TestNewerSignInKillsOlderGrant(t *testing.T) {
	eachMode(t, func(t *testing.T, mode string) {
		e := newEnv(t, mode, Options{AutoApprove: true})
		laptop := e.signIn()
		desktop := e.signIn()

		wantAPIError(t, e.call("GET", "/users/me", laptop.AccessToken, nil), http.StatusUnauthorized, 124)
		// Zoom's 4741: the replaced grant's refresh says it was revoked.
		if got := wantOAuthError(t, e.refresh(laptop.RefreshToken), http.StatusBadRequest, "invalid_grant"); got.Reason != "The token has been revoked" {
			t.Errorf("reason %q, want The token has been revoked", got.Reason)
		}
		wantStatus(t, e.call("GET", "/users/me", desktop.AccessToken, nil), http.StatusOK)
		wantStatus(t, e.refresh(desktop.RefreshToken), http.StatusOK)
		if st := e.sim.Stats(); st.Grants != 2 || st.Superseded != 1 {
			t.Errorf("stats %+v, want 2 grants, 1 superseded", st)
		}
	})
}

func TestClientAuthentication(t *testing.T) {
	basic := func(id, secret string) string {
		return "Basic " + base64.StdEncoding.EncodeToString([]byte(id+":"+secret))
	}
	tests := []struct {
		name     string
		secret   string // configured client secret
		auth     string // Authorization header
		clientID string // client_id form field
		wantOK   bool
	}{
		{name: "confidential with Basic", secret: "s3cret", auth: basic(testClientID, "s3cret"), wantOK: true},
		{name: "confidential with Basic and matching client_id", secret: "s3cret", auth: basic(testClientID, "s3cret"), clientID: testClientID, wantOK: true},
		{name: "confidential, form-encoded Basic", secret: "s3/cr et", auth: basic(testClientID, url.QueryEscape("s3/cr et")), wantOK: true},
		{name: "confidential without Basic", secret: "s3cret", clientID: testClientID},
		{name: "confidential, wrong secret", secret: "s3cret", auth: basic(testClientID, "guess")},
		{name: "confidential, wrong id", secret: "s3cret", auth: basic("other", "s3cret")},
		{name: "confidential, other client_id in form", secret: "s3cret", auth: basic(testClientID, "s3cret"), clientID: "other"},
		{name: "public with client_id", clientID: testClientID, wantOK: true},
		{name: "public without client_id"},
		{name: "public, wrong client_id", clientID: "other"},
		{name: "public with Basic", auth: basic(testClientID, ""), clientID: testClientID},
	}
	eachMode(t, func(t *testing.T, mode string) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e := newEnv(t, mode, Options{ClientSecret: tt.secret, AutoApprove: true})
				code := e.authorize("allow").Get("code")
				form := url.Values{"grant_type": {"authorization_code"}, "code": {code},
					"redirect_uri": {testRedirect}, "code_verifier": {testVerifier}}
				if tt.clientID != "" {
					form.Set("client_id", tt.clientID)
				}
				h := http.Header{}
				if tt.auth != "" {
					h.Set("Authorization", tt.auth)
				}
				r := e.do("POST", e.oauth+"/oauth/token", h, form)
				if tt.wantOK {
					wantStatus(t, r, http.StatusOK)
					return
				}
				got := wantOAuthError(t, r, http.StatusUnauthorized, "invalid_client")
				if got.Reason != "Invalid client_id or client_secret" {
					t.Errorf("reason %q", got.Reason)
				}
				// A refused client does not use up the code.
				wantStatus(t, e.exchange(code), http.StatusOK)
			})
		}
	})
}

func TestRevoke(t *testing.T) {
	tests := []struct {
		name   string
		secret string
		which  string // "access" or "refresh"
	}{
		{"public, access token", "", "access"},
		{"public, refresh token", "", "refresh"},
		{"confidential, access token", "s3cret", "access"},
	}
	eachMode(t, func(t *testing.T, mode string) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e := newEnv(t, mode, Options{ClientSecret: tt.secret, AutoApprove: true})
				tok := e.signIn()
				v := tok.AccessToken
				if tt.which == "refresh" {
					v = tok.RefreshToken
				}
				r := e.tokenRequest("/oauth/revoke", url.Values{"token": {v}})
				wantStatus(t, r, http.StatusOK)
				if got := decode[map[string]string](t, r); got["status"] != "success" {
					t.Fatalf("revoke answered %s", r)
				}
				wantAPIError(t, e.call("GET", "/users/me", tok.AccessToken, nil), http.StatusUnauthorized, 124)
				wantOAuthError(t, e.refresh(tok.RefreshToken), http.StatusBadRequest, "invalid_grant")
				for _, ti := range e.sim.Tokens() {
					if ti.State != stateRevoked {
						t.Errorf("%s token is %s, want revoked", ti.Kind, ti.State)
					}
				}
				if e.sim.Stats().Revoked != 1 {
					t.Errorf("revoked = %d, want 1", e.sim.Stats().Revoked)
				}
			})
		}
	})
}

func TestRevokeErrors(t *testing.T) {
	e := newEnv(t, "transport", Options{ClientSecret: "s3cret", AutoApprove: true})
	tok := e.signIn()
	// Without client authentication nothing is revoked.
	r := e.do("POST", e.oauth+"/oauth/revoke", nil, url.Values{"token": {tok.AccessToken}})
	wantOAuthError(t, r, http.StatusUnauthorized, "invalid_client")
	wantStatus(t, e.call("GET", "/users/me", tok.AccessToken, nil), http.StatusOK)
	// An empty token is an error; an unknown one is answered with success.
	wantOAuthError(t, e.tokenRequest("/oauth/revoke", url.Values{}), http.StatusBadRequest, "invalid_request")
	wantStatus(t, e.tokenRequest("/oauth/revoke", url.Values{"token": {"unknown"}}), http.StatusOK)
	if e.sim.Stats().Revoked != 0 {
		t.Error("an unknown token counted as revoked")
	}
}

func TestAccessTokenExpiry(t *testing.T) {
	tests := []struct {
		name   string
		expire func(e *env)
	}{
		{"token TTL passes", func(e *env) { e.sim.Advance(20 * time.Minute) }},
		{"clock advanced over HTTP", func(e *env) { e.ctl("POST", "/clock", map[string]string{"advance": "20m"}, http.StatusOK) }},
		{"ExpireTokens", func(e *env) { e.sim.ExpireTokens() }},
		{"POST /_sim/tokens/expire", func(e *env) {
			if got := decode[map[string]int](e.t, e.ctl("POST", "/tokens/expire", nil, http.StatusOK)); got["expired"] != 1 {
				e.t.Errorf("expired %v, want 1", got)
			}
		}},
	}
	eachMode(t, func(t *testing.T, mode string) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e := newEnv(t, mode, Options{AutoApprove: true, TokenTTL: 20 * time.Minute})
				tok := e.signIn()
				e.sim.Advance(20*time.Minute - time.Second)
				wantStatus(t, e.call("GET", "/users/me", tok.AccessToken, nil), http.StatusOK)
				tt.expire(e)
				got := wantAPIError(t, e.call("GET", "/users/me", tok.AccessToken, nil), http.StatusUnauthorized, 124)
				if got.Message != "Access token is expired." {
					t.Errorf("message %q", got.Message)
				}
				// The refresh token still works and yields a working access token.
				r := e.refresh(tok.RefreshToken)
				wantStatus(t, r, http.StatusOK)
				wantStatus(t, e.call("GET", "/users/me", decode[wireToken](t, r).AccessToken, nil), http.StatusOK)
			})
		}
	})
}

func TestBearerRequired(t *testing.T) {
	eachMode(t, func(t *testing.T, mode string) {
		e := newEnv(t, mode, Options{AutoApprove: true})
		tok := e.signIn()
		tests := []struct {
			name, header string
		}{
			{"no header", ""},
			{"unknown token", "Bearer abc.def.ghi"},
			{"refresh token", "Bearer " + tok.RefreshToken},
			{"basic scheme", "Basic " + tok.AccessToken},
			{"bare token", tok.AccessToken},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				h := http.Header{}
				if tt.header != "" {
					h.Set("Authorization", tt.header)
				}
				got := wantAPIError(t, e.do("GET", e.api+"/users/me", h, nil), http.StatusUnauthorized, 124)
				if got.Message != "Invalid access token." {
					t.Errorf("message %q", got.Message)
				}
			})
		}
		h := http.Header{"Authorization": {"bearer " + tok.AccessToken}}
		wantStatus(t, e.do("GET", e.api+"/users/me", h, nil), http.StatusOK)
	})
}

func TestTokensListingAndLogsHoldNoSecrets(t *testing.T) {
	var logs logBuffer
	e := newEnv(t, "httptest", Options{AutoApprove: true, ClientSecret: "top-s3cret", Logger: logs.logger()})
	code := e.authorize("allow").Get("code")
	r := e.exchange(code)
	wantStatus(t, r, http.StatusOK)
	tok := decode[wireToken](t, r)
	e.refresh(tok.RefreshToken)
	e.call("GET", "/users/me", tok.AccessToken, nil)

	infos := decode[[]TokenInfo](t, e.ctl("GET", "/tokens", nil, http.StatusOK))
	if len(infos) != 4 {
		t.Fatalf("%d tokens listed, want 4", len(infos))
	}
	seen := map[string]bool{}
	for _, ti := range infos {
		seen[ti.Value] = true
	}
	if !seen[tok.AccessToken] || !seen[tok.RefreshToken] {
		t.Error("the issued tokens are not listed")
	}
	if logs.String() == "" {
		t.Fatal("nothing logged")
	}
	for v := range seen {
		if strings.Contains(logs.String(), v[len(v)-40:]) {
			t.Fatal("a token appears in the log")
		}
	}
	if strings.Contains(logs.String(), "top-s3cret") || strings.Contains(logs.String(), code) {
		t.Fatal("the client secret or the authorization code appears in the log")
	}
}
