package autostart

import (
	"fmt"
	"os"
	"path/filepath"
)

func entry() (fileEntry, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return fileEntry{}, fmt.Errorf("autostart: %w", err)
	}
	return fileEntry{path: filepath.Join(home, "Library", "LaunchAgents", launchAgentLabel+".plist"), content: launchAgent}, nil
}
