package localapi

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

// TestCommandsFromAnotherBuildRefused: a client of another build than the
// agent (a window from an upgrade installed while the old agent runs) may
// read the state, which says the agent's version, but its commands are
// refused with a message that says to restart; the same build's pass, and
// so do clients that send no version (the CLI).
func TestCommandsFromAnotherBuildRefused(t *testing.T) {
	b := newFakeBackend() // version "test"
	c := startServer(t, b)
	ctx := context.Background()

	c.Version = "other"
	if s, err := c.State(ctx); err != nil || s.Agent.Version != "test" {
		t.Errorf("State from another build = %+v, %v", s.Agent, err)
	}
	err := c.Refresh(ctx)
	var ae *Error
	if !errors.As(err, &ae) || ae.Status != http.StatusConflict || !strings.Contains(ae.Message, "restart Interview Tray") ||
		!strings.Contains(ae.Message, "(other)") || !strings.Contains(ae.Message, "(test)") {
		t.Errorf("Refresh from another build = %v", err)
	}

	for _, v := range []string{"test", ""} {
		c.Version = v
		if err := c.Refresh(ctx); err != nil {
			t.Errorf("Refresh with version %q: %v", v, err)
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.done) != 2 {
		t.Errorf("the agent ran %d commands, want 2 (not the other build's)", len(b.done))
	}
}
