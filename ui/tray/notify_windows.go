package tray

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"

	toast "git.sr.ht/~jackmordaunt/go-toast/v2"
)

// appGUID identifies the app to the Windows Runtime for toast activation.
const appGUID = "{8F3C1B7E-4A2D-4E55-9C61-2B7D0E6A9F14}"

// toastNotifier shows Windows toast notifications with buttons; a click
// comes back through the activation callback as "key|action".
type toastNotifier struct {
	appName string
	once    sync.Once
	err     error
}

// NewSystemNotifier sets up Windows toast notifications.
func NewSystemNotifier(appName string, onAction ActionFunc) (Notifier, error) {
	n := &toastNotifier{appName: appName}
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("notifications: %w", err)
	}
	if err := toast.SetAppData(toast.AppData{AppID: appName, GUID: appGUID, ActivationExe: exe}); err != nil {
		return nil, fmt.Errorf("notifications: register the app: %w", err)
	}
	toast.SetActivationCallback(func(args string, _ []toast.UserData) {
		key, action, ok := strings.Cut(args, "|")
		if ok && onAction != nil {
			onAction(key, action)
		}
	})
	return n, nil
}

func (n *toastNotifier) Notify(ctx context.Context, note Notification) error {
	note = note.safe()
	t := toast.Notification{
		AppID:               n.appName,
		Title:               toastText(note.Title),
		Body:                toastText(note.Body),
		ActivationType:      toast.Foreground,
		ActivationArguments: toastAttr(note.Key + "|default"),
	}
	if note.Urgent {
		t.Duration = toast.Long
	}
	for _, b := range note.Buttons {
		t.Actions = append(t.Actions, toast.Action{Type: toast.Foreground, Content: toastAttr(b.Label), Arguments: toastAttr(note.Key + "|" + b.Key)})
	}
	return pushWithin(ctx, t.Push)
}

func (n *toastNotifier) Close() error { return nil }
