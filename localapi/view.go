package localapi

import (
	"slices"
	"time"

	"github.com/interviewtray/interviewtray/model"
)

// NewView works out what every surface shows of the agent's state at now
// (loc is the user's zone): the one place the rule "signed in" is
// decided, and the problems merged with the commands that solve them. The
// agent sends it with every State; tests of the surfaces build their
// states' views with it.
func NewView(snap *model.Snapshot, settings model.Settings, info AgentInfo, now time.Time, loc *time.Location) View {
	v := View{
		// Zoom refusing the token (the engine's Health.SignedOut) signs
		// the user out before the keychain knows.
		SignedIn:  info.SignedIn && (snap == nil || !snap.Health.SignedOut),
		SigningIn: info.SignIn.State == SignInWaiting,
		HideNames: settings.HideNames,
		At:        now,
		// Scheduling commands found the sign-in without its scopes.
		SchedulingNotAllowed: info.SchedulingNotAllowed,
	}
	if v.SignedIn {
		v.Email = info.Email
	} else {
		v.SignedOutReason, v.SignedOutMessage = info.SignedOutReason, info.SignedOutMessage
		if snap != nil && snap.Health.SignedOut {
			if v.SignedOutReason == "" {
				v.SignedOutReason = snap.Health.SignedOutReason
			}
			if v.SignedOutMessage == "" {
				v.SignedOutMessage = snap.Health.LastError
			}
		}
	}
	var problems []model.Problem
	if snap != nil {
		problems = snap.Problems
	}
	for _, p := range slices.Concat(problems, info.Problems) {
		v.Problems = append(v.Problems, Problem{Problem: p, Solve: Solve(p, snap, loc)})
	}
	if next, ok := snap.NextInterview(now); ok {
		v.Next = &next
	}
	return v
}

// Solve is the command that solves a problem, by its action; nil when
// there is none (the problem only says what is wrong). loc is the user's
// zone, for the texts it copies.
func Solve(p model.Problem, snap *model.Snapshot, loc *time.Location) *Command {
	open := func(window string) *Command {
		return &Command{Name: CmdOpenWindow, Window: window}
	}
	var check *model.SettingsCheck
	if snap != nil {
		check = snap.RecordingSettings
	}
	switch p.Action {
	case model.ActionSignIn:
		return &Command{Name: CmdSignIn}
	case model.ActionRetry:
		return &Command{Name: CmdRefresh}
	case model.ActionFixSettings, model.ActionOpenWizard:
		// The wizard's recording step shows what changes, then fixes it.
		return open(WindowWizard)
	case model.ActionOpenAgenda:
		return open(WindowAgenda)
	case model.ActionCheckFolder, model.ActionOpenCalendars:
		return open(WindowSettings)
	case model.ActionOpenSettings:
		page := model.SettingsURL
		if check != nil && check.SettingsURL != "" {
			page = check.SettingsURL
		}
		return &Command{Name: CmdOpenLink, URL: page}
	case model.ActionContactAdmin:
		if check != nil && check.AdminMessage != "" {
			return &Command{Name: CmdCopy, Text: check.AdminMessage}
		}
	case model.ActionCopyHostRequest:
		if snap == nil {
			return nil
		}
		if i := slices.IndexFunc(snap.Interviews, func(iv model.Interview) bool { return iv.ID == p.MeetingID }); i >= 0 {
			return &Command{Name: CmdCopy, Text: model.HostRequest(snap.Interviews[i], snap.User, loc)}
		}
	}
	return nil
}
