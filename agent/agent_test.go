package agent

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/auth"
	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/ui/tray"
	"github.com/interviewtray/interviewtray/ui/view"
	"github.com/interviewtray/interviewtray/zoom"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
	"github.com/interviewtray/interviewtray/zoom/zoomsim/zoomsimtest"
)

// fakeDesktop records what the agent asks of the desktop.
type fakeDesktop struct {
	mu        sync.Mutex
	links     []string
	paths     []string
	windows   []string
	clipboard string
	autostart bool
}

func (d *fakeDesktop) OpenLink(u string) error {
	if err := zoom.CheckLink(u); err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.links = append(d.links, u)
	return nil
}

func (d *fakeDesktop) OpenPath(p string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.paths = append(d.paths, p)
	return nil
}

func (d *fakeDesktop) StartWindow(name string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.windows = append(d.windows, name)
	return nil
}

func (d *fakeDesktop) Copy(_ context.Context, text string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.clipboard = text
	return nil
}

func (d *fakeDesktop) AutostartEnabled() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.autostart
}

func (d *fakeDesktop) SetAutostart(on bool) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.autostart = on
	return nil
}

// fakeSession is signed in with a static token for the simulator.
type fakeSession struct {
	mu       sync.Mutex
	signedIn bool
	signOuts int
	stateErr error // State fails with it
}

func (s *fakeSession) Login(ctx context.Context, _ auth.LoginOptions) (auth.User, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.signedIn = true
	return auth.User{Email: "maya@example.com"}, nil
}

func (s *fakeSession) SignOut(context.Context) (auth.SignOutResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.signOuts++
	was := s.signedIn
	s.signedIn = false
	return auth.SignOutResult{WasSignedIn: was, RevokeErr: errors.New("offline")}, nil
}

func (s *fakeSession) State() (auth.SignInState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stateErr != nil {
		return auth.SignInState{}, s.stateErr
	}
	if !s.signedIn {
		return auth.SignInState{Reason: auth.ReasonNotSignedIn}, nil
	}
	return auth.SignInState{SignedIn: true, User: auth.User{Email: "maya@example.com"}, Expiry: time.Now().Add(time.Hour)}, nil
}

// newTestAgent returns an agent (not running) whose engine has synced once
// with the demo simulator, after setup (if any) changed the simulator.
func newTestAgent(t *testing.T, setup ...func(*zoomsim.Sim)) (*Agent, *fakeDesktop, *zoomsim.Sim) {
	t.Helper()
	return newTestAgentIn(t, t.TempDir(), setup...)
}

// newTestAgentIn is newTestAgent with the engine's folders in dir (state,
// config and cache).
func newTestAgentIn(t *testing.T, dir string, setup ...func(*zoomsim.Sim)) (*Agent, *fakeDesktop, *zoomsim.Sim) {
	t.Helper()
	sim, err := zoomsim.New(zoomsim.Options{ClientID: "c", AutoApprove: true, Seed: "demo", TokenTTL: 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range setup {
		f(sim)
	}
	hc := signIn(t, sim)
	eng, err := meetingsync.New(meetingsync.Options{
		Client:   zoom.New(zoom.Options{BaseURL: "https://api.zoom.us/v2", HTTPClient: hc}),
		StateDir: filepath.Join(dir, "state"), ConfigDir: filepath.Join(dir, "config"), CacheDir: filepath.Join(dir, "cache"),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	if _, err := eng.SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	desk := &fakeDesktop{}
	a, err := New(Options{Session: &fakeSession{signedIn: true}, Engine: eng, Listener: nopListener{}, Desktop: desk, StateDir: filepath.Join(dir, "state")})
	if err != nil {
		t.Fatal(err)
	}
	return a, desk, sim
}

func signIn(t *testing.T, sim *zoomsim.Sim) *http.Client {
	t.Helper()
	_, tok := zoomsimtest.SignIn(t, "https://zoom.us", "c", "http://127.0.0.1:47651/oauth/callback", sim.Transport(), sim.Transport())
	return zoomsimtest.StaticClient(tok, sim.Transport())
}

func firstInterview(t *testing.T, a *Agent) meetingsync.Interview {
	t.Helper()
	for _, iv := range a.engine.Snapshot().Interviews {
		if iv.IsInterview && iv.State == meetingsync.StateUpcoming && iv.HostedByMe {
			return iv
		}
	}
	t.Fatal("no upcoming hosted interview in the demo")
	return meetingsync.Interview{}
}

func TestJoinOpensTheZoomLinkAndMarksJoined(t *testing.T) {
	a, desk, _ := newTestAgent(t)
	iv := firstInterview(t, a)
	if _, err := a.Do(context.Background(), localapi.Command{Name: localapi.CmdJoin, MeetingID: iv.ID}); err != nil {
		t.Fatal(err)
	}
	if len(desk.links) != 1 || desk.links[0] != iv.JoinURL {
		t.Errorf("opened %q, want the join URL", desk.links)
	}
	for _, got := range a.engine.Snapshot().Interviews {
		if got.ID == iv.ID && !got.Joined {
			t.Error("the interview is not marked joined")
		}
	}
	if _, err := a.Do(context.Background(), localapi.Command{Name: localapi.CmdJoin, MeetingID: 1}); err == nil {
		t.Error("joining an unknown meeting should fail")
	}
}

func TestCopyMeetingIDAndPasscode(t *testing.T) {
	a, desk, _ := newTestAgent(t)
	iv := firstInterview(t, a)
	if iv.Passcode == "" {
		t.Fatal("the demo's hosted interview has no passcode")
	}
	// The tray's item carries the command; the agent carries it out.
	m := tray.Build(a.State(), a.opts.Now(), a.opts.Location)
	var copyItem *tray.Item
	var walk func([]tray.Item, bool)
	walk = func(items []tray.Item, mine bool) {
		for i := range items {
			it := &items[i]
			if mine && strings.HasPrefix(it.Label, "Copy meeting ID") {
				copyItem = it
			}
			walk(it.Children, slices.ContainsFunc(it.Children, func(c tray.Item) bool { return c.Command.MeetingID == iv.ID }))
		}
	}
	walk(m.Items, false)
	if copyItem == nil {
		t.Fatalf("no Copy item for %d in the tray", iv.ID)
	}
	a.onTrayAction(copyItem.Command)
	want := "Meeting ID: " + view.GroupID(iv.ID) + "\nPasscode: " + iv.Passcode
	if desk.clipboard != want {
		t.Errorf("clipboard = %q, want %q", desk.clipboard, want)
	}
}

// solveProblem sends the command the agent's view gives problem p, as
// the tray's item and the windows' button do.
func solveProblem(a *Agent, p meetingsync.Problem) error {
	cmd := localapi.Solve(p, a.State().Snapshot, a.opts.Location)
	if cmd == nil {
		return fmt.Errorf("no command solves %+v", p)
	}
	_, err := a.Do(context.Background(), *cmd)
	return err
}

func TestOpenLinkRefusesOtherHosts(t *testing.T) {
	a, desk, _ := newTestAgent(t)
	_, err := a.Do(context.Background(), localapi.Command{Name: localapi.CmdOpenLink, URL: "https://evil.example/j/1"})
	var ae *localapi.Error
	if !errors.As(err, &ae) || ae.Status != http.StatusBadRequest {
		t.Fatalf("err = %v", err)
	}
	if len(desk.links) != 0 {
		t.Errorf("opened %q", desk.links)
	}
}

func TestSaveSettingsAppliesStartAtLogin(t *testing.T) {
	a, desk, _ := newTestAgent(t)
	s := a.engine.Settings()
	s.StartAtLogin = true
	s.HideNames = true
	if _, err := a.Do(context.Background(), localapi.Command{Name: localapi.CmdSaveSettings, Settings: &s}); err != nil {
		t.Fatal(err)
	}
	if !desk.autostart || !a.engine.Settings().HideNames || !a.State().Agent.Autostart {
		t.Errorf("autostart %v, hide names %v", desk.autostart, a.engine.Settings().HideNames)
	}
	bad := s
	bad.ReminderOffsets = []meetingsync.Duration{meetingsync.Duration(-time.Minute)}
	if _, err := a.Do(context.Background(), localapi.Command{Name: localapi.CmdSaveSettings, Settings: &bad}); err == nil {
		t.Error("a negative reminder offset was accepted")
	}
}

func TestSignOutSaysZoomWasNotTold(t *testing.T) {
	a, _, _ := newTestAgent(t)
	res, err := a.Do(context.Background(), localapi.Command{Name: localapi.CmdSignOut})
	if err != nil || !strings.Contains(res.Message, "Zoom could not be told") {
		t.Fatalf("sign out = %+v, %v", res, err)
	}
	if st := a.State(); st.Agent.SignedIn || st.Agent.SignedOutReason != string(auth.ReasonNotSignedIn) {
		t.Errorf("agent after sign-out = %+v", st.Agent)
	}
}

func TestReminderNotification(t *testing.T) {
	a, _, _ := newTestAgent(t)
	loc := time.FixedZone("CET", 3600)
	a.opts.Location = loc
	start := time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)
	ev := meetingsync.Event{Kind: meetingsync.EventReminder, Reminder: &meetingsync.Reminder{
		Key: "k1", MeetingID: 42, Topic: "Interview: Ada", StartTime: start, Kind: meetingsync.ReminderBefore, Minutes: 10}}
	n, target, ok := a.notification(ev)
	if !ok || n.Title != "Interview: Ada in 10 min" || n.Body != "Starts at 15:00" || n.Urgent || target["snooze:5"] != (localapi.Command{Name: localapi.CmdSnooze, Key: "k1", Minutes: 5}) || target["join"] != (localapi.Command{Name: localapi.CmdJoin, MeetingID: 42}) {
		t.Errorf("notification = %+v, %+v", n, target)
	}
	if len(n.Buttons) == 0 || n.Buttons[0].Key != "join" {
		t.Errorf("buttons = %+v", n.Buttons)
	}
	// With names hidden the candidate does not show on screen.
	s := a.engine.Settings()
	s.HideNames = true
	if err := a.engine.UpdateSettings(s); err != nil {
		t.Fatal(err)
	}
	if n, _, _ := a.notification(ev); strings.Contains(n.Title, "Ada") {
		t.Errorf("hidden name shows: %q", n.Title)
	}
}

func TestRecordingNotificationOpensWatchLink(t *testing.T) {
	a, desk, _ := newTestAgent(t)
	ev := meetingsync.Event{Kind: meetingsync.EventRecordingReady, Recording: &meetingsync.Recording{
		MeetingUUID: "u==", Topic: "Interview: Ada", Kind: meetingsync.KindCloud, State: meetingsync.RecReady,
		Links: meetingsync.Links{Watch: "https://us05web.zoom.us/rec/play/abc"}}}
	n, target, ok := a.notification(ev)
	if !ok || n.Title != "Cloud recording ready" {
		t.Fatalf("notification = %+v", n)
	}
	a.notes[n.Key] = target
	a.onNotificationAction(n.Key, "open")
	if len(desk.links) != 1 || desk.links[0] != "https://us05web.zoom.us/rec/play/abc" {
		t.Errorf("opened %q", desk.links)
	}
}

func TestProblemActions(t *testing.T) {
	a, desk, _ := newTestAgent(t)
	for _, p := range []string{meetingsync.ActionFixSettings, meetingsync.ActionOpenAgenda, meetingsync.ActionCheckFolder} {
		if err := solveProblem(a, meetingsync.Problem{Action: p}); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Join(desk.windows, ",") != "wizard,agenda,settings" {
		t.Errorf("windows = %q", desk.windows)
	}
	if err := solveProblem(a, meetingsync.Problem{Action: meetingsync.ActionOpenSettings}); err != nil || desk.links[len(desk.links)-1] != meetingsync.SettingsURL {
		t.Errorf("open settings: %v, %q", err, desk.links)
	}
	if err := solveProblem(a, meetingsync.Problem{Action: "nonsense"}); err == nil {
		t.Error("an unknown action should have no command")
	}
}

// nopListener satisfies Options.Listener for agents that never Run.
type nopListener struct{}

func (nopListener) Accept() (net.Conn, error) { return nil, os.ErrClosed }
func (nopListener) Close() error              { return nil }
func (nopListener) Addr() net.Addr            { return &net.UnixAddr{Name: "test", Net: "unix"} }

func TestWelcomeOpensTheWizardOnFirstRunOnly(t *testing.T) {
	a, desk, _ := newTestAgent(t)
	a.welcome() // signed in: nothing to do
	if len(desk.windows) != 0 {
		t.Fatalf("windows = %q", desk.windows)
	}
	a.opts.Session = &fakeSession{}
	a.welcome()
	if len(desk.windows) != 1 || desk.windows[0] != "wizard" {
		t.Errorf("windows = %q, want the wizard", desk.windows)
	}

	// A keychain that does not answer: the wizard opens if it never ran
	a.opts.Session = &fakeSession{stateErr: errors.New("keychain: no answer within 3s")}
	a.welcome()
	if len(desk.windows) != 2 {
		t.Errorf("windows = %q, want the wizard again", desk.windows)
	}
	if err := a.engine.SetOnboarding(meetingsync.Onboarding{Step: meetingsync.StepRecording}); err != nil {
		t.Fatal(err)
	}
	a.welcome()
	if len(desk.windows) != 2 {
		t.Errorf("windows = %q: the wizard opened again, though it ran before", desk.windows)
	}
}

func TestSkippedWizardStepIsAProblem(t *testing.T) {
	a, desk, _ := newTestAgent(t)
	if _, ok := a.skippedSetup(); ok {
		t.Fatal("a problem before the wizard ran")
	}
	// The wizard window saves its progress through the local API
	prog := meetingsync.Onboarding{Step: meetingsync.StepReminders, Skipped: []string{meetingsync.StepRecording}}
	if _, err := a.Do(context.Background(), localapi.Command{Name: localapi.CmdSetOnboarding, Onboarding: &prog}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Do(context.Background(), localapi.Command{Name: localapi.CmdSetOnboarding}); err == nil {
		t.Error("set_onboarding without its argument accepted")
	}
	p, ok := a.skippedSetup()
	if !ok || !strings.Contains(p.Message, "Recording settings") || p.Action != ActionOpenWizard {
		t.Fatalf("problem = %+v, %v", p, ok)
	}
	found := false
	for _, q := range a.State().Agent.Problems {
		found = found || q == p
	}
	if !found {
		t.Error("the problem is not in the agent's state")
	}
	if err := solveProblem(a, p); err != nil || desk.windows[len(desk.windows)-1] != "wizard" {
		t.Errorf("solve: %v, windows %q", err, desk.windows)
	}
}

func TestCopyThroughTheAgent(t *testing.T) {
	a, desk, _ := newTestAgent(t)
	if _, err := a.Do(context.Background(), localapi.Command{Name: localapi.CmdCopy, Text: "Meeting ID: 857 4606 5432"}); err != nil {
		t.Fatal(err)
	}
	if desk.clipboard != "Meeting ID: 857 4606 5432" {
		t.Errorf("clipboard = %q", desk.clipboard)
	}
}

// TestStateShowsZoomTextAsText: the windows show what State serves, so a
// topic from Zoom reaches them without control or bidi characters; the
// engine's own snapshot is left as Zoom sent it.
func TestStateShowsZoomTextAsText(t *testing.T) {
	// Given a meeting whose topic carries a line break, a terminal escape
	// and a right-to-left override...
	const topic = "Interview: Ada\n\x1b[2J\u202Egpj.exe\u2066"
	var m zoomsim.SimMeeting
	a, _, _ := newTestAgent(t, func(sim *zoomsim.Sim) {
		var err error
		m, err = sim.CreateMeeting(zoomsim.MeetingSpec{Topic: topic, StartTime: sim.Now().Add(2 * time.Hour), Duration: 30})
		if err != nil {
			t.Fatal(err)
		}
	})
	// ...when a window asks for the state, the topic is one line of text.
	var got, raw string
	for _, iv := range a.State().Snapshot.Interviews {
		if iv.ID == m.ID {
			got = iv.Topic
		}
	}
	for _, iv := range a.engine.Snapshot().Interviews {
		if iv.ID == m.ID {
			raw = iv.Topic
		}
	}
	if want := "Interview: Ada [2Jgpj.exe"; got != want {
		t.Errorf("State's topic = %q, want %q", got, want)
	}
	if raw != topic {
		t.Errorf("the engine's snapshot changed: topic %q", raw)
	}
	// A snapshot with nothing to clean is served as it is, not copied.
	if plain := withoutMeeting(a.engine.Snapshot(), m.ID); !reflect.DeepEqual(cleanSnapshot(plain).Interviews[0], plain.Interviews[0]) ||
		&cleanSnapshot(plain).Interviews[0] != &plain.Interviews[0] {
		t.Error("a clean snapshot was copied")
	}
}

// withoutMeeting is snap without meeting id.
func withoutMeeting(snap *meetingsync.Snapshot, id int64) *meetingsync.Snapshot {
	out := *snap
	out.Interviews = nil
	for _, iv := range snap.Interviews {
		if iv.ID != id {
			out.Interviews = append(out.Interviews, iv)
		}
	}
	return &out
}
