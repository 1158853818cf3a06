//go:build linux

package hotkey

import (
	"errors"
	"fmt"
	"io"
	"log"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// X11 grabs shortcuts on an X display with XGrabKey on the root window.
// Each grab has a connection of its own, so closing it cannot disturb
// another.
type X11 struct {
	display string
}

// NewX11 returns the X11 backend for display (":0"; "" means $DISPLAY).
func NewX11(display string) *X11 {
	quietXGB.Do(func() { xgb.Logger = log.New(io.Discard, "", 0) }) // it logs to stderr, e.g. a missing ~/.Xauthority
	return &X11{display: display}
}

var quietXGB sync.Once

// ignoredMods are the lock modifiers a press may carry: Caps Lock and Num
// Lock (Mod2 on every common keymap). Each grab is made with each
// combination of them.
var ignoredMods = []uint16{0, xproto.ModMaskLock, xproto.ModMask2, xproto.ModMaskLock | xproto.ModMask2}

// xMods maps modifiers to X's modifier masks (Alt is Mod1 and Super Mod4
// on every common keymap).
func xMods(m Modifiers) uint16 {
	var x uint16
	if m&Ctrl != 0 {
		x |= xproto.ModMaskControl
	}
	if m&Alt != 0 {
		x |= xproto.ModMask1
	}
	if m&Shift != 0 {
		x |= xproto.ModMaskShift
	}
	if m&Super != 0 {
		x |= xproto.ModMask4
	}
	return x
}

// keysym returns the X keysym of a canonical key name.
func keysym(key string) (xproto.Keysym, bool) {
	switch {
	case len(key) == 1 && key[0] >= 'A' && key[0] <= 'Z':
		return xproto.Keysym(key[0] - 'A' + 'a'), true // XK_a..XK_z
	case len(key) == 1 && key[0] >= '0' && key[0] <= '9':
		return xproto.Keysym(key[0]), true // XK_0..XK_9
	case key == "Space":
		return 0x20, true // XK_space
	case len(key) > 1 && key[0] == 'F':
		if n, err := strconv.Atoi(key[1:]); err == nil && n >= 1 && n <= 24 {
			return xproto.Keysym(0xffbe + n - 1), true // XK_F1..
		}
	}
	return 0, false
}

// Grab connects to the display, finds the key's keycode and grabs it on
// the root window. pressed is called from the connection's event
// goroutine.
func (x *X11) Grab(sc Shortcut, pressed func()) (io.Closer, error) {
	sym, ok := keysym(sc.Key)
	if !ok {
		return nil, fmt.Errorf("grab %s: no X keysym for %q", sc, sc.Key)
	}
	conn, err := connect(x.display)
	if err != nil {
		return nil, fmt.Errorf("grab %s: connect to the X display: %w", sc, err)
	}
	g := &x11Grab{conn: conn, mods: xMods(sc.Mods), done: make(chan struct{})}
	g.root = xproto.Setup(conn).DefaultScreen(conn).Root
	g.code, err = keycode(conn, sym)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("grab %s: %w", sc, err)
	}
	for _, ig := range ignoredMods {
		err := xproto.GrabKeyChecked(conn, true, g.root, g.mods|ig, g.code, xproto.GrabModeAsync, xproto.GrabModeAsync).Check()
		if err != nil {
			conn.Close()
			var access xproto.AccessError
			if errors.As(err, &access) {
				return nil, fmt.Errorf("grab %s: another application already uses it", sc)
			}
			return nil, fmt.Errorf("grab %s: %v", sc, err)
		}
	}
	go g.loop(pressed)
	return g, nil
}

// connect connects to display. An X server that lost its last client
// resets and refuses connections for a moment (seen on Xvfb); connect
// tries again for up to a second.
func connect(display string) (*xgb.Conn, error) {
	var err error
	for range 10 {
		var conn *xgb.Conn
		if conn, err = xgb.NewConnDisplay(display); err == nil {
			return conn, nil
		}
		if !errors.Is(err, io.EOF) && !errors.Is(err, syscall.EPIPE) && !errors.Is(err, syscall.ECONNRESET) {
			return nil, err
		}
		time.Sleep(100 * time.Millisecond)
	}
	return nil, err
}

// keycode returns the first keycode whose keysyms include sym.
func keycode(conn *xgb.Conn, sym xproto.Keysym) (xproto.Keycode, error) {
	setup := xproto.Setup(conn)
	first, last := setup.MinKeycode, setup.MaxKeycode
	m, err := xproto.GetKeyboardMapping(conn, first, byte(last-first+1)).Reply()
	if err != nil {
		return 0, fmt.Errorf("read the keyboard mapping: %w", err)
	}
	per := int(m.KeysymsPerKeycode)
	for i := 0; per > 0 && i*per < len(m.Keysyms); i++ {
		for _, s := range m.Keysyms[i*per : min((i+1)*per, len(m.Keysyms))] {
			if s == sym {
				return first + xproto.Keycode(i), nil
			}
		}
	}
	return 0, fmt.Errorf("no key on this keyboard types keysym %#x", uint32(sym))
}

type x11Grab struct {
	conn   *xgb.Conn
	root   xproto.Window
	mods   uint16
	code   xproto.Keycode
	once   sync.Once
	closed atomic.Bool
	done   chan struct{} // closed when loop returns
}

// loop reads events until the connection closes, and calls pressed on
// each press of the key with exactly the grab's modifiers (Caps Lock and
// Num Lock aside). Holding the key down repeats the press; the Service
// folds those.
func (g *x11Grab) loop(pressed func()) {
	defer close(g.done)
	for {
		ev, err := g.conn.WaitForEvent()
		if ev == nil && err == nil {
			return // closed
		}
		if kp, ok := ev.(xproto.KeyPressEvent); ok && !g.closed.Load() && kp.Detail == g.code && kp.State&^(xproto.ModMaskLock|xproto.ModMask2) == g.mods {
			pressed()
		}
	}
}

// Close ungrabs the key and closes the connection; no press is reported
// after it returns. It does not wait for the event goroutine (which may be
// in pressed), which ends once the connection is closed.
func (g *x11Grab) Close() error {
	g.once.Do(func() {
		g.closed.Store(true)
		for _, ig := range ignoredMods {
			xproto.UngrabKey(g.conn, g.code, g.root, g.mods|ig)
		}
		_, _ = xproto.GetInputFocus(g.conn).Reply() // flushes the ungrabs
		g.conn.Close()
	})
	return nil
}
