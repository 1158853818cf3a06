package auth

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/zalando/go-keyring"
)

func TestKeychainHangYieldsClearErrorWithinTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Given a keychain that never answers (a locked Secret Service
		// waiting on a prompt nobody sees).
		h := &hangingKeyring{release: make(chan struct{})}
		defer close(h.release)
		kc := NewKeychain(h, "svc", 3*time.Second)

		// When the app reads from it.
		start := time.Now()
		_, err := kc.Get(t.Context(), "zoom")
		waited := time.Since(start)

		// Then the call gives up after exactly the timeout with the one
		// clear error, saying what to do.
		if !errors.Is(err, ErrKeychainUnavailable) {
			t.Fatalf("Get error = %v, want ErrKeychainUnavailable", err)
		}
		if waited != 3*time.Second {
			t.Errorf("Get returned after %v, want 3s", waited)
		}
		var ke *KeychainError
		if !errors.As(err, &ke) || ke.Timeout != 3*time.Second {
			t.Errorf("error %#v is not a timeout KeychainError", err)
		}
		if !strings.Contains(err.Error(), "did not answer within 3s") || !strings.Contains(keychainHint("linux"), "Secret Service") {
			t.Errorf("error message %q does not say what happened and what to do", err)
		}

		// And the failure is remembered: the next calls fail at once without
		// touching the keychain again.
		start = time.Now()
		if err := kc.Set(t.Context(), "zoom", "v"); !errors.Is(err, ErrKeychainUnavailable) {
			t.Fatalf("second call error = %v", err)
		}
		if time.Since(start) != 0 || h.count() != 1 {
			t.Errorf("second call took %v and made %d keychain calls; want an immediate failure", time.Since(start), h.count())
		}

		// And Retry tries the keychain again.
		kc.Retry()
		_, _ = kc.Get(t.Context(), "zoom")
		if h.count() != 2 {
			t.Errorf("after Retry: %d keychain calls, want 2", h.count())
		}
	})
}

func TestKeychainContextCancelIsNotRemembered(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := &hangingKeyring{release: make(chan struct{})}
		defer close(h.release)
		kc := NewKeychain(h, "svc", time.Minute)
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		_, err := kc.Get(ctx, "zoom")
		if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrKeychainUnavailable) {
			t.Fatalf("Get error = %v, want the context's error only", err)
		}
		if kc.Err() != nil {
			t.Errorf("a cancelled call was remembered as a broken keychain: %v", kc.Err())
		}
	})
}

func TestKeychainErrorMapping(t *testing.T) {
	dbusErr := errors.New("org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files")
	tests := []struct {
		name        string
		err         error
		wantIs      error
		remembered  bool
		unavailable bool
	}{
		{"not found passes through", keyring.ErrNotFound, keyring.ErrNotFound, false, false},
		{"too big passes through", keyring.ErrSetDataTooBig, keyring.ErrSetDataTooBig, false, false},
		{"no secret service", dbusErr, ErrKeychainUnavailable, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newMemKeyring()
			m.err = tt.err
			kc := NewKeychain(m, "svc", time.Second)
			_, err := kc.Get(t.Context(), "x")
			if !errors.Is(err, tt.wantIs) {
				t.Fatalf("error = %v, want %v", err, tt.wantIs)
			}
			if got := errors.Is(err, ErrKeychainUnavailable); got != tt.unavailable {
				t.Errorf("ErrKeychainUnavailable = %v, want %v", got, tt.unavailable)
			}
			if got := kc.Err() != nil; got != tt.remembered {
				t.Errorf("remembered = %v, want %v", got, tt.remembered)
			}
			if tt.unavailable && !strings.Contains(err.Error(), "ServiceUnknown") {
				t.Errorf("error %q lost the cause", err)
			}
		})
	}
}

func TestKeychainDeleteAbsentIsNotAnError(t *testing.T) {
	kc := NewKeychain(newMemKeyring(), "svc", time.Second)
	if err := kc.Delete(t.Context(), "nothing"); err != nil {
		t.Fatalf("Delete of an absent entry: %v", err)
	}
}

func TestKeychainOverGoKeyringMock(t *testing.T) {
	keyring.MockInit()
	kc := NewKeychain(nil, "interviewtray-test", time.Second)
	if err := kc.Set(t.Context(), "a", "secret"); err != nil {
		t.Fatal(err)
	}
	v, err := kc.Get(t.Context(), "a")
	if err != nil || v != "secret" {
		t.Fatalf("Get = %q, %v", v, err)
	}
	if err := kc.Delete(t.Context(), "a"); err != nil {
		t.Fatal(err)
	}
	if _, err := kc.Get(t.Context(), "a"); !errors.Is(err, keyring.ErrNotFound) {
		t.Fatalf("Get after Delete: %v", err)
	}
}
