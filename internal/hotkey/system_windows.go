//go:build windows

package hotkey

// System returns the Windows backend (RegisterHotKey).
func System() Backend { return NewWindows() }
