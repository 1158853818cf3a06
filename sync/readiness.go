package sync

import (
	"fmt"
	"slices"
	"time"

	"github.com/interviewtray/interviewtray/internal/safetext"
	"github.com/interviewtray/interviewtray/model"
)

// Readiness: whether an interview is ready before it starts. The rules are
// pure functions over a [Snapshot], the settings and what was measured on
// this computer ([Computer], from [CheckComputer]); the agent computes them
// when a snapshot or the measurements change and shows the lines in the
// 10-minute reminder, the agenda and the start alert:
//
//	pc := meetingsync.CheckComputer(ctx, e.RecordingFolder(), meetingsync.SystemDiskSpace(), meetingsync.SystemZoomApp())
//	for _, r := range meetingsync.UpcomingReadiness(snap, meetingsync.ReadinessInput{Now: now, Location: loc, Settings: set, Computer: pc}) { ... }
//
// Lines never name the candidate (the topic is left out), so they can be
// shown with names hidden.

// The readiness types and constants live in package model (the windows
// show them without linking the engine); these are their names here.
type (
	ReadinessLine      = model.ReadinessLine
	InterviewReadiness = model.InterviewReadiness
)

// Readiness line kinds, severities and the line's link action (model's).
const (
	ReadyHost       = model.ReadyHost
	ReadyRecording  = model.ReadyRecording
	ReadyPlan       = model.ReadyPlan
	ReadyOverlap    = model.ReadyOverlap
	ReadyBackToBack = model.ReadyBackToBack
	ReadyDisk       = model.ReadyDisk
	ReadyZoomApp    = model.ReadyZoomApp
	ReadyConsent    = model.ReadyConsent

	SeverityOK   = model.SeverityOK
	SeverityWarn = model.SeverityWarn
	SeverityInfo = model.SeverityInfo

	ActionOpenURL = model.ActionOpenURL
)

// Zoom user types (users/me "type"): model's.
const (
	UserBasic    = model.UserBasic
	UserLicensed = model.UserLicensed
)

// Zoom app states (Computer.ZoomApp).
const (
	AppUnknown   = ""          // could not tell
	AppInstalled = "installed" // a zoommtg: handler is registered
	AppMissing   = "missing"   // none is: Join opens the browser
)

// basicMinutes is basicLimit (schedule_cmds.go) in minutes.
const basicMinutes = int(basicLimit / time.Minute)

// DefaultRecordingMBPerHour is the default of Settings.RecordingMBPerHour:
// Zoom's own estimate for a recording with video ("recording video uses
// about 200MB of storage an hour", support article KB0064394,
// "Understanding recording file formats"; screen sharing alone is about
// 20 MB an hour).
const DefaultRecordingMBPerHour = model.DefaultRecordingMBPerHour

// Links the readiness lines offer.
const (
	ZoomPlansURL    = "https://zoom.us/pricing"
	ZoomDownloadURL = "https://zoom.us/download"
)

// Computer is what was measured on this computer for a recording
// (see [CheckComputer]).
type Computer struct {
	// DiskFree is the free space, in bytes, of the recording folder's file
	// system; DiskKnown is false when it could not be measured.
	DiskFree  uint64 `json:"disk_free"`
	DiskKnown bool   `json:"disk_known"`
	// ZoomApp is AppInstalled, AppMissing or AppUnknown.
	ZoomApp string `json:"zoom_app,omitempty"`
}

// ReadinessInput is what the rules need besides the snapshot.
type ReadinessInput struct {
	Now      time.Time
	Location *time.Location // for the times in the text; nil means UTC
	Settings Settings
	Computer Computer
}

// OccurrenceKey names one occurrence of a meeting: its ID and its start in
// UTC ("86512345678@2026-12-04T10:00:00Z"), as reminder keys do.
func OccurrenceKey(iv Interview) string { return occKey(iv.ID, iv.StartTime) }

// UpcomingReadiness returns the readiness of every interview in snap that
// has not ended, in start order.
func UpcomingReadiness(snap *Snapshot, in ReadinessInput) []InterviewReadiness {
	if snap == nil {
		return nil
	}
	var out []InterviewReadiness
	for _, iv := range snap.Interviews {
		if !iv.IsInterview || iv.State == StateEnded {
			continue
		}
		out = append(out, InterviewReadiness{Key: OccurrenceKey(iv), MeetingID: iv.ID, StartTime: iv.StartTime,
			Lines: Readiness(snap, iv, in)})
	}
	return out
}

// Readiness returns iv's readiness lines, in this order: who hosts, local
// recording, the plan, overlaps and back-to-back interviews, disk space,
// the Zoom app, consent. A line is left out when there is nothing to say
// (the host not known yet, a licensed plan, a measurement that failed).
func Readiness(snap *Snapshot, iv Interview, in ReadinessInput) []ReadinessLine {
	loc := in.Location
	if loc == nil {
		loc = time.UTC
	}
	var me *User
	var check *SettingsCheck
	if snap != nil {
		me, check = snap.User, snap.RecordingSettings
	}
	var out []ReadinessLine
	out = append(out, hostLines(iv, me, check, loc)...)
	if l, ok := planLine(iv, me); ok {
		out = append(out, l)
	}
	if snap != nil {
		out = append(out, conflictLines(snap.Interviews, iv, loc)...)
	}
	if l, ok := diskLine(iv, in); ok {
		out = append(out, l)
	}
	switch in.Computer.ZoomApp {
	case AppInstalled:
		out = append(out, ReadinessLine{Kind: ReadyZoomApp, Severity: SeverityOK, Text: "The Zoom app is installed."})
	case AppMissing:
		out = append(out, ReadinessLine{Kind: ReadyZoomApp, Severity: SeverityWarn,
			Text:   "The Zoom app is not installed: Join opens the meeting in the browser, which cannot record it to your computer.",
			Action: ActionOpenURL, Label: "Download Zoom", URL: ZoomDownloadURL})
	}
	if in.Settings.ConsentReminder && iv.IsInterview {
		out = append(out, ReadinessLine{Kind: ReadyConsent, Severity: SeverityInfo, Text: "Tell the candidate the interview is recorded."})
	}
	return out
}

// hostLines say who hosts iv and whether a local recording will work.
func hostLines(iv Interview, me *User, check *SettingsCheck, loc *time.Location) []ReadinessLine {
	switch {
	case iv.HostedByMe:
		host := ReadinessLine{Kind: ReadyHost, Severity: SeverityOK, Text: "You host this interview."}
		rec := ReadinessLine{Kind: ReadyRecording}
		switch {
		case check == nil:
			rec.Severity, rec.Text = SeverityInfo, "Your Zoom recording settings have not been checked yet."
		case check.OK:
			rec.Severity, rec.Text = SeverityOK, "Recording to your computer will work: your Zoom recording settings are ready."
		case check.AdminMessage != "":
			rec.Severity, rec.Text = SeverityWarn, "Recording to your computer may not work: a recording setting is locked by your Zoom admin."
			rec.Action, rec.Label, rec.Copy = ActionContactAdmin, "Copy a message for the admin", check.AdminMessage
		default:
			rec.Severity, rec.Text = SeverityWarn, "Recording to your computer may not work: your Zoom recording settings need a change."
			rec.Action, rec.Label = ActionFixSettings, "Fix it for me"
		}
		return []ReadinessLine{host, rec}
	case iv.NeedsHostPermission || iv.HostKnown:
		who := safetext.Clean(hostOf(iv)) // a calendar's or Zoom's text: one plain line
		host := ReadinessLine{Kind: ReadyHost, Severity: SeverityInfo, Text: "Someone else hosts this interview."}
		if who != "" {
			host.Text = fmt.Sprintf("%s hosts this interview.", who)
		}
		rec := ReadinessLine{Kind: ReadyRecording, Severity: SeverityWarn,
			Text:   "Recording it to your computer needs the host's permission: ask before the start.",
			Action: ActionCopyHostRequest, Label: "Copy request", Copy: HostRequest(iv, me, loc)}
		return []ReadinessLine{host, rec}
	case iv.Source == SourceCalendar && iv.ID < 0:
		return []ReadinessLine{{Kind: ReadyHost, Severity: SeverityInfo, Text: "The invitation has no Zoom meeting."}}
	}
	return []ReadinessLine{{Kind: ReadyHost, Severity: SeverityInfo, Text: "Zoom has not said yet who hosts this interview."}}
}

// planLine warns about the 40-minute limit of a Basic account, for
// interviews the user hosts.
func planLine(iv Interview, me *User) (ReadinessLine, bool) {
	if !iv.HostedByMe || me == nil || me.Type != UserBasic {
		return ReadinessLine{}, false
	}
	if iv.Duration > basicMinutes {
		return ReadinessLine{Kind: ReadyPlan, Severity: SeverityWarn,
			Text: fmt.Sprintf("Your Zoom account is Basic (free): Zoom ends meetings you host after %d minutes, and this one is scheduled for %d. "+
				"Upgrade to a paid plan, ask a colleague with a paid account to host it, or plan to start a second meeting.", basicMinutes, iv.Duration),
			Action: ActionOpenURL, Label: "Zoom plans", URL: ZoomPlansURL}, true
	}
	return ReadinessLine{Kind: ReadyPlan, Severity: SeverityInfo,
		Text: fmt.Sprintf("Your Zoom account is Basic (free): Zoom ends meetings you host after %d minutes.", basicMinutes)}, true
}

// diskLine compares the free space with what a recording of iv needs: its
// scheduled length at Settings.RecordingMBPerHour, twice, since Zoom keeps
// the raw recording until it has converted it.
func diskLine(iv Interview, in ReadinessInput) (ReadinessLine, bool) {
	if !iv.IsInterview || !in.Computer.DiskKnown {
		return ReadinessLine{}, false
	}
	rate := in.Settings.RecordingMBPerHour
	if rate <= 0 {
		rate = DefaultRecordingMBPerHour
	}
	need := RecordingNeed(iv.Duration, rate)
	if in.Computer.DiskFree >= need {
		return ReadinessLine{Kind: ReadyDisk, Severity: SeverityOK,
			Text: fmt.Sprintf("%s free for the recording.", formatBytes(in.Computer.DiskFree))}, true
	}
	return ReadinessLine{Kind: ReadyDisk, Severity: SeverityWarn,
		Text: fmt.Sprintf("Only %s free in the recording folder: a %d-minute recording needs about %s "+
			"(%d MB an hour, twice while Zoom converts it). Free some space or choose another folder.",
			formatBytes(in.Computer.DiskFree), iv.Duration, formatBytes(need), rate),
		Action: ActionCheckFolder, Label: "Choose folder"}, true
}

// RecordingNeed is the disk space, in bytes, a local recording of minutes
// needs at mbPerHour: twice the recording (Zoom keeps the raw file while
// it converts it), at least 10 minutes' worth.
func RecordingNeed(minutes, mbPerHour int) uint64 {
	minutes = max(minutes, 10)
	return 2 * uint64(minutes) * uint64(mbPerHour) * 1_000_000 / 60
}

// formatBytes writes n in MB below a gigabyte, in GB with one decimal above.
func formatBytes(n uint64) string {
	if n < 1_000_000_000 {
		return fmt.Sprintf("%d MB", n/1_000_000)
	}
	return fmt.Sprintf("%.1f GB", float64(n)/1e9)
}

// Conflict kinds: the same as the readiness kinds.
const (
	ConflictOverlap    = ReadyOverlap
	ConflictBackToBack = ReadyBackToBack
)

// Conflict is two interviews that overlap, or one that starts when the
// other ends. Key is stable for as long as neither moves, so that the
// agent can announce each conflict once, when it appears.
type Conflict struct {
	Kind   string    `json:"kind"` // overlap or back_to_back
	Key    string    `json:"key"`  // kind/first occurrence/second occurrence
	First  Interview `json:"first"`
	Second Interview `json:"second"` // starts at or after First
	// BothHosted: the user hosts both (one host cannot run two meetings at
	// once on most Zoom plans).
	BothHosted bool `json:"both_hosted"`
}

// Conflicts returns the overlapping and back-to-back pairs among the
// interviews in snap that have not ended, in start order.
func Conflicts(snap *Snapshot) []Conflict {
	if snap == nil {
		return nil
	}
	var ivs []Interview
	for _, iv := range snap.Interviews {
		if iv.IsInterview && iv.State != StateEnded {
			ivs = append(ivs, iv)
		}
	}
	slices.SortStableFunc(ivs, func(a, b Interview) int { return a.StartTime.Compare(b.StartTime) })
	var out []Conflict
	for i, a := range ivs {
		for _, b := range ivs[i+1:] {
			if b.StartTime.After(a.EndTime) {
				break
			}
			kind := ConflictOverlap
			if !b.StartTime.Before(a.EndTime) {
				kind = ConflictBackToBack
			}
			if OccurrenceKey(a) == OccurrenceKey(b) {
				continue
			}
			out = append(out, Conflict{Kind: kind, Key: kind + "/" + OccurrenceKey(a) + "/" + OccurrenceKey(b),
				First: a, Second: b, BothHosted: a.HostedByMe && b.HostedByMe})
		}
	}
	return out
}

// conflictLines are iv's overlap and back-to-back lines.
func conflictLines(all []Interview, iv Interview, loc *time.Location) []ReadinessLine {
	key := OccurrenceKey(iv)
	var out []ReadinessLine
	for _, c := range Conflicts(&Snapshot{Interviews: all}) {
		var other Interview
		switch key {
		case OccurrenceKey(c.First):
			other = c.Second
		case OccurrenceKey(c.Second):
			other = c.First
		default:
			continue
		}
		at := other.StartTime.In(loc).Format("15:04")
		l := ReadinessLine{Kind: c.Kind, Severity: SeverityWarn, Other: OccurrenceKey(other), Action: ActionOpenAgenda, Label: "Show"}
		switch {
		case c.Kind == ConflictOverlap && c.BothHosted:
			l.Text = fmt.Sprintf("Overlaps the interview you host at %s: one host cannot run two Zoom meetings at once on most plans. "+
				"Move one, or give it another host.", at)
		case c.Kind == ConflictOverlap:
			l.Text = fmt.Sprintf("Overlaps the interview at %s.", at)
		case other.StartTime.After(iv.StartTime):
			l.Text = fmt.Sprintf("No break: the next interview starts at %s, when this one ends.", at)
		default:
			l.Text = fmt.Sprintf("No break: starts when the interview at %s ends.", at)
		}
		out = append(out, l)
	}
	return out
}
