// Package atomicfile writes the app's private files: whole or not at all,
// readable by the user only.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// Write writes what write writes to path through a buffered temporary file
// in the same directory and a rename, with mode 0600, creating the
// directory (0700) if needed and making an existing one private: a crash
// leaves the old file or the new one, never half of one.
func Write(path string, write func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	Tighten(dir, 0o700)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = os.Remove(tmp)
		}
	}()
	if err := f.Chmod(0o600); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// Tighten takes away the permissions beyond perm (0600 for a file,
// 0700 for a folder) of an existing regular file or folder at path, which
// the README promises; a symbolic link is left alone (its target is not
// ours to change). It is a no-op on Windows, where ACLs, not modes,
// protect the user's profile, and where nothing exists.
func Tighten(path string, perm fs.FileMode) {
	if runtime.GOOS == "windows" {
		return
	}
	st, err := os.Lstat(path)
	if err != nil || !(st.Mode().IsRegular() || st.IsDir()) || st.Mode().Perm()&^perm == 0 {
		return
	}
	_ = os.Chmod(path, st.Mode().Perm()&perm)
}
