//go:build unix

package calendar

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user + system) this process has used, for
// the benchmarks' cpu-ms/op: on a shared machine wall time also counts
// the other processes' turns.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
