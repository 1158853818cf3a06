//go:build !linux

package sync

import "context"

// SystemZoomApp returns the platform's ZoomAppFinder. On Linux it asks
// xdg-mime; here (macOS, Windows) it says AppUnknown: Launch Services and
// the registry are not asked yet, so no Zoom app line is shown.
func SystemZoomApp() ZoomAppFinder { return unknownZoomApp{} }

type unknownZoomApp struct{}

func (unknownZoomApp) ZoomApp(context.Context) (string, error) { return AppUnknown, nil }
