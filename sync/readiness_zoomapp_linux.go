//go:build linux

package sync

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
)

// SystemZoomApp returns the platform's ZoomAppFinder. On Linux it asks
// `xdg-mime query default x-scheme-handler/zoommtg` (the desktop's
// handler for zoommtg: links; the Zoom package registers Zoom.desktop);
// on macOS it looks for zoom.us.app, on Windows in the registry.
func SystemZoomApp() ZoomAppFinder { return xdgZoomApp{run: runOutput} }

// xdgZoomApp asks xdg-mime; run runs a command and returns its output.
type xdgZoomApp struct {
	run func(ctx context.Context, name string, args ...string) ([]byte, error)
}

func runOutput(ctx context.Context, name string, args ...string) ([]byte, error) {
	return exec.CommandContext(ctx, name, args...).Output()
}

func (x xdgZoomApp) ZoomApp(ctx context.Context) (string, error) {
	out, err := x.run(ctx, "xdg-mime", "query", "default", "x-scheme-handler/zoommtg")
	if err != nil {
		return AppUnknown, fmt.Errorf("xdg-mime query default x-scheme-handler/zoommtg: %w", err)
	}
	if strings.TrimSpace(string(out)) == "" {
		return AppMissing, nil
	}
	return AppInstalled, nil
}
