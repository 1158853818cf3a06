package tray

import (
	"testing"

	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// TestJoinPicksTheInterviewInProgress: with two overlapping interviews,
// the tray's Join picks the one in progress the user has not joined yet,
// before the next one (meetingsync.JoinTarget, as the shortcut does).
func TestJoinPicksTheInterviewInProgress(t *testing.T) {
	snap := demoSnapshot()
	overlap := interview(5, "Interview: Overlapping", at(15, 15), 20)
	snap.Interviews = append(snap.Interviews[:1], append([]meetingsync.Interview{overlap}, snap.Interviews[1:]...)...)
	snap.Interviews[0].Joined = true
	m := Build(snap, View{Now: at(15, 20), Loc: berlin, SignedIn: true})
	if first := m.Items[0]; first.Action.Kind != ActJoin || first.Action.MeetingID != 5 {
		t.Errorf("first item %+v, want Join of meeting 5", first)
	}
	// Once the overlapping one ended, the joined one in progress is it.
	m = Build(snap, View{Now: at(15, 40), Loc: berlin, SignedIn: true})
	if first := m.Items[0]; first.Action.MeetingID != 1 {
		t.Errorf("first item %+v, want Join of meeting 1", first)
	}
}
