package zoomsim

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// OAuth 2.0 authorization-code flow with PKCE, as a user-managed Zoom app
// sees it (zoom-api.md section 1).

const (
	codeTTL    = 5 * time.Minute  // Zoom's authorization codes live 5 minutes
	consentTTL = 10 * time.Minute // how long a consent page stays usable
)

// scopes are the granular scopes the app is granted (zoom-api.md section 2).
var scopes = strings.Join([]string{
	"user:read:user",
	"user:read:settings",
	"user:update:settings",
	"meeting:read:list_meetings",
	"meeting:read:list_upcoming_meetings",
	"meeting:read:meeting",
	"meeting:read:past_meeting",
	"cloud_recording:read:list_user_recordings",
	"cloud_recording:read:list_recording_files",
	scopeCreate,
	scopeUpdate,
	scopeDelete,
}, " ")

// authRequest is a validated authorization request.
type authRequest struct {
	redirectURI string
	state       string
	challenge   string
}

// consent is an authorization request waiting for Allow or Deny.
type consent struct {
	authRequest
	expires time.Time
}

// authCode is an issued authorization code; it stays after use so that a
// replay is recognised.
type authCode struct {
	authRequest
	expires time.Time
	used    bool
}

// grant is one sign-in: the tokens issued from one authorization code and
// its refreshes. A newer sign-in of the same user revokes it (Zoom's 4741).
type grant struct {
	id      int
	user    *user
	revoked bool
}

// token is an access or refresh token.
type token struct {
	value   string // "" for a token of a loaded state until it is presented
	hash    string // tokenHash(value)
	kind    string // "access" or "refresh"
	grant   *grant
	issued  time.Time
	expires time.Time // zero for refresh tokens, which Zoom lets live for years
	rotated bool      // a refresh token that was used
}

// Token states as Tokens reports them.
const (
	stateActive  = "active"
	stateRotated = "rotated"
	stateRevoked = "revoked"
	stateExpired = "expired"
)

func (t *token) state(now time.Time) string {
	switch {
	case t.grant.revoked:
		return stateRevoked
	case t.rotated:
		return stateRotated
	case !t.expires.IsZero() && !now.Before(t.expires):
		return stateExpired
	}
	return stateActive
}

// authorizeError is Zoom's JSON answer to an authorization request it will
// not redirect, e.g. a redirect URI that is not registered.
func authorizeError(code int, msg string) reply {
	return jsonReply(http.StatusBadRequest, struct {
		Status       bool   `json:"status"`
		ErrorCode    int    `json:"errorCode"`
		ErrorMessage string `json:"errorMessage"`
		Result       any    `json:"result"`
	}{false, code, msg, nil})
}

// validRedirect reports whether uri may receive the authorization answer:
// an exact match of a registered URI or, when none is registered, any
// http://127.0.0.1:<port>/oauth/callback.
func (s *Sim) validRedirect(uri string) bool {
	if len(s.opts.RedirectURIs) > 0 {
		for _, r := range s.opts.RedirectURIs {
			if uri == r {
				return true
			}
		}
		return false
	}
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "http" || u.User != nil || u.RawQuery != "" || u.Fragment != "" ||
		u.Hostname() != "127.0.0.1" || u.Path != "/oauth/callback" || u.RawPath != "" {
		return false
	}
	port, err := strconv.Atoi(u.Port())
	return err == nil && port > 0 && port < 65536
}

// withParams returns uri with params added to its query.
func withParams(uri string, params url.Values) string {
	u, err := url.Parse(uri) // validated before
	if err != nil {
		return uri
	}
	q := u.Query()
	for k, vs := range params {
		if len(vs) > 0 && vs[0] != "" {
			q.Set(k, vs[0])
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// challengeRE matches an S256 code challenge: base64url of a SHA-256 hash,
// with or without its one "=" of padding.
var challengeRE = regexp.MustCompile(`^[A-Za-z0-9_-]{43}=?$`)

// checkAuthorize validates an authorization request. Problems with the
// client or the redirect URI are answered directly; the others redirect to
// the client with an OAuth error.
func (s *Sim) checkAuthorize(q url.Values) (authRequest, reply, bool) {
	req := authRequest{redirectURI: q.Get("redirect_uri"), state: q.Get("state"), challenge: q.Get("code_challenge")}
	if q.Get("client_id") != s.opts.ClientID {
		return req, authorizeError(4702, "Invalid client_id"), false
	}
	if !s.validRedirect(req.redirectURI) {
		return req, authorizeError(4700, "Invalid redirect url"), false
	}
	fail := func(code, desc string) (authRequest, reply, bool) {
		return req, redirect(withParams(req.redirectURI, url.Values{
			"error": {code}, "error_description": {desc}, "state": {req.state},
		})), false
	}
	if q.Get("response_type") != "code" {
		return fail("unsupported_response_type", "response_type must be code")
	}
	if q.Get("code_challenge_method") != "S256" || !challengeRE.MatchString(req.challenge) {
		return fail("invalid_request", "a code_challenge with code_challenge_method S256 is required")
	}
	req.challenge = strings.TrimSuffix(req.challenge, "=")
	return req, reply{}, true
}

//go:embed consent.html
var consentHTML string

var consentPage = template.Must(template.New("consent").Parse(consentHTML))

// authorize serves GET /oauth/authorize: the consent page, or with
// AutoApprove the redirect with a code.
func (s *Sim) authorize(c *call) reply {
	req, rep, ok := s.checkAuthorize(c.r.URL.Query())
	if !ok {
		return rep
	}
	if s.opts.AutoApprove {
		return s.approve(req, c.now)
	}
	for id, p := range s.consents {
		if !c.now.Before(p.expires) {
			delete(s.consents, id)
		}
	}
	id := randomString(alnum, 32)
	s.consents[id] = &consent{authRequest: req, expires: c.now.Add(consentTTL)}
	var buf bytes.Buffer
	err := consentPage.Execute(&buf, map[string]any{
		"ConsentID": id,
		"ClientID":  s.opts.ClientID,
		"Name":      s.me.displayName(),
		"Email":     s.me.email,
		"Scopes":    strings.Fields(s.grantedScopes()),
	})
	if err != nil {
		panic("zoomsim: consent page: " + err.Error()) // the template is fixed
	}
	return htmlReply(http.StatusOK, buf.Bytes())
}

// consentDecision serves the consent page's form: Allow redirects with a
// code, Deny with error=access_denied; both keep the state.
func (s *Sim) consentDecision(c *call) reply {
	form, err := url.ParseQuery(string(c.body))
	if err != nil {
		return htmlReply(http.StatusBadRequest, []byte("<p>Malformed form.</p>\n"))
	}
	p, ok := s.consents[form.Get("consent_id")]
	if !ok || !c.now.Before(p.expires) {
		return htmlReply(http.StatusBadRequest,
			[]byte("<p>This authorization request has expired. Start the sign-in again from the app.</p>\n"))
	}
	decision := form.Get("decision")
	if decision != "allow" && decision != "deny" {
		return htmlReply(http.StatusBadRequest, []byte("<p>Choose Allow or Deny.</p>\n"))
	}
	delete(s.consents, form.Get("consent_id"))
	if decision == "deny" {
		return redirect(withParams(p.redirectURI, url.Values{"error": {"access_denied"}, "state": {p.state}}))
	}
	return s.approve(p.authRequest, c.now)
}

// approve issues an authorization code and redirects to the client.
func (s *Sim) approve(req authRequest, now time.Time) reply {
	for k, ac := range s.codes {
		if now.Sub(ac.expires) > time.Hour {
			delete(s.codes, k)
		}
	}
	code := randomString(alnum+"_", 33)
	s.codes[code] = &authCode{authRequest: req, expires: now.Add(codeTTL)}
	return redirect(withParams(req.redirectURI, url.Values{"code": {code}, "state": {req.state}}))
}

// formValues returns the form in the body, plus query parameters (Zoom's
// token endpoint accepts both).
func formValues(c *call) (url.Values, error) {
	form, err := url.ParseQuery(string(c.body))
	if err != nil {
		return nil, err
	}
	for k, vs := range c.r.URL.Query() {
		if _, ok := form[k]; !ok {
			form[k] = vs
		}
	}
	return form, nil
}

// authenticateClient checks the client's credentials. A confidential
// client (a secret is configured) must use HTTP Basic; a public client
// sends only its client_id in the form and no Authorization header.
func (s *Sim) authenticateClient(r *http.Request, form url.Values) (reply, bool) {
	invalid := oauthError(http.StatusUnauthorized, "invalid_client", "Invalid client_id or client_secret")
	id, secret, basic := r.BasicAuth()
	if basic {
		// RFC 6749 2.3.1: both parts are form-encoded (golang.org/x/oauth2 does so).
		if v, err := url.QueryUnescape(id); err == nil {
			id = v
		}
		if v, err := url.QueryUnescape(secret); err == nil {
			secret = v
		}
	}
	bodyID := form.Get("client_id")
	if s.opts.ClientSecret == "" {
		if basic || bodyID != s.opts.ClientID {
			return invalid, false
		}
		return reply{}, true
	}
	if !basic || id != s.opts.ClientID ||
		subtle.ConstantTimeCompare([]byte(secret), []byte(s.opts.ClientSecret)) != 1 ||
		(bodyID != "" && bodyID != s.opts.ClientID) {
		return invalid, false
	}
	return reply{}, true
}

// token serves POST /oauth/token.
func (s *Sim) token(c *call) reply {
	form, err := formValues(c)
	if err != nil {
		return oauthError(http.StatusBadRequest, "invalid_request", "Malformed form body")
	}
	if rep, ok := s.authenticateClient(c.r, form); !ok {
		return rep
	}
	switch form.Get("grant_type") {
	case "authorization_code":
		return s.exchangeCode(form, c.now)
	case "refresh_token":
		return s.refresh(form, c.now)
	case "":
		return oauthError(http.StatusBadRequest, "invalid_request", "Missing grant_type")
	}
	return oauthError(http.StatusBadRequest, "unsupported_grant_type", "Grant type is not supported from token endpoint.")
}

// verifierRE matches a PKCE code verifier (RFC 7636 4.1).
var verifierRE = regexp.MustCompile(`^[A-Za-z0-9._~-]{43,128}$`)

// exchangeCode redeems an authorization code. A code is consumed by its
// first presentation, whether or not the rest of the request is valid.
func (s *Sim) exchangeCode(form url.Values, now time.Time) reply {
	ac, ok := s.codes[form.Get("code")]
	if !ok || ac.used {
		return oauthError(http.StatusBadRequest, "invalid_grant", "Invalid authorization code.")
	}
	ac.used = true
	if !now.Before(ac.expires) {
		return oauthError(http.StatusBadRequest, "invalid_grant", "Code is expired.")
	}
	if form.Get("redirect_uri") != ac.redirectURI {
		return oauthError(http.StatusBadRequest, "invalid_grant", "Redirect URI mismatch.")
	}
	v := form.Get("code_verifier")
	sum := sha256.Sum256([]byte(v))
	if !verifierRE.MatchString(v) || base64.RawURLEncoding.EncodeToString(sum[:]) != ac.challenge {
		return oauthError(http.StatusBadRequest, "invalid_grant", "Invalid code_verifier.")
	}

	// The last sign-in wins: earlier grants of the user stop working.
	for _, g := range s.grants {
		if g.user == s.me && !g.revoked {
			g.revoked = true
			s.stats.Superseded++
			s.log.Info("zoomsim: grant superseded by a newer sign-in", "grant", g.id)
		}
	}
	g := &grant{id: len(s.grants) + 1, user: s.me}
	s.grants = append(s.grants, g)
	s.stats.Grants++
	s.log.Info("zoomsim: grant issued", "grant", g.id)
	return jsonReply(http.StatusOK, s.issuePair(g, now))
}

// refresh rotates a refresh token: the answer carries a new one and the old
// one stops working.
func (s *Sim) refresh(form url.Values, now time.Time) reply {
	t, ok := s.lookupToken(form.Get("refresh_token"))
	if ok && t.kind == "refresh" && t.grant.revoked && !t.rotated {
		// The grant was revoked (by a newer sign-in of the user, Zoom's
		// 4741, or through /oauth/revoke) while this was its live token.
		return oauthError(http.StatusBadRequest, "invalid_grant", "The token has been revoked")
	}
	if !ok || t.state(now) != stateActive || t.kind != "refresh" {
		return oauthError(http.StatusBadRequest, "invalid_grant", "Invalid Token!")
	}
	t.rotated = true
	s.stats.TokenRefreshes++
	s.log.Info("zoomsim: token refreshed", "grant", t.grant.id)
	return jsonReply(http.StatusOK, s.issuePair(t.grant, now))
}

// revoke serves POST /oauth/revoke: the grant of the given access or
// refresh token stops working. Unknown tokens are answered with success
// too (RFC 7009; Zoom's answer to them is not documented).
func (s *Sim) revoke(c *call) reply {
	form, err := formValues(c)
	if err != nil {
		return oauthError(http.StatusBadRequest, "invalid_request", "Malformed form body")
	}
	if rep, ok := s.authenticateClient(c.r, form); !ok {
		return rep
	}
	v := form.Get("token")
	if v == "" {
		return oauthError(http.StatusBadRequest, "invalid_request", "Token cannot be empty.")
	}
	if t, ok := s.lookupToken(v); ok && !t.grant.revoked {
		t.grant.revoked = true
		s.stats.Revoked++
		s.log.Info("zoomsim: grant revoked", "grant", t.grant.id)
	}
	return jsonReply(http.StatusOK, map[string]string{"status": "success"})
}

// issuePair mints an access and a refresh token for g.
func (s *Sim) issuePair(g *grant, now time.Time) wireToken {
	access := s.mint(g, "access", now, now.Add(s.opts.TokenTTL))
	refresh := s.mint(g, "refresh", now, time.Time{})
	// Zoom answers 3599 for its one-hour tokens: a second of slack.
	expiresIn := max(int(s.opts.TokenTTL/time.Second)-1, 1)
	return wireToken{
		AccessToken:  access.value,
		TokenType:    "bearer",
		RefreshToken: refresh.value,
		ExpiresIn:    expiresIn,
		Scope:        s.grantedScopes(),
	}
}

// authenticate checks a REST call's bearer token.
func (s *Sim) authenticate(c *call) (reply, bool) {
	invalid := zoomError(http.StatusUnauthorized, 124, "Invalid access token.")
	scheme, value, ok := strings.Cut(c.r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return invalid, false
	}
	t, ok := s.lookupToken(strings.TrimSpace(value))
	if !ok || t.kind != "access" {
		return invalid, false
	}
	switch t.state(c.now) {
	case stateActive:
		return reply{}, true
	case stateExpired:
		return zoomError(http.StatusUnauthorized, 124, "Access token is expired."), false
	}
	return invalid, false
}

// lookupToken finds the token with value v. A token of a loaded state
// learns its value here.
func (s *Sim) lookupToken(v string) (*token, bool) {
	if v == "" {
		return nil, false
	}
	t, ok := s.tokens[tokenHash(v)]
	if ok && t.value == "" {
		t.value = v
	}
	return t, ok
}

// TokenInfo describes an issued token, for tests that look for leaks.
type TokenInfo struct {
	Kind      string    `json:"kind"`  // "access" or "refresh"
	State     string    `json:"state"` // "active", "rotated", "revoked" or "expired"
	Value     string    `json:"value"`
	Grant     int       `json:"grant"` // which sign-in issued it, from 1
	IssuedAt  time.Time `json:"issued_at"`
	ExpiresAt time.Time `json:"expires_at,omitzero"` // zero for refresh tokens
}

// Tokens returns every token issued, oldest first. Tokens of a loaded
// state (LoadState) are listed once a client has presented them: the state
// holds their hashes, not their values.
func (s *Sim) Tokens() []TokenInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tokenInfos(s.now())
}

func (s *Sim) tokenInfos(now time.Time) []TokenInfo {
	out := make([]TokenInfo, 0, len(s.issued))
	for _, t := range s.issued {
		if t.value == "" {
			continue
		}
		out = append(out, TokenInfo{
			Kind: t.kind, State: t.state(now), Value: t.value, Grant: t.grant.id,
			IssuedAt: t.issued, ExpiresAt: t.expires,
		})
	}
	return out
}

// ExpireTokens makes every access token expire now and returns how many
// were still active.
func (s *Sim) ExpireTokens() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.expireTokens(s.now())
}

func (s *Sim) expireTokens(now time.Time) int {
	n := 0
	for _, t := range s.issued {
		if t.kind == "access" && t.state(now) == stateActive {
			t.expires = now
			n++
		}
	}
	return n
}
