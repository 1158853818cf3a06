package window

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/interviewtray/interviewtray/localapi"
)

// until runs what reaches the UI until cond holds.
func (h *harness) until(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.After(10 * time.Second)
	for !cond() {
		select {
		case f := <-h.ui:
			f()
		case <-deadline:
			h.t.Fatalf("gave up waiting for %s; the window shows %q", what, texts(h.w))
		}
	}
}

func TestNotRunning(t *testing.T) {
	// Given no agent answers
	h := newHarness(t, NameAgenda)
	h.sh.start()
	h.until("the not-running message", func() bool { return h.has("is not running") })

	// Then the window says how to start it, and offers Retry
	h.golden("not_running.xml")
	h.mustShow("Interview Tray is not running — start it with `interviewtray --demo`",
		"This window connects by itself once it runs.")

	// When the agent starts and the user taps Retry, the agenda appears
	h.api.mu.Lock()
	h.api.watch = func(ctx context.Context) (<-chan localapi.State, error) {
		ch := make(chan localapi.State, 1)
		ch <- withView(demoState())
		go func() {
			<-ctx.Done()
			close(ch)
		}()
		return ch, nil
	}
	h.api.mu.Unlock()
	test.Tap(h.button("Retry"))
	h.mustShow("Connecting to Interview Tray…")
	h.until("the agenda", func() bool { return h.has("Interview: Priya Raman") })
	h.mustNotShow("is not running")
}

func TestNotRunningRealAgentNames(t *testing.T) {
	// Outside the demo, the message names the plain command
	a := test.NewTempApp(t)
	w, sh, err := build(a, NameAgenda, deps{api: newFakeAPI(), do: func(f func()) { f() }, now: time.Now, loc: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	defer sh.close()
	w.Show()
	sh.onLost(localapi.ErrNoAgent)
	var found bool
	for _, s := range texts(w) {
		if strings.Contains(s, "start it with `interviewtray`") {
			found = true
		}
	}
	if !found {
		t.Errorf("no start hint; texts %q", texts(w))
	}
}

// TestSignInRaisesTheWindow: after the sign-in in the browser succeeds (or
// fails), the window that started it comes to the front; other windows,
// and state changes without a sign-in of theirs, leave the focus alone.
func TestSignInRaisesTheWindow(t *testing.T) {
	for _, name := range []string{NameWizard, NameAgenda} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, name)
			if name == NameWizard {
				h.api.onboarding.Step = StepConnect
			}
			raised := 0
			h.sh.raise = func() { raised++ }
			st := signedOutState()
			h.state(st)

			// Given the user started a sign-in here, and the browser opened
			h.tap("Sign in with Zoom")
			waiting := st
			waiting.Agent.SignIn = localapi.SignInProgress{State: localapi.SignInWaiting, Message: "Finish signing in with Zoom in your browser."}
			h.state(waiting)
			h.state(waiting)
			if raised != 0 {
				t.Fatalf("raised %d times while the browser is open", raised)
			}

			// When the sign-in succeeds, the window comes to the front once
			done := demoState()
			done.Agent.SignIn = localapi.SignInProgress{State: localapi.SignInSucceeded, Message: "Signed in as ada@example.com"}
			h.state(done)
			h.state(done)
			if raised != 1 {
				t.Errorf("raised %d times after the sign-in succeeded, want 1", raised)
			}
		})
	}
	t.Run("failed", func(t *testing.T) {
		h := newHarness(t, NameAgenda)
		raised := 0
		h.sh.raise = func() { raised++ }
		st := signedOutState()
		h.state(st)
		h.tap("Sign in with Zoom")
		st.Agent.SignIn = localapi.SignInProgress{State: localapi.SignInWaiting}
		h.state(st)
		st.Agent.SignIn = localapi.SignInProgress{State: localapi.SignInFailed, Message: "declined"}
		h.state(st)
		if raised != 1 {
			t.Errorf("raised %d times after the sign-in failed, want 1 (the window says why)", raised)
		}
	})
	t.Run("started elsewhere", func(t *testing.T) {
		// Given a sign-in started from the tray, this window stays put
		h := newHarness(t, NameAgenda)
		raised := 0
		h.sh.raise = func() { raised++ }
		st := signedOutState()
		st.Agent.SignIn = localapi.SignInProgress{State: localapi.SignInWaiting}
		h.state(st)
		done := demoState()
		done.Agent.SignIn = localapi.SignInProgress{State: localapi.SignInSucceeded}
		h.state(done)
		if raised != 0 {
			t.Errorf("raised %d times for a sign-in this window did not start", raised)
		}
	})
}
