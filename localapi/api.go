package localapi

import (
	"time"

	"github.com/interviewtray/interviewtray/model"
)

// State is what the agent shows its windows: the sync engine's snapshot, the
// user's settings, the agent's own state, and the View the agent computed
// from them, which the tray, the windows and `interviewtray status` all
// render. It never holds a token.
type State struct {
	Snapshot *model.Snapshot `json:"snapshot"`
	Settings model.Settings  `json:"settings"`
	Agent    AgentInfo       `json:"agent"`
	View     View            `json:"view"`
	// Readiness is each coming interview's readiness, in start order.
	Readiness []model.InterviewReadiness `json:"readiness,omitempty"`
}

// View is what every surface shows, worked out once by the agent for each
// state: whether the user is signed in (and why not), the problems of the
// engine and of the agent merged, each with the command that solves it,
// and the next interview. Its texts are clean (safetext.Clean).
type View struct {
	// SignedIn: the agent holds a sign-in and Zoom has not refused it.
	SignedIn bool `json:"signed_in"`
	// SigningIn: a sign-in started by the agent waits for the browser.
	SigningIn bool `json:"signing_in"`
	// Email is whose sign-in, when signed in.
	Email string `json:"email,omitempty"`
	// SignedOutReason and SignedOutMessage say why the user is not signed
	// in: the sign-in's reason code (session_expired...) and the same in
	// words.
	SignedOutReason  string `json:"signed_out_reason,omitempty"`
	SignedOutMessage string `json:"signed_out_message,omitempty"`
	// Problems are the engine's problems, then the agent's.
	Problems []Problem `json:"problems"`
	// Next is the interview on at At, or else the next to start; nil when
	// there is none. The windows, which keep their own clock, use the
	// snapshot's list; Next is right as of At.
	Next *model.Interview `json:"next,omitempty"`
	At   time.Time        `json:"at"`
	// HideNames: show "Interview" instead of topics (see ui/view.Topic).
	HideNames bool `json:"hide_names"`
	// SchedulingNotAllowed: the sign-in lacks the scopes to create, change
	// or delete meetings (AgentInfo.SchedulingNotAllowed); where
	// scheduling is, the surfaces offer to sign in again.
	SchedulingNotAllowed bool `json:"scheduling_not_allowed,omitempty"`
}

// Problem is a problem as shown, with the command that solves it.
type Problem struct {
	model.Problem
	// Solve is the command its button sends; nil when the problem has no
	// action the agent knows (it only says what is wrong).
	Solve *Command `json:"solve,omitempty"`
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
	Problems []model.Problem `json:"problems,omitempty"`
	// SchedulingNotAllowed: a scheduling command found that the sign-in
	// lacks the scopes to create, change or delete meetings; the windows
	// offer "Sign in again to allow scheduling" where scheduling is.
	SchedulingNotAllowed bool `json:"scheduling_not_allowed,omitempty"`
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
	WindowSchedule   = "schedule" // New interview…
	// WindowAlert is the full-screen start alert (the agent opens it).
	WindowAlert = "alert"
)

// Windows are the window names, in menu order.
func Windows() []string {
	return []string{WindowWizard, WindowAgenda, WindowRecordings, WindowSettings, WindowReminder, WindowAbout, WindowSchedule, WindowAlert}
}

// Command names: the one vocabulary of verbs. The tray's menu items, the
// problems' buttons (View.Problems), the notifications' buttons, the
// windows and the CLI all send a Command, and the agent carries every one
// out in one place (agent/commands.go: a table from name to handler).
//
// Adding a command takes:
//  1. its name here, with a comment naming the fields it reads;
//  2. a field on Command, only if none of the existing ones fits;
//  3. its handler in the agent: a func (a *Agent) doX(ctx, cmd) (Result,
//     error), in any file, and one entry in the agent's commands table;
//  4. a test (agent: send it through Agent.Do).
//
// Windows send it with API.Do, the CLI with Client.Do; nothing else
// changes (the Client's typed methods are conveniences, not needed).
const (
	CmdRefresh       = "refresh"        // sync now
	CmdJoin          = "join"           // MeetingID: open its join link, mark it joined
	CmdSnooze        = "snooze"         // Key, Minutes (0: the settings' snooze), or Mode SnoozeUntilStart
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

	// SnoozeUntilStart is CmdSnooze's Mode for "until it starts".
	SnoozeUntilStart = "until_start"

	// The start alert's buttons (Join is CmdJoin).
	CmdAlertSnooze  = "alert_snooze"  // Key, Minutes (0: until the start)
	CmdAlertDismiss = "alert_dismiss" // Key: no more alerts for its interview
	// CmdJoinNext joins the interview in progress, else the next one
	// (sync.JoinTarget): the tray's Join and the global shortcut.
	CmdJoinNext = "join_next"
	// CmdLetSleep releases the lock that keeps the computer awake while
	// Zoom converts a recording (the notification's "Let it sleep").
	CmdLetSleep = "let_sleep"

	// The calendar sources. An address (URL) is a secret: the agent keeps
	// it in the keychain and never returns or logs it.
	CmdTestCalendar   = "test_calendar"   // URL, Enabled (all interviews): read it once, say what it holds
	CmdAddCalendar    = "add_calendar"    // URL, Text (name), Enabled (all interviews)
	CmdUpdateCalendar = "update_calendar" // Key (ID), Text (new name), Enabled (all interviews)
	CmdRemoveCalendar = "remove_calendar" // Key (ID)
)

// Command is a request to the agent. Only the fields its name uses are read.
type Command struct {
	Name      string          `json:"name"`
	MeetingID int64           `json:"meeting_id,omitempty"`
	Key       string          `json:"key,omitempty"`
	Minutes   int             `json:"minutes,omitempty"`
	Mode      string          `json:"mode,omitempty"`
	URL       string          `json:"url,omitempty"`
	Path      string          `json:"path,omitempty"`
	Window    string          `json:"window,omitempty"`
	Text      string          `json:"text,omitempty"`
	Enabled   bool            `json:"enabled,omitempty"`
	Settings  *model.Settings `json:"settings,omitempty"`
	// Onboarding is set_onboarding's argument.
	Onboarding *model.Onboarding `json:"onboarding,omitempty"`
	// Schedule is the scheduling commands' argument (schedule.go).
	Schedule *ScheduleRequest `json:"schedule,omitempty"`
}

// Result is the answer to a command: a message for the user and, for the
// settings commands, the new check.
type Result struct {
	Message           string               `json:"message,omitempty"`
	RecordingSettings *model.SettingsCheck `json:"recording_settings,omitempty"`
	// Scheduled answers the scheduling commands; Planned answers
	// planned_reminders, by meeting ID.
	Scheduled *Scheduled                        `json:"scheduled,omitempty"`
	Planned   map[int64][]model.PlannedReminder `json:"planned,omitempty"`
}

// Error is a failed command, as the client sees it.
type Error struct {
	Status  int    `json:"-"`
	Message string `json:"error"`
}

func (e *Error) Error() string { return e.Message }
