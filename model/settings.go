package model

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Duration is a time.Duration written in JSON as a Go duration string
// ("10m0s"); it reads any string time.ParseDuration accepts ("10m").
type Duration time.Duration

// D returns d as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// MarshalText writes d as a Go duration string.
func (d Duration) MarshalText() ([]byte, error) { return []byte(time.Duration(d).String()), nil }

// UnmarshalText reads a Go duration string.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(strings.TrimSpace(string(b)))
	if err != nil {
		return fmt.Errorf("duration %q: %w", string(b), err)
	}
	*d = Duration(v)
	return nil
}

// Rules decide which meetings count as interviews (package sync's Matches).
// Per-meeting overrides (Engine.Include and Engine.Exclude) win over them.
type Rules struct {
	// Patterns are matched case-insensitively against the meeting topic. A
	// pattern without * or ? matches anywhere in the topic ("interview"
	// matches "Technical Interview: Ada"); with them it is a glob over the
	// whole topic, * matching any run of characters and ? one character
	// ("interview*" matches only topics that start with "interview").
	Patterns []string `json:"patterns"`
	// AllMeetings makes every meeting an interview.
	AllMeetings bool `json:"all_meetings"`
	// ExternalAttendee makes a calendar event with someone outside the
	// user's e-mail domains (the Zoom address's and MyAddresses') invited
	// an interview, as recording tools decide.
	ExternalAttendee bool `json:"external_attendee,omitempty"`
}

// Settings are the user's preferences for the engine. They are stored as
// JSON in Options.ConfigDir and changed with Engine.UpdateSettings. A field
// missing from the file keeps its default.
type Settings struct {
	// ReminderOffsets are how long before an interview's start reminders
	// come, besides the "starting now" one. Default 10m and 1m.
	ReminderOffsets []Duration `json:"reminder_offsets"`
	// StartedNags are how long after the start "started N minutes ago"
	// reminders come until the interviewer joins or dismisses them.
	// Default 2m, 5m and 10m.
	StartedNags []Duration `json:"started_nags"`
	// Snooze is the default snooze. Default 5m.
	Snooze Duration `json:"snooze"`
	// Popup says whether a reminder also opens the reminder window (the
	// agent reads it; the engine only stores it). Default true.
	Popup bool `json:"popup"`
	// Rules say which meetings are interviews.
	Rules Rules `json:"rules"`
	// RecordingFolder is where Zoom saves local recordings; empty means the
	// default, ~/Documents/Zoom.
	RecordingFolder string `json:"recording_folder"`
	// HideNames hides candidate names in the tray (the agent reads it).
	HideNames bool `json:"hide_names"`
	// StartAtLogin is the "start at login" choice (the agent acts on it).
	StartAtLogin bool `json:"start_at_login"`
	// ManualChecksDone lists the keys of the manual recording-settings
	// checks the user has confirmed (see SettingsCheck.ManualChecks).
	ManualChecksDone []string `json:"manual_checks_done"`
	// Onboarding is the wizard's progress (see Engine.SetOnboarding).
	Onboarding Onboarding `json:"onboarding"`
	// Calendars are the calendar sources read alongside Zoom (their
	// addresses are secrets, kept in the keychain, never here).
	Calendars []CalendarSource `json:"calendars"`
	// MyAddresses are the user's other e-mail addresses: an invitation
	// declined from one of them is skipped, and they count as the user's
	// own domain for Rules.ExternalAttendee.
	MyAddresses []string `json:"my_addresses"`
	// RecordingMBPerHour is the estimate of a local recording's size the
	// disk-space check uses, in MB an hour. Default (and 0 means)
	// DefaultRecordingMBPerHour: 200, Zoom's figure for video.
	RecordingMBPerHour int `json:"recording_mb_per_hour"`
	// ConsentReminder: the start reminder and alert say "Tell the candidate
	// the interview is recorded". Default true.
	ConsentReminder bool `json:"consent_reminder"`
	// Theme forces the windows' look: ThemeLight or ThemeDark; empty (the
	// default) follows the desktop.
	Theme string `json:"theme,omitempty"`
	// JoinWith says how Join opens a meeting (the agent reads it):
	// JoinWithApp in the Zoom app, JoinWithBrowser through the https
	// link, empty (the default) in the app when it is installed, else
	// through the link.
	JoinWith string `json:"join_with,omitempty"`
	// AlertBefore is when the full-screen alert comes: at the start (0,
	// the default) or 1, 2 or 5 minutes before (see sync.AlertFor);
	// AlertOff turns it off.
	AlertBefore Duration `json:"alert_before"`
	AlertOff    bool     `json:"alert_off,omitempty"`
	// AlertAllMeetings: the alert (with its reminder at its moment) comes
	// for the user's other Zoom meetings too, not only for interviews;
	// their other reminders and the alert's escalations stay the
	// interviews'. Default false.
	AlertAllMeetings bool `json:"alert_all_meetings,omitempty"`
	// JoinShortcut is the global shortcut "Join the current or next
	// interview" (the agent grabs it): default DefaultJoinShortcut,
	// Ctrl+Alt+J; JoinShortcutOff turns it off.
	JoinShortcut    string `json:"join_shortcut"`
	JoinShortcutOff bool   `json:"join_shortcut_off,omitempty"`
}

// Values of Settings.JoinWith.
const (
	JoinWithAuto    = ""
	JoinWithApp     = "app"
	JoinWithBrowser = "browser"
)

// DefaultSettings returns the settings of a new installation.
func DefaultSettings() Settings {
	return Settings{
		ReminderOffsets:  []Duration{Duration(10 * time.Minute), Duration(time.Minute)},
		StartedNags:      []Duration{Duration(2 * time.Minute), Duration(5 * time.Minute), Duration(10 * time.Minute)},
		Snooze:           Duration(5 * time.Minute),
		Popup:            true,
		Rules:            Rules{Patterns: []string{"interview"}},
		ManualChecksDone: []string{},
		Onboarding:       Onboarding{Skipped: []string{}},
		Calendars:        []CalendarSource{},
		MyAddresses:      []string{},

		RecordingMBPerHour: DefaultRecordingMBPerHour,
		ConsentReminder:    true,
		JoinShortcut:       DefaultJoinShortcut,
	}
}

// Limits on settings, checked by Validate.
const (
	maxOffsets      = 6
	maxOffset       = 24 * time.Hour
	maxNag          = 2 * time.Hour
	minSnooze       = time.Minute
	maxSnooze       = 2 * time.Hour
	maxPatterns     = 50
	maxPatternBytes = 200
	maxCalendars    = 20
	maxNameBytes    = 100
	maxAddresses    = 20
	maxMBPerHour    = 100_000
)

// DefaultRecordingMBPerHour is the default of Settings.RecordingMBPerHour:
// Zoom's own estimate for a recording with video ("recording video uses
// about 200MB of storage an hour", support article KB0064394,
// "Understanding recording file formats"; screen sharing alone is about
// 20 MB an hour).
const DefaultRecordingMBPerHour = 200

// The Theme values.
const (
	ThemeLight = "light"
	ThemeDark  = "dark"
)

// Validate reports the first problem with s, in words for the user.
func (s Settings) Validate() error {
	var errs []error
	if len(s.ReminderOffsets) > maxOffsets {
		errs = append(errs, fmt.Errorf("at most %d reminder times, not %d", maxOffsets, len(s.ReminderOffsets)))
	}
	for _, d := range s.ReminderOffsets {
		if d.D() <= 0 || d.D() > maxOffset {
			errs = append(errs, fmt.Errorf("reminder %v before the start: must be between 1s and %v", d.D(), maxOffset))
		}
	}
	if len(s.StartedNags) > maxOffsets {
		errs = append(errs, fmt.Errorf("at most %d reminders after the start, not %d", maxOffsets, len(s.StartedNags)))
	}
	for _, d := range s.StartedNags {
		if d.D() <= 0 || d.D() > maxNag {
			errs = append(errs, fmt.Errorf("reminder %v after the start: must be between 1s and %v", d.D(), maxNag))
		}
	}
	switch s.JoinWith {
	case JoinWithAuto, JoinWithApp, JoinWithBrowser:
	default:
		errs = append(errs, fmt.Errorf("join with %q: must be %q, %q or empty (the app when installed)", s.JoinWith, JoinWithApp, JoinWithBrowser))
	}
	if s.Snooze.D() < minSnooze || s.Snooze.D() > maxSnooze {
		errs = append(errs, fmt.Errorf("snooze %v: must be between %v and %v", s.Snooze.D(), minSnooze, maxSnooze))
	}
	if len(s.Rules.Patterns) > maxPatterns {
		errs = append(errs, fmt.Errorf("at most %d interview patterns, not %d", maxPatterns, len(s.Rules.Patterns)))
	}
	for _, p := range s.Rules.Patterns {
		if strings.TrimSpace(p) == "" {
			errs = append(errs, errors.New("an interview pattern is empty"))
		} else if len(p) > maxPatternBytes {
			errs = append(errs, fmt.Errorf("interview pattern %.20q...: longer than %d bytes", p, maxPatternBytes))
		}
	}
	if s.Theme != "" && s.Theme != ThemeLight && s.Theme != ThemeDark {
		errs = append(errs, fmt.Errorf("theme %q: want light, dark or empty (follow the desktop)", s.Theme))
	}
	if len(s.Calendars) > maxCalendars {
		errs = append(errs, fmt.Errorf("at most %d calendars, not %d", maxCalendars, len(s.Calendars)))
	}
	ids := map[string]bool{}
	for _, c := range s.Calendars {
		switch {
		case c.ID == "" || len(c.ID) > maxNameBytes:
			errs = append(errs, fmt.Errorf("calendar %q has no valid ID", c.Name))
		case ids[c.ID]:
			errs = append(errs, fmt.Errorf("calendar %q is listed twice", c.Name))
		case strings.TrimSpace(c.Name) == "":
			errs = append(errs, errors.New("a calendar has no name"))
		case len(c.Name) > maxNameBytes:
			errs = append(errs, fmt.Errorf("calendar name %.20q...: longer than %d bytes", c.Name, maxNameBytes))
		}
		ids[c.ID] = true
	}
	if len(s.MyAddresses) > maxAddresses {
		errs = append(errs, fmt.Errorf("at most %d e-mail addresses, not %d", maxAddresses, len(s.MyAddresses)))
	}
	for _, a := range s.MyAddresses {
		if a = strings.TrimSpace(a); a != "" && !strings.Contains(a, "@") {
			errs = append(errs, fmt.Errorf("%q is not an e-mail address", a))
		}
	}
	if s.RecordingMBPerHour < 0 || s.RecordingMBPerHour > maxMBPerHour {
		errs = append(errs, fmt.Errorf("recording size %d MB an hour: must be between 1 and %d (0 means %d)", s.RecordingMBPerHour, maxMBPerHour, DefaultRecordingMBPerHour))
	}
	errs = append(errs, s.validateAlert()...)
	if s.RecordingFolder != "" && !filepath.IsAbs(s.RecordingFolder) {
		errs = append(errs, fmt.Errorf("recording folder %q: must be an absolute path", s.RecordingFolder))
	}
	return errors.Join(errs...)
}

// Normalised returns a copy of s with offsets sorted (furthest first) and
// deduplicated, nags sorted, patterns trimmed, and no nil slices.
func (s Settings) Normalised() Settings {
	out := s
	out.ReminderOffsets = sortedUnique(s.ReminderOffsets, true)
	out.StartedNags = sortedUnique(s.StartedNags, false)
	out.Rules.Patterns = make([]string, 0, len(s.Rules.Patterns))
	for _, p := range s.Rules.Patterns {
		if p = strings.TrimSpace(p); p != "" && !slices.Contains(out.Rules.Patterns, p) {
			out.Rules.Patterns = append(out.Rules.Patterns, p)
		}
	}
	out.ManualChecksDone = slices.Clone(s.ManualChecksDone)
	if out.ManualChecksDone == nil {
		out.ManualChecksDone = []string{}
	}
	out.Onboarding = s.Onboarding.Normalised()
	out.Calendars = make([]CalendarSource, 0, len(s.Calendars))
	for _, c := range s.Calendars {
		c.Name = strings.TrimSpace(c.Name)
		out.Calendars = append(out.Calendars, c)
	}
	out.MyAddresses = make([]string, 0, len(s.MyAddresses))
	for _, a := range s.MyAddresses {
		if a = strings.ToLower(strings.TrimSpace(a)); a != "" && !slices.Contains(out.MyAddresses, a) {
			out.MyAddresses = append(out.MyAddresses, a)
		}
	}
	return out
}

func sortedUnique(ds []Duration, desc bool) []Duration {
	out := slices.Clone(ds)
	slices.Sort(out)
	out = slices.Compact(out)
	if desc {
		slices.Reverse(out)
	}
	if out == nil {
		out = []Duration{}
	}
	return out
}

// Clone returns a deep copy of s.
func (s Settings) Clone() Settings {
	out := s
	out.ReminderOffsets = slices.Clone(s.ReminderOffsets)
	out.StartedNags = slices.Clone(s.StartedNags)
	out.Rules.Patterns = slices.Clone(s.Rules.Patterns)
	out.ManualChecksDone = slices.Clone(s.ManualChecksDone)
	out.Onboarding.Skipped = slices.Clone(s.Onboarding.Skipped)
	out.Calendars = slices.Clone(s.Calendars)
	out.MyAddresses = slices.Clone(s.MyAddresses)
	return out
}
