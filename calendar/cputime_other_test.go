//go:build !unix

package calendar

import "time"

func processCPU() time.Duration { return 0 }
