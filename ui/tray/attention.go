package tray

import (
	"time"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

// hostingAhead is how far ahead an interview the user hosts makes a
// recording setting that is off worth the badge.
const hostingAhead = 24 * time.Hour

// needsAttention decides the warning badge. An alarm that is always on
// means nothing, so it is only for what the user can and should act on
// now: not signed in (or Zoom refused the sign-in), the keychain failing, a
// calendar that stopped updating, and a recording setting that is off or
// locked while an interview the user hosts is coming. Everything else
// (someone else hosts an interview, events that could not be read, no
// notification server, setup steps skipped, Zoom offline or slowing us
// down, the recording folder that Zoom creates at its first recording)
// stays a line in the menu and the agenda, without the badge.
func needsAttention(snap *model.Snapshot, v in, problems []localapi.Problem) bool {
	h := snap.Health
	if !v.SignedIn || h.SignedOut || h.KeychainProblem != "" {
		return true
	}
	for _, c := range snap.Calendars {
		if c.Error != "" {
			return true
		}
	}
	hosting := hostsSoon(snap, v.Now)
	for _, p := range problems {
		switch p.Action {
		case model.ActionSignIn:
			return true
		case model.ActionFixSettings, model.ActionContactAdmin:
			if hosting {
				return true
			}
		}
	}
	return false
}

// hostsSoon reports whether an interview the user hosts is on or starts
// within hostingAhead.
func hostsSoon(snap *model.Snapshot, now time.Time) bool {
	for _, iv := range snap.Interviews {
		if iv.IsInterview && iv.HostedByMe && iv.State != model.StateEnded &&
			iv.EndTime.After(now) && iv.StartTime.Sub(now) <= hostingAhead {
			return true
		}
	}
	return false
}
