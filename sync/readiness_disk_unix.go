//go:build linux || darwin

package sync

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// freeBytes is statfs's blocks available to unprivileged users times the
// block size.
func freeBytes(dir string) (uint64, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return 0, fmt.Errorf("free space of %s: %w", dir, err)
	}
	return uint64(st.Bavail) * uint64(st.Bsize), nil
}
