// Package userdirs finds the user's folders that the app reads but does not
// own: the Documents folder, and the Zoom app's default recording folder in
// it.
package userdirs

import "path/filepath"

// ZoomRecordings is the Zoom app's default folder for local recordings:
// Zoom in the user's Documents folder. Empty when there is no such folder.
func ZoomRecordings() string {
	docs, err := Documents()
	if err != nil || docs == "" {
		return ""
	}
	return filepath.Join(docs, "Zoom")
}
