//go:build !linux && !darwin && !windows

package sync

import "context"

// SystemZoomApp returns the platform's ZoomAppFinder: AppUnknown here (no
// Zoom app line is shown).
func SystemZoomApp() ZoomAppFinder { return unknownZoomApp{} }

type unknownZoomApp struct{}

func (unknownZoomApp) ZoomApp(context.Context) (string, error) { return AppUnknown, nil }
