package autostart

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"golang.org/x/sys/windows/registry"
)

const runKey = `Software\Microsoft\Windows\CurrentVersion\Run`

// Enable starts e at every login from now on.
func Enable(e Entry) error {
	if err := e.Validate(); err != nil {
		return err
	}
	k, _, err := registry.CreateKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if err != nil {
		return fmt.Errorf("autostart: open Run key: %w", err)
	}
	defer k.Close()
	if err := k.SetStringValue(runValueName, runValue(e)); err != nil {
		return fmt.Errorf("autostart: set Run value: %w", err)
	}
	return nil
}

// Disable stops starting the app at login. It is not an error if it was off.
func Disable() error {
	k, err := registry.OpenKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if err != nil {
		if errors.Is(err, registry.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("autostart: open Run key: %w", err)
	}
	defer k.Close()
	if err := k.DeleteValue(runValueName); err != nil && !errors.Is(err, registry.ErrNotExist) {
		return fmt.Errorf("autostart: delete Run value: %w", err)
	}
	return nil
}

// Enabled reports whether the app starts at login.
func Enabled() (bool, error) {
	k, err := registry.OpenKey(registry.CURRENT_USER, runKey, registry.QUERY_VALUE)
	if err != nil {
		if errors.Is(err, registry.ErrNotExist) {
			return false, nil
		}
		return false, fmt.Errorf("autostart: open Run key: %w", err)
	}
	defer k.Close()
	_, _, err = k.GetStringValue(runValueName)
	if errors.Is(err, registry.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}

// Location says where the entry lives, for the doctor and the settings page.
func Location() string { return `HKCU\` + runKey + `\` + runValueName }

// readEntry returns the program of the Run value in place.
func readEntry() (exe, icon string, on bool, err error) {
	k, err := registry.OpenKey(registry.CURRENT_USER, runKey, registry.QUERY_VALUE)
	if err != nil {
		if errors.Is(err, registry.ErrNotExist) {
			return "", "", false, nil
		}
		return "", "", false, fmt.Errorf("autostart: open Run key: %w", err)
	}
	defer k.Close()
	v, _, err := k.GetStringValue(runValueName)
	if errors.Is(err, registry.ErrNotExist) {
		return "", "", false, nil
	}
	if err != nil {
		return "", "", false, fmt.Errorf("autostart: read Run value: %w", err)
	}
	return runProgram(v), "", true, nil
}

// runProgram returns the program of a Run value (quoted or not).
func runProgram(v string) string {
	if rest, ok := strings.CutPrefix(v, `"`); ok {
		p, _, _ := strings.Cut(rest, `"`)
		return p
	}
	p, _, _ := strings.Cut(v, " ")
	return p
}

// isExecutable: Windows runs programs by their extension.
func isExecutable(fi fs.FileInfo) bool {
	return strings.EqualFold(filepath.Ext(fi.Name()), ".exe")
}
