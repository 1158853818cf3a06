package agent

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/ui/tray"
	"github.com/interviewtray/interviewtray/zoom"
)

// withdrawingNotifier records notifications shown and taken back.
type withdrawingNotifier struct {
	mu        sync.Mutex
	shown     []tray.Notification
	withdrawn []string
}

func (n *withdrawingNotifier) Notify(_ context.Context, note tray.Notification) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.shown = append(n.shown, note)
	return nil
}

func (n *withdrawingNotifier) Withdraw(_ context.Context, key string) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.withdrawn = append(n.withdrawn, key)
	return nil
}

func (n *withdrawingNotifier) Close() error { return nil }

// zoomFiles lists the cache files that hold Zoom data.
func zoomFiles(t *testing.T, cache string) []string {
	t.Helper()
	var out []string
	entries, _ := os.ReadDir(cache)
	for _, en := range entries {
		if n := en.Name(); n == "snapshot.json" || strings.HasPrefix(n, "recordings") {
			out = append(out, n)
		}
	}
	return out
}

// trayLabels flattens the tray's menu labels.
func trayLabels(items []tray.Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Label)
		out = append(out, trayLabels(it.Children)...)
	}
	return out
}

func TestSignOutForgetsTheAccount(t *testing.T) {
	dir := t.TempDir()
	cache := filepath.Join(dir, "cache")
	a, _, _ := newTestAgentIn(t, dir)
	n := &withdrawingNotifier{}
	a.notifier = n
	snap := a.engine.Snapshot()
	if len(snap.Interviews) == 0 || len(snap.Recordings) == 0 || snap.User == nil {
		t.Fatalf("the demo has %d interviews, %d recordings, user %v", len(snap.Interviews), len(snap.Recordings), snap.User)
	}
	topic := firstInterview(t, a).Topic
	if files := zoomFiles(t, cache); !slices.Contains(files, "snapshot.json") || len(files) < 2 {
		t.Fatalf("before sign-out the cache holds %q", files)
	}
	// A reminder was shown about one of the interviews.
	a.mu.Lock()
	a.notes["meeting:1"] = noteCommands{"join": {Name: localapi.CmdJoin, MeetingID: 1}}
	a.mu.Unlock()

	if _, err := a.Do(context.Background(), localapi.Command{Name: localapi.CmdSignOut}); err != nil {
		t.Fatal(err)
	}

	// Nothing of the account shows: not in the state the windows read...
	st := a.State()
	if s := st.Snapshot; s.User != nil || len(s.Interviews) != 0 || len(s.Recordings) != 0 || s.RecordingSettings != nil {
		t.Errorf("after sign-out the snapshot has user %v, %d interviews, %d recordings, settings %v",
			s.User, len(s.Interviews), len(s.Recordings), s.RecordingSettings)
	}
	// ...nor in the tray...
	m := tray.Build(a.State(), a.opts.Now(), a.opts.Location)
	for _, l := range trayLabels(m.Items) {
		if strings.Contains(l, topic) || l == "Join" || strings.HasPrefix(l, "Copy") {
			t.Errorf("the tray still shows %q", l)
		}
	}
	// ...nor in notifications, whose buttons no longer act.
	if !slices.Equal(n.withdrawn, []string{"meeting:1"}) || len(a.notes) != 0 {
		t.Errorf("withdrawn %q, notes left %v", n.withdrawn, a.notes)
	}
	// The cached Zoom data is gone from disk.
	if files := zoomFiles(t, cache); len(files) != 0 {
		t.Errorf("after sign-out the cache still holds %q", files)
	}
	state, err := os.ReadFile(filepath.Join(dir, "state", "state.json"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(state), topic) {
		t.Errorf("state.json still names %q", topic)
	}

	// A restart shows nothing of the account either.
	if err := a.engine.Close(); err != nil {
		t.Fatal(err)
	}
	eng, err := meetingsync.New(meetingsync.Options{
		Client:   zoom.New(zoom.Options{BaseURL: "https://api.zoom.us/v2"}),
		StateDir: filepath.Join(dir, "state"), ConfigDir: filepath.Join(dir, "config"), CacheDir: cache,
		Now: func() time.Time { return time.Now() },
	})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	if s := eng.Snapshot(); s.User != nil || len(s.Interviews) != 0 || len(s.Recordings) != 0 {
		t.Errorf("after a restart the snapshot has user %v, %d interviews, %d recordings", s.User, len(s.Interviews), len(s.Recordings))
	}
}

func TestStartForgetsAnAccountSignedOutMeanwhile(t *testing.T) {
	dir := t.TempDir()
	a, _, _ := newTestAgentIn(t, dir)
	// Signed out with `interviewtray logout` while no agent ran.
	a.opts.Session.(*fakeSession).signedIn = false
	a.forgetIfSignedOut()
	if s := a.engine.Snapshot(); s.User != nil || len(s.Interviews) != 0 {
		t.Errorf("user %v, %d interviews", s.User, len(s.Interviews))
	}
	if files := zoomFiles(t, filepath.Join(dir, "cache")); len(files) != 0 {
		t.Errorf("the cache still holds %q", files)
	}
}

// TestClickOnNotificationActs: a click on a reminder's bubble (the
// "default" action) joins the interview; on a recording's, opens it.
func TestClickOnNotificationActs(t *testing.T) {
	a, desk, _ := newTestAgent(t)
	iv := firstInterview(t, a)
	ev := meetingsync.Event{Kind: meetingsync.EventReminder, Reminder: &meetingsync.Reminder{
		Key: "k1", MeetingID: iv.ID, Topic: iv.Topic, StartTime: iv.StartTime, Kind: meetingsync.ReminderNow}}
	n, target, _ := a.notification(ev)
	if n.Default != "Join" || !n.Urgent {
		t.Errorf("reminder at the start = %+v", n)
	}
	a.notes[n.Key] = target
	a.onNotificationAction(n.Key, "default")
	if len(desk.links) != 1 || desk.links[0] != iv.JoinURL {
		t.Errorf("a click on the reminder opened %q, want the join link", desk.links)
	}
	rec := meetingsync.Event{Kind: meetingsync.EventRecordingReady, Recording: &meetingsync.Recording{
		MeetingUUID: "u==", Topic: "Interview: Ada", Kind: meetingsync.KindCloud, State: meetingsync.RecReady,
		Links: meetingsync.Links{Watch: "https://us05web.zoom.us/rec/play/abc"}}}
	n, target, _ = a.notification(rec)
	if n.Default == "" {
		t.Errorf("recording notification has no default action: %+v", n)
	}
	a.notes[n.Key] = target
	a.onNotificationAction(n.Key, "default")
	if len(desk.links) != 2 || desk.links[1] != "https://us05web.zoom.us/rec/play/abc" {
		t.Errorf("a click on the recording opened %q", desk.links)
	}
}
