package sync

import (
	"fmt"
	"strings"
	"time"

	"github.com/interviewtray/interviewtray/model"
)

// The snapshot's types live in package model, which the window executable
// links without the engine; these are their names here.
type (
	Snapshot      = model.Snapshot
	User          = model.User
	Interview     = model.Interview
	Recording     = model.Recording
	Links         = model.Links
	Reminder      = model.Reminder
	Health        = model.Health
	Problem       = model.Problem
	SettingsCheck = model.SettingsCheck
	SettingState  = model.SettingState
	ManualCheck   = model.ManualCheck
)

// Interview states.
const (
	StateUpcoming   = model.StateUpcoming
	StateInProgress = model.StateInProgress
	StateEnded      = model.StateEnded
)

// Recording kinds and states.
const (
	KindCloud = model.KindCloud
	KindLocal = model.KindLocal

	RecProcessing = model.RecProcessing
	RecConverting = model.RecConverting
	RecReady      = model.RecReady
)

// Reminder kinds.
const (
	ReminderBefore  = model.ReminderBefore
	ReminderNow     = model.ReminderNow
	ReminderStarted = model.ReminderStarted
)

// Problem actions (see model.ActionSignIn...).
const (
	ActionSignIn          = model.ActionSignIn
	ActionRetry           = model.ActionRetry
	ActionFixSettings     = model.ActionFixSettings
	ActionOpenSettings    = model.ActionOpenSettings
	ActionContactAdmin    = model.ActionContactAdmin
	ActionOpenAgenda      = model.ActionOpenAgenda
	ActionCheckFolder     = model.ActionCheckFolder
	ActionCopyHostRequest = model.ActionCopyHostRequest
	ActionOpenCalendars   = model.ActionOpenCalendars
	ActionOpenWizard      = model.ActionOpenWizard
)

// Setting states.
const (
	SettingOK          = model.SettingOK
	SettingNeedsChange = model.SettingNeedsChange
	SettingLocked      = model.SettingLocked
	SettingUnknown     = model.SettingUnknown
)

// SettingsURL is Zoom's web page with the recording settings.
const SettingsURL = model.SettingsURL

// Event kinds.
const (
	EventReminder            = "reminder"
	EventRecordingReady      = "recording_ready"
	EventLocalRecordingReady = "local_recording_ready"
)

// Event is something that just happened and that the agent announces
// (a notification, the reminder window). Each event is delivered once.
type Event struct {
	Kind      string     `json:"kind"`
	At        time.Time  `json:"at"`
	Reminder  *Reminder  `json:"reminder,omitempty"`
	Recording *Recording `json:"recording,omitempty"`
}

// String describes e without secrets, for logs.
func (e Event) String() string {
	var b strings.Builder
	b.WriteString(e.Kind)
	if e.Reminder != nil {
		fmt.Fprintf(&b, " %s", e.Reminder.Key)
	}
	if e.Recording != nil {
		fmt.Fprintf(&b, " %s meeting %d", e.Recording.Kind, e.Recording.MeetingID)
	}
	return b.String()
}
