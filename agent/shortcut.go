package agent

import (
	"context"

	"github.com/interviewtray/interviewtray/internal/hotkey"
	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// The global shortcut "Join the current or next interview" (default
// Ctrl+Alt+J, Settings.JoinShortcut, off with Settings.JoinShortcutOff):
// the agent grabs it through internal/hotkey (X11 in pure Go; on Wayland
// the desktop portal's GlobalShortcuts; Windows' RegisterHotKey; elsewhere
// Settings says it is not available) and, on
// each press, joins meetingsync.JoinTarget, as the tray's Join does.

// hotkeyDesktop is a Desktop with a global shortcut backend.
type hotkeyDesktop interface {
	Hotkeys() hotkey.Backend
}

// Hotkeys is the platform's backend (hotkey.System).
func (d *systemDesktop) Hotkeys() hotkey.Backend { return hotkey.System() }

// shortcutText is the shortcut the settings ask for; "" for none.
func shortcutText(s meetingsync.Settings) string {
	if s.JoinShortcutOff {
		return ""
	}
	if s.JoinShortcut == "" {
		return meetingsync.DefaultJoinShortcut
	}
	return s.JoinShortcut
}

// checkShortcut says, before settings are saved, why their shortcut
// cannot be used.
func checkShortcut(s meetingsync.Settings) error {
	text := shortcutText(s)
	if text == "" {
		return nil
	}
	if _, err := hotkey.Parse(text); err != nil {
		return localapi.BadCommand("shortcut %q: %s", text, err)
	}
	return nil
}

// startShortcut grabs the shortcut the settings ask for; the returned
// func releases it. Without a backend it does nothing.
func (a *Agent) startShortcut(ctx context.Context) (stop func()) {
	d, ok := a.desk.(hotkeyDesktop)
	if !ok {
		return func() {}
	}
	presses := make(chan struct{}, 1)
	svc := hotkey.NewService(d.Hotkeys(), func() {
		select {
		case presses <- struct{}{}:
		default: // one join under way is enough
		}
	})
	// Settings shows the new status (the desktop portal's, once the user
	// answered its dialog).
	svc.OnStatusChange(a.changed)
	a.mu.Lock()
	a.hotkeys = svc
	a.mu.Unlock()
	a.applyShortcut()
	done, quit := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-ctx.Done():
				return
			case <-quit:
				return
			case <-presses:
				a.onShortcut(ctx)
			}
		}
	}()
	return func() {
		svc.Close()
		close(quit)
		<-done
	}
}

// applyShortcut makes the grab follow the settings (it does nothing when
// they did not change it).
func (a *Agent) applyShortcut() {
	a.mu.Lock()
	svc := a.hotkeys
	a.mu.Unlock()
	if svc == nil {
		return
	}
	if err := svc.Set(shortcutText(a.engine.Settings())); err != nil {
		a.log.Warn("global shortcut", "err", err)
	}
}

// shortcutStatus is what Settings shows of the shortcut.
func (a *Agent) shortcutStatus() string {
	a.mu.Lock()
	svc := a.hotkeys
	a.mu.Unlock()
	if svc == nil {
		return ""
	}
	return svc.Status()
}

// onShortcut joins the current or next interview.
func (a *Agent) onShortcut(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, commandTimeout)
	defer cancel()
	res, err := a.Do(ctx, localapi.Command{Name: localapi.CmdJoinNext})
	if err != nil {
		a.log.Warn("shortcut: could not join", "err", err)
		return
	}
	a.log.Info("shortcut", "result", res.Message)
}

// afterChange runs after each change of the engine's snapshot: conflicts
// are announced, the shortcut follows the settings, the computer stays
// awake while Zoom converts a recording.
func (a *Agent) afterChange(ctx context.Context) {
	a.noteConflicts(ctx)
	a.applyShortcut()
	a.keepAwake(ctx, a.engine.Snapshot())
}

// startDesktopHooks starts what the agent holds of the desktop (the
// shortcut); the returned func releases it, and the sleep lock.
func (a *Agent) startDesktopHooks(ctx context.Context) (stop func()) {
	stopShortcut := a.startShortcut(ctx)
	return func() {
		stopShortcut()
		a.releaseSleep()
	}
}
