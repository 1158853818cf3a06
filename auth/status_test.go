package auth

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

func TestStatus(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := newEnv(t, zoomsim.Options{})

		// Not signed in.
		st, err := e.m.Status(t.Context())
		if err != nil || st.SignedIn || st.SignedOutReason != ReasonNotSignedIn || st.TokenExpiresAt != nil || st.User != nil {
			t.Fatalf("before sign-in: %+v, %v", st, err)
		}

		// Signed in: checked against Zoom.
		u := e.signIn(t, e.m)
		st, err = e.m.Status(t.Context())
		if err != nil || !st.SignedIn || st.User == nil || *st.User != u || st.Offline || st.TokenExpiresAt == nil {
			t.Fatalf("signed in: %+v, %v", st, err)
		}
		if n := e.requests("GET /v2/users/me"); n != 2 {
			t.Errorf("users/me requests = %d, want 2", n)
		}

		// Expired token: a fresh process refreshes it while checking.
		time.Sleep(2 * time.Hour)
		old := *st.TokenExpiresAt
		st, err = e.newManager(t).Status(t.Context())
		if err != nil || !st.SignedIn || !st.TokenExpiresAt.After(old) || e.sim.Stats().TokenRefreshes != 1 {
			t.Fatalf("after expiry: %+v, %v, refreshes %d", st, err, e.sim.Stats().TokenRefreshes)
		}

		// Offline: says so and shows the stored sign-in.
		e.net.offline.Store(true)
		st, err = e.newManager(t).Status(t.Context())
		if err != nil || !st.SignedIn || !st.Offline || st.User == nil || st.User.Email != u.Email {
			t.Fatalf("offline: %+v, %v", st, err)
		}
		e.net.offline.Store(false)

		// Zoom failing (5xx) counts as out of reach too.
		_ = e.sim.InjectFault(zoomsim.Fault{Path: "/v2/users/me", Status: 503})
		st, err = e.newManager(t).Status(t.Context())
		if err != nil || !st.Offline {
			t.Fatalf("503: %+v, %v", st, err)
		}
	})
}

func TestStatusJSONShape(t *testing.T) {
	exp := time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		st   Status
		want string
	}{
		{"signed in", signedInStatus(User{ID: "u1", Email: "ada@example.com"}, exp),
			`{"signed_in":true,"user":{"id":"u1","email":"ada@example.com"},"message":"Signed in to Zoom as ada@example.com.","token_expires_at":"2026-09-01T12:00:00Z","offline":false}`},
		{"signed out", Status{SignedOutReason: ReasonSessionExpired, Message: "m"},
			`{"signed_in":false,"signed_out_reason":"session_expired","message":"m","token_expires_at":null,"offline":false}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.st)
			if err != nil || string(b) != tt.want {
				t.Errorf("JSON\n%s\nwant\n%s", b, tt.want)
			}
		})
	}
}

func TestStatusKeychainUnavailable(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := &hangingKeyring{release: make(chan struct{})}
		defer close(h.release)
		m, err := New(t.Context(), Options{
			Config:  Config{ClientID: "c", AuthURL: "https://zoom.us", APIURL: "https://api.zoom.us/v2", RedirectPort: 47651, Service: "s"},
			Keyring: h,
		})
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		_, err = m.Status(t.Context())
		if !errors.Is(err, ErrKeychainUnavailable) || time.Since(start) != DefaultKeychainTimeout {
			t.Fatalf("Status error %v after %v", err, time.Since(start))
		}
		if !strings.Contains(err.Error(), "Secret Service") && !strings.Contains(err.Error(), "keychain") {
			t.Errorf("message %q", err)
		}
	})
}
