//go:build windows

package sync

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/sys/windows/registry"
)

// SystemZoomApp returns the platform's ZoomAppFinder. On Windows it looks
// for the zoommtg: handler Zoom registers, HKEY_CLASSES_ROOT\zoommtg\shell\
// open\command (per machine or per user, which CLASSES_ROOT merges); on
// Linux it asks xdg-mime; on macOS it looks for zoom.us.app.
func SystemZoomApp() ZoomAppFinder { return registryZoomApp{} }

type registryZoomApp struct{}

func (registryZoomApp) ZoomApp(context.Context) (string, error) {
	k, err := registry.OpenKey(registry.CLASSES_ROOT, `zoommtg\shell\open\command`, registry.QUERY_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return AppMissing, nil
	}
	if err != nil {
		return AppUnknown, fmt.Errorf("read the zoommtg: handler: %w", err)
	}
	defer k.Close()
	if cmd, _, err := k.GetStringValue(""); err != nil || cmd == "" {
		return AppMissing, nil
	}
	return AppInstalled, nil
}
