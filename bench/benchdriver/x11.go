//go:build linux

package main

/*
#cgo pkg-config: x11
#include <stdlib.h>
#include <X11/Xlib.h>
#include <X11/Xatom.h>
#include <X11/Xutil.h>

// A window that disappears between two calls makes Xlib report an error;
// the default handler would end the process.
static int ignoreErrors(Display *d, XErrorEvent *e) { (void)d; (void)e; return 0; }
static void installHandler(void) { XSetErrorHandler(ignoreErrors); }

// findWindow returns a viewable top-level window whose _NET_WM_PID is pid
// (GLFW sets it on every window it creates), or 0.
static Window findWindow(Display *d, unsigned long pid) {
	Atom pidAtom = XInternAtom(d, "_NET_WM_PID", True);
	if (pidAtom == None) return 0;
	Window root = DefaultRootWindow(d), r, p, *kids = NULL;
	unsigned int n = 0;
	if (!XQueryTree(d, root, &r, &p, &kids, &n)) return 0;
	Window found = 0;
	for (unsigned int i = 0; i < n && !found; i++) {
		Atom type;
		int format;
		unsigned long items, after;
		unsigned char *prop = NULL;
		if (XGetWindowProperty(d, kids[i], pidAtom, 0, 1, False, XA_CARDINAL,
				&type, &format, &items, &after, &prop) == Success && prop != NULL) {
			if (items == 1 && format == 32 && *(unsigned long *)prop == pid) {
				XWindowAttributes a;
				if (XGetWindowAttributes(d, kids[i], &a) && a.map_state == IsViewable) found = kids[i];
			}
			XFree(prop);
		}
	}
	if (kids) XFree(kids);
	return found;
}

// distinctColors returns how many distinct colours the window shows, up
// to limit, or -1 when it cannot be read.
static int distinctColors(Display *d, Window w, int limit) {
	XWindowAttributes a;
	if (!XGetWindowAttributes(d, w, &a) || a.map_state != IsViewable) return -1;
	XImage *img = XGetImage(d, w, 0, 0, a.width, a.height, AllPlanes, ZPixmap);
	if (img == NULL) return -1;
	unsigned long seen[256];
	int n = 0;
	for (int y = 0; y < img->height && n < limit; y++) {
		for (int x = 0; x < img->width && n < limit; x++) {
			unsigned long px = XGetPixel(img, x, y);
			int known = 0;
			for (int i = 0; i < n; i++) {
				if (seen[i] == px) { known = 1; break; }
			}
			if (!known && n < 256) seen[n++] = px;
		}
	}
	XDestroyImage(img);
	return n;
}
*/
import "C"

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"time"
	"unsafe"
)

// paintedColors is how many distinct colours make a window count as
// painted. Before its first frame a newly mapped window shows what was
// beneath it (Xvfb's root weave: two colours, or black); a Fyne frame with
// any text shows dozens (antialiasing).
const paintedColors = 8

// frameTimes is what the display showed of one window process.
type frameTimes struct {
	Mapped  time.Duration // from start until a viewable window of the process existed
	Painted time.Duration // from start until that window showed a frame
}

// display is a connection to the X server of $DISPLAY, used from one
// goroutine at a time.
type display struct{ d *C.Display }

func openDisplay() (*display, error) {
	name := os.Getenv("DISPLAY")
	if name == "" {
		return nil, errors.New("DISPLAY is not set")
	}
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	d := C.XOpenDisplay(cname)
	if d == nil {
		return nil, fmt.Errorf("cannot open display %s", name)
	}
	C.installHandler()
	return &display{d: d}, nil
}

func (x *display) Close() { C.XCloseDisplay(x.d) }

// waitFrame polls the display every interval until a window of process pid
// is mapped and painted, measuring both from start. exited reports the
// process's end, which stops the wait.
func (x *display) waitFrame(pid int, start time.Time, interval, timeout time.Duration, exited <-chan struct{}) (frameTimes, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var ft frameTimes
	var win C.Window
	deadline := start.Add(timeout)
	for {
		now := time.Now()
		if win == 0 {
			win = C.findWindow(x.d, C.ulong(pid))
			if win != 0 {
				ft.Mapped = time.Since(start)
			}
		}
		if win != 0 {
			n := C.distinctColors(x.d, win, paintedColors)
			if n < 0 { // gone or unmapped again: look for it anew
				win = 0
			} else if n >= paintedColors {
				ft.Painted = time.Since(start)
				return ft, nil
			}
		}
		if now.After(deadline) {
			return ft, fmt.Errorf("no painted window of process %d within %v (mapped: %t)", pid, timeout, ft.Mapped > 0)
		}
		select {
		case <-exited:
			return ft, fmt.Errorf("process %d exited before its window was painted", pid)
		case <-time.After(interval):
		}
	}
}
