package model

import "time"

// The readiness of an interview (sync.UpcomingReadiness works it out; the
// agent sends it in its state, the windows show it).

// Readiness line kinds.
const (
	ReadyHost       = "host"         // who hosts, and what that means for recording
	ReadyRecording  = "recording"    // whether a local recording will work
	ReadyPlan       = "plan"         // the Basic plan's 40-minute limit
	ReadyOverlap    = "overlap"      // another interview at the same time
	ReadyBackToBack = "back_to_back" // another interview with no gap
	ReadyDisk       = "disk"         // free space for the recording
	ReadyZoomApp    = "zoom_app"     // the Zoom app is installed
	ReadyConsent    = "consent"      // tell the candidate it is recorded
)

// Readiness severities.
const (
	SeverityOK   = "ok"   // this is fine
	SeverityWarn = "warn" // something to fix before the start
	SeverityInfo = "info" // worth knowing, nothing to fix
)

// ReadinessLine is one line of an interview's readiness.
type ReadinessLine struct {
	Kind     string `json:"kind"`     // one of the Ready* kinds
	Severity string `json:"severity"` // ok, warn or info
	Text     string `json:"text"`     // a sentence for the user
	// Action is what the line's button does (a Problem action verb or
	// ActionOpenURL), with Label its text; empty when there is no button.
	Action string `json:"action,omitempty"`
	Label  string `json:"label,omitempty"`
	// URL is the page ActionOpenURL opens.
	URL string `json:"url,omitempty"`
	// Copy is the text ActionCopyHostRequest puts on the clipboard.
	Copy string `json:"copy,omitempty"`
	// Other is the occurrence key of the other interview of an overlap or
	// back_to_back line.
	Other string `json:"other,omitempty"`
}

// InterviewReadiness is the readiness of one occurrence.
type InterviewReadiness struct {
	Key       string          `json:"key"` // occurrence key: meeting ID @ start (UTC)
	MeetingID int64           `json:"meeting_id"`
	StartTime time.Time       `json:"start_time"`
	Lines     []ReadinessLine `json:"lines"`
}

// ActionOpenURL opens ReadinessLine.URL in the browser.
const ActionOpenURL = "open_url"
