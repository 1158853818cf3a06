package localapi

import (
	"fmt"
	"strings"
)

// On Windows the local API is a named pipe instead of a Unix socket: Wine
// has no AF_UNIX sockets, and a pipe's own security descriptor says who may
// open it, with no folder to trust. These two functions work out its name
// and its descriptor from the user's SID; they are plain strings so that
// they are tested on every platform (socket_windows.go uses them).

// pipePrefix starts every pipe name of the app. Pipe names are one global
// namespace on a machine, so the user's SID is in the name: two users on
// one machine each get their own agent, and the client checks who serves
// the pipe before it trusts it (a name alone can be taken by anyone).
const pipePrefix = `\\.\pipe\InterviewTray-`

// pipeName is the agent's pipe for the user with this SID; the demo agent
// has its own, so a demo never talks to a real agent.
func pipeName(sid string, demo bool) (string, error) {
	if err := checkSID(sid); err != nil {
		return "", err
	}
	name := pipePrefix + sid
	if demo {
		name += "-demo"
	}
	return name, nil
}

// pipeSDDL is the pipe's security descriptor: a protected DACL (nothing
// inherited) that denies network logons and grants full access to the user
// with this SID and to SYSTEM, and to nobody else, administrators included.
func pipeSDDL(sid string) (string, error) {
	if err := checkSID(sid); err != nil {
		return "", err
	}
	return "D:P(D;;GA;;;NU)(A;;GA;;;" + sid + ")(A;;GA;;;SY)", nil
}

// checkSID accepts a SID in its string form (S-1-5-21-…): it goes into a
// pipe name and an SDDL string, so nothing else may.
func checkSID(sid string) error {
	rest, ok := strings.CutPrefix(sid, "S-1-")
	if !ok || rest == "" {
		return fmt.Errorf("local API: %q is not a SID", sid)
	}
	for _, part := range strings.Split(rest, "-") {
		if part == "" || strings.Trim(part, "0123456789") != "" {
			return fmt.Errorf("local API: %q is not a SID", sid)
		}
	}
	return nil
}
