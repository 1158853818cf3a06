//go:build !linux

package hotkey

import "runtime"

// System returns the backend for this desktop: not available here yet
// (macOS would use Carbon's RegisterEventHotKey, Windows RegisterHotKey).
func System() Backend { return Unavailable(runtime.GOOS) }
