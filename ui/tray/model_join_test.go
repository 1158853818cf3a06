package tray

import (
	"testing"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

// TestJoinPicksTheInterviewInProgress: with two overlapping interviews,
// the tray's Join picks the one in progress the user has not joined yet,
// before the next one (model.Snapshot.JoinTarget, as the shortcut does).
func TestJoinPicksTheInterviewInProgress(t *testing.T) {
	snap := demoSnapshot()
	overlap := interview(5, "Interview: Overlapping", at(15, 15), 20)
	snap.Interviews = append(snap.Interviews[:1], append([]model.Interview{overlap}, snap.Interviews[1:]...)...)
	snap.Interviews[0].Joined = true
	m := buildFor(snap, testView{Now: at(15, 20), Loc: berlin, SignedIn: true})
	if first := m.Items[0]; first.Command.Name != localapi.CmdJoin || first.Command.MeetingID != 5 {
		t.Errorf("first item %+v, want Join of meeting 5", first)
	}
	// Once the overlapping one ended, the joined one in progress is it.
	m = buildFor(snap, testView{Now: at(15, 40), Loc: berlin, SignedIn: true})
	if first := m.Items[0]; first.Command.MeetingID != 1 {
		t.Errorf("first item %+v, want Join of meeting 1", first)
	}
}
