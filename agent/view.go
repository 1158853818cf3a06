package agent

import (
	"os"

	"github.com/interviewtray/interviewtray/internal/safetext"
	"github.com/interviewtray/interviewtray/localapi"
)

// State implements localapi.Backend: the state every surface renders (the
// tray, the windows, `interviewtray status`), with the view worked out
// once, by localapi.NewView. It reads the sign-in afresh (a keychain read
// with a timeout).
func (a *Agent) State() localapi.State { return a.state(true) }

// state is State; with live false it uses the sign-in as last read
// (refreshSignIn) and leaves out start at login: the tray, redrawn every
// minute near an interview, never waits for the keychain.
func (a *Agent) state(live bool) localapi.State {
	snap := a.displaySnapshot()
	settings := a.engine.Settings()
	info := a.agentInfo(live)
	return localapi.State{Snapshot: snap, Settings: settings, Agent: info, Readiness: a.readiness(snap),
		View: localapi.NewView(snap, settings, info, a.opts.Now(), a.opts.Location)}
}

// agentInfo is the agent's own state: the sign-in (read afresh when live),
// start at login (when live) and the agent's problems.
func (a *Agent) agentInfo(live bool) localapi.AgentInfo {
	a.mu.Lock()
	info := localapi.AgentInfo{
		Version: a.opts.Version, Demo: a.opts.Demo, PID: os.Getpid(), StartedAt: a.started,
		SignIn: a.signIn,
	}
	st, err := a.session.state, a.session.err
	a.mu.Unlock()
	if live {
		st, err = a.opts.Session.State()
	}
	if err == nil {
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
	if live {
		info.Autostart = a.desk.AutostartEnabled()
	}
	info.Problems = cleanProblems(a.agentProblems())
	info.SchedulingNotAllowed = !a.schedulingAllowed()
	info.Shortcut = a.shortcutStatus()
	return info
}
