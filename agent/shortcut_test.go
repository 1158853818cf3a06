package agent

import (
	"context"
	"io"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/internal/hotkey"
	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// fakeHotkeys is a hotkey backend the test presses.
type fakeHotkeys struct {
	mu      sync.Mutex
	grabbed map[string]func()
}

type fakeHotkeyGrab struct {
	b   *fakeHotkeys
	key string
}

func (g fakeHotkeyGrab) Close() error {
	g.b.mu.Lock()
	defer g.b.mu.Unlock()
	delete(g.b.grabbed, g.key)
	return nil
}

func (b *fakeHotkeys) Grab(sc hotkey.Shortcut, pressed func()) (io.Closer, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.grabbed == nil {
		b.grabbed = map[string]func(){}
	}
	b.grabbed[sc.String()] = pressed
	return fakeHotkeyGrab{b, sc.String()}, nil
}

func (b *fakeHotkeys) press(key string) bool {
	b.mu.Lock()
	f := b.grabbed[key]
	b.mu.Unlock()
	if f != nil {
		f()
	}
	return f != nil
}

func (b *fakeHotkeys) keys() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for k := range b.grabbed {
		out = append(out, k)
	}
	return out
}

// hotkeyDesk is a fakeDesktop with a hotkey backend.
type hotkeyDesk struct {
	*fakeDesktop
	backend hotkey.Backend
}

func (d hotkeyDesk) Hotkeys() hotkey.Backend { return d.backend }

func (d *fakeDesktop) linkCount() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.links)
}

func waitLinks(t *testing.T, d *fakeDesktop, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); d.linkCount() < n; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d links opened, want %d", d.linkCount(), n)
		}
	}
}

// TestShortcutJoinsTheCurrentOrNextInterview: the agent grabs Ctrl+Alt+J;
// a press joins sync.JoinTarget; the settings turn it off and change it;
// Settings is told what is held.
func TestShortcutJoinsTheCurrentOrNextInterview(t *testing.T) {
	a, fd, _ := newTestAgent(t)
	keys := &fakeHotkeys{}
	a.desk = hotkeyDesk{fd, keys}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stop := a.startShortcut(ctx)
	defer stop()
	if got := keys.keys(); !slices.Equal(got, []string{"Ctrl+Alt+J"}) {
		t.Fatalf("grabbed %q", got)
	}
	if s := a.State().Agent.Shortcut; s != "Ctrl+Alt+J" {
		t.Errorf("status %q", s)
	}

	// When the user presses it, the interview JoinTarget picks opens
	want, ok := meetingsync.JoinTarget(a.engine.Snapshot(), time.Now())
	if !ok {
		t.Fatal("nothing to join in the demo")
	}
	keys.press("Ctrl+Alt+J")
	waitLinks(t, fd, 1)
	fd.mu.Lock()
	opened := fd.links[0]
	fd.mu.Unlock()
	if opened != want.JoinURL {
		t.Errorf("opened %q, want %q", opened, want.JoinURL)
	}

	// A shortcut that cannot be read is refused when saved
	s := a.engine.Settings()
	s.JoinShortcut = "Ctrl+Alt+Nope"
	if _, err := a.Do(ctx, localapi.Command{Name: localapi.CmdSaveSettings, Settings: &s}); err == nil {
		t.Error("a bad shortcut was saved")
	}
	// Another one is grabbed instead of the old; off releases it
	s.JoinShortcut = "Ctrl+Shift+K"
	if _, err := a.Do(ctx, localapi.Command{Name: localapi.CmdSaveSettings, Settings: &s}); err != nil {
		t.Fatal(err)
	}
	a.afterChange(ctx)
	if got := keys.keys(); !slices.Equal(got, []string{"Ctrl+Shift+K"}) {
		t.Errorf("after the change: grabbed %q", got)
	}
	s.JoinShortcutOff = true
	if _, err := a.Do(ctx, localapi.Command{Name: localapi.CmdSaveSettings, Settings: &s}); err != nil {
		t.Fatal(err)
	}
	a.afterChange(ctx)
	if got := keys.keys(); len(got) != 0 || a.State().Agent.Shortcut != "Off" {
		t.Errorf("off: grabbed %q, status %q", got, a.State().Agent.Shortcut)
	}
}

// TestShortcutNotAvailable: Settings says why there is no shortcut.
func TestShortcutNotAvailable(t *testing.T) {
	a, fd, _ := newTestAgent(t)
	a.desk = hotkeyDesk{fd, hotkey.Unavailable("Wayland")}
	stop := a.startShortcut(context.Background())
	defer stop()
	if s := a.State().Agent.Shortcut; s != "Global shortcuts are not available on this desktop (Wayland)" {
		t.Errorf("status %q", s)
	}
}
