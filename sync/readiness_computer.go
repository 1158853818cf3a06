package sync

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// DiskSpace measures the free space of the file system that holds a
// folder. [SystemDiskSpace] is the real one; tests fake it.
type DiskSpace interface {
	// Free returns the bytes available to the user in dir's file system.
	Free(ctx context.Context, dir string) (uint64, error)
}

// ZoomAppFinder tells whether the Zoom app is installed: whether a handler
// for zoommtg: links is registered. [SystemZoomApp] is the real one.
type ZoomAppFinder interface {
	// ZoomApp returns AppInstalled, AppMissing or AppUnknown.
	ZoomApp(ctx context.Context) (string, error)
}

// probeTimeout bounds each measurement of CheckComputer: a network mount
// that stopped answering, or an xdg-mime that hangs, must not hold it up.
const probeTimeout = 5 * time.Second

// CheckComputer measures what the readiness rules need from this
// computer: the free space in the recording folder's file system (folder
// is Engine.RecordingFolder(); when it does not exist yet, the nearest
// parent that does) and whether the Zoom app is installed. Either may be
// nil, and a measurement that fails or takes longer than 5 seconds is
// left unknown. It makes no Zoom call; the agent calls it when it builds
// the readiness lines, at most every few minutes.
func CheckComputer(ctx context.Context, folder string, disk DiskSpace, app ZoomAppFinder) Computer {
	var c Computer
	if disk != nil && folder != "" {
		if n, err := withTimeout(ctx, func(ctx context.Context) (uint64, error) {
			return disk.Free(ctx, existingParent(folder))
		}); err == nil {
			c.DiskFree, c.DiskKnown = n, true
		}
	}
	if app != nil {
		if s, err := withTimeout(ctx, app.ZoomApp); err == nil {
			c.ZoomApp = s
		}
	}
	return c
}

// withTimeout runs f in a goroutine of its own and waits at most
// probeTimeout for it: a statfs on a hung mount ignores ctx, and is
// abandoned (it ends when the mount answers).
func withTimeout[T any](ctx context.Context, f func(context.Context) (T, error)) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	type result struct {
		v   T
		err error
	}
	ch := make(chan result, 1)
	go func() {
		v, err := f(ctx)
		ch <- result{v, err}
	}()
	select {
	case r := <-ch:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// existingParent returns dir, or its nearest parent that exists (Zoom
// creates its recording folder at the first recording).
func existingParent(dir string) string {
	dir = filepath.Clean(dir)
	for {
		if _, err := os.Stat(dir); err == nil || !errors.Is(err, fs.ErrNotExist) {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return dir
		}
		dir = parent
	}
}

// SystemDiskSpace returns the platform's DiskSpace: statfs on Linux and
// macOS, GetDiskFreeSpaceEx on Windows; elsewhere it always fails (the
// disk line is left out).
func SystemDiskSpace() DiskSpace { return systemDisk{} }

type systemDisk struct{}

func (systemDisk) Free(_ context.Context, dir string) (uint64, error) { return freeBytes(dir) }
