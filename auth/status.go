package auth

import (
	"context"
	"errors"
	"net/url"
	"time"

	"github.com/interviewtray/interviewtray/zoom"
)

// Status is the sign-in as checked against Zoom. Its JSON form is part of
// `interviewtray status --json`; fields are only ever added.
type Status struct {
	// SignedIn is true when a sign-in is stored and Zoom did not refuse it
	// (when Offline, as far as the app knows).
	SignedIn bool `json:"signed_in"`
	// User is who is signed in; absent when signed out.
	User *User `json:"user,omitempty"`
	// SignedOutReason says why not signed in; absent when signed in.
	SignedOutReason Reason `json:"signed_out_reason,omitempty"`
	// Message is a sentence for the user about the state.
	Message string `json:"message,omitempty"`
	// TokenExpiresAt is when the current access token expires (it is
	// refreshed five minutes before); null when signed out.
	TokenExpiresAt *time.Time `json:"token_expires_at"`
	// Offline is true when Zoom could not be reached to check.
	Offline bool `json:"offline"`
}

// Status checks the sign-in against Zoom (users/me), refreshing the token
// when needed. Zoom out of reach is not an error: the result says Offline
// and shows the stored sign-in. Errors are keychain failures and
// unexpected answers from Zoom.
func (m *Manager) Status(ctx context.Context) (Status, error) {
	if _, err := m.currentRecord(); err != nil {
		return signedOutStatus(err)
	}
	api := zoom.New(zoom.Options{BaseURL: m.cfg.APIURL, HTTPClient: m.HTTPClient(), MaxAttempts: 1})
	me, err := api.Me(ctx)
	if err != nil {
		if st, serr := signedOutStatus(err); serr == nil {
			return st, nil
		}
		if errors.Is(err, ErrKeychainUnavailable) {
			return Status{}, err
		}
		if !isOffline(err) {
			return Status{}, err
		}
		rec, rerr := m.currentRecord()
		if rerr != nil {
			return signedOutStatus(rerr)
		}
		st := signedInStatus(rec.User, rec.Token.Expiry)
		st.Offline = true
		st.Message = "Zoom cannot be reached right now; showing the saved sign-in."
		return st, nil
	}
	rec, err := m.currentRecord()
	if err != nil {
		return signedOutStatus(err)
	}
	return signedInStatus(User{ID: me.ID, Email: me.Email}, rec.Token.Expiry), nil
}

func signedInStatus(u User, expiry time.Time) Status {
	st := Status{SignedIn: true, User: &u, Message: "Signed in to Zoom as " + u.Email + "."}
	if !expiry.IsZero() {
		e := expiry.UTC()
		st.TokenExpiresAt = &e
	}
	return st
}

// signedOutStatus turns a *SignedOutError into a Status; other errors are
// returned as they are.
func signedOutStatus(err error) (Status, error) {
	var so *SignedOutError
	if !errors.As(err, &so) {
		return Status{}, err
	}
	return Status{SignedOutReason: so.Reason, Message: so.Reason.Message()}, nil
}

// isOffline reports a failure to reach Zoom: ErrOffline from the token
// source, a transport error (connection refused, DNS, timeout) from the API
// call, or Zoom answering 5xx or 429.
func isOffline(err error) bool {
	if errors.Is(err, ErrRedirectRefused) || errors.Is(err, ErrNotZoomAPI) {
		return false // Zoom (or something posing as it) answered: say what
	}
	if errors.Is(err, ErrOffline) {
		return true
	}
	if ze, ok := zoom.AsError(err); ok {
		// Zoom answered, but is failing or throttling: try again later.
		return ze.StatusCode >= 500 || ze.StatusCode == 429
	}
	var ue *url.Error
	return errors.As(err, &ue) || errors.Is(err, context.DeadlineExceeded)
}
