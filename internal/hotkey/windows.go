//go:build windows

package hotkey

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Windows registers shortcuts with RegisterHotKey, each on an OS thread of
// its own that runs the message loop WM_HOTKEY arrives on.
type Windows struct{}

// NewWindows returns the Windows backend.
func NewWindows() *Windows { return &Windows{} }

// Name says which backend this is (Settings shows it).
func (*Windows) Name() string { return "Windows" }

var (
	user32               = windows.NewLazySystemDLL("user32.dll")
	procRegisterHotKey   = user32.NewProc("RegisterHotKey")
	procUnregisterHotKey = user32.NewProc("UnregisterHotKey")
	procGetMessageW      = user32.NewProc("GetMessageW")
	procPostThreadMsgW   = user32.NewProc("PostThreadMessageW")
	procPeekMessageW     = user32.NewProc("PeekMessageW")
)

// Win32 constants.
const (
	modAlt      = 0x0001
	modControl  = 0x0002
	modShift    = 0x0004
	modWin      = 0x0008
	modNoRepeat = 0x4000 // holding the keys down sends one WM_HOTKEY
	wmHotkey    = 0x0312
	wmQuit      = 0x0012
	hotkeyID    = 1
	pmNoRemove  = 0x0000
)

// msg is Win32's MSG.
type msg struct {
	hwnd    uintptr
	message uint32
	wParam  uintptr
	lParam  uintptr
	time    uint32
	pt      struct{ x, y int32 }
	private uint32
}

// vk returns the virtual-key code of a canonical key name.
func vk(key string) (uintptr, bool) {
	switch {
	case len(key) == 1 && (key[0] >= 'A' && key[0] <= 'Z' || key[0] >= '0' && key[0] <= '9'):
		return uintptr(key[0]), true // VK_A.. and VK_0.. are the ASCII codes
	case key == "Space":
		return 0x20, true
	case len(key) > 1 && key[0] == 'F':
		var n int
		if _, err := fmt.Sscanf(key[1:], "%d", &n); err == nil && n >= 1 && n <= 24 {
			return uintptr(0x70 + n - 1), true // VK_F1..VK_F24
		}
	}
	return 0, false
}

func winMods(m Modifiers) uintptr {
	x := uintptr(modNoRepeat)
	if m&Ctrl != 0 {
		x |= modControl
	}
	if m&Alt != 0 {
		x |= modAlt
	}
	if m&Shift != 0 {
		x |= modShift
	}
	if m&Super != 0 {
		x |= modWin
	}
	return x
}

// Grab registers sc on a new locked OS thread and runs its message loop.
func (*Windows) Grab(sc Shortcut, pressed func()) (io.Closer, error) {
	code, ok := vk(sc.Key)
	if !ok {
		return nil, fmt.Errorf("grab %s: no virtual-key code for %q", sc, sc.Key)
	}
	if err := procRegisterHotKey.Find(); err != nil {
		return nil, fmt.Errorf("grab %s: %w", sc, err)
	}
	g := &winGrab{done: make(chan struct{})}
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // the hot key and its messages belong to this thread
		defer runtime.UnlockOSThread()
		defer close(g.done)
		g.thread.Store(windows.GetCurrentThreadId())
		if r, _, err := procRegisterHotKey.Call(0, hotkeyID, winMods(sc.Mods), code); r == 0 {
			if errors.Is(err, windows.ERROR_HOTKEY_ALREADY_REGISTERED) {
				started <- fmt.Errorf("grab %s: another application already uses it", sc)
			} else {
				started <- fmt.Errorf("grab %s: RegisterHotKey: %w", sc, err)
			}
			return
		}
		defer procUnregisterHotKey.Call(0, hotkeyID)
		var m msg
		// Make sure the thread has its message queue before Close can
		// post WM_QUIT to it.
		procPeekMessageW.Call(uintptr(unsafe.Pointer(&m)), 0, 0, 0, pmNoRemove)
		started <- nil
		for {
			r, _, _ := procGetMessageW.Call(uintptr(unsafe.Pointer(&m)), 0, 0, 0)
			if int32(r) <= 0 { // WM_QUIT, or an error
				return
			}
			if m.message == wmHotkey && m.wParam == hotkeyID && !g.closed.Load() {
				pressed()
			}
		}
	}()
	if err := <-started; err != nil {
		return nil, err
	}
	return g, nil
}

type winGrab struct {
	thread atomic.Uint32
	closed atomic.Bool
	once   sync.Once
	done   chan struct{}
}

// Close ends the message loop, which unregisters the hot key; no press is
// reported after it returns.
func (g *winGrab) Close() error {
	g.once.Do(func() {
		g.closed.Store(true)
		procPostThreadMsgW.Call(uintptr(g.thread.Load()), wmQuit, 0, 0)
	})
	return nil
}
