package agent

import (
	"testing"

	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/registry"
)

func TestZoomAppInstalledAsksTheRegistry(t *testing.T) {
	// Given no handler for zoommtg: links, the Zoom app is not installed;
	// once one is registered for the user (as the Zoom installer does), it is.
	if windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() != nil {
		t.Skip("registers a zoommtg: handler: only in Wine's throw-away prefix")
	}
	const key = `Software\Classes\zoommtg`
	if zoomAppInstalled(t.Context()) {
		t.Fatal("installed before any handler is registered")
	}
	k, _, err := registry.CreateKey(registry.CURRENT_USER, key+`\shell\open\command`, registry.SET_VALUE)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, sub := range []string{`\shell\open\command`, `\shell\open`, `\shell`, ``} {
			registry.DeleteKey(registry.CURRENT_USER, key+sub)
		}
	})
	k.SetStringValue("", `"C:\Users\maya\AppData\Roaming\Zoom\bin\Zoom.exe" "--url=%1"`)
	k.Close()
	if !zoomAppInstalled(t.Context()) {
		t.Error("not installed with a zoommtg: handler registered")
	}
}
