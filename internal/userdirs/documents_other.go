//go:build !windows

package userdirs

import (
	"os"
	"path/filepath"
)

// Documents is ~/Documents on Linux and macOS, where the Zoom app looks.
func Documents() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, "Documents"), nil
}
