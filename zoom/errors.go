package zoom

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Zoom error codes the app branches on (see Zoom's API error docs).
const (
	CodeInvalidToken    = 124  // "Invalid access token." / "Access token is expired."
	CodeValidation      = 300  // validation failed, e.g. a recordings range over one month
	CodeUserNotFound    = 1001 // user does not exist
	CodeMeetingNotFound = 3001 // meeting not found, expired, or (past meetings) not ended yet
	CodeNoRecording     = 3301 // "There is no recording for this meeting." (not ready yet)
	CodeMissingScopes   = 4711 // the token lacks a scope the endpoint needs
	CodeNoScopes        = 104  // "Invalid access token, does not contain scopes" (older answer)
	CodeRateLimited     = 429  // Zoom repeats the HTTP status as the code
)

// ErrMalformedResponse is wrapped by errors for response bodies that are not
// the JSON Zoom documents, or that are larger than the client accepts.
var ErrMalformedResponse = errors.New("malformed response from Zoom")

// Error is a failed call as Zoom reported it.
type Error struct {
	Method     string        // HTTP method of the call
	Path       string        // API path, without query or host
	StatusCode int           // HTTP status
	Code       int           // Zoom's error code from the body; 0 when absent
	Message    string        // Zoom's message (one line, capped), or what the HTTP status means and what to do
	RetryAfter time.Duration // from Retry-After on 429; 0 when Zoom sent none
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("zoom: ")
	if call := strings.TrimSpace(e.Method + " " + e.Path); call != "" {
		b.WriteString(call + ": ")
	}
	fmt.Fprintf(&b, "HTTP %d", e.StatusCode)
	if e.Code != 0 && e.Code != e.StatusCode {
		fmt.Fprintf(&b, ", code %d", e.Code)
	}
	msg := e.Message
	if msg == "" {
		msg = statusMessage(e.StatusCode)
	}
	b.WriteString(": " + msg)
	return b.String()
}

// AsError returns the *Error in err's chain, if any.
func AsError(err error) (*Error, bool) {
	var ze *Error
	ok := errors.As(err, &ze)
	return ze, ok
}

func hasCode(err error, status, code int) bool {
	ze, ok := AsError(err)
	return ok && ze.StatusCode == status && ze.Code == code
}

// IsNotFound reports whether Zoom answered 404, whatever the code.
func IsNotFound(err error) bool {
	ze, ok := AsError(err)
	return ok && ze.StatusCode == http.StatusNotFound
}

// IsMeetingNotFound reports Zoom's 404 code 3001: the meeting does not exist
// or has expired, or (for past meetings) has not ended yet.
func IsMeetingNotFound(err error) bool { return hasCode(err, http.StatusNotFound, CodeMeetingNotFound) }

// IsNoRecording reports Zoom's 404 code 3301: no cloud recording (yet).
func IsNoRecording(err error) bool { return hasCode(err, http.StatusNotFound, CodeNoRecording) }

// IsInvalidToken reports a 401: the access token is invalid, expired or
// revoked (Zoom's code 124).
func IsInvalidToken(err error) bool {
	ze, ok := AsError(err)
	return ok && ze.StatusCode == http.StatusUnauthorized
}

// IsRateLimited reports a 429 that outlasted the client's own retries.
func IsRateLimited(err error) bool {
	ze, ok := AsError(err)
	return ok && ze.StatusCode == http.StatusTooManyRequests
}

// IsServerError reports a 5xx that outlasted the client's own retries.
func IsServerError(err error) bool {
	ze, ok := AsError(err)
	return ok && ze.StatusCode >= 500
}

// IsMissingScopes reports that the sign-in lacks a scope the call needs:
// Zoom's code 4711, or 104, or a message saying the token "does not
// contain scopes". Signing in again (after the app's scopes were added)
// is the fix; other calls keep working.
func IsMissingScopes(err error) bool {
	ze, ok := AsError(err)
	if !ok {
		return false
	}
	return ze.Code == CodeMissingScopes || ze.Code == CodeNoScopes ||
		strings.Contains(strings.ToLower(ze.Message), "does not contain scopes")
}
