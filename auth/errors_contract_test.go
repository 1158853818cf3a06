package auth

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

// The sync engine recognises sign-in errors by method, without importing
// this package. These are the interfaces it declares.
type signedOuter interface{ SignedOutReason() string }
type keychainProblem interface{ KeychainProblem() string }

func TestErrorsMeetTheEngineContract(t *testing.T) {
	var so signedOuter
	wrapped := fmt.Errorf("zoom: GET /users/me: %w", &SignedOutError{Reason: ReasonSignedInElsewhere})
	if !errors.As(wrapped, &so) || so.SignedOutReason() != string(ReasonSignedInElsewhere) {
		t.Errorf("SignedOutError is not recognised as signed out: %v", wrapped)
	}
	var kp keychainProblem
	wrapped = fmt.Errorf("token: %w", &KeychainError{Op: "read", Timeout: 3 * time.Second})
	if !errors.As(wrapped, &kp) || kp.KeychainProblem() == "" {
		t.Errorf("KeychainError is not recognised as a keychain problem: %v", wrapped)
	}
}
