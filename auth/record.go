package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/zalando/go-keyring"
	"golang.org/x/oauth2"
)

// recordName is the keychain entry (header) holding the sign-in record.
const recordName = "zoom"

// User is the signed-in Zoom user as stored with the token (not secret).
type User struct {
	ID    string `json:"id"`
	Email string `json:"email"`
}

// record is what the keychain holds: the token pair and who it belongs to,
// or only the reason the app was signed out (kept so a later process can
// say why).
type record struct {
	Token           *storedToken `json:"token,omitempty"`
	User            User         `json:"user"`
	SignedOutReason Reason       `json:"signed_out_reason,omitempty"`
}

// storedToken is the part of an oauth2.Token worth keeping (not the raw
// response).
type storedToken struct {
	AccessToken  string    `json:"access_token"`
	TokenType    string    `json:"token_type,omitempty"`
	RefreshToken string    `json:"refresh_token"`
	Expiry       time.Time `json:"expiry"`
}

func newStoredToken(t *oauth2.Token) *storedToken {
	return &storedToken{AccessToken: t.AccessToken, TokenType: t.TokenType, RefreshToken: t.RefreshToken, Expiry: t.Expiry}
}

// oauth2 returns the token for x/oauth2, without the refresh token: callers
// of the token source only ever need the access token.
func (t *storedToken) oauth2() *oauth2.Token {
	return &oauth2.Token{AccessToken: t.AccessToken, TokenType: t.TokenType, Expiry: t.Expiry}
}

// signedIn reports whether r holds a usable token pair.
func (r *record) signedIn() bool {
	return r != nil && r.Token != nil && r.Token.RefreshToken != ""
}

// loadRecord reads the record. No record is a *SignedOutError with
// ReasonNotSignedIn; a damaged one ReasonStoreDamaged; a stored signed-out
// reason that reason. Keychain failures pass through.
func loadRecord(ctx context.Context, s *Store) (*record, error) {
	raw, err := s.Read(ctx)
	switch {
	case errors.Is(err, keyring.ErrNotFound):
		return nil, &SignedOutError{Reason: ReasonNotSignedIn}
	case errors.Is(err, ErrStoreDamaged):
		return nil, &SignedOutError{Reason: ReasonStoreDamaged}
	case err != nil:
		return nil, fmt.Errorf("read sign-in from keychain: %w", err)
	}
	var r record
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		return nil, &SignedOutError{Reason: ReasonStoreDamaged}
	}
	if !r.signedIn() {
		reason := r.SignedOutReason
		if reason == "" {
			reason = ReasonNotSignedIn
		}
		return nil, &SignedOutError{Reason: reason}
	}
	return &r, nil
}

// saveRecord writes r.
func saveRecord(ctx context.Context, s *Store, r *record) error {
	_, err := saveRecordIf(ctx, s, r, nil)
	return err
}

// saveRecordIf writes r if ok still holds when no other write or clear of
// s runs (nil means always). It reports whether it wrote.
func saveRecordIf(ctx context.Context, s *Store, r *record, ok func() bool) (bool, error) {
	raw, err := json.Marshal(r)
	if err != nil {
		return false, fmt.Errorf("encode sign-in: %w", err)
	}
	wrote, err := s.writeIf(ctx, string(raw), ok)
	if err != nil {
		return false, fmt.Errorf("save sign-in to keychain: %w", err)
	}
	return wrote, nil
}
