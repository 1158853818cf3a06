package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// SignOutResult says what SignOut did.
type SignOutResult struct {
	// WasSignedIn is true when a token was stored.
	WasSignedIn bool
	// User is who was signed in (empty if nobody).
	User User
	// Revoked is true when Zoom confirmed the revoke.
	Revoked bool
	// RevokeErr says why the revoke did not reach Zoom (or Zoom refused
	// it); nil when Revoked or when there was nothing to revoke. The token
	// is deleted locally either way.
	RevokeErr error
}

// SignOut revokes the token at Zoom (/oauth/revoke) and deletes every
// keychain entry of the sign-in. Offline, it still deletes the entries and
// reports the failed revoke in the result. It returns an error only when
// the keychain entries could not all be deleted.
func (m *Manager) SignOut(ctx context.Context) (SignOutResult, error) {
	var res SignOutResult
	rec, err := loadRecord(ctx, m.store)
	var so *SignedOutError
	switch {
	case errors.As(err, &so):
		// Nothing to revoke; still clear leftovers (a damaged store, a
		// kept signed-out reason).
	case err != nil:
		return res, err
	default:
		res.WasSignedIn, res.User = true, rec.User
		if err := m.revoke(ctx, rec.Token); err != nil {
			res.RevokeErr = err
		} else {
			res.Revoked = true
		}
	}
	m.mu.Lock()
	if m.src != nil {
		m.src.kill(ReasonSignedOut)
	}
	m.setSignedOutLocked(&SignedOutError{Reason: ReasonSignedOut})
	m.mu.Unlock()
	if err := m.store.Clear(ctx); err != nil {
		// Read the keychain again next time rather than trust this state.
		m.Reload()
		return res, fmt.Errorf("delete the sign-in from the keychain: %w", err)
	}
	return res, nil
}

// revoke asks Zoom to revoke the grant, sending the access token as Zoom
// documents (token=ACCESS_TOKEN; HTTP Basic for a confidential client,
// client_id in the body for a public one).
func (m *Manager) revoke(ctx context.Context, t *storedToken) error {
	form := url.Values{"token": {t.AccessToken}}
	if m.cfg.PublicClient() {
		form.Set("client_id", m.cfg.ClientID)
	}
	endpoint := strings.TrimRight(m.cfg.AuthURL, "/") + "/oauth/revoke"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return fmt.Errorf("revoke token: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if !m.cfg.PublicClient() {
		req.SetBasicAuth(url.QueryEscape(m.cfg.ClientID), url.QueryEscape(m.cfg.ClientSecret))
	}
	resp, err := m.hc.Do(req)
	if re := asRedirectError("revoke token", err); re != nil {
		return re
	}
	if err != nil {
		return &offlineError{op: "revoke token", err: err}
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	var body struct {
		Status string `json:"status"`
		Error  string `json:"error"`
		Reason string `json:"reason"`
	}
	_ = json.Unmarshal(data, &body)
	if resp.StatusCode == http.StatusOK && body.Status == "success" {
		return nil
	}
	if resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests {
		return &offlineError{op: "revoke token", err: fmt.Errorf("zoom answered HTTP %d", resp.StatusCode)}
	}
	return &OAuthError{Op: "revoke token", StatusCode: resp.StatusCode, Code: body.Error, Description: body.Reason}
}
