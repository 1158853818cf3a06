// Package exefind finds Interview Tray's companion executables (the
// windows, the demo's Zoom simulator): the one beside the running
// executable first, as an installation puts them, else the one on PATH.
package exefind

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// Name is the file name of the executable called name on this system
// (name.exe on Windows).
func Name(name string) string {
	if runtime.GOOS == "windows" {
		return name + ".exe"
	}
	return name
}

// Find returns the path of the executable called name: the one in the
// directory of the running executable (symbolic links followed), else the
// one on PATH. A relative PATH entry ("." or "bin") is not searched: it
// would depend on the directory the program happened to start in. The
// error says where it looked.
func Find(name string) (string, error) {
	file := Name(name)
	var dirs []string
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		dir := filepath.Dir(exe)
		if p := filepath.Join(dir, file); isExecutableFile(p) {
			return p, nil
		}
		dirs = append(dirs, dir)
	}
	p, err := exec.LookPath(file)
	if err == nil {
		return p, nil
	}
	where := "on PATH"
	if errors.Is(err, exec.ErrDot) {
		where = "on PATH (outside its relative entries)"
	}
	if len(dirs) > 0 {
		where = "in " + strings.Join(dirs, ", ") + " or " + where
	}
	return "", fmt.Errorf("no %s %s", file, where)
}

func isExecutableFile(p string) bool {
	fi, err := os.Stat(p)
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	return runtime.GOOS == "windows" || fi.Mode().Perm()&0o111 != 0
}
