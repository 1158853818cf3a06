package clipboard

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	user32           = windows.NewLazySystemDLL("user32.dll")
	kernel32         = windows.NewLazySystemDLL("kernel32.dll")
	openClipboard    = user32.NewProc("OpenClipboard")
	closeClipboard   = user32.NewProc("CloseClipboard")
	emptyClipboard   = user32.NewProc("EmptyClipboard")
	setClipboardData = user32.NewProc("SetClipboardData")
	getClipboardData = user32.NewProc("GetClipboardData")
	globalAlloc      = kernel32.NewProc("GlobalAlloc")
	globalFree       = kernel32.NewProc("GlobalFree")
	globalLock       = kernel32.NewProc("GlobalLock")
	globalUnlock     = kernel32.NewProc("GlobalUnlock")
)

const (
	cfUnicodeText = 13
	gmemMoveable  = 0x0002
)

// writeSystem puts text on the Windows clipboard as CF_UNICODETEXT. Another
// program may hold the clipboard open for a moment: opening it is retried
// until ctx (or the package timeout) ends.
func writeSystem(ctx context.Context, text string) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	u, err := windows.UTF16FromString(text)
	if err != nil {
		return fmt.Errorf("clipboard: the text has a NUL character")
	}
	// The clipboard is opened by a thread: all of it on this one.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := open(ctx); err != nil {
		return err
	}
	defer closeClipboard.Call()
	if r, _, err := emptyClipboard.Call(); r == 0 {
		return fmt.Errorf("clipboard: EmptyClipboard: %w", err)
	}
	size := uintptr(len(u)) * 2
	h, _, err := globalAlloc.Call(gmemMoveable, size)
	if h == 0 {
		return fmt.Errorf("clipboard: GlobalAlloc: %w", err)
	}
	p, _, err := globalLock.Call(h)
	if p == 0 {
		globalFree.Call(h)
		return fmt.Errorf("clipboard: GlobalLock: %w", err)
	}
	copy(unsafe.Slice((*uint16)(memory(p)), len(u)), u)
	globalUnlock.Call(h)
	if r, _, err := setClipboardData.Call(cfUnicodeText, h); r == 0 {
		globalFree.Call(h) // not taken: still ours to free
		return fmt.Errorf("clipboard: SetClipboardData: %w", err)
	}
	return nil // the clipboard owns h now
}

// open opens the clipboard, retrying while another program has it.
func open(ctx context.Context) error {
	for {
		r, _, err := openClipboard.Call(0)
		if r != 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("clipboard: another program keeps the clipboard open: %w", errors.Join(err, ctx.Err()))
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// read returns the clipboard's text (tests).
func read() (string, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := open(ctx); err != nil {
		return "", err
	}
	defer closeClipboard.Call()
	h, _, err := getClipboardData.Call(cfUnicodeText)
	if h == 0 {
		return "", fmt.Errorf("clipboard: GetClipboardData: %w", err)
	}
	p, _, err := globalLock.Call(h)
	if p == 0 {
		return "", fmt.Errorf("clipboard: GlobalLock: %w", err)
	}
	defer globalUnlock.Call(h)
	return windows.UTF16PtrToString((*uint16)(memory(p))), nil
}

// memory is the memory GlobalLock returned: a global handle's memory, never
// the Go heap's, so the garbage collector need not know it.
func memory(p uintptr) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&p)) }
