package agent

import (
	"strings"

	"golang.org/x/sys/windows/registry"
)

// zoomHandlerRegistered reports whether an application is registered for
// zoommtg: links: the Zoom app's installer registers itself for the user
// or for the machine (HKEY_CLASSES_ROOT merges the two on Windows; Wine
// does not, so both are asked).
func zoomHandlerRegistered() bool {
	for _, root := range []registry.Key{registry.CURRENT_USER, registry.LOCAL_MACHINE} {
		k, err := registry.OpenKey(root, `Software\Classes\zoommtg\shell\open\command`, registry.QUERY_VALUE)
		if err != nil {
			continue
		}
		cmd, _, err := k.GetStringValue("")
		k.Close()
		if err == nil && strings.TrimSpace(cmd) != "" {
			return true
		}
	}
	return false
}
