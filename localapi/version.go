package localapi

import (
	"net/http"
)

// VersionHeader carries the build of the program making a request
// (buildinfo.Version), set by a Client whose Version is set: the windows
// set it, so that the agent refuses the commands of a window from another
// build (and the window, which compares AgentInfo.Version, says "restart
// Interview Tray").
const VersionHeader = "Interviewtray-Version"

// agentVersion is the agent's version, read from its state once: it does
// not change while the agent runs.
func (s *Server) agentVersion() string {
	s.versionOnce.Do(func() { s.version = s.backend.State().Agent.Version })
	return s.version
}

// checkVersion answers 409 to a command from a program of another build
// than the agent's; requests without the header pass.
func (s *Server) checkVersion(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		theirs := r.Header.Get(VersionHeader)
		if theirs == "" || r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		if ours := s.agentVersion(); theirs != ours {
			s.log.Warn("refused a command from another build of Interview Tray", "theirs", theirs, "ours", ours)
			writeJSON(w, http.StatusConflict, &Error{Status: http.StatusConflict,
				Message: "this window is from another build of Interview Tray (" + theirs + ") than the one running (" + ours + "): restart Interview Tray"})
			return
		}
		next.ServeHTTP(w, r)
	})
}
