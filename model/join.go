package model

import "time"

// JoinTarget is the interview that "Join" (the tray's item and the global
// shortcut "Join the current or next interview") opens at now: one in
// progress, until its scheduled end, before the next one to start. Among
// several in progress (overlapping interviews), the first the user has not
// joined through the app yet, else the first. Only interviews with a join
// link count, and none that Zoom said ended. ok is false when there is
// nothing to join today or later.
func (snap *Snapshot) JoinTarget(now time.Time) (iv Interview, ok bool) {
	if snap == nil {
		return Interview{}, false
	}
	var running, joined, next *Interview
	for i := range snap.Interviews { // in start order
		c := &snap.Interviews[i]
		if !c.IsInterview || c.JoinURL == "" || c.State == StateEnded || !c.EndTime.After(now) {
			continue
		}
		switch {
		case c.StartTime.After(now):
			if next == nil || c.StartTime.Before(next.StartTime) {
				next = c
			}
		case c.Joined:
			if joined == nil {
				joined = c
			}
		default:
			if running == nil {
				running = c
			}
		}
	}
	for _, c := range []*Interview{running, joined, next} {
		if c != nil {
			return *c, true
		}
	}
	return Interview{}, false
}
