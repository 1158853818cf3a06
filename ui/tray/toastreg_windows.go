package tray

import (
	"fmt"
	"unsafe"

	"git.sr.ht/~jackmordaunt/go-toast/v2/wintoast"
	ole "github.com/go-ole/go-ole"
	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/registry"
)

// The app's own identity for toasts. go-toast registers its COM activator
// under a CLSID of its own that every go-toast app shares, worked out at
// package init, and writes the executable's path only if none is there yet
// (so the first go-toast program that ever ran wins). Here the registry is
// written by the app itself, under its own AppUserModelID and CLSID, with
// the path of the executable running now, at every start of the agent; and
// the COM class that receives a click is registered under that CLSID
// before any toast is shown, so that Windows can hand a click to a running
// agent, or start the agent (LocalServer32) to take it.
const (
	// AppUserModelID names the app to the shell: its toasts, the
	// notification settings entry, the taskbar grouping.
	AppUserModelID = "InterviewTray.InterviewTray"
	// appGUID is the CLSID of the app's toast activator.
	appGUID = "{8F3C1B7E-4A2D-4E55-9C61-2B7D0E6A9F14}"
	// ToastActivatedArg is what Windows passes to the executable it starts
	// for a click on a toast while no agent runs (cmd/interviewtray drops
	// it and starts the agent, which receives the click through COM).
	ToastActivatedArg = "-ToastActivated"
)

// toastRegistry is where the registration goes, below HKEY_CURRENT_USER
// (per user: no administrator rights needed). Tests point it elsewhere.
var toastRegistry = `Software\Classes`

// registerToastApp writes the app's AppUserModelID entry (display name,
// icon, its activator's CLSID) and the activator's LocalServer32, the
// command Windows runs to start the app for a click.
func registerToastApp(root, exe, displayName, icon string) error {
	set := func(path, name, value string) error {
		k, _, err := registry.CreateKey(registry.CURRENT_USER, path, registry.SET_VALUE)
		if err != nil {
			return fmt.Errorf("registry %s: %w", path, err)
		}
		defer k.Close()
		if err := k.SetStringValue(name, value); err != nil {
			return fmt.Errorf("registry %s\\%s: %w", path, name, err)
		}
		return nil
	}
	app := root + `\AppUserModelId\` + AppUserModelID
	if err := set(app, "DisplayName", displayName); err != nil {
		return err
	}
	if err := set(app, "CustomActivator", appGUID); err != nil {
		return err
	}
	if icon != "" {
		if err := set(app, "IconUri", icon); err != nil {
			return err
		}
	}
	return set(root+`\CLSID\`+appGUID+`\LocalServer32`, "", `"`+exe+`" `+ToastActivatedArg)
}

var (
	procCoRegisterClassObject          = windows.NewLazySystemDLL("ole32.dll").NewProc("CoRegisterClassObject")
	procCoRevokeClassObject            = windows.NewLazySystemDLL("ole32.dll").NewProc("CoRevokeClassObject")
	procSetCurrentProcessExplicitAppID = windows.NewLazySystemDLL("shell32.dll").NewProc("SetCurrentProcessExplicitAppUserModelID")
)

// registerActivator points go-toast at the app's CLSID and registers its
// activation class under it in this process, so that a click reaches this
// process even before it has shown a toast (the agent started by Windows
// for a click). The returned func revokes the registration: before the
// process exits, or COM releases the class (a Go callback) while the Go
// runtime is exiting (Wine does, and the process crashes).
func registerActivator() (revoke func(), err error) {
	wintoast.GUID_ImplNotificationActivationCallback = ole.NewGUID(appGUID)
	if err := ole.RoInitialize(1); err != nil {
		// S_FALSE (already initialised here) is no failure.
		if e, ok := err.(*ole.OleError); !ok || e.Code() != 1 {
			return nil, fmt.Errorf("RoInitialize: %w", err)
		}
	}
	var cookie uint32
	hr, _, _ := procCoRegisterClassObject.Call(
		uintptr(unsafe.Pointer(wintoast.GUID_ImplNotificationActivationCallback)),
		uintptr(unsafe.Pointer(wintoast.ClassFactory)),
		uintptr(ole.CLSCTX_LOCAL_SERVER),
		1, // REGCLS_MULTIPLEUSE
		uintptr(unsafe.Pointer(&cookie)))
	if hr != 0 {
		return nil, fmt.Errorf("CoRegisterClassObject: %w", ole.NewError(hr))
	}
	return func() { procCoRevokeClassObject.Call(uintptr(cookie)) }, nil
}

// setProcessAppID makes the shell group this process's windows and toasts
// under the app's AppUserModelID.
func setProcessAppID() error {
	id, err := windows.UTF16PtrFromString(AppUserModelID)
	if err != nil {
		return err
	}
	if procSetCurrentProcessExplicitAppID.Find() != nil {
		return nil
	}
	if hr, _, _ := procSetCurrentProcessExplicitAppID.Call(uintptr(unsafe.Pointer(id))); hr != 0 {
		return fmt.Errorf("SetCurrentProcessExplicitAppUserModelID: %w", ole.NewError(hr))
	}
	return nil
}
