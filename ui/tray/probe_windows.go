package tray

import (
	"context"
	"fmt"
	"runtime"
	"syscall"
	"unsafe"

	ole "github.com/go-ole/go-ole"
	"golang.org/x/sys/windows"
)

// Probe is the result of checking one desktop service.
type Probe struct {
	OK     bool
	Detail string
	Fix    string
}

var procFindWindow = windows.NewLazySystemDLL("user32.dll").NewProc("FindWindowW")

// ProbeTrayHost looks for the shell's taskbar window (Shell_TrayWnd), which
// hosts the notification area the tray icon goes into. Without a shell
// (Explorer not running, a kiosk shell) there is nowhere for the icon.
func ProbeTrayHost(ctx context.Context) Probe {
	class, _ := windows.UTF16PtrFromString("Shell_TrayWnd")
	if h, _, _ := procFindWindow.Call(uintptr(unsafe.Pointer(class)), 0); h == 0 {
		return Probe{Detail: "no taskbar (Shell_TrayWnd window): the tray icon has nowhere to go",
			Fix: "sign in to a desktop with Windows Explorer as its shell"}
	}
	return Probe{OK: true, Detail: "the taskbar's notification area (Shell_TrayWnd) is there"}
}

// The Windows Runtime interfaces the probe calls, by their IIDs and vtable
// slots (after IInspectable's six).
var iidToastNotificationManagerStatics = ole.NewGUID("{50AC103F-D235-4598-BBEF-98FE4D1A3AD4}")

const (
	slotCreateToastNotifierWithID = 7 // IToastNotificationManagerStatics
	slotGetSetting                = 8 // IToastNotifier
)

// notificationSetting is Windows.UI.Notifications.NotificationSetting.
var notificationSetting = map[uint32]string{
	1: "turned off for Interview Tray (Settings > System > Notifications)",
	2: "turned off for this user (Settings > System > Notifications)",
	3: "turned off by group policy",
	4: "turned off by the app's manifest",
}

// ProbeNotifications creates a toast notifier for the app's
// AppUserModelID, as showing a toast does, and asks it whether toasts are
// allowed.
func ProbeNotifications(ctx context.Context) Probe {
	fail := func(err error) Probe {
		if e, ok := err.(*ole.OleError); ok {
			err = fmt.Errorf("HRESULT %#08x", uint32(e.Code()))
		}
		return Probe{Detail: fmt.Sprintf("no toast notifier for %s: %v", AppUserModelID, err),
			Fix: "Windows 10 or later is needed for notifications; start the agent once so that it registers the app"}
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := ole.RoInitialize(1); err != nil {
		if e, ok := err.(*ole.OleError); !ok || e.Code() != 1 {
			return fail(err)
		}
	}
	mgr, err := ole.RoGetActivationFactory("Windows.UI.Notifications.ToastNotificationManager", iidToastNotificationManagerStatics)
	if err != nil {
		return fail(err)
	}
	defer mgr.Release()
	id, err := ole.NewHString(AppUserModelID)
	if err != nil {
		return fail(err)
	}
	defer ole.DeleteHString(id)
	var notifier *ole.IInspectable
	if hr := vcall(unsafe.Pointer(mgr), slotCreateToastNotifierWithID, uintptr(id), uintptr(unsafe.Pointer(&notifier))); hr != 0 || notifier == nil {
		return fail(ole.NewError(hr))
	}
	defer notifier.Release()
	var setting uint32
	if hr := vcall(unsafe.Pointer(notifier), slotGetSetting, uintptr(unsafe.Pointer(&setting))); hr != 0 {
		return fail(ole.NewError(hr))
	}
	if why, off := notificationSetting[setting]; off {
		return Probe{Detail: "toasts are " + why, Fix: "turn notifications on for Interview Tray in Settings > System > Notifications"}
	}
	return Probe{OK: true, Detail: "a toast notifier for " + AppUserModelID + " can be created and toasts are allowed"}
}

// vcall calls method slot of the COM object obj.
func vcall(obj unsafe.Pointer, slot int, args ...uintptr) uintptr {
	vtbl := *(*unsafe.Pointer)(obj)
	fn := *(*uintptr)(unsafe.Add(vtbl, slot*int(unsafe.Sizeof(uintptr(0)))))
	hr, _, _ := syscall.SyscallN(fn, append([]uintptr{uintptr(obj)}, args...)...)
	return hr
}
