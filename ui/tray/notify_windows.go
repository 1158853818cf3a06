package tray

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"

	toast "git.sr.ht/~jackmordaunt/go-toast/v2"
)

// toastNotifier shows Windows toast notifications with buttons; a click
// comes back through the activation callback as "key|action".
type toastNotifier struct {
	appID  string
	revoke func() // unregisters the toast activator
	once   sync.Once
	err    error
}

// NewSystemNotifier sets up Windows toast notifications under the app's
// own AppUserModelID and activator CLSID (toastreg_windows.go), appName
// being the name Windows shows on them.
func NewSystemNotifier(appName string, onAction ActionFunc) (Notifier, error) {
	n := &toastNotifier{appID: AppUserModelID}
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("notifications: %w", err)
	}
	if err := registerToastApp(toastRegistry, exe, appName, ""); err != nil {
		return nil, fmt.Errorf("notifications: register the app: %w", err)
	}
	if err := setProcessAppID(); err != nil {
		return nil, fmt.Errorf("notifications: %w", err)
	}
	toast.SetActivationCallback(func(args string, _ []toast.UserData) {
		key, action, ok := strings.Cut(args, "|")
		if ok && onAction != nil {
			onAction(key, action)
		}
	})
	revoke, err := registerActivator()
	if err != nil {
		return nil, fmt.Errorf("notifications: register the toast activator: %w", err)
	}
	n.revoke = revoke
	return n, nil
}

func (n *toastNotifier) Notify(ctx context.Context, note Notification) error {
	note = note.safe()
	t := toast.Notification{
		AppID:               n.appID,
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

func (n *toastNotifier) Close() error {
	if n.revoke != nil {
		n.revoke()
		n.revoke = nil
	}
	return nil
}
