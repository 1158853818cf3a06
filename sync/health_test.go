package sync

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"testing"

	"github.com/interviewtray/interviewtray/zoom"
)

// signedOutErr and keychainErr stand in for the sign-in package's errors:
// the engine knows them only by these methods.
type signedOutErr struct{ reason string }

func (e *signedOutErr) Error() string           { return "not signed in to Zoom: your Zoom session has expired" }
func (e *signedOutErr) SignedOutReason() string { return e.reason }

type keychainErr struct{}

func (keychainErr) Error() string           { return "keychain locked" }
func (keychainErr) KeychainProblem() string { return "the keychain is locked" }

func TestClassify(t *testing.T) {
	wrapURL := func(err error) error { return &url.Error{Op: "Get", URL: "https://api.zoom.us/v2/users/me", Err: err} }
	tests := []struct {
		name string
		err  error
		want errClass
	}{
		{"nil", nil, classNone},
		{"signed out through the HTTP client", fmt.Errorf("zoom: GET /users/me: %w", wrapURL(&signedOutErr{"session_expired"})), classSignedOut},
		{"keychain", wrapURL(keychainErr{}), classKeychain},
		{"connection refused", wrapURL(&net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}), classOffline},
		{"dns", wrapURL(&net.DNSError{Err: "no such host", Name: "api.zoom.us"}), classOffline},
		{"timeout", fmt.Errorf("x: %w", context.DeadlineExceeded), classOffline},
		{"canceled", fmt.Errorf("x: %w", context.Canceled), classCanceled},
		{"429", &zoom.Error{StatusCode: 429, Code: 429}, classRateLimited},
		{"503", &zoom.Error{StatusCode: 503}, classServer},
		{"401", &zoom.Error{StatusCode: 401, Code: 124}, classAuth},
		{"missing scopes", &zoom.Error{StatusCode: 400, Code: 4711}, classAuth},
		{"404", &zoom.Error{StatusCode: 404, Code: 3001}, classNotFound},
		{"malformed", fmt.Errorf("zoom: %w", zoom.ErrMalformedResponse), classOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := classify(tt.err); got != tt.want {
				t.Errorf("classify = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSignedOutReason(t *testing.T) {
	err := &url.Error{Op: "Get", URL: "u", Err: &signedOutErr{"signed_in_elsewhere"}}
	reason, msg := signedOutReason(err)
	if reason != "signed_in_elsewhere" || msg != "Not signed in to Zoom: your Zoom session has expired." {
		t.Errorf("reason %q message %q", reason, msg)
	}
}
