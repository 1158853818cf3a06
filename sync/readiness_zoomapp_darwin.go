//go:build darwin

package sync

import "os"

// SystemZoomApp returns the platform's ZoomAppFinder. On macOS it looks
// for zoom.us.app in /Applications and ~/Applications; on Linux it asks
// xdg-mime; on Windows the registry (HKEY_CLASSES_ROOT\zoommtg).
func SystemZoomApp() ZoomAppFinder {
	home, _ := os.UserHomeDir()
	return bundleZoomApp{home: home, exists: pathExists}
}
