package sync

import (
	"context"
	"os"
	"path/filepath"
)

// bundleZoomApp finds the Zoom app on macOS by its bundle: Zoom installs
// zoom.us.app in /Applications, or in ~/Applications for one user, and
// registers zoommtg: with Launch Services from it. (Asking Launch Services
// itself, LSCopyDefaultHandlerForURLScheme, needs cgo.) exists reports
// whether a path exists; home is the user's home folder.
type bundleZoomApp struct {
	home   string
	exists func(string) bool
}

func (b bundleZoomApp) ZoomApp(context.Context) (string, error) {
	dirs := []string{"/Applications"}
	if b.home != "" {
		dirs = append(dirs, filepath.Join(b.home, "Applications"))
	}
	for _, d := range dirs {
		if b.exists(filepath.Join(d, "zoom.us.app")) {
			return AppInstalled, nil
		}
	}
	return AppMissing, nil
}

// pathExists reports whether p exists (a folder or a file).
func pathExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
