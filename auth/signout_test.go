package auth

import (
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/zoom"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

func TestSignOut(t *testing.T) {
	for _, tt := range []struct {
		name    string
		secret  string
		offline bool
	}{
		{"public client online", "", false},
		{"confidential client online", "s3cret", false},
		{"offline", "", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				// Given a signed-in app (with an 8 KB-ish record: several
				// keychain entries).
				e := newEnv(t, zoomsim.Options{ClientSecret: tt.secret})
				u := e.signIn(t, e.m)
				if len(e.kr.names(e.cfg.Service)) < 2 {
					t.Fatalf("entries %v", e.kr.names(e.cfg.Service))
				}
				e.net.offline.Store(tt.offline)

				// When the user signs out.
				res, err := e.m.SignOut(t.Context())

				// Then every keychain entry is gone, online or not.
				if err != nil {
					t.Fatalf("SignOut: %v", err)
				}
				if names := e.kr.names(e.cfg.Service); len(names) != 0 {
					t.Errorf("entries left: %v", names)
				}
				if !res.WasSignedIn || res.User != u {
					t.Errorf("result %+v", res)
				}
				// And Zoom revoked the grant, or the result says it could not.
				if tt.offline {
					if res.Revoked || !errors.Is(res.RevokeErr, ErrOffline) {
						t.Errorf("offline: Revoked=%v RevokeErr=%v", res.Revoked, res.RevokeErr)
					}
					if e.sim.Stats().Revoked != 0 {
						t.Error("revoked while offline?")
					}
				} else {
					if !res.Revoked || res.RevokeErr != nil || e.sim.Stats().Revoked != 1 {
						t.Errorf("Revoked=%v RevokeErr=%v sim revoked=%d", res.Revoked, res.RevokeErr, e.sim.Stats().Revoked)
					}
					for _, ti := range e.sim.Tokens() {
						if ti.State != "revoked" {
							t.Errorf("%s token is %s after sign-out", ti.Kind, ti.State)
						}
					}
				}
				// And the app is signed out.
				e.net.offline.Store(false)
				st, err := e.m.State()
				if err != nil || st.SignedIn || st.Reason != ReasonSignedOut {
					t.Errorf("State = %+v, %v", st, err)
				}
				api := zoom.New(zoom.Options{BaseURL: e.cfg.APIURL, HTTPClient: e.m.HTTPClient()})
				if _, err := api.Me(t.Context()); !errors.Is(err, ErrSignedOut) {
					t.Errorf("API call after sign-out: %v", err)
				}
			})
		})
	}
}

func TestSignOutWhenNotSignedIn(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := newEnv(t, zoomsim.Options{})
		res, err := e.m.SignOut(t.Context())
		if err != nil || res.WasSignedIn || res.Revoked || res.RevokeErr != nil {
			t.Fatalf("SignOut = %+v, %v", res, err)
		}
		if e.requests("POST /oauth/revoke") != 0 {
			t.Error("revoked without a token")
		}
	})
}

func TestSignOutKeychainUnavailable(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := newEnv(t, zoomsim.Options{})
		e.signIn(t, e.m)
		e.kr.mu.Lock()
		e.kr.err = errors.New("org.freedesktop.DBus.Error.ServiceUnknown")
		e.kr.mu.Unlock()
		_, err := e.newManager(t).SignOut(t.Context())
		if !errors.Is(err, ErrKeychainUnavailable) {
			t.Fatalf("SignOut error = %v, want ErrKeychainUnavailable", err)
		}
	})
}

func TestSignOutDuringRefreshLeavesNothing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Given a refresh in flight (Zoom slow to answer) ...
		e := newEnv(t, zoomsim.Options{})
		e.signIn(t, e.m)
		time.Sleep(2 * time.Hour)
		if err := e.sim.InjectFault(zoomsim.Fault{Method: "POST", Path: "/oauth/token", Delay: 10 * time.Second}); err != nil {
			t.Fatal(err)
		}
		// ... and a revoke that does not reach Zoom, so the refresh succeeds.
		if err := e.sim.InjectFault(zoomsim.Fault{Method: "POST", Path: "/oauth/revoke", Status: 503}); err != nil {
			t.Fatal(err)
		}
		got := make(chan error, 1)
		go func() {
			_, err := e.m.Token()
			got <- err
		}()
		time.Sleep(time.Second)

		// When the user signs out meanwhile.
		res, err := e.m.SignOut(t.Context())
		if err != nil || res.Revoked {
			t.Fatalf("SignOut = %+v, %v", res, err)
		}
		err = <-got

		// Then the refresh, though Zoom answered it, hands out nothing and
		// writes nothing: the keychain stays empty.
		if e.sim.Stats().TokenRefreshes != 1 {
			t.Fatalf("refreshes = %d, want the one in flight", e.sim.Stats().TokenRefreshes)
		}
		if !errors.Is(err, ErrSignedOut) {
			t.Errorf("Token() during sign-out = %v, want signed out", err)
		}
		if names := e.kr.names(e.cfg.Service); len(names) != 0 {
			t.Errorf("entries after sign-out: %v", names)
		}
	})
}
