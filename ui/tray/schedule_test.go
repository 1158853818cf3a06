package tray

import (
	"testing"

	"github.com/interviewtray/interviewtray/localapi"
)

func TestScheduleEntries(t *testing.T) {
	snap := demoSnapshot()
	other := interview(5, "Interview: Jonah Keller", at(17, 0), 45)
	other.HostedByMe, other.HostKnown = false, true
	snap.Interviews = append(snap.Interviews, other)
	m := buildFor(snap, testView{Now: at(11, 0), Loc: berlin, SignedIn: true})

	if it, ok := find(m.Items, "New interview…"); !ok || it.Command.Name != localapi.CmdOpenWindow || it.Command.Window != localapi.WindowSchedule {
		t.Errorf("New interview… = %+v, %v", it, ok)
	}
	mine, ok := find(m.Items, "15:00  Interview: Priya Raman")
	if !ok {
		t.Fatal("no menu for the hosted interview")
	}
	if it, ok := find(mine.Children, "Reschedule or cancel…"); !ok || it.Command.Window != localapi.WindowAgenda {
		t.Errorf("hosted interview's entries %+v", mine.Children)
	}
	theirs, ok := find(m.Items, "17:00  Interview: Jonah Keller")
	if !ok {
		t.Fatal("no menu for the other host's interview")
	}
	if _, ok := find(theirs.Children, "Reschedule or cancel…"); ok {
		t.Error("someone else's interview offers Reschedule")
	}
	if it, ok := find(theirs.Children, "Someone else hosts it: ask the organizer…"); !ok || it.Command.Window != localapi.WindowAgenda {
		t.Errorf("other host's entries %+v", theirs.Children)
	}

	// Once it has started there is nothing to reschedule.
	m = buildFor(snap, testView{Now: at(15, 1), Loc: berlin, SignedIn: true})
	for _, it := range m.Items {
		if _, ok := find(it.Children, "Reschedule or cancel…"); ok && it.Label[:5] == "15:00" {
			t.Error("a started interview offers Reschedule")
		}
	}

	// A sign-in without the scheduling scopes: sign in again instead.
	m = buildFor(snap, testView{Now: at(11, 0), Loc: berlin, SignedIn: true, SchedulingNotAllowed: true})
	if _, ok := find(m.Items, "New interview…"); ok {
		t.Error("New interview… offered without the scopes")
	}
	if it, ok := find(m.Items, "Sign in again to allow scheduling…"); !ok || it.Command.Name != localapi.CmdSignIn {
		t.Errorf("sign in again = %+v, %v", it, ok)
	}
	mine, _ = find(m.Items, "15:00  Interview: Priya Raman")
	if _, ok := find(mine.Children, "Reschedule or cancel…"); ok {
		t.Error("Reschedule offered without the scopes")
	}
}
