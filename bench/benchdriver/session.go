//go:build linux

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/interviewtray/interviewtray/internal/proctree"
	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// proc is a process the driver started; its output goes to a log file.
type proc struct {
	name   string
	cmd    *exec.Cmd
	log    *os.File
	exited chan struct{} // closed once it has exited
}

// startProc starts argv with env, logging its output to work/logs/NAME.log.
func (r *runner) startProc(name string, env []string, argv ...string) (*proc, error) {
	f, err := os.Create(filepath.Join(r.cfg.work, "logs", name+".log"))
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = env
	cmd.Dir = os.Getenv("HOME")
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		f.Close()
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	p := &proc{name: name, cmd: cmd, log: f, exited: make(chan struct{})}
	go func() {
		cmd.Wait()
		f.Close()
		close(p.exited)
	}()
	return p, nil
}

func (p *proc) pid() int { return p.cmd.Process.Pid }

func (p *proc) alive() bool {
	select {
	case <-p.exited:
		return false
	default:
		return true
	}
}

// stop asks the process to end (SIGTERM), then kills it after grace.
func (p *proc) stop(grace time.Duration) {
	if !p.alive() {
		return
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.exited:
	case <-time.After(grace):
		p.cmd.Process.Kill()
		<-p.exited
	}
}

// childEnv is the driver's environment (scripts/with-desktop.sh's private
// desktop) without any INTERVIEWTRAY_ setting of the developer's, plus
// extra.
func childEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "INTERVIEWTRAY_") {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// agentSession is an agent and the Zoom simulator it talks to.
type agentSession struct {
	proc   *proc
	api    *localapi.Client
	simURL string
	// simProc is the external simulator of an agent in real mode (nil in
	// demo mode, whose simulator runs inside the agent).
	simProc *proc
}

// stop ends the agent, then its external simulator.
func (a *agentSession) stop(grace time.Duration) {
	a.proc.stop(grace)
	if a.simProc != nil {
		a.simProc.stop(grace)
	}
}

// benchClientID is the OAuth client the external simulator registers for
// the agent in real mode.
const benchClientID = "interviewtray-bench"

// startAgent starts the agent BIN (logged as NAME) with the driver as its
// browser and extra in its environment. In real mode (demo false) it first
// starts the simulator (cmd/zoomsim, seeded like the demo) as a process of
// its own and points the agent at it as it would at Zoom
// (INTERVIEWTRAY_ZOOM_CLIENT_ID, _AUTH_URL, _API_URL): the agent measured
// is then the one users run, without the in-process simulator of
// `--demo`.
func (r *runner) startAgent(name, bin string, demo bool, extra ...string) (*agentSession, error) {
	openerDir := filepath.Join(r.cfg.work, "opener")
	if err := os.MkdirAll(openerDir, 0o755); err != nil {
		return nil, err
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	link := filepath.Join(openerDir, "xdg-open")
	os.Remove(link)
	if err := os.Symlink(self, link); err != nil {
		return nil, err
	}
	simPort, err := freePort()
	if err != nil {
		return nil, err
	}
	redirectPort, err := freePort()
	if err != nil {
		return nil, err
	}
	sock, err := localapi.SocketPath(demo)
	if err != nil {
		return nil, err
	}
	simURL := "http://127.0.0.1:" + strconv.Itoa(simPort)
	env := childEnv(append([]string{"PATH=" + openerDir + string(os.PathListSeparator) + os.Getenv("PATH"),
		"INTERVIEWTRAY_REDIRECT_PORT=" + strconv.Itoa(redirectPort)}, extra...)...)
	// --verbose: its log goes to logs/NAME.log too (its own log file is in
	// the private desktop's HOME, gone after the run).
	args := []string{"--demo", "--verbose"}
	var simProc *proc
	if demo {
		env = append(env, "INTERVIEWTRAY_DEMO_PORT="+strconv.Itoa(simPort))
	} else {
		if r.bins[binZoomsim] == "" {
			return nil, errors.New("the simulator (cmd/zoomsim) was not built")
		}
		simProc, err = r.startProc(name+"-zoomsim", childEnv(), r.bins[binZoomsim],
			"--addr", "127.0.0.1:"+strconv.Itoa(simPort), "--seed", "demo", "--client-id", benchClientID, "--auto-end")
		if err != nil {
			return nil, err
		}
		if err := waitHTTP(simURL+"/_sim/stats", 20*time.Second, simProc); err != nil {
			simProc.stop(time.Second)
			return nil, err
		}
		env = append(env, "INTERVIEWTRAY_ZOOM_CLIENT_ID="+benchClientID,
			"INTERVIEWTRAY_ZOOM_AUTH_URL="+simURL, "INTERVIEWTRAY_ZOOM_API_URL="+simURL+"/v2")
		args = []string{"--verbose"}
	}
	p, err := r.startProc(name, env, append([]string{bin}, args...)...)
	if err != nil {
		if simProc != nil {
			simProc.stop(time.Second)
		}
		return nil, err
	}
	return &agentSession{proc: p, api: localapi.NewClient(sock), simURL: simURL, simProc: simProc}, nil
}

// waitHTTP waits until url answers (any status), p exits or limit passes.
func waitHTTP(url string, limit time.Duration, p *proc) error {
	hc := &http.Client{Timeout: 2 * time.Second}
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if !p.alive() {
			return fmt.Errorf("%s exited (see its log)", p.name)
		}
		if resp, err := hc.Get(url); err == nil {
			resp.Body.Close()
			return nil
		}
	}
	return fmt.Errorf("%s did not answer within %v", url, limit)
}

// prepare makes the agent idle and signs in: it cancels the simulator's
// interviews due within 20 minutes (so that no reminder falls in the idle
// window), signs in through the consent page and waits for the first sync.
func (a *agentSession) prepare(ctx context.Context) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	if _, err := a.waitState(ctx, "the local API", func(localapi.State) bool { return true }); err != nil {
		return 0, err
	}
	var meetings []zoomsim.SimMeeting
	if err := a.sim(ctx, http.MethodGet, "/_sim/meetings", nil, &meetings); err != nil {
		return 0, err
	}
	cancelled := 0
	soon := time.Now().Add(20 * time.Minute)
	for _, m := range meetings {
		if !m.Deleted && m.Status == "waiting" && m.StartTime.Before(soon) {
			if err := a.sim(ctx, http.MethodDelete, "/_sim/meetings/"+strconv.FormatInt(m.ID, 10), nil, nil); err != nil {
				return 0, err
			}
			cancelled++
		}
	}
	if err := a.api.SignIn(ctx); err != nil {
		return 0, fmt.Errorf("sign in: %w", err)
	}
	_, err := a.waitState(ctx, "the sign-in and the first sync", func(s localapi.State) bool {
		return s.Agent.SignIn.State == localapi.SignInSucceeded && s.Snapshot != nil &&
			!s.Snapshot.Health.LastSync.IsZero() && len(s.Snapshot.Interviews) > 0
	})
	return cancelled, err
}

func (a *agentSession) waitState(ctx context.Context, what string, ok func(localapi.State) bool) (localapi.State, error) {
	var last localapi.State
	var err error
	for {
		if !a.proc.alive() {
			return last, fmt.Errorf("the agent exited while waiting for %s (see its log)", what)
		}
		cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		last, err = a.api.State(cctx)
		cancel()
		if err == nil && ok(last) {
			return last, nil
		}
		select {
		case <-ctx.Done():
			if err == nil {
				err = errors.New("not yet")
			}
			return last, fmt.Errorf("waiting for %s: %v (sign-in %q)", what, err, last.Agent.SignIn.State)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// sim calls the simulator's control API.
func (a *agentSession) sim(ctx context.Context, method, path string, in, out any) error {
	var body bytes.Buffer
	if in != nil {
		if err := json.NewEncoder(&body).Encode(in); err != nil {
			return err
		}
	}
	req, err := http.NewRequestWithContext(ctx, method, a.simURL+path, &body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	hc := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("simulator %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("simulator %s %s: %s", method, path, resp.Status)
	}
	if out != nil {
		return json.NewDecoder(resp.Body).Decode(out)
	}
	return nil
}

// restCalls returns the REST calls the simulator has served.
func (a *agentSession) restCalls(ctx context.Context) (int, error) {
	var st zoomsim.Stats
	if err := a.sim(ctx, http.MethodGet, "/_sim/stats", nil, &st); err != nil {
		return 0, err
	}
	n := 0
	for k, v := range st.Requests {
		if strings.Contains(k, " /v2/") {
			n += v
		}
	}
	return n, nil
}

// settle waits until pid has used at most 5 ms of CPU over the last 10
// seconds, or for at most limit. It returns how long it waited and whether
// the process settled.
func settle(ctx context.Context, pid int, limit time.Duration) (time.Duration, bool) {
	const quiet = 10 * time.Second
	start := time.Now()
	var hist []procSample
	for time.Since(start) < limit && ctx.Err() == nil {
		s, err := sampleProc(pid)
		if err != nil {
			return time.Since(start), false
		}
		hist = append(hist, s)
		i := slices.IndexFunc(hist, func(h procSample) bool { return s.At.Sub(h.At) <= quiet })
		if i > 0 && s.CPU-hist[i-1].CPU <= 5*time.Millisecond {
			return time.Since(start), true
		}
		time.Sleep(500 * time.Millisecond)
	}
	return time.Since(start), false
}

// closeWindows ends the window processes the agent started (the wizard it
// opens on a first run, reminder popups), so that none runs during a
// measurement. It returns their command lines.
func (a *agentSession) closeWindows() []string {
	var closed []string
	for pid, ppid := range proctree.Parents() {
		if ppid != a.proc.pid() {
			continue
		}
		args := proctree.Cmdline(pid)
		if !slices.Contains(args, "window") {
			continue
		}
		if p, err := os.FindProcess(pid); err == nil && p.Signal(syscall.SIGTERM) == nil {
			closed = append(closed, strings.Join(args[slices.Index(args, "window"):], " "))
		}
	}
	return closed
}
