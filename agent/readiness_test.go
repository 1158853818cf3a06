package agent

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// measuredDesktop is a fakeDesktop that measures a nearly full disk and
// no Zoom app.
type measuredDesktop struct{ *fakeDesktop }

func (measuredDesktop) CheckComputer(context.Context, string) meetingsync.Computer {
	return meetingsync.Computer{DiskFree: 50_000_000, DiskKnown: true, ZoomApp: meetingsync.AppMissing}
}

// TestStateCarriesReadiness: the windows get each coming interview's
// readiness with the state, with what was measured on the computer.
func TestStateCarriesReadiness(t *testing.T) {
	a, fd, _ := newTestAgent(t)
	a.desk = measuredDesktop{fd}
	ch, stop := a.Changes()
	defer stop()
	iv := firstInterview(t, a)
	a.State() // starts the measurement
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
		t.Fatal("no change after the measurement")
	}
	st := a.State()
	i := slices.IndexFunc(st.Readiness, func(r meetingsync.InterviewReadiness) bool { return r.Key == meetingsync.OccurrenceKey(iv) })
	if i < 0 {
		t.Fatalf("no readiness for %s in %+v", meetingsync.OccurrenceKey(iv), st.Readiness)
	}
	kinds := map[string]string{}
	for _, l := range st.Readiness[i].Lines {
		kinds[l.Kind] = l.Severity
	}
	if kinds[meetingsync.ReadyDisk] != meetingsync.SeverityWarn || kinds[meetingsync.ReadyZoomApp] != meetingsync.SeverityWarn ||
		kinds[meetingsync.ReadyHost] == "" || kinds[meetingsync.ReadyConsent] == "" {
		t.Errorf("lines %+v", st.Readiness[i].Lines)
	}

	// The 10-minute reminder's notification says what to fix.
	r := &meetingsync.Reminder{MeetingID: iv.ID, StartTime: iv.StartTime, Kind: meetingsync.ReminderBefore, Minutes: 10, Topic: iv.Topic}
	n, _, _ := a.notification(meetingsync.Event{Kind: meetingsync.EventReminder, Reminder: r})
	// It says so a line each, below the start time.
	lines := strings.Join(n.Lines, "\n")
	if !strings.HasPrefix(n.Body, "Starts at ") || !strings.Contains(lines, "Only 50 MB free") || !strings.Contains(lines, "Tell the candidate") ||
		slices.ContainsFunc(n.Lines, func(l string) bool { return strings.Contains(l, "\n") || strings.Contains(l, " · ") }) {
		t.Errorf("reminder body %q, lines %q", n.Body, n.Lines)
	}
}

// TestConflictsAnnouncedOnce: two interviews that overlap are announced
// when they appear, once; the notification opens the agenda.
func TestConflictsAnnouncedOnce(t *testing.T) {
	start := time.Now().Add(3 * time.Hour).Truncate(time.Minute)
	a, fd, _ := newTestAgent(t, func(sim *zoomsim.Sim) {
		for i, topic := range []string{"Interview: Overlap one", "Interview: Overlap two"} {
			if _, err := sim.CreateMeeting(zoomsim.MeetingSpec{Topic: topic, StartTime: start.Add(time.Duration(i) * 15 * time.Minute), Duration: 45}); err != nil {
				t.Fatal(err)
			}
		}
	})
	n := &withdrawingNotifier{}
	a.notifier = n
	ctx := context.Background()
	a.noteConflicts(ctx)
	a.noteConflicts(ctx)
	var found []string
	for _, s := range n.shown {
		if strings.HasPrefix(s.Key, "conflicts:") {
			found = append(found, s.Body)
		}
	}
	if len(found) != 1 || !strings.Contains(found[0], "Interview: Overlap one") || !strings.Contains(found[0], "you host both") {
		t.Fatalf("conflict notifications %q", found)
	}
	for _, s := range n.shown {
		if strings.HasPrefix(s.Key, "conflicts:") {
			a.onNotificationAction(s.Key, "default")
		}
	}
	if fd.count(localapi.WindowAgenda) != 1 {
		t.Errorf("windows %q: want the agenda", fd.windows)
	}
}
