package tray

import (
	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

// newInterviewItem opens the New interview window, or, when the sign-in
// lacks the scheduling scopes, signs in again.
func newInterviewItem(v in) Item {
	if v.SignedIn && v.SchedulingNotAllowed {
		return Item{Label: "Sign in again to allow scheduling…", Command: localapi.Command{Name: localapi.CmdSignIn}}
	}
	return Item{Label: "New interview…", Command: openWindow(localapi.WindowSchedule)}
}

// scheduleItems are an upcoming Zoom interview's scheduling entries: for
// one the user hosts, Reschedule or cancel (in the agenda, where the
// details ask for the new time or the confirmation); for one someone else
// hosts, only the organizer can, so the agenda's "Ask the organizer".
func scheduleItems(iv model.Interview, v in) []Item {
	if iv.ID <= 0 || iv.State != model.StateUpcoming || !v.Now.Before(iv.StartTime) {
		return nil
	}
	open := openWindow(localapi.WindowAgenda)
	switch {
	case iv.HostedByMe && v.SchedulingNotAllowed:
		return []Item{{Label: "Sign in again to allow scheduling…", Command: localapi.Command{Name: localapi.CmdSignIn}}}
	case iv.HostedByMe:
		return []Item{{Label: "Reschedule or cancel…", Command: open}}
	case iv.HostKnown:
		return []Item{{Label: "Someone else hosts it: ask the organizer…", Command: open}}
	}
	return nil
}
