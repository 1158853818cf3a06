// Package hotkey is the global keyboard shortcut "Join the current or next
// interview": a [Shortcut] parsed from the setting's text ("Ctrl+Alt+J",
// the default), grabbed desktop-wide through a [Backend], and a [Service]
// that keeps one grab in step with the setting and calls the agent on
// each press.
//
//	svc := hotkey.NewService(hotkey.System(), func() { agent.joinCurrentOrNext() })
//	if err := svc.Set(settings.JoinShortcut); err != nil { ... } // "" turns it off
//	svc.Status() // for Settings: "Ctrl+Alt+J (X11)", or why there is none
//	defer svc.Close()
//
// Backends, by desktop ([System] picks one):
//
//   - X11 (DISPLAY set, not a Wayland session): XGrabKey on the root
//     window, in pure Go over the X protocol (github.com/jezek/xgb, no
//     cgo), with Caps Lock and Num Lock on or off.
//   - Windows: RegisterHotKey (MOD_NOREPEAT), with a message loop on an
//     OS thread of each grab's own. It builds and is vetted here; it has
//     not run on a Windows machine yet.
//   - Wayland (WAYLAND_DISPLAY set, or XDG_SESSION_TYPE=wayland): the
//     desktop portal's org.freedesktop.portal.GlobalShortcuts over the
//     session bus (github.com/godbus/dbus): CreateSession, BindShortcuts
//     with the shortcut as the preferred trigger (the desktop may ask the
//     user, and may choose another trigger; Status says so), and each
//     Activated signal of the session is a press. A portal without the
//     interface (GNOME before 48, for one) makes Grab fail with
//     [ErrNotAvailable] ("… (Wayland; the desktop portal has no global
//     shortcuts)").
//   - macOS, and no display: not available; the backend's Grab returns an
//     error wrapping [ErrNotAvailable] whose text Settings shows.
//     Carbon's RegisterEventHotKey (cgo) would go here.
//
// A backend that names itself (X11, desktop portal, Windows) is named in
// the Service's Status: "Ctrl+Alt+J (X11)".
package hotkey

import (
	"errors"
	"fmt"
	"strings"
)

// Default is the default shortcut.
const Default = "Ctrl+Alt+J"

// Modifiers are a shortcut's modifier keys.
type Modifiers uint8

// The modifiers.
const (
	Ctrl Modifiers = 1 << iota
	Alt
	Shift
	Super // the Windows key, Command on a Mac
)

// Shortcut is a key with modifiers.
type Shortcut struct {
	Mods Modifiers
	// Key is the key's canonical name: "A".."Z", "0".."9", "F1".."F24" or
	// "Space".
	Key string
}

// modNames are the accepted names of each modifier, the canonical first.
var modNames = []struct {
	mod   Modifiers
	names []string
}{
	{Ctrl, []string{"Ctrl", "Control"}},
	{Alt, []string{"Alt", "Option"}},
	{Shift, []string{"Shift"}},
	{Super, []string{"Super", "Win", "Meta", "Cmd", "Command"}},
}

// Parse reads a shortcut such as "Ctrl+Alt+J": modifiers and one key,
// joined by "+", in any case, spaces ignored. A letter, digit or Space
// needs Ctrl, Alt or Super (Shift alone would steal typing); a function
// key may stand alone.
func Parse(s string) (Shortcut, error) {
	var sc Shortcut
	if strings.TrimSpace(s) == "" {
		return sc, errors.New("shortcut: empty")
	}
	parts := strings.Split(s, "+")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			return sc, fmt.Errorf("shortcut %q: a part is empty", s)
		}
		if m, ok := modifier(p); ok {
			if sc.Mods&m != 0 {
				return sc, fmt.Errorf("shortcut %q: %s twice", s, p)
			}
			sc.Mods |= m
			continue
		}
		if i != len(parts)-1 {
			return sc, fmt.Errorf("shortcut %q: %q is not a modifier (Ctrl, Alt, Shift, Super)", s, p)
		}
		k, ok := keyName(p)
		if !ok {
			return sc, fmt.Errorf("shortcut %q: unknown key %q (a letter, a digit, F1 to F24 or Space)", s, p)
		}
		sc.Key = k
	}
	if sc.Key == "" {
		return sc, fmt.Errorf("shortcut %q: no key, only modifiers", s)
	}
	if !strings.HasPrefix(sc.Key, "F") || len(sc.Key) == 1 {
		if sc.Mods&(Ctrl|Alt|Super) == 0 {
			return sc, fmt.Errorf("shortcut %q: needs Ctrl, Alt or Super", s)
		}
	}
	return sc, nil
}

func modifier(p string) (Modifiers, bool) {
	for _, m := range modNames {
		for _, n := range m.names {
			if strings.EqualFold(p, n) {
				return m.mod, true
			}
		}
	}
	return 0, false
}

// keyName returns the canonical name of a key, if known.
func keyName(p string) (string, bool) {
	u := strings.ToUpper(p)
	switch {
	case len(u) == 1 && (u[0] >= 'A' && u[0] <= 'Z' || u[0] >= '0' && u[0] <= '9'):
		return u, true
	case u == "SPACE":
		return "Space", true
	case len(u) >= 2 && u[0] == 'F':
		var n int
		if _, err := fmt.Sscanf(u[1:], "%d", &n); err == nil && n >= 1 && n <= 24 && fmt.Sprint(n) == u[1:] {
			return u, true
		}
	}
	return "", false
}

// String writes sc canonically: "Ctrl+Alt+Shift+Super+Key".
func (sc Shortcut) String() string {
	var b strings.Builder
	for _, m := range modNames {
		if sc.Mods&m.mod != 0 {
			b.WriteString(m.names[0])
			b.WriteByte('+')
		}
	}
	b.WriteString(sc.Key)
	return b.String()
}
