package window

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/internal/testenv"
	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

// The smoke test runs each window in a process of its own: the test binary,
// told by these variables to open a window instead of running tests.
const (
	envRunWindow = "INTERVIEWTRAY_TEST_WINDOW"      // the window's name
	envSocket    = "INTERVIEWTRAY_TEST_SOCKET"      // the fake agent's socket
	envShots     = "INTERVIEWTRAY_TEST_SCREENSHOTS" // optional: capture each window into this directory
)

// fyneThreadError is what Fyne logs for a call off its goroutine.
const fyneThreadError = "Error in Fyne call thread"

// Smoke test timing.
const (
	windowUp   = 60 * time.Second        // a window process's start (GL init on a cold machine)
	windowExit = 20 * time.Second        // its exit after a signal
	smokeHold  = 300 * time.Millisecond  // time between state changes
	shotSettle = 1500 * time.Millisecond // time to draw before a screenshot
)

func TestMain(m *testing.M) {
	if name := os.Getenv(envRunWindow); name != "" {
		os.Exit(runWindowProcess(name))
	}
	os.Exit(m.Run())
}

// runWindowProcess is the window process of the smoke test, on the main
// goroutine as Fyne requires.
func runWindowProcess(name string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := Run(ctx, name, Options{Demo: true, SocketPath: os.Getenv(envSocket)})
	if err != nil {
		fmt.Fprintln(os.Stderr, "window:", err)
		return 1
	}
	return 0
}

// fakeAgent serves a fixed state over the real local API, and records the
// commands it gets.
type fakeAgent struct {
	mu       sync.Mutex
	st       localapi.State
	subs     map[chan struct{}]bool
	watchers int // watch streams ever opened
	cmds     []string
}

// newFakeAgent serves st with the view the agent would compute for it.
func newFakeAgent(st localapi.State) *fakeAgent {
	return &fakeAgent{st: withView(st), subs: map[chan struct{}]bool{}}
}

func (a *fakeAgent) State() localapi.State {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.st
}

func (a *fakeAgent) Changes() (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	a.mu.Lock()
	a.subs[ch] = true
	a.watchers++
	a.mu.Unlock()
	return ch, func() {
		a.mu.Lock()
		delete(a.subs, ch)
		a.mu.Unlock()
	}
}

func (a *fakeAgent) Do(_ context.Context, cmd localapi.Command) (localapi.Result, error) {
	a.mu.Lock()
	a.cmds = append(a.cmds, cmd.Name)
	a.mu.Unlock()
	return localapi.Result{}, nil
}

// set changes the state and tells the watchers. change must not modify
// what the old state points to (the server may be encoding it): copy first.
func (a *fakeAgent) set(change func(*localapi.State)) {
	a.mu.Lock()
	change(&a.st)
	for ch := range a.subs {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
	a.mu.Unlock()
}

func (a *fakeAgent) watching() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.watchers
}

// startFakeAgent serves a on a socket in dir.
func startFakeAgent(t *testing.T, dir string, a *fakeAgent) string {
	t.Helper()
	sock := filepath.Join(dir, "run", "agent.sock")
	ln, err := localapi.Listen(sock)
	if err != nil {
		t.Fatal(err)
	}
	srv := localapi.NewServer(a, nil)
	served := make(chan struct{})
	go func() {
		defer close(served)
		_ = srv.Serve(ln)
	}()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		<-served
	})
	return sock
}

// windowProc is one window process of the smoke test.
type windowProc struct {
	cmd    *exec.Cmd
	out    *syncBuffer
	exited chan error
	// again starts the same window once more (see waitMapped); nil once
	// used.
	again func() *windowProc
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func startWindow(t *testing.T, name, sock string, env ...string) *windowProc {
	t.Helper()
	p := startWindowOnce(t, name, sock, env...)
	p.again = func() *windowProc { return startWindowOnce(t, name, sock, env...) }
	return p
}

func startWindowOnce(t *testing.T, name, sock string, env ...string) *windowProc {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envRunWindow+"="+name, envSocket+"="+sock)
	cmd.Env = append(cmd.Env, env...) // the last value of a variable wins
	p := &windowProc{cmd: cmd, out: &syncBuffer{}, exited: make(chan error, 1)}
	cmd.Stdout, cmd.Stderr = p.out, p.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.exited <- cmd.Wait() }()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			_ = cmd.Process.Kill()
			<-p.exited
		}
	})
	return p
}

// waitExit waits for the process to end and checks that it ended well and
// never called Fyne off its goroutine.
func (p *windowProc) waitExit(t *testing.T, within time.Duration) {
	t.Helper()
	select {
	case err := <-p.exited:
		p.exited <- err // for the cleanup
		if err != nil {
			t.Errorf("window process: %v\n%s", err, p.out)
		}
	case <-time.After(within):
		t.Fatalf("window process still running after %v\n%s", within, p.out)
	}
	if strings.Contains(p.out.String(), fyneThreadError) {
		t.Errorf("the window called Fyne off its goroutine:\n%s", p.out)
	}
}

func (p *windowProc) running() bool {
	select {
	case err := <-p.exited:
		p.exited <- err
		return false
	default:
		return true
	}
}

// waitMapped waits until the process shows a window (with xdotool, when
// there is one) and, with envShots set, captures it.
func (p *windowProc) waitMapped(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath("xdotool"); err != nil {
		return
	}
	deadline := time.Now().Add(windowUp)
	var id string
	for id == "" {
		out, _ := exec.Command("xdotool", "search", "--onlyvisible", "--pid", strconv.Itoa(p.cmd.Process.Pid)).Output()
		id = strings.TrimSpace(string(out))
		if id != "" {
			break
		}
		// The display refusing a connection (GLFW finds no platform) is
		// the X server's, under the load of every package's tests at once:
		// the window process gets one more go. A window that cannot start
		// fails the same way twice.
		if !p.running() && p.again != nil && strings.Contains(p.out.String(), "failed to initialise GLFW") {
			t.Logf("the display refused the %s process; starting it once more:\n%s", name, p.out)
			again := p.again()
			*p = *again
			p.again = nil
			deadline = time.Now().Add(windowUp)
			continue
		}
		if !p.running() || time.Now().After(deadline) {
			t.Fatalf("no window mapped by the %s process\n%s", name, p.out)
		}
		time.Sleep(100 * time.Millisecond)
	}
	dir := os.Getenv(envShots)
	if dir == "" {
		return
	}
	time.Sleep(shotSettle)
	id = strings.Fields(id)[0]
	geo, err := exec.Command("xdotool", "getwindowgeometry", "--shell", id).Output()
	if err != nil {
		t.Fatal(err)
	}
	g := map[string]string{}
	for line := range strings.Lines(string(geo)) {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), "="); ok {
			g[k] = v
		}
	}
	crop := fmt.Sprintf("%sx%s+%s+%s", g["WIDTH"], g["HEIGHT"], g["X"], g["Y"])
	if out, err := exec.Command("import", "-window", "root", "-crop", crop, "+repage", filepath.Join(dir, name+".png")).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
}

// TestWindowProcesses opens every window in a real process on the display
// against a fake agent on a real socket, changes the agent's state a few
// times, and closes it; no window may call Fyne off its goroutine. The
// reminder popup must close itself once its reminders are gone.
func TestWindowProcesses(t *testing.T) {
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		testenv.Missing(t, "a display (run under scripts/with-desktop.sh)")
	}
	if testing.Short() {
		t.Skip("starts a process per window")
	}
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			st := demoState()
			st.Settings.Onboarding.Step = StepRecording // the wizard's busiest step
			agent := newFakeAgent(st)
			sock := startFakeAgent(t, dir, agent)
			p := startWindow(t, name, sock)
			p.waitMapped(t, name)
			if name != NameAbout {
				// Given the window follows the agent
				deadline := time.Now().Add(windowUp)
				for agent.watching() == 0 {
					if !p.running() || time.Now().After(deadline) {
						t.Fatalf("the %s window never watched the agent\n%s", name, p.out)
					}
					time.Sleep(50 * time.Millisecond)
				}
				// When the state changes a few times, each change is
				// drawn from the bridge's goroutine through fyne.Do
				for i := range 3 {
					agent.set(func(st *localapi.State) {
						snap := *st.Snapshot // the server may be encoding the old one
						snap.Health.LastSync = snap.Health.LastSync.Add(time.Minute)
						st.Snapshot = &snap
						st.Agent.SignIn.State = []string{localapi.SignInWaiting, localapi.SignInFailed, localapi.SignInIdle}[i]
					})
					time.Sleep(smokeHold)
				}
			}
			if name == NameReminder {
				// When the last reminder is dismissed, the popup closes
				// and its process ends by itself
				agent.set(func(st *localapi.State) {
					snap := *st.Snapshot
					snap.Reminders = []model.Reminder{}
					st.Snapshot = &snap
				})
				p.waitExit(t, windowExit)
				return
			}
			if !p.running() {
				t.Fatalf("the %s window exited early\n%s", name, p.out)
			}
			// When the user presses Ctrl-C (or the window closes), it ends
			if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
				t.Fatal(err)
			}
			p.waitExit(t, windowExit)
		})
	}
	t.Run("no agent", func(t *testing.T) {
		// Given no agent answers, the window stays up with its message
		dir := t.TempDir()
		p := startWindow(t, NameAgenda, filepath.Join(dir, "agent-that-is-not-running.sock"))
		p.waitMapped(t, "no-agent")
		time.Sleep(minRetry + time.Second) // one automatic retry
		if !p.running() {
			t.Fatalf("the window exited without an agent\n%s", p.out)
		}
		if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
			t.Fatal(err)
		}
		p.waitExit(t, windowExit)
	})
}

// TestWindowDisplayServerFails: a display server that takes the connection
// and hangs up (one dying, or refusing us) passes checkDisplay; GLFW then
// fails to start and panics at its next call. The window process must end
// with a clear error instead of a crash.
func TestWindowDisplayServerFails(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a window process")
	}
	// An "X server" on 127.0.0.1:6000+n that hangs up at once
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	display := fmt.Sprintf("127.0.0.1:%d", ln.Addr().(*net.TCPAddr).Port-6000)

	p := startWindow(t, NameAgenda, filepath.Join(t.TempDir(), "no-agent.sock"), "DISPLAY="+display, "WAYLAND_DISPLAY=")
	select {
	case err := <-p.exited:
		p.exited <- err
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Errorf("exit: %v, want status 1\n%s", err, p.out)
		}
	case <-time.After(windowUp):
		t.Fatalf("the window process still runs against a dead display\n%s", p.out)
	}
	if out := p.out.String(); !strings.Contains(out, "window: the window could not be shown (the display server failed?)") {
		t.Errorf("no clear error in the output:\n%s", out)
	}
}
