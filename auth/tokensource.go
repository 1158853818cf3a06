package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/oauth2"
)

// DefaultRefreshEarly is how long before expiry a token is refreshed.
const DefaultRefreshEarly = 5 * time.Minute

// OAuthError is a refusal from Zoom's OAuth server other than invalid_grant
// (for example invalid_client when the client ID or secret is wrong). The
// stored token is kept.
type OAuthError struct {
	Op          string // "refresh token", "exchange code", "revoke token"
	StatusCode  int
	Code        string // OAuth "error", e.g. invalid_client
	Description string // OAuth "error_description" or Zoom's "reason"
}

func (e *OAuthError) Error() string {
	s := fmt.Sprintf("%s: Zoom answered HTTP %d", e.Op, e.StatusCode)
	if e.Code != "" {
		s += " " + e.Code
	}
	if e.Description != "" {
		s += " (" + e.Description + ")"
	}
	return s
}

// persistingSource is the oauth2.TokenSource under the app's
// ReuseTokenSource. It refreshes with the stored refresh token and writes
// the rotated pair to the keychain before handing out the new access token.
// Its mutex is held across a refresh, so concurrent callers wait for the one
// refresh in flight and then share its result.
type persistingSource struct {
	ctx   context.Context // the app's lifetime, carrying the HTTP client for x/oauth2
	conf  *oauth2.Config
	store *Store
	early time.Duration
	// dead is set once the grant is gone (Zoom refused the refresh token,
	// or the user signed out). It is atomic so that the Manager can check
	// it without waiting for a refresh in flight.
	dead atomic.Pointer[SignedOutError]

	mu       sync.Mutex // guards the fields below; held during a refresh
	rec      *record
	rejected string // an access token Zoom refused (401 code 124)
	unsaved  bool   // rec was refreshed but not yet written to the keychain
}

func newPersistingSource(ctx context.Context, conf *oauth2.Config, store *Store, early time.Duration, rec *record) *persistingSource {
	return &persistingSource{ctx: ctx, conf: conf, store: store, early: early, rec: rec}
}

// Token returns a fresh access token, refreshing it when it expires within
// the early window or was rejected by Zoom.
func (p *persistingSource) Token() (*oauth2.Token, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if so := p.dead.Load(); so != nil {
		return nil, so
	}
	if p.unsaved {
		// A refresh succeeded but the keychain write failed: Zoom has
		// already retired the old refresh token, so keep trying to save the
		// new pair and do not use it before it is saved.
		if err := p.saveLocked(); err != nil {
			return nil, err
		}
	}
	if p.fresh() {
		return p.rec.Token.oauth2(), nil
	}
	return p.refreshLocked()
}

// reject marks access as refused by Zoom, so that the next Token refreshes.
// It reports false when the current token is already a different one (a
// refresh happened meanwhile).
func (p *persistingSource) reject(access string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.rec == nil || p.rec.Token.AccessToken != access {
		return false
	}
	p.rejected = access
	return true
}

// current returns the current record (nil once signed out).
func (p *persistingSource) current() *record {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.dead.Load() != nil {
		return nil
	}
	r := *p.rec
	return &r
}

// kill marks the source signed out (the user signed out, or signed in
// anew). It does not wait for a refresh in flight; a refresh that ends
// after it writes nothing to the keychain (see saveLocked).
func (p *persistingSource) kill(reason Reason) {
	p.dead.Store(&SignedOutError{Reason: reason})
}

// deadErr returns why the source is signed out, or nil.
func (p *persistingSource) deadErr() *SignedOutError { return p.dead.Load() }

func (p *persistingSource) fresh() bool {
	t := p.rec.Token
	if t.AccessToken == "" || t.AccessToken == p.rejected {
		return false
	}
	return t.Expiry.IsZero() || time.Now().Add(p.early).Before(t.Expiry)
}

// refreshLocked runs the refresh; p.mu is held.
func (p *persistingSource) refreshLocked() (*oauth2.Token, error) {
	used := p.rec.Token.RefreshToken
	tok, err := p.refreshWith(used)
	if isInvalidGrant(err) {
		// Another process (the agent, or another command) may have
		// refreshed first and stored the rotated pair: adopt it.
		if stored, lerr := loadRecord(p.ctx, p.store); lerr == nil && stored.Token.RefreshToken != used {
			p.rec, p.rejected = stored, ""
			if p.fresh() {
				return p.rec.Token.oauth2(), nil
			}
			tok, err = p.refreshWith(stored.Token.RefreshToken)
		}
	}
	if isInvalidGrant(err) {
		reason := ReasonSessionExpired
		if grantRevoked(err) {
			reason = ReasonSignedInElsewhere
		}
		so := &SignedOutError{Reason: reason}
		if !p.dead.CompareAndSwap(nil, so) {
			return nil, p.dead.Load() // signed out meanwhile
		}
		// Forget the dead tokens but keep why, for later processes, unless
		// the user signed out or in meanwhile.
		_, _ = saveRecordIf(p.ctx, p.store, &record{User: p.rec.User, SignedOutReason: reason},
			func() bool { return p.dead.Load() == so })
		return nil, so
	}
	if err != nil {
		return nil, tokenRequestError("refresh Zoom token", err)
	}
	next := &record{Token: newStoredToken(tok), User: p.rec.User}
	if next.Token.RefreshToken == "" {
		next.Token.RefreshToken = p.rec.Token.RefreshToken
	}
	p.rec, p.rejected, p.unsaved = next, "", true
	if err := p.saveLocked(); err != nil {
		return nil, err
	}
	return p.rec.Token.oauth2(), nil
}

// saveLocked writes the refreshed p.rec, unless the source was killed
// meanwhile (a sign-out must not be undone, nor a newer sign-in
// overwritten, by a refresh that was in flight). p.mu is held.
func (p *persistingSource) saveLocked() error {
	wrote, err := saveRecordIf(p.ctx, p.store, p.rec, func() bool { return p.dead.Load() == nil })
	if err != nil {
		return fmt.Errorf("save refreshed Zoom token: %w", err)
	}
	if !wrote {
		return p.dead.Load()
	}
	p.unsaved = false
	return nil
}

// refreshWith asks Zoom for a new token pair.
func (p *persistingSource) refreshWith(refreshToken string) (*oauth2.Token, error) {
	// A token without an access token makes x/oauth2 refresh at once.
	return p.conf.TokenSource(p.ctx, &oauth2.Token{RefreshToken: refreshToken}).Token()
}

// asRedirectError returns the *RedirectError in err's chain, as op, or nil.
// It drops http.Client's *url.Error around it, whose message quotes the
// redirect target in full.
func asRedirectError(op string, err error) *RedirectError {
	var re *RedirectError
	if !errors.As(err, &re) {
		return nil
	}
	e := *re
	e.Op = op
	return &e
}

// isInvalidGrant reports Zoom refusing a grant (code or refresh token).
func isInvalidGrant(err error) bool {
	var re *oauth2.RetrieveError
	return errors.As(err, &re) && re.ErrorCode == "invalid_grant"
}

// grantRevoked reports whether an invalid_grant says the grant was revoked
// (Zoom's 4741 "The token has been revoked": a newer sign-in of the same
// user replaced it), rather than expired or already used.
func grantRevoked(err error) bool {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		return false
	}
	texts := []string{re.ErrorDescription}
	var body map[string]any
	if json.Unmarshal(re.Body, &body) == nil {
		for _, k := range []string{"reason", "error_description", "errorCode", "error_code", "code", "errorMessage", "message"} {
			if v, ok := body[k]; ok {
				texts = append(texts, fmt.Sprint(v))
			}
		}
	}
	for _, t := range texts {
		if t == "4741" || strings.Contains(strings.ToLower(t), "revoked") {
			return true
		}
	}
	return false
}

// tokenRequestError maps a failed request to Zoom's OAuth server: a
// refused redirect stays a *RedirectError (not offline, not signed out);
// network failures, 5xx and 429 become ErrOffline; other refusals
// *OAuthError. The raw response body is never part of the message.
func tokenRequestError(op string, err error) error {
	if re := asRedirectError(op, err); re != nil {
		return re
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return &offlineError{op: op, err: err}
	}
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		status := 0
		if re.Response != nil {
			status = re.Response.StatusCode
		}
		if status >= 500 || status == 429 {
			return &offlineError{op: op, err: fmt.Errorf("zoom answered HTTP %d", status)}
		}
		desc := re.ErrorDescription
		if desc == "" {
			var body struct {
				Reason string `json:"reason"`
			}
			if json.Unmarshal(re.Body, &body) == nil {
				desc = body.Reason
			}
		}
		return &OAuthError{Op: op, StatusCode: status, Code: re.ErrorCode, Description: desc}
	}
	return fmt.Errorf("%s: %w", op, err)
}
