package tray

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestPushWithin(t *testing.T) {
	if err := pushWithin(context.Background(), func() error { return nil }); err != nil {
		t.Errorf("ok push: %v", err)
	}
	boom := errors.New("boom")
	if err := pushWithin(context.Background(), func() error { return boom }); !errors.Is(err, boom) {
		t.Errorf("failed push: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	release := make(chan struct{})
	defer close(release)
	if err := pushWithin(ctx, func() error { <-release; return nil }); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("hung push: %v", err)
	}
}
