package sync

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"testing/synctest"
	"time"
)

type fakeDisk struct {
	free  uint64
	err   error
	block chan struct{} // when set, Free waits for it, ignoring ctx (a hung mount)
	asked []string
}

func (f *fakeDisk) Free(_ context.Context, dir string) (uint64, error) {
	f.asked = append(f.asked, dir)
	if f.block != nil {
		<-f.block
	}
	return f.free, f.err
}

type fakeApp struct {
	state string
	err   error
}

func (f fakeApp) ZoomApp(context.Context) (string, error) { return f.state, f.err }

func TestCheckComputer(t *testing.T) {
	home := t.TempDir()
	folder := filepath.Join(home, "Documents", "Zoom") // not created yet

	disk := &fakeDisk{free: 5_000_000_000}
	got := CheckComputer(context.Background(), folder, disk, fakeApp{state: AppMissing})
	if want := (Computer{DiskFree: 5_000_000_000, DiskKnown: true, ZoomApp: AppMissing}); got != want {
		t.Errorf("computer = %+v, want %+v", got, want)
	}
	if len(disk.asked) != 1 || disk.asked[0] != home {
		t.Errorf("free space asked of %q, want the nearest folder that exists, %q", disk.asked, home)
	}

	got = CheckComputer(context.Background(), folder, &fakeDisk{err: errors.New("statfs: input/output error")}, fakeApp{err: errors.New("no xdg-mime")})
	if got != (Computer{}) {
		t.Errorf("failed measurements: %+v, want unknown", got)
	}
	if got := CheckComputer(context.Background(), folder, nil, nil); got != (Computer{}) {
		t.Errorf("nothing to ask: %+v", got)
	}
}

// TestCheckComputerHungMount: a statfs that never returns (a network mount
// that stopped answering) leaves the disk unknown after 5 seconds.
func TestCheckComputerHungMount(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		disk := &fakeDisk{free: 1, block: make(chan struct{})}
		start := time.Now()
		got := CheckComputer(context.Background(), t.TempDir(), disk, fakeApp{state: AppInstalled})
		if waited := time.Since(start); waited != probeTimeout {
			t.Errorf("waited %v, want %v", waited, probeTimeout)
		}
		if got.DiskKnown || got.ZoomApp != AppInstalled {
			t.Errorf("computer = %+v", got)
		}
		close(disk.block) // the mount answers; the abandoned goroutine ends
		synctest.Wait()
	})
}

// TestSystemDiskSpace measures a real folder.
func TestSystemDiskSpace(t *testing.T) {
	n, err := SystemDiskSpace().Free(context.Background(), t.TempDir())
	if err != nil || n == 0 {
		t.Fatalf("free = %d, %v", n, err)
	}
	if _, err := SystemDiskSpace().Free(context.Background(), filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("no error for a folder that does not exist")
	}
	c := CheckComputer(context.Background(), filepath.Join(t.TempDir(), "Zoom"), SystemDiskSpace(), nil)
	if !c.DiskKnown || c.DiskFree == 0 {
		t.Errorf("computer = %+v", c)
	}
}
