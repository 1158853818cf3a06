package tray

import (
	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// newInterviewItem opens the New interview window, or, when the sign-in
// lacks the scheduling scopes, signs in again.
func newInterviewItem(v View) Item {
	if v.SignedIn && v.SchedulingNotAllowed {
		return Item{Label: "Sign in again to allow scheduling…", Action: Action{Kind: ActSignIn}}
	}
	return Item{Label: "New interview…", Action: Action{Kind: ActOpenWindow, Window: localapi.WindowSchedule}}
}

// scheduleItems are an upcoming Zoom interview's scheduling entries: for
// one the user hosts, Reschedule or cancel (in the agenda, where the
// details ask for the new time or the confirmation); for one someone else
// hosts, only the organizer can, so the agenda's "Ask the organizer".
func scheduleItems(iv meetingsync.Interview, v View) []Item {
	if iv.ID <= 0 || iv.State != meetingsync.StateUpcoming || !v.Now.Before(iv.StartTime) {
		return nil
	}
	open := Action{Kind: ActOpenWindow, Window: localapi.WindowAgenda}
	switch {
	case iv.HostedByMe && v.SchedulingNotAllowed:
		return []Item{{Label: "Sign in again to allow scheduling…", Action: Action{Kind: ActSignIn}}}
	case iv.HostedByMe:
		return []Item{{Label: "Reschedule or cancel…", Action: open}}
	case iv.HostKnown:
		return []Item{{Label: "Someone else hosts it: ask the organizer…", Action: open}}
	}
	return nil
}
