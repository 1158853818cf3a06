//go:build !linux && !windows

package hotkey

import "runtime"

// System returns the backend for this desktop: not available here yet
// (macOS would use Carbon's RegisterEventHotKey, which needs cgo).
func System() Backend { return Unavailable(runtime.GOOS) }
