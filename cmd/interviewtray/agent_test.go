package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/godbus/dbus/v5"

	"github.com/interviewtray/interviewtray/auth/authtest"
	"github.com/interviewtray/interviewtray/internal/dbustest"
	"github.com/interviewtray/interviewtray/internal/exefind"
	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// envFakeOpener makes the test binary act as xdg-open: it appends the URL
// to the file the variable names and, for a Zoom sign-in page, clicks Allow
// on the simulator's consent page as a user would.
const envFakeOpener = "INTERVIEWTRAY_TEST_FAKE_OPENER"

func TestMain(m *testing.M) {
	if log := os.Getenv(envFakeOpener); log != "" {
		os.Exit(fakeOpener(log, os.Args[1:]))
	}
	// The demo's simulator is the zoomsim executable (cmd/zoomsim), found
	// beside interviewtray or on PATH: the tests that run commands in this
	// process find it on PATH.
	// Where there is no go command (the Windows tests under Wine), the
	// harness puts a zoomsim it built on PATH.
	simDir, err := os.MkdirTemp("", "interviewtray-zoomsim-")
	if _, lerr := exec.LookPath("go"); lerr != nil {
		if _, ferr := exefind.Find(simulatorName); ferr != nil {
			fmt.Fprintln(os.Stderr, "warning: no go command to build the demo simulator, and", ferr)
		}
	} else if err == nil {
		var out []byte
		if out, err = exec.Command("go", "build", "-o", simDir+string(os.PathSeparator), "../zoomsim").CombinedOutput(); err != nil {
			err = fmt.Errorf("%v\n%s", err, out)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "build the demo simulator:", err)
		os.Exit(1)
	}
	os.Setenv("PATH", simDir+string(os.PathListSeparator)+os.Getenv("PATH"))
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.RemoveAll(simDir)
	os.Exit(code)
}

func fakeOpener(logPath string, args []string) int {
	if len(args) != 1 {
		return 2
	}
	f, err := os.OpenFile(logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return 1
	}
	fmt.Fprintln(f, args[0])
	f.Close()
	u, err := url.Parse(args[0])
	if err != nil || u.Path != "/oauth/authorize" {
		return 0
	}
	hc := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Get(u.String())
	if err != nil {
		return 1
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`name="consent_id" value="([^"]+)"`).FindSubmatch(page)
	if m == nil {
		return 1
	}
	resp, err = hc.PostForm(u.Scheme+"://"+u.Host+"/oauth/authorize", url.Values{"consent_id": {string(m[1])}, "decision": {"allow"}})
	if err != nil {
		return 1
	}
	resp.Body.Close()
	if resp, err = hc.Get(resp.Header.Get("Location")); err != nil {
		return 1
	}
	resp.Body.Close()
	return 0
}

// agentRun is the agent of one test, in demo mode, on a private desktop.
type agentRun struct {
	*e2e
	bus      *authtest.Bus
	watcher  *dbustest.Watcher
	notes    *dbustest.Notifications
	client   *dbus.Conn
	simURL   string
	openLog  string
	sockPath string
}

func newAgentRun(t *testing.T) *agentRun {
	t.Helper()
	e := newE2E(t)
	bus := authtest.StartBus(t, e.home)
	bus.StartGnomeKeyring(t)
	r := &agentRun{e2e: e, bus: bus, openLog: filepath.Join(e.root, "opened.log")}
	r.watcher = dbustest.StartWatcher(t, bus.Address)
	r.notes = dbustest.StartNotifications(t, bus.Address, "actions", "body")
	r.client = dbustest.Connect(t, bus.Address)

	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	opener := "#!/bin/sh\nexec " + strconv.Quote(self) + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(e.root, "bin", "xdg-open"), []byte(opener), 0o755); err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	r.simURL = "http://127.0.0.1:" + strconv.Itoa(port)
	e.setEnv(bus, envFakeOpener+"="+r.openLog, "INTERVIEWTRAY_DEMO_PORT="+strconv.Itoa(port),
		"INTERVIEWTRAY_REDIRECT_PORT="+strconv.Itoa(freePort(t)), "XDG_STATE_HOME="+filepath.Join(e.home, ".local", "state"))
	for _, kv := range bus.Env {
		if v, ok := strings.CutPrefix(kv, "XDG_RUNTIME_DIR="); ok {
			r.sockPath = filepath.Join(v, "interviewtray", "agent-demo.sock")
		}
	}
	if r.sockPath == "" {
		t.Fatal("the test bus sets no XDG_RUNTIME_DIR")
	}
	return r
}

// start starts the agent in the background; it is killed when the test ends.
func (r *agentRun) start(t *testing.T) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(r.bin, "--demo")
	cmd.Env = r.env
	cmd.Dir = r.home
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		r.record(out.String())
		if t.Failed() {
			t.Logf("agent output:\n%s", out.String())
			if log, err := os.ReadFile(filepath.Join(r.home, ".local", "state", "interviewtray", "interviewtray-demo.log")); err == nil {
				t.Logf("agent log:\n%s", log)
			}
		}
	})
	return cmd
}

func (r *agentRun) api() *localapi.Client { return localapi.NewClient(r.sockPath) }

// waitState polls the local API until ok accepts the state.
func (r *agentRun) waitState(t *testing.T, what string, ok func(localapi.State) bool) localapi.State {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	var last localapi.State
	var err error
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		last, err = r.api().State(ctx)
		cancel()
		if err == nil && ok(last) {
			return last
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("waiting for %s: last state %+v, err %v", what, last, err)
	return last
}

// menu reads the tray menu the agent exports.
func (r *agentRun) menu(t *testing.T, sender string) dbustest.MenuItem {
	t.Helper()
	m, err := dbustest.ReadMenu(r.client, sender)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func (r *agentRun) waitMenu(t *testing.T, sender, label string) dbustest.MenuItem {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		m := r.menu(t, sender)
		if it, ok := m.Find(label); ok {
			return it
		}
		if time.Now().After(deadline) {
			t.Fatalf("menu has no %q; labels %q", label, m.Labels())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func (r *agentRun) opened(t *testing.T) []string {
	data, _ := os.ReadFile(r.openLog)
	return strings.Fields(string(data))
}

func TestAgentOnDesktop(t *testing.T) {
	r := newAgentRun(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	// Given the agent in demo mode, it registers its tray item.
	agent := r.start(t)
	item, err := r.watcher.WaitItem(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if item.Path != "/StatusNotifierItem" {
		t.Errorf("registered %+v", item)
	}
	r.waitMenu(t, item.Sender, "Sign in with Zoom")

	// When the user signs in (the browser's consent page says Allow), the
	// agenda fills with the demo's interviews.
	if err := r.api().SignIn(ctx); err != nil {
		t.Fatal(err)
	}
	st := r.waitState(t, "the demo interviews", func(s localapi.State) bool {
		// The demo calendar's interviews show before the sign-in; wait for
		// Zoom's.
		return s.Snapshot != nil && s.Snapshot.User != nil && len(s.Snapshot.Interviews) > 3 &&
			slices.ContainsFunc(s.Snapshot.Interviews, func(iv meetingsync.Interview) bool { return iv.Source != meetingsync.SourceCalendar })
	})
	if st.Agent.SignIn.State != localapi.SignInSucceeded || !st.Agent.Demo {
		t.Errorf("agent = %+v", st.Agent)
	}
	first := st.Snapshot.Interviews[0]
	for _, iv := range st.Snapshot.Interviews {
		if iv.IsInterview && iv.State == "upcoming" {
			first = iv
			break
		}
	}
	entry := r.waitMenu(t, item.Sender, first.Topic)

	// The menu a tray host reads is at most two levels deep (xfce4-panel
	// shows a third level empty), its labels short, Join next first.
	r.waitMenu(t, item.Sender, "Recent recordings")
	menu := r.menu(t, item.Sender)
	if d := menuDepth(menu.Children); d > 2 {
		t.Errorf("the tray menu is %d levels deep: %q", d, menu.Labels())
	}
	for _, l := range menu.Labels() {
		if n := utf8.RuneCountInString(strings.ReplaceAll(l, "__", "_")); n > 60 {
			t.Errorf("tray label of %d characters: %q", n, l)
		}
	}
	if len(menu.Children) == 0 || !strings.HasPrefix(menu.Children[0].Label, "Join next interview (") {
		t.Errorf("the menu does not start with Join next interview: %q", menu.Labels())
	}

	// status asks the running agent instead of using the token itself.
	js := r.statusJSON(t, "--demo")
	if !js.AgentRunning || !js.SignedIn || js.User == nil || len(js.Interviews) == 0 || js.Interviews[0].ID != first.ID {
		t.Errorf("status --json with the agent running = %+v", js)
	}

	// When the user clicks Join in the tray, the interview's Zoom link opens.
	join, ok := entry.Find("Join")
	if !ok {
		t.Fatalf("no Join under %q: %+v", first.Topic, entry)
	}
	if err := dbustest.Click(r.client, item.Sender, join.ID); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for !containsAny(r.opened(t), "/j/"+strconv.FormatInt(first.ID, 10)) {
		if time.Now().After(deadline) {
			t.Fatalf("join link never opened; opened %q", r.opened(t))
		}
		time.Sleep(100 * time.Millisecond)
	}
	// In the demo, Join opens the simulator's demo meeting page, never Zoom.
	for _, u := range r.opened(t) {
		if strings.Contains(u, "/j/") && !strings.HasPrefix(u, r.simURL+"/j/") {
			t.Errorf("the demo's Join opened %q, not the simulator's page", u)
		}
	}

	// Given an interview whose 10-minute reminder falls due seconds from
	// now, a notification arrives when it is due.
	start := time.Now().Add(10*time.Minute + 4*time.Second).UTC().Truncate(time.Second)
	body, _ := json.Marshal(zoomsim.MeetingSpec{Topic: "Interview: Reminder Test", StartTime: start, Duration: 30})
	resp, err := http.Post(r.simURL+"/_sim/meetings", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create meeting: %s", resp.Status)
	}
	if err := r.api().Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	note, err := r.notes.Wait(ctx, "Interview: Reminder Test in 10 min")
	if err != nil {
		t.Fatal(err)
	}
	if got := time.Now(); got.Before(start.Add(-10*time.Minute)) || got.After(start.Add(-10*time.Minute+5*time.Second)) {
		t.Errorf("reminder due at %v arrived at %v", start.Add(-10*time.Minute), got)
	}
	// A click on the bubble joins ("default"), and so does its Join button.
	if len(note.Actions) < 4 || note.Actions[0] != "default" || note.Actions[2] != "join" {
		t.Errorf("reminder actions = %q", note.Actions)
	}
	if n := countNotes(r.notes.Calls(), "Reminder Test in 10 min"); n != 1 {
		t.Errorf("the reminder was shown %d times", n)
	}

	// A second instance hands over to the running agent and exits 0.
	out, errOut, code := r.run(t, 30*time.Second, "--demo")
	if code != 0 || !strings.Contains(out, "already running") {
		t.Fatalf("second instance: exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	// The doctor sees the desktop services, the sign-in and the demo's
	// recording settings (local recording off), and exits 1; once the
	// settings are fixed it exits 0.
	out, _, code = r.run(t, 60*time.Second, "--demo", "doctor")
	for _, want := range []string{"[ok  ] tray host", "[ok  ] notifications", "[ok  ] keychain", "[ok  ] signed in", "[FAIL] recording settings"} {
		if !strings.Contains(out, want) {
			t.Errorf("doctor output lacks %q:\n%s", want, out)
		}
	}
	if code != 1 {
		t.Errorf("doctor exited %d with a setting to fix, want 1", code)
	}
	if _, err := r.api().FixSettings(ctx); err != nil {
		t.Fatal(err)
	}
	if out, _, code = r.run(t, 60*time.Second, "--demo", "doctor"); code != 0 {
		t.Errorf("doctor exited %d after the fix:\n%s", code, out)
	}

	// No token the simulator issued is in any file under HOME (the cache,
	// the state, the log), nor in anything the commands printed.
	tokens := simTokens(t, r.simURL)
	if len(tokens) == 0 {
		t.Fatal("the simulator lists no tokens")
	}
	if n := scanFiles(t, r.home, tokens); n < 5 {
		t.Errorf("scanned only %d files under HOME", n)
	}
	for _, tok := range tokens {
		if strings.Contains(r.output.String(), tok.Value) {
			t.Errorf("a %s token appears in the output", tok.Kind)
		}
	}

	// After kill -9 the next start works: the dead agent's socket is replaced.
	agent.Process.Signal(syscall.SIGKILL)
	agent.Wait()
	r.start(t)
	r.waitState(t, "the restarted agent", func(s localapi.State) bool { return s.Agent.PID != agent.Process.Pid })

	// Signing out forgets the account: the state the tray and the windows
	// show keeps only the calendar's interviews, and the cached Zoom data
	// is gone from disk.
	if _, err := r.api().SignOut(ctx); err != nil {
		t.Fatal(err)
	}
	st = r.waitState(t, "the state after sign-out", func(s localapi.State) bool { return s.Snapshot != nil && s.Snapshot.User == nil })
	if len(st.Snapshot.Recordings) != 0 || slices.ContainsFunc(st.Snapshot.Interviews, func(iv meetingsync.Interview) bool { return iv.Source != meetingsync.SourceCalendar }) {
		t.Errorf("after sign-out: %d recordings, interviews %+v", len(st.Snapshot.Recordings), st.Snapshot.Interviews)
	}
	cache := filepath.Join(r.home, ".cache", "interviewtray", "demo")
	if left, _ := filepath.Glob(filepath.Join(cache, "snapshot.json*")); len(left) != 0 {
		t.Errorf("after sign-out the cache holds %q", left)
	}
	if left, _ := filepath.Glob(filepath.Join(cache, "recordings*")); len(left) != 0 {
		t.Errorf("after sign-out the cache holds %q", left)
	}
}

// menuDepth is how many levels deep a D-Bus menu's items go.
func menuDepth(items []dbustest.MenuItem) int {
	d := 0
	for _, it := range items {
		d = max(d, 1+menuDepth(it.Children))
	}
	return d
}

func countNotes(calls []dbustest.Notification, text string) int {
	n := 0
	for _, c := range calls {
		if strings.Contains(c.Summary, text) {
			n++
		}
	}
	return n
}
