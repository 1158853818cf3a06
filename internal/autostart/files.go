//go:build !windows

package autostart

import (
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// Enable starts e at every login from now on.
func Enable(e Entry) error {
	f, err := entry()
	if err != nil {
		return err
	}
	return f.enable(e)
}

// Disable stops starting the app at login. It is not an error if it was off.
func Disable() error {
	f, err := entry()
	if err != nil {
		return err
	}
	return f.disable()
}

// Enabled reports whether the app starts at login.
func Enabled() (bool, error) {
	f, err := entry()
	if err != nil {
		return false, err
	}
	return f.enabled()
}

// Location says where the entry lives, for the doctor and the settings page.
func Location() string {
	f, err := entry()
	if err != nil {
		return ""
	}
	return f.path
}

// read returns the program and icon of the entry in place; on is false
// when there is none.
func (f fileEntry) read() (exe, icon string, on bool, err error) {
	data, err := os.ReadFile(f.path)
	if os.IsNotExist(err) {
		return "", "", false, nil
	}
	if err != nil {
		return "", "", false, fmt.Errorf("autostart: %w", err)
	}
	if strings.HasSuffix(f.path, ".plist") {
		return plistProgram(string(data)), "", true, nil
	}
	return execProgram(desktopValue(string(data), "Exec")), desktopValue(string(data), "Icon"), true, nil
}

// readEntry returns the program and icon of the entry in place.
func readEntry() (exe, icon string, on bool, err error) {
	f, err := entry()
	if err != nil {
		return "", "", false, err
	}
	return f.read()
}

// isExecutable: some execute bit is set.
func isExecutable(fi fs.FileInfo) bool { return fi.Mode().Perm()&0o111 != 0 }
