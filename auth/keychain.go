package auth

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/zalando/go-keyring"
)

// Keyring is the OS keychain as go-keyring exposes it: one secret per
// (service, user) pair. Get and Delete return keyring.ErrNotFound when there
// is no such entry. Calls may block for ever (Secret Service waiting on an
// unlock prompt); [Keychain] adds the timeout.
type Keyring interface {
	Get(service, user string) (string, error)
	Set(service, user, secret string) error
	Delete(service, user string) error
}

// SystemKeyring is the OS keychain through go-keyring (or go-keyring's
// in-memory mock after keyring.MockInit).
type SystemKeyring struct{}

// Get reads one secret.
func (SystemKeyring) Get(service, user string) (string, error) { return keyring.Get(service, user) }

// Set writes one secret, replacing any previous value.
func (SystemKeyring) Set(service, user, secret string) error {
	return keyring.Set(service, user, secret)
}

// Delete removes one secret.
func (SystemKeyring) Delete(service, user string) error { return keyring.Delete(service, user) }

// DefaultKeychainTimeout bounds every keychain call.
const DefaultKeychainTimeout = 3 * time.Second

// ErrKeychainUnavailable is matched (errors.Is) by every error that means the
// OS keychain cannot be used: no Secret Service, a locked keychain, or a call
// that did not answer in time. The concrete error is a *KeychainError whose
// message says what to do.
var ErrKeychainUnavailable = errors.New("OS keychain unavailable")

// KeychainError says why the OS keychain could not be used.
type KeychainError struct {
	Op      string        // "read", "write" or "delete"
	Timeout time.Duration // non-zero when the call did not answer within it
	Err     error         // the keychain's own error; nil on a timeout
}

func (e *KeychainError) Error() string {
	var what string
	if e.Timeout > 0 {
		what = fmt.Sprintf("the OS keychain did not answer within %s (%s)", e.Timeout, e.Op)
	} else {
		what = fmt.Sprintf("the OS keychain could not be used (%s: %v)", e.Op, e.Err)
	}
	return what + "; " + keychainHint(runtime.GOOS)
}

// Is makes errors.Is(err, ErrKeychainUnavailable) true.
func (e *KeychainError) Is(target error) bool { return target == ErrKeychainUnavailable }

// Unwrap returns the keychain's own error.
func (e *KeychainError) Unwrap() error { return e.Err }

// KeychainProblem says what is wrong and what to do, for the sync engine,
// which recognises this method without importing auth.
func (e *KeychainError) KeychainProblem() string { return e.Error() }

// keychainHint says what the user can do about an unusable keychain.
func keychainHint(goos string) string {
	switch goos {
	case "darwin":
		return "unlock your login keychain (Keychain Access) and try again"
	case "windows":
		return "check that Windows Credential Manager is available and try again"
	default:
		return "install or unlock a Secret Service provider such as gnome-keyring " +
			"(or KeePassXC with Secret Service enabled) in your desktop session, then try again"
	}
}

// Keychain is one keychain service (for example "interviewtray") with a
// timeout on every call. Once a call fails because the keychain is unusable
// (or does not answer), the Keychain remembers it and fails fast until
// Retry is called: a hung Secret Service would otherwise hang every caller.
//
// go-keyring calls cannot be cancelled: a call that times out leaves its
// goroutine blocked inside the OS library until the keychain answers. Failing
// fast afterwards keeps those from piling up.
type Keychain struct {
	kr      Keyring
	service string
	timeout time.Duration

	mu     sync.Mutex     // guards broken
	broken *KeychainError // why the keychain is unusable; nil while it works
}

// NewKeychain returns a Keychain for service on kr (nil means the system
// keychain). A timeout of zero means DefaultKeychainTimeout.
func NewKeychain(kr Keyring, service string, timeout time.Duration) *Keychain {
	if kr == nil {
		kr = SystemKeyring{}
	}
	if timeout <= 0 {
		timeout = DefaultKeychainTimeout
	}
	return &Keychain{kr: kr, service: service, timeout: timeout}
}

// Service returns the keychain service name the entries live under.
func (k *Keychain) Service() string { return k.service }

// Get reads the entry user. It returns keyring.ErrNotFound when there is
// none.
func (k *Keychain) Get(ctx context.Context, user string) (string, error) {
	var v string
	err := k.do(ctx, "read", func() error {
		var err error
		v, err = k.kr.Get(k.service, user)
		return err
	})
	if err != nil {
		return "", err
	}
	return v, nil
}

// Set writes the entry user.
func (k *Keychain) Set(ctx context.Context, user, value string) error {
	return k.do(ctx, "write", func() error { return k.kr.Set(k.service, user, value) })
}

// Delete removes the entry user. Deleting an absent entry is not an error.
func (k *Keychain) Delete(ctx context.Context, user string) error {
	err := k.do(ctx, "delete", func() error { return k.kr.Delete(k.service, user) })
	if errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return err
}

// Err returns the remembered failure, or nil while the keychain works.
func (k *Keychain) Err() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.broken == nil {
		return nil
	}
	return k.broken
}

// Retry forgets a remembered failure so that the next call tries the
// keychain again (for example after the user unlocked it).
func (k *Keychain) Retry() {
	k.mu.Lock()
	k.broken = nil
	k.mu.Unlock()
}

// do runs f against the timeout and ctx and maps its error.
func (k *Keychain) do(ctx context.Context, op string, f func() error) error {
	if err := k.Err(); err != nil {
		return err
	}
	done := make(chan error, 1) // buffered: a late answer must not block f's goroutine
	go func() { done <- f() }()
	timer := time.NewTimer(k.timeout)
	defer timer.Stop()
	select {
	case err := <-done:
		return k.classify(op, err)
	case <-timer.C:
		return k.remember(&KeychainError{Op: op, Timeout: k.timeout})
	case <-ctx.Done():
		return fmt.Errorf("keychain %s: %w", op, ctx.Err())
	}
}

// classify passes through "not found" and "too big", and turns every other
// failure into a remembered KeychainError.
func (k *Keychain) classify(op string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, keyring.ErrNotFound):
		return keyring.ErrNotFound
	case errors.Is(err, keyring.ErrSetDataTooBig):
		return fmt.Errorf("keychain %s: %w", op, err)
	default:
		return k.remember(&KeychainError{Op: op, Err: err})
	}
}

func (k *Keychain) remember(e *KeychainError) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.broken == nil {
		k.broken = e
	}
	return k.broken
}
