package tray

import (
	"context"
	"errors"
	"strings"
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

// TestNotificationBodyLines: the lines go below the body, one a line, each
// made plain text (control and bidi characters out, spaces folded), the
// empty ones dropped; title, body and buttons stay single lines.
func TestNotificationBodyLines(t *testing.T) {
	n := Notification{
		Title:   "Interview:\nAda\u202e",
		Body:    "Starts at 10:30",
		Lines:   []string{"Recording\ttab\x07 may not work\u2067", "  ", "Tell the\ncandidate"},
		Buttons: []Button{{Key: "join", Label: "Join\nnow"}},
	}.safe()
	if n.Title != "Interview: Ada" {
		t.Errorf("title %q", n.Title)
	}
	if want := "Starts at 10:30\nRecording tab may not work\nTell the candidate"; n.Body != want || n.Lines != nil {
		t.Errorf("body %q, want %q", n.Body, want)
	}
	if n.Buttons[0].Label != "Join now" {
		t.Errorf("button %q", n.Buttons[0].Label)
	}
	if got := (Notification{Body: "one\x1b[31m\nline"}).safe().Body; strings.ContainsAny(got, "\x1b\n") {
		t.Errorf("single-line body %q", got)
	}
}
