//go:build !windows

package applog

import "syscall"

// Flags for opening the log file: never through a symlink, never blocking.
const (
	noFollow = syscall.O_NOFOLLOW
	nonBlock = syscall.O_NONBLOCK
)
