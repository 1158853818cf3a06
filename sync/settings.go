package sync

import "github.com/interviewtray/interviewtray/model"

// The settings' types live in package model (the windows edit them
// without linking the engine); these are their names here.
type (
	// Duration is a time.Duration written in JSON as a Go duration string.
	Duration = model.Duration
	// Rules decide which meetings count as interviews (see [Matches]).
	Rules = model.Rules
	// Settings are the user's preferences for the engine, stored as JSON
	// in Options.ConfigDir and changed with Engine.UpdateSettings.
	Settings = model.Settings
)

// Values of Settings.JoinWith.
const (
	JoinWithAuto    = model.JoinWithAuto
	JoinWithApp     = model.JoinWithApp
	JoinWithBrowser = model.JoinWithBrowser
)

// The Theme values.
const (
	ThemeLight = model.ThemeLight
	ThemeDark  = model.ThemeDark
)

// DefaultSettings returns the settings of a new installation.
func DefaultSettings() Settings { return model.DefaultSettings() }
