package model

import (
	"fmt"
	"time"
)

// Snapshot is everything the engine knows, at one moment. It is immutable:
// the engine never changes a published Snapshot and callers must not
// either. Its JSON form is served as-is by the agent's local API and by
// `interviewtray status --json`: field names are stable.
type Snapshot struct {
	// GeneratedAt is when the snapshot was built (UTC).
	GeneratedAt time.Time `json:"generated_at"`
	// User is the signed-in Zoom user; nil before the first sync.
	User *User `json:"user"`
	// Interviews are the known meetings in start order: upcoming and
	// running ones, and those that ended in the last 12 hours. Meetings
	// that are not interviews are included with IsInterview false, so the
	// agenda can show them on request.
	Interviews []Interview `json:"interviews"`
	// Recordings are the interviews' cloud and local recordings, newest
	// first (at most maxSnapshotRecordings).
	Recordings []Recording `json:"recordings"`
	// RecordingSettings is the last recording-settings check; nil before
	// the first.
	RecordingSettings *SettingsCheck `json:"recording_settings"`
	// Reminders are the reminders currently shown (fired, not yet
	// dismissed, snoozed, joined or over), at most one per interview.
	Reminders []Reminder `json:"reminders"`
	// Health says how fresh the data is and why it might not be.
	Health Health `json:"health"`
	// Problems are what needs the user's attention, most important first.
	Problems []Problem `json:"problems"`
	// Calendars are the calendar sources and how they are doing, in the
	// settings' order (never their addresses).
	Calendars []CalendarStatus `json:"calendars"`
}

// NextInterview is the interview on at now, or else the next to start
// (what the tray counts down to). A nil snapshot has none.
func (s *Snapshot) NextInterview(now time.Time) (Interview, bool) {
	if s == nil {
		return Interview{}, false
	}
	for _, iv := range s.Interviews { // in start order
		if iv.IsInterview && iv.State != StateEnded && iv.EndTime.After(now) {
			return iv, true
		}
	}
	return Interview{}, false
}

// User is the signed-in Zoom user.
type User struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name"`
	// Type is Zoom's user type: 1 Basic (free: meetings end after 40
	// minutes), 2 Licensed, ...; 0 when not known yet.
	Type int `json:"type,omitempty"`
	// Timezone is the user's Zoom time zone (IANA name), when known.
	Timezone string `json:"timezone,omitempty"`
}

// Interview states.
const (
	StateUpcoming   = "upcoming"
	StateInProgress = "in_progress"
	StateEnded      = "ended"
)

// Interview is one occurrence of a scheduled meeting.
type Interview struct {
	ID        int64     `json:"id"`             // Zoom meeting number
	UUID      string    `json:"uuid,omitempty"` // instance UUID, when known
	Topic     string    `json:"topic"`
	StartTime time.Time `json:"start_time"` // UTC
	Duration  int       `json:"duration"`   // scheduled minutes
	EndTime   time.Time `json:"end_time"`   // scheduled end (UTC)
	JoinURL   string    `json:"join_url,omitempty"`
	// Passcode is the meeting passcode, when Zoom showed it to us (it does
	// for meetings the user hosts).
	Passcode string `json:"passcode,omitempty"`
	// HostedByMe: the user hosts it or is an alternative host.
	HostedByMe bool `json:"hosted_by_me"`
	// HostKnown is false until Zoom said who hosts the meeting.
	HostKnown bool `json:"host_known"`
	// NeedsHostPermission: someone else hosts it, so recording it to the
	// computer needs the host's permission in the meeting.
	NeedsHostPermission bool `json:"needs_host_permission"`
	// IsInterview says whether the rules or an override make it an
	// interview. Reminders and recordings are only for interviews.
	IsInterview bool `json:"is_interview"`
	// Override is "include", "exclude" or empty.
	Override Override `json:"override,omitempty"`
	// State is upcoming, in_progress or ended (by the schedule, or by Zoom
	// when it said the meeting ended).
	State string `json:"state"`
	// Joined is set once the user joined through the app.
	Joined bool `json:"joined,omitempty"`
	// Source says where the interview was found: zoom, calendar or
	// zoom+calendar.
	Source string `json:"source"`
	// HostEmail is the host's address, when Zoom said.
	HostEmail string `json:"host_email,omitempty"`
	// Organizer is the calendar event's organizer: whom to ask for the
	// host's permission when someone else hosts it.
	Organizer *Person `json:"organizer,omitempty"`
	// Attendees are the calendar event's attendees.
	Attendees []Person `json:"attendees,omitempty"`
	// Calendar and CalendarID name the calendar it came from.
	Calendar   string `json:"calendar,omitempty"`
	CalendarID string `json:"calendar_id,omitempty"`
}

// Recording kinds and states.
const (
	KindCloud = "cloud"
	KindLocal = "local"

	RecProcessing = "processing" // cloud: Zoom is still processing it
	RecConverting = "converting" // local: the Zoom client is still converting it
	RecReady      = "ready"
)

// Recording is one interview's cloud recording, or one local recording
// folder.
type Recording struct {
	MeetingUUID string    `json:"meeting_uuid,omitempty"`
	MeetingID   int64     `json:"meeting_id"`
	Topic       string    `json:"topic"`
	StartTime   time.Time `json:"start_time"`
	// EndedAt is when the meeting ended, when known ("processing for 20
	// minutes").
	EndedAt time.Time `json:"ended_at,omitzero"`
	Kind    string    `json:"kind"`  // cloud or local
	State   string    `json:"state"` // processing, converting or ready
	Links   Links     `json:"links"`
	// Passcode is the share link's passcode (cloud), when Zoom gave it.
	Passcode string `json:"passcode,omitempty"`
	// Files are the local recording's video and audio files.
	Files   []string  `json:"files,omitempty"`
	ReadyAt time.Time `json:"ready_at,omitzero"`
}

// Key identifies a recording across snapshots: the instance UUID for cloud
// recordings, the folder for local ones.
func (r Recording) Key() string {
	if r.Kind == KindLocal {
		return "local:" + r.Links.Folder
	}
	return "cloud:" + r.MeetingUUID
}

// Links are a recording's links, each present when available.
type Links struct {
	Watch      string `json:"watch,omitempty"`      // MP4 play URL
	Listen     string `json:"listen,omitempty"`     // M4A play URL
	Transcript string `json:"transcript,omitempty"` // transcript URL
	Share      string `json:"share,omitempty"`      // share page URL
	Folder     string `json:"folder,omitempty"`     // local recording folder
}

// Reminder kinds.
const (
	ReminderBefore  = "before"  // N minutes before the start
	ReminderNow     = "now"     // at the start
	ReminderStarted = "started" // N minutes after the start, until joined
)

// Reminder is a reminder that fired. Key is stable: the meeting, its
// occurrence's start (UTC) and the offset; each key fires at most once.
type Reminder struct {
	Key       string    `json:"key"`
	MeetingID int64     `json:"meeting_id"`
	Topic     string    `json:"topic"`
	StartTime time.Time `json:"start_time"`
	Kind      string    `json:"kind"` // before, now or started
	// Minutes is how long before (kind before) or after (kind started) the
	// start the reminder is; 0 for now.
	Minutes int       `json:"minutes"`
	Due     time.Time `json:"due"`
	FiredAt time.Time `json:"fired_at"`
	JoinURL string    `json:"join_url,omitempty"`
	// Snoozed is set when this is a snoozed reminder coming back.
	Snoozed bool `json:"snoozed,omitempty"`
	// Meeting is set for a meeting that is not an interview: its only
	// reminder is the alert's (Settings.AlertAllMeetings).
	Meeting bool `json:"meeting,omitempty"`
}

// Headline is a one-line text for a notification: "Interview with Ada in
// 10 min", "Interview with Ada is starting now", "Interview with Ada started
// 5 min ago". With hideNames the topic becomes "Interview".
func (r Reminder) Headline(hideNames bool) string {
	topic := r.Title(hideNames)
	switch r.Kind {
	case ReminderBefore:
		return fmt.Sprintf("%s in %s", topic, minutesText(r.Minutes))
	case ReminderStarted:
		return fmt.Sprintf("%s started %s ago", topic, minutesText(r.Minutes))
	default:
		return topic + " is starting now"
	}
}

// Title is the reminder's topic, or with hideNames (or no topic)
// "Interview", or "Meeting" for a meeting that is not an interview.
func (r Reminder) Title(hideNames bool) string {
	switch {
	case !hideNames && r.Topic != "":
		return r.Topic
	case r.Meeting:
		return "Meeting"
	}
	return "Interview"
}

func minutesText(m int) string {
	if m == 1 {
		return "1 min"
	}
	return fmt.Sprintf("%d min", m)
}

// Health says how fresh the snapshot is.
type Health struct {
	// LastSync is the last time Zoom answered a poll. The engine refreshes
	// it in Snapshot() without notifying subscribers (only a change of
	// anything else is news).
	LastSync time.Time `json:"last_sync,omitzero"`
	// Offline: Zoom could not be reached; the data is the last known.
	Offline bool `json:"offline"`
	// RateLimited: Zoom asked us to slow down; RetryAt says until when.
	RateLimited bool      `json:"rate_limited"`
	RetryAt     time.Time `json:"retry_at,omitzero"`
	// SignedOut: there is no usable sign-in; polling stops until
	// Engine.SignedIn. SignedOutReason is the sign-in package's reason.
	SignedOut       bool   `json:"signed_out"`
	SignedOutReason string `json:"signed_out_reason,omitempty"`
	// KeychainProblem is set when the OS keychain could not be used.
	KeychainProblem string `json:"keychain_problem,omitempty"`
	// LastError is the last failure, in words (never a secret).
	LastError string `json:"last_error,omitempty"`
	// Unreadable says, in words, how many meetings and recordings Zoom
	// listed that could not be read and are left out ("1 meeting from Zoom
	// could not be read."); empty when there are none.
	Unreadable string `json:"unreadable,omitempty"`
}

// Problem actions: machine-readable verbs for the UI. The agent turns each
// into the local API command that solves it (its view's problems carry it).
const (
	ActionSignIn       = "sign_in"       // start sign-in
	ActionRetry        = "retry"         // Engine.Refresh
	ActionFixSettings  = "fix_settings"  // Engine.FixSettings
	ActionOpenSettings = "open_settings" // open SettingsURL in the browser
	ActionContactAdmin = "contact_admin" // copy SettingsCheck.AdminMessage
	ActionOpenAgenda   = "open_agenda"   // show the interview in the agenda
	ActionCheckFolder  = "check_folder"  // choose the recording folder
	// ActionCopyHostRequest copies HostRequest for the problem's
	// interview: a message asking its host for permission to record.
	ActionCopyHostRequest = "copy_host_request"
	// ActionOpenCalendars opens the calendar sources in Settings.
	ActionOpenCalendars = "open_calendars"
	// ActionOpenWizard opens the onboarding wizard (a skipped step).
	ActionOpenWizard = "open_wizard"
)

// Problem is something that needs the user's attention.
type Problem struct {
	Message string `json:"message"`
	Action  string `json:"action,omitempty"`
	Label   string `json:"label,omitempty"` // the action's button text
	// MeetingID ties the problem to an interview, when it is about one.
	MeetingID int64 `json:"meeting_id,omitempty"`
}

// Setting states.
const (
	SettingOK          = "ok"
	SettingNeedsChange = "needs_change"
	SettingLocked      = "locked"
	SettingUnknown     = "unknown"
)

// SettingsURL is Zoom's web page with the recording settings.
const SettingsURL = "https://zoom.us/profile/setting?tab=recording"

// SettingsCheck is the result of checking the user's Zoom recording
// settings.
type SettingsCheck struct {
	CheckedAt time.Time `json:"checked_at"`
	// OK: every required setting is as wanted.
	OK bool `json:"ok"`
	// Settings are the relevant settings, required ones first.
	Settings []SettingState `json:"settings"`
	// ManualChecks are what the API cannot see; the user checks them on
	// the settings page.
	ManualChecks []ManualCheck `json:"manual_checks"`
	SettingsURL  string        `json:"settings_url"`
	// AdminMessage is a ready-to-send message for the Zoom admin when a
	// needed setting is locked.
	AdminMessage string `json:"admin_message,omitempty"`
	// Changed lists the labels of settings that were fine at the previous
	// check and are not any more.
	Changed []string `json:"changed,omitempty"`
}

// SettingState is one Zoom setting as checked.
type SettingState struct {
	Key      string `json:"key"` // Zoom's field, e.g. "recording.local_recording"
	Label    string `json:"label"`
	State    string `json:"state"`   // ok, needs_change, locked or unknown
	Current  any    `json:"current"` // the value Zoom reported (bool or string); null when unknown
	Wanted   any    `json:"wanted"`  // the value we want; null when any value is fine
	Required bool   `json:"required"`
	// Why explains what the setting is for.
	Why string `json:"why,omitempty"`
}

// ManualCheck is a setting the API cannot read.
type ManualCheck struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Why   string `json:"why"`
	URL   string `json:"url,omitempty"`
	// Confirmed is true once the user said it is done
	// (Settings.ManualChecksDone).
	Confirmed bool `json:"confirmed"`
}

// Override is a per-meeting choice that wins over the interview rules.
type Override string

// Overrides.
const (
	OverrideNone    Override = ""
	OverrideInclude Override = "include" // always an interview
	OverrideExclude Override = "exclude" // never an interview
)

// PlannedReminder is a reminder an interview will get: its key (as in
// Reminder.Key and the fired set), kind (ReminderBefore, ... as Reminder)
// and when it is due (UTC).
type PlannedReminder struct {
	Key  string    `json:"key"`
	Kind string    `json:"kind"`
	Due  time.Time `json:"due"`
}

// Zoom user types (users/me "type", User.Type).
const (
	UserBasic    = 1 // Basic (free): meetings end at 40 minutes
	UserLicensed = 2
)
