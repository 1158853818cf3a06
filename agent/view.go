package agent

import (
	"os"
	"slices"

	"github.com/interviewtray/interviewtray/internal/safetext"
	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
	"github.com/interviewtray/interviewtray/ui/view"
)

// State implements localapi.Backend: the state every surface renders (the
// tray, the windows, `interviewtray status`), with the view worked out
// once, here.
func (a *Agent) State() localapi.State {
	snap := a.displaySnapshot()
	settings := a.engine.Settings()
	info := a.agentInfo()
	return localapi.State{Snapshot: snap, Settings: settings, Agent: info, View: a.viewOf(snap, settings, info)}
}

// agentInfo is the agent's own state: the sign-in (a keychain read with a
// timeout), start at login and the agent's problems.
func (a *Agent) agentInfo() localapi.AgentInfo {
	a.mu.Lock()
	info := localapi.AgentInfo{
		Version: a.opts.Version, Demo: a.opts.Demo, PID: os.Getpid(), StartedAt: a.started,
		SignIn: a.signIn,
	}
	a.mu.Unlock()
	if st, err := a.opts.Session.State(); err == nil {
		info.SignedIn, info.Email = st.SignedIn, safetext.Clean(st.User.Email)
		if st.SignedIn {
			exp := st.Expiry
			info.TokenExpiresAt = &exp
		} else {
			info.SignedOutReason, info.SignedOutMessage = string(st.Reason), st.Reason.Message()
		}
	} else {
		info.SignedOutMessage = err.Error()
	}
	info.Autostart = a.desk.AutostartEnabled()
	info.Problems = cleanProblems(a.agentProblems())
	return info
}

// viewOf works out what every surface shows of a state: the one place the
// rule "signed in" is decided, and the problems merged with their commands.
func (a *Agent) viewOf(snap *model.Snapshot, settings model.Settings, info localapi.AgentInfo) localapi.View {
	now := a.opts.Now()
	v := localapi.View{
		// Zoom refusing the token (the engine's Health.SignedOut) signs
		// the user out before the keychain knows.
		SignedIn:  info.SignedIn && (snap == nil || !snap.Health.SignedOut),
		SigningIn: info.SignIn.State == localapi.SignInWaiting,
		HideNames: settings.HideNames,
		At:        now,
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
		v.Problems = append(v.Problems, localapi.Problem{Problem: p, Solve: a.solve(p, snap)})
	}
	if next, ok := view.NextInterview(snap, now); ok {
		v.Next = &next
	}
	return v
}

// solve is the command that solves a problem, by its action; nil when
// there is none (the problem only says what is wrong).
func (a *Agent) solve(p model.Problem, snap *model.Snapshot) *localapi.Command {
	open := func(window string) *localapi.Command {
		return &localapi.Command{Name: localapi.CmdOpenWindow, Window: window}
	}
	var check *model.SettingsCheck
	if snap != nil {
		check = snap.RecordingSettings
	}
	switch p.Action {
	case model.ActionSignIn:
		return &localapi.Command{Name: localapi.CmdSignIn}
	case model.ActionRetry:
		return &localapi.Command{Name: localapi.CmdRefresh}
	case model.ActionFixSettings, model.ActionOpenWizard:
		// The wizard's recording step shows what changes, then fixes it.
		return open(localapi.WindowWizard)
	case model.ActionOpenAgenda:
		return open(localapi.WindowAgenda)
	case model.ActionCheckFolder, model.ActionOpenCalendars:
		return open(localapi.WindowSettings)
	case model.ActionOpenSettings:
		page := model.SettingsURL
		if check != nil && check.SettingsURL != "" {
			page = check.SettingsURL
		}
		return &localapi.Command{Name: localapi.CmdOpenLink, URL: page}
	case model.ActionContactAdmin:
		if check != nil && check.AdminMessage != "" {
			return &localapi.Command{Name: localapi.CmdCopy, Text: check.AdminMessage}
		}
	case model.ActionCopyHostRequest:
		if snap == nil {
			return nil
		}
		if i := slices.IndexFunc(snap.Interviews, func(iv model.Interview) bool { return iv.ID == p.MeetingID }); i >= 0 {
			return &localapi.Command{Name: localapi.CmdCopy, Text: model.HostRequest(snap.Interviews[i], snap.User, a.opts.Location)}
		}
	}
	return nil
}
