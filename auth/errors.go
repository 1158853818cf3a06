package auth

import (
	"errors"
	"fmt"
)

// Reason says why the app is not signed in. The values are stable: they
// appear in `interviewtray status --json` as signed_out_reason.
type Reason string

// Reasons for being signed out.
const (
	// ReasonNotSignedIn: no sign-in was ever stored.
	ReasonNotSignedIn Reason = "not_signed_in"
	// ReasonSignedOut: the user signed out.
	ReasonSignedOut Reason = "signed_out"
	// ReasonSessionExpired: Zoom refused the refresh token (invalid_grant).
	ReasonSessionExpired Reason = "session_expired"
	// ReasonSignedInElsewhere: Zoom revoked this grant because the same
	// user authorised the app again, on this or another computer (Zoom's
	// error 4741: the last issued token wins).
	ReasonSignedInElsewhere Reason = "signed_in_elsewhere"
	// ReasonStoreDamaged: the keychain entries could not be read back.
	ReasonStoreDamaged Reason = "stored_sign_in_damaged"
)

// Message is a sentence for the user: what happened and what to do.
func (r Reason) Message() string {
	switch r {
	case ReasonNotSignedIn:
		return "Not signed in to Zoom. Sign in to see your interviews."
	case ReasonSignedOut:
		return "Signed out of Zoom."
	case ReasonSessionExpired:
		return "Your Zoom session has expired. Sign in again."
	case ReasonSignedInElsewhere:
		return "Zoom ended this session: Interview Tray was signed in again (on this or another computer) " +
			"and only the newest sign-in stays valid, or the app's access was removed in Zoom. Sign in again to use it here."
	case ReasonStoreDamaged:
		return "The saved Zoom sign-in could not be read back from the keychain. Sign in again."
	default:
		return "Not signed in to Zoom (" + string(r) + "). Sign in again."
	}
}

// ErrSignedOut is matched (errors.Is) by every *SignedOutError.
var ErrSignedOut = errors.New("not signed in to Zoom")

// SignedOutError is returned by the token source and the authenticated HTTP
// client when there is no usable sign-in. Reason says why; nothing is
// retried until the user signs in again.
type SignedOutError struct {
	Reason Reason
}

func (e *SignedOutError) Error() string {
	return "not signed in to Zoom: " + e.Reason.Message()
}

// Is makes errors.Is(err, ErrSignedOut) true.
func (e *SignedOutError) Is(target error) bool { return target == ErrSignedOut }

// SignedOutReason is the reason code (such as "session_expired") for the
// sync engine, which recognises this method without importing auth: it
// stops polling until told the user signed in again. Error() has the words.
func (e *SignedOutError) SignedOutReason() string { return string(e.Reason) }

// ErrOffline is matched (errors.Is) by errors caused by Zoom being out of
// reach (network failure, timeout, or Zoom answering 5xx/429 to a token
// request). The token is kept; try again later.
var ErrOffline = errors.New("cannot reach Zoom")

// offlineError wraps a network failure so that it matches ErrOffline.
type offlineError struct {
	op  string
	err error
}

func (e *offlineError) Error() string        { return fmt.Sprintf("%s: cannot reach Zoom: %v", e.op, e.err) }
func (e *offlineError) Unwrap() error        { return e.err }
func (e *offlineError) Is(target error) bool { return target == ErrOffline }

// ErrLoginTimeout is returned by Login when no answer came back from the
// browser in time.
var ErrLoginTimeout = errors.New("gave up waiting for the Zoom sign-in in the browser")

// ErrLoginDenied is returned by Login when the user declined in Zoom's
// consent page.
var ErrLoginDenied = errors.New("sign-in was declined in Zoom")

// ErrRedirectRefused is matched (errors.Is) by every *RedirectError.
var ErrRedirectRefused = errors.New("refused a redirect away from Zoom")

// RedirectError is a redirect the app refused to follow: one that leaves
// the configured API root, or any redirect of a request to Zoom's OAuth
// server (following it would send the sign-in code, the refresh token or
// the client secret again, to wherever the redirect points). Nothing was
// sent to the target, the stored sign-in is kept, and the user is not
// signed out: a proxy, a captive portal or a wrong INTERVIEWTRAY_ZOOM_*_URL
// is the usual cause.
type RedirectError struct {
	Op         string // what was refused: "Zoom API", "refresh Zoom token", "revoke token", ...
	StatusCode int    // the redirect status (301, 302, 303, 307, 308)
	From       string // scheme://host of the request that was redirected
	To         string // scheme://host of the redirect target (never its path or query)
}

func (e *RedirectError) Error() string {
	return fmt.Sprintf("%s: refused the HTTP %d redirect from %s to %s: Zoom sign-in data goes only to the "+
		"configured Zoom addresses and is never sent twice (the sign-in is kept; a proxy or captive portal "+
		"may be in the way, or check %s and %s)", e.Op, e.StatusCode, e.From, e.To, EnvAuthURL, EnvAPIURL)
}

// Is makes errors.Is(err, ErrRedirectRefused) true.
func (e *RedirectError) Is(target error) bool { return target == ErrRedirectRefused }

// ErrNotZoomAPI is matched (errors.Is) by every *HostError.
var ErrNotZoomAPI = errors.New("refused to send the Zoom token outside the configured API URL")

// HostError is a request given to the authenticated client for an address
// outside the configured API root. It was not sent: the access token goes
// only to Zoom's API.
type HostError struct {
	Target string // scheme://host of the refused request
	APIURL string // the configured API root
}

func (e *HostError) Error() string {
	return fmt.Sprintf("refused to send the Zoom access token to %s: it goes only to the API URL %s", e.Target, e.APIURL)
}

// Is makes errors.Is(err, ErrNotZoomAPI) true.
func (e *HostError) Is(target error) bool { return target == ErrNotZoomAPI }
