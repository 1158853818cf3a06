package agent

import (
	"os"

	"github.com/interviewtray/interviewtray/internal/safetext"
	"github.com/interviewtray/interviewtray/localapi"
)

// State implements localapi.Backend: the state every surface renders (the
// tray, the windows, `interviewtray status`), with the view worked out
// once, here.
func (a *Agent) State() localapi.State {
	snap := a.displaySnapshot()
	settings := a.engine.Settings()
	info := a.agentInfo()
	return localapi.State{Snapshot: snap, Settings: settings, Agent: info, View: localapi.NewView(snap, settings, info, a.opts.Now(), a.opts.Location)}
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
