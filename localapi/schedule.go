package localapi

import (
	"time"

	"github.com/interviewtray/interviewtray/model"
)

// The scheduling commands: create an interview's Zoom meeting, move it,
// cancel it, and what the windows and `interviewtray status` show of them.
const (
	// CmdScheduleInterview creates an interview's meeting (Schedule). A
	// Basic account's interview over 40 minutes answers with
	// Result.Scheduled.Confirm instead, and nothing is created until the
	// command comes again with Schedule.Confirm set.
	CmdScheduleInterview = "schedule_interview"
	// CmdRescheduleInterview moves meeting MeetingID to Schedule.Start for
	// Schedule.DurationMinutes (0 keeps its length).
	CmdRescheduleInterview = "reschedule_interview"
	// CmdCancelInterview deletes meeting MeetingID from Zoom; the answer's
	// Invitation.Cancellation is the note for the candidate.
	CmdCancelInterview = "cancel_interview"
	// CmdInvitation returns meeting MeetingID's invitation and .ics.
	CmdInvitation = "invitation"
	// CmdPlannedReminders returns the reminders still to fire of meeting
	// MeetingID, or of every upcoming interview when it is 0
	// (Result.Planned).
	CmdPlannedReminders = "planned_reminders"
)

// ScheduleRequest is the argument of the scheduling commands; each reads
// only the fields it documents.
type ScheduleRequest struct {
	// Candidate (required) and Role (optional) make the topic
	// "Interview: NAME — ROLE".
	Candidate string `json:"candidate,omitempty"`
	Role      string `json:"role,omitempty"`
	// Start is when the interview starts; it must be in the future.
	Start time.Time `json:"start"`
	// DurationMinutes is the length; 0 means 45 minutes (schedule) or the
	// length it had (reschedule).
	DurationMinutes int `json:"duration_minutes,omitempty"`
	// Timezone is the IANA zone the meeting and its invitation name;
	// empty means the agent's.
	Timezone string `json:"timezone,omitempty"`
	Agenda   string `json:"agenda,omitempty"`
	// Record is local (the default), cloud or none.
	Record string `json:"record,omitempty"`
	// Confirm goes ahead despite the warning of an earlier answer's
	// Scheduled.Confirm.
	Confirm bool `json:"confirm,omitempty"`
}

// Scheduled is the answer to the scheduling commands.
type Scheduled struct {
	// Confirm, when set, is a warning the user must accept first; nothing
	// was created.
	Confirm string `json:"confirm,omitempty"`
	// Interview is the interview as the agenda now shows it.
	Interview *model.Interview `json:"interview,omitempty"`
	// Differences are what Zoom applied differently from what was asked
	// (a setting the account locks), one line each.
	Differences []string `json:"differences,omitempty"`
	// Invitation is what to send the candidate.
	Invitation *Invitation `json:"invitation,omitempty"`
}

// Invitation is an interview's invitation, ready to send.
type Invitation struct {
	// Text is the invitation to paste into an email.
	Text string `json:"text"`
	// When is the time in the candidate's wording, the zone named.
	When string `json:"when"`
	// Cancellation is the note that the interview was cancelled.
	Cancellation string `json:"cancellation,omitempty"`
	// ICS is the iCalendar file of the meeting, with the user as
	// ORGANIZER; empty when it could not be written.
	ICS       string `json:"ics,omitempty"`
	JoinURL   string `json:"join_url,omitempty"`
	MeetingID int64  `json:"meeting_id"`
	Passcode  string `json:"passcode,omitempty"`
	Recorded  bool   `json:"recorded,omitempty"`
}
