package tray

import (
	"runtime"
	"sync"

	"fyne.io/systray"

	"github.com/interviewtray/interviewtray/assets"
	"github.com/interviewtray/interviewtray/localapi"
)

// Tray shows a Model through fyne.io/systray. The menu is rebuilt only when
// it changed; icon, tooltip and title are set only when they changed.
type Tray struct {
	onAction func(localapi.Command)

	mu sync.Mutex // guards the fields below and serialises updates
	// shown is the model on screen; applied is false until the first Apply.
	shown   Model
	applied bool
	// rebuilds counts menu rebuilds (for tests and benchmarks).
	rebuilds int
}

// Run starts the tray and blocks until Quit. onReady runs once the tray
// exists, on its own goroutine; onAction is called for every click, on a
// goroutine per menu item.
func Run(onAction func(localapi.Command), onReady func(*Tray), onExit func()) {
	t := &Tray{onAction: onAction}
	systray.Run(func() {
		systray.SetTitle("")
		systray.SetTooltip("Interview Tray")
		setIcon(IconNormal, 0)
		onReady(t)
	}, onExit)
}

// Quit removes the tray icon and makes Run return.
func Quit() { systray.Quit() }

// Apply shows m.
func (t *Tray) Apply(m Model) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.applied || m.Icon != t.shown.Icon || m.Minutes != t.shown.Minutes {
		setIcon(m.Icon, m.Minutes)
	}
	if !t.applied || m.Tooltip != t.shown.Tooltip {
		systray.SetTooltip(m.Tooltip)
	}
	if !t.applied || m.Title != t.shown.Title {
		systray.SetTitle(m.Title)
	}
	if !t.applied || !m.SameMenu(t.shown) {
		systray.ResetMenu()
		t.add(nil, m.Items)
		t.rebuilds++
	}
	t.shown, t.applied = m, true
}

// Rebuilds returns how often the menu was rebuilt.
func (t *Tray) Rebuilds() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.rebuilds
}

// add creates items under parent (nil: the top level).
func (t *Tray) add(parent *systray.MenuItem, items []Item) {
	for _, it := range items {
		if it.Separator {
			if parent == nil {
				systray.AddSeparator()
			} else {
				parent.AddSeparator()
			}
			continue
		}
		var mi *systray.MenuItem
		if parent == nil {
			mi = systray.AddMenuItem(menuLabel(runtime.GOOS, it.Label), "")
		} else {
			mi = parent.AddSubMenuItem(menuLabel(runtime.GOOS, it.Label), "")
		}
		if it.Disabled {
			mi.Disable()
		}
		if len(it.Children) > 0 {
			t.add(mi, it.Children)
			continue
		}
		if it.Command.Name == "" {
			continue
		}
		// One goroutine per clickable item, blocked until a click; it ends
		// when ResetMenu removes the item and closes the channel.
		go func(ch <-chan struct{}, c localapi.Command) {
			for range ch {
				t.onAction(c)
			}
		}(mi.ClickedCh, it.Command)
	}
}

// setIcon shows the icon for s: PNG, or ICO on Windows, whose tray accepts
// only that format. With minutes (1 to 60) it shows the countdown icon
// instead, except on macOS, whose menu bar shows the title next to the
// icon.
func setIcon(s IconState, minutes int) {
	if minutes > 0 && runtime.GOOS != "darwin" {
		if img, err := minutesIcon(minutes); err == nil {
			if runtime.GOOS == "windows" {
				img = icoFromPNG(img, minutesIconSize)
			}
			systray.SetIcon(img)
			return
		}
	}
	icons := map[IconState][2][]byte{
		IconNormal:    {assets.TrayNormal, assets.TrayNormalICO},
		IconSoon:      {assets.TraySoon, assets.TraySoonICO},
		IconAttention: {assets.TrayAttention, assets.TrayAttentionICO},
	}[s]
	if runtime.GOOS == "windows" {
		systray.SetIcon(icons[1])
	} else {
		systray.SetIcon(icons[0])
	}
}
