// Package testenv decides what tests do when a real part they need (a
// program, a display, a session bus) is missing: skip on a developer's
// machine, fail in CI, where every real part must be present.
package testenv

import (
	"os"
	"os/exec"
	"testing"
	"time"
)

// InCI reports whether the tests run in CI (CI=true), where missing tools
// are failures instead of skips.
func InCI() bool { return os.Getenv("CI") == "true" }

// Missing skips the test locally, or fails it in CI, explaining what is
// missing.
func Missing(t testing.TB, what string) {
	t.Helper()
	if InCI() {
		t.Fatalf("%s is missing, and CI=true requires it (make test installs it)", what)
	}
	t.Skipf("%s is missing; skipping (make test installs it)", what)
}

// RequireCommands looks up each program on PATH and calls Missing for the
// first one that is not there.
func RequireCommands(t testing.TB, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			Missing(t, "the program "+n)
		}
	}
}

// Within runs f and fails the test if it does not return within d.
func Within(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s: still blocked after %v", what, d)
	}
}
