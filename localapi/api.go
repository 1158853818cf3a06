package localapi

import (
	"time"

	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// State is what the agent shows its windows: the sync engine's snapshot, the
// user's settings and the agent's own state. It never holds a token.
type State struct {
	Snapshot *meetingsync.Snapshot `json:"snapshot"`
	Settings meetingsync.Settings  `json:"settings"`
	Agent    AgentInfo             `json:"agent"`
	// Readiness is each coming interview's readiness, in start order.
	Readiness []meetingsync.InterviewReadiness `json:"readiness,omitempty"`
}

// AgentInfo is the agent's own state.
type AgentInfo struct {
	Version   string    `json:"version"`
	Demo      bool      `json:"demo"`
	PID       int       `json:"pid"`
	StartedAt time.Time `json:"started_at"`
	// SignedIn says whether a Zoom sign-in is stored; Email is whose.
	SignedIn bool   `json:"signed_in"`
	Email    string `json:"email,omitempty"`
	// SignedOutReason is why not (the sign-in's reason code, such as
	// session_expired) and SignedOutMessage the same in words.
	SignedOutReason  string `json:"signed_out_reason,omitempty"`
	SignedOutMessage string `json:"signed_out_message,omitempty"`
	// TokenExpiresAt is when the current access token expires (it is
	// renewed before then); nil when signed out.
	TokenExpiresAt *time.Time `json:"token_expires_at,omitempty"`
	// SignIn is the progress of a sign-in started through the API.
	SignIn SignInProgress `json:"sign_in"`
	// Autostart says whether the app starts at login.
	Autostart bool `json:"autostart"`
	// Shortcut is the global shortcut "Join the current or next
	// interview": the keys held ("Ctrl+Alt+J"), "Off", or why global
	// shortcuts are not available here.
	Shortcut string `json:"shortcut,omitempty"`
	// Problems the agent itself knows of (no tray host, no notification
	// server, keychain), besides the engine's.
	Problems []meetingsync.Problem `json:"problems,omitempty"`
}

// Sign-in states.
const (
	SignInIdle      = "idle"
	SignInWaiting   = "waiting"   // the browser is open at Zoom's consent page
	SignInSucceeded = "succeeded" // Message says as whom
	SignInFailed    = "failed"    // Message says why and what to do
)

// SignInProgress is the state of the latest sign-in attempt.
type SignInProgress struct {
	State   string `json:"state"`
	Message string `json:"message,omitempty"`
	// URL is Zoom's authorization page, for pasting into a browser by hand
	// when none could be opened. It holds no secret.
	URL string `json:"url,omitempty"`
}

// Window names: what open_window takes, and `interviewtray window NAME`.
const (
	WindowWizard     = "wizard"
	WindowAgenda     = "agenda"
	WindowRecordings = "recordings"
	WindowSettings   = "settings"
	WindowReminder   = "reminder"
	WindowAbout      = "about"
	// WindowAlert is the full-screen start alert (the agent opens it).
	WindowAlert = "alert"
)

// Windows are the window names, in menu order.
func Windows() []string {
	return []string{WindowWizard, WindowAgenda, WindowRecordings, WindowSettings, WindowReminder, WindowAbout, WindowAlert}
}

// Command names.
const (
	CmdRefresh       = "refresh"        // sync now
	CmdJoin          = "join"           // MeetingID: open its join link, mark it joined
	CmdSnooze        = "snooze"         // Key, Minutes
	CmdDismiss       = "dismiss"        // Key
	CmdOverride      = "override"       // MeetingID, Mode: include, exclude or ""
	CmdCheckSettings = "check_settings" // re-read the recording settings
	CmdFixSettings   = "fix_settings"   // change what Zoom lets us change
	CmdSaveSettings  = "save_settings"  // Settings
	CmdSignIn        = "sign_in"        // start a sign-in in the browser
	CmdSignOut       = "sign_out"       // revoke and forget the token
	CmdOpenWindow    = "open_window"    // Window: wizard, agenda, recordings, settings
	CmdOpenLink      = "open_link"      // URL: only Zoom links are opened
	CmdOpenFolder    = "open_folder"    // Path: a local recording folder or file
	CmdCreateFolder  = "create_folder"  // make the recording folder the agent watches
	CmdSetAutostart  = "set_autostart"  // Enabled
	CmdCopy          = "copy"           // Text: put it on the clipboard (the agent's outlives a window's)
	CmdSetOnboarding = "set_onboarding" // Onboarding: the wizard's progress
	CmdQuit          = "quit"           // stop the agent

	// The start alert's buttons (Join is CmdJoin).
	CmdAlertSnooze  = "alert_snooze"  // Key, Minutes (0: until the start)
	CmdAlertDismiss = "alert_dismiss" // Key: no more alerts for its interview
	// CmdJoinNext joins the interview in progress, else the next one
	// (sync.JoinTarget): the tray's Join and the global shortcut.
	CmdJoinNext = "join_next"

	// The calendar sources. An address (URL) is a secret: the agent keeps
	// it in the keychain and never returns or logs it.
	CmdTestCalendar   = "test_calendar"   // URL, Enabled (all interviews): read it once, say what it holds
	CmdAddCalendar    = "add_calendar"    // URL, Text (name), Enabled (all interviews)
	CmdUpdateCalendar = "update_calendar" // Key (ID), Text (new name), Enabled (all interviews)
	CmdRemoveCalendar = "remove_calendar" // Key (ID)
)

// Command is a request to the agent. Only the fields its name uses are read.
type Command struct {
	Name      string                `json:"name"`
	MeetingID int64                 `json:"meeting_id,omitempty"`
	Key       string                `json:"key,omitempty"`
	Minutes   int                   `json:"minutes,omitempty"`
	Mode      string                `json:"mode,omitempty"`
	URL       string                `json:"url,omitempty"`
	Path      string                `json:"path,omitempty"`
	Window    string                `json:"window,omitempty"`
	Text      string                `json:"text,omitempty"`
	Enabled   bool                  `json:"enabled,omitempty"`
	Settings  *meetingsync.Settings `json:"settings,omitempty"`
	// Onboarding is set_onboarding's argument.
	Onboarding *meetingsync.Onboarding `json:"onboarding,omitempty"`
}

// Result is the answer to a command: a message for the user and, for the
// settings commands, the new check.
type Result struct {
	Message           string                     `json:"message,omitempty"`
	RecordingSettings *meetingsync.SettingsCheck `json:"recording_settings,omitempty"`
}

// Error is a failed command, as the client sees it.
type Error struct {
	Status  int    `json:"-"`
	Message string `json:"error"`
}

func (e *Error) Error() string { return e.Message }
