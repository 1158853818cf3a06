package agent

import (
	"context"

	"github.com/interviewtray/interviewtray/ui/tray"
)

// tellCopyFailed shows a failed copy from the tray or a notification (a
// copy command run by the agent itself) as a notification: there is no
// other place to say it, and the user would paste stale text. A window's
// copy says so in the window.
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
