//go:build !linux && !darwin && !windows

package sync

import "errors"

func freeBytes(string) (uint64, error) {
	return 0, errors.New("free space: not measured on this platform")
}
