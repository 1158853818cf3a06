package zoomsim

import (
	"net/http"
	"strconv"
	"testing"
	"testing/synctest"
	"time"
)

// The rate-limit tests run in synctest bubbles: the simulator follows the
// bubble's fake clock, so every request of a loop falls into the same
// one-second window and time.Sleep moves to the next one exactly.

func TestRateLimitPerSecond(t *testing.T) {
	tests := []struct {
		plan     string
		path     string
		category string
		limit    int
		other    string // an endpoint of another category
	}{
		{"free", "/users/me", "Light", 4, "/users/me/meetings"},
		{"free", "/users/me/meetings", "Medium", 2, "/users/me"},
		{"pro", "/users/me", "Light", 30, "/users/me/settings"},
		{"pro", "/users/me/upcoming_meetings", "Medium", 20, "/users/me"},
		{"pro", "/users/me/settings", "Medium", 20, "/meetings/12345678901"},
		{"business", "/meetings/12345678901", "Light", 80, "/users/me/recordings"},
		{"business", "/users/me/recordings", "Medium", 60, "/past_meetings/12345678901"},
	}
	for _, tt := range tests {
		t.Run(tt.plan+" "+tt.path, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				e := newEnv(t, "transport", Options{Plan: tt.plan, AutoApprove: true})
				first := e.signIn()
				tok := first.AccessToken
				// A second access token of the same account shares the limit.
				tok2 := decode[wireToken](t, e.refresh(first.RefreshToken)).AccessToken

				for i := range tt.limit {
					r := e.call("GET", tt.path, []string{tok, tok2}[i%2], nil)
					if r.status == http.StatusTooManyRequests {
						t.Fatalf("request %d of %d refused", i+1, tt.limit)
					}
					if got := r.header.Get("X-RateLimit-Category"); got != tt.category {
						t.Fatalf("X-RateLimit-Category %q, want %q", got, tt.category)
					}
				}
				r := e.call("GET", tt.path, tok, nil)
				got := wantAPIError(t, r, http.StatusTooManyRequests, 429)
				if got.Message != qpsMessage {
					t.Errorf("message %q", got.Message)
				}
				for k, want := range map[string]string{
					"X-RateLimit-Category":  tt.category,
					"X-RateLimit-Type":      "QPS",
					"X-RateLimit-Limit":     strconv.Itoa(tt.limit),
					"X-RateLimit-Remaining": "0",
				} {
					if r.header.Get(k) != want {
						t.Errorf("%s = %q, want %q", k, r.header.Get(k), want)
					}
				}
				// Other categories have their own budget.
				if r := e.call("GET", tt.other, tok, nil); r.status == http.StatusTooManyRequests {
					t.Errorf("%s refused too: %s", tt.other, r)
				}
				// The next second starts a new window.
				time.Sleep(time.Second)
				if r := e.call("GET", tt.path, tok, nil); r.status == http.StatusTooManyRequests {
					t.Errorf("refused in the next second: %s", r)
				}
				if st := e.sim.Stats(); st.RateLimited != 1 {
					t.Errorf("rate_limited = %d, want 1", st.RateLimited)
				}
			})
		})
	}
}

func TestRateLimitDailyOnFreePlan(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e, tok := signedIn(t, "transport", Options{Plan: "free", TokenTTL: 48 * time.Hour})
		start := e.sim.Now()

		// Medium: 2 per second, 2,000 per day.
		for i := range 2000 {
			r := e.call("GET", "/users/me/meetings", tok, nil)
			wantStatus(t, r, http.StatusOK)
			if got, want := r.header.Get("X-RateLimit-Remaining"), strconv.Itoa(1999-i); got != want || r.header.Get("X-RateLimit-Limit") != "2000" {
				t.Fatalf("request %d: remaining %q limit %q, want %s of 2000", i+1, got, r.header.Get("X-RateLimit-Limit"), want)
			}
			if i%2 == 1 {
				time.Sleep(time.Second)
			}
		}
		r := e.call("GET", "/users/me/meetings", tok, nil)
		wantAPIError(t, r, http.StatusTooManyRequests, 429)
		wantMidnight := day(start).AddDate(0, 0, 1).Format(zoomTimeLayout)
		for k, want := range map[string]string{
			"X-RateLimit-Type":  "Daily-limit",
			"X-RateLimit-Limit": "2000",
			"Retry-After":       wantMidnight,
		} {
			if r.header.Get(k) != want {
				t.Errorf("%s = %q, want %q", k, r.header.Get(k), want)
			}
		}
		// Light calls have their own daily budget.
		wantStatus(t, e.call("GET", "/users/me", tok, nil), http.StatusOK)

		// After midnight UTC the budget is back.
		time.Sleep(day(start).AddDate(0, 0, 1).Sub(e.sim.Now()))
		wantStatus(t, e.call("GET", "/users/me/meetings", tok, nil), http.StatusOK)
	})
}

func TestClockAdvanceMovesRateWindows(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e, tok := signedIn(t, "transport", Options{Plan: "free"})
		for range 2 {
			wantStatus(t, e.call("GET", "/users/me/settings", tok, nil), http.StatusOK)
		}
		wantStatus(t, e.call("GET", "/users/me/settings", tok, nil), http.StatusTooManyRequests)
		e.sim.Advance(time.Second)
		wantStatus(t, e.call("GET", "/users/me/settings", tok, nil), http.StatusOK)
	})
}
