//go:build unix

package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/internal/testenv"
)

// TestReadCappedRefusesWhatIsNotAFile: a FIFO, a device (through a
// symbolic link, as /dev/zero would be) and a folder are refused at once,
// a file over the cap before it is read; a symbolic link to a regular
// file is read.
func TestReadCappedRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	testenv.Mkfifo(t, fifo)
	zero := filepath.Join(dir, "zero")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big")
	if err := os.WriteFile(big, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, 1<<20+1); err != nil { // sparse
		t.Fatal(err)
	}
	small := filepath.Join(dir, "small")
	if err := os.WriteFile(small, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(small, link); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path string
		want error
	}{
		{fifo, ErrNotRegular}, {zero, ErrNotRegular}, {dir, ErrNotRegular},
		{big, ErrTooLarge}, {filepath.Join(dir, "missing"), os.ErrNotExist},
		{link, nil},
	} {
		testenv.Within(t, 5*time.Second, tt.path, func() {
			data, err := ReadCapped(tt.path, 1<<20)
			if !errors.Is(err, tt.want) || (tt.want == nil && string(data) != "{}") {
				t.Errorf("%s: %q, %v; want %v", tt.path, data, err, tt.want)
			}
		})
	}
}
