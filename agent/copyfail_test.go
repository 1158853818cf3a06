package agent

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/interviewtray/interviewtray/localapi"
)

// failingCopy is a desktop whose clipboard cannot be written.
type failingCopy struct{ *fakeDesktop }

func (failingCopy) Copy(context.Context, string) error {
	return errors.New("clipboard: another program keeps the clipboard open")
}

func TestFailedCopyFromTheTrayIsShown(t *testing.T) {
	// Given a clipboard that cannot be written,
	a, d, _ := newTestAgent(t)
	a.desk = failingCopy{d}
	n := &withdrawingNotifier{}
	a.notifier = n
	// when "Copy share link" is clicked in the tray, the user is told, with
	// the reason, instead of finding stale text when pasting.
	a.onTrayAction(localapi.Command{Name: localapi.CmdCopy, Text: "https://zoom.us/j/1"})
	n.mu.Lock()
	defer n.mu.Unlock()
	if len(n.shown) != 1 || n.shown[0].Title != "Could not copy" || !strings.Contains(n.shown[0].Body, "keeps the clipboard open") {
		t.Fatalf("notifications shown: %+v", n.shown)
	}
}
