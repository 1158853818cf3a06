//go:build linux || freebsd || openbsd || netbsd

package window

import "syscall"

// processRuns reports whether a process with this ID exists (one of
// another user counts too: its folder is not ours to remove).
func processRuns(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || err == syscall.EPERM
}
