package agent

import (
	"context"

	"github.com/interviewtray/interviewtray/ui/tray"
)

// copyActions are the tray actions that put text on the clipboard.
var copyActions = map[tray.ActionKind]bool{tray.ActCopyMeeting: true, tray.ActCopyShareLink: true}

// tellCopyFailed shows a failed copy from the tray as a notification: the
// tray has no other place to say it, and the user would paste stale text.
func (a *Agent) tellCopyFailed(ctx context.Context, err error) {
	if a.notifier == nil {
		return
	}
	note := tray.Notification{Key: "copy-failed", Title: "Could not copy", Body: err.Error()}
	nctx, cancel := context.WithTimeout(ctx, notifyTimeout)
	defer cancel()
	if err := a.notifier.Notify(nctx, note); err != nil {
		a.log.Warn("notification failed", "err", err)
	}
}
