//go:build linux

package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// Labels of the idle processes, in report order.
const (
	labelAgent    = "interviewtray agent"
	labelSystray  = "systray floor"
	labelLinked   = "systray floor + Fyne linked"
	labelFyneTray = "Fyne tray floor"
)

// desktop runs the parts that need the X display and the session bus:
// the idle window, the real agent's reminders and the window timings.
func (r *runner) desktop(ctx context.Context) {
	if os.Getenv("DISPLAY") == "" || os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		r.res.note("No X display or session bus (run through scripts/with-desktop.sh, as `make bench` does): parts 1, 2 and the real agent's reminders are not measured.")
		return
	}
	svc, err := startDesktopServices()
	if err != nil {
		r.res.note("The tray watcher and notification server could not start, so parts 1, 2 and the real agent's reminders are not measured: %v", err)
		return
	}
	defer svc.Close()

	var agent *agentSession
	if r.product != "" {
		r.logf("starting the agent (real mode, against the simulator as a separate process) and the floors")
		if agent, err = r.startAgent("agent", r.product, false); err != nil {
			r.res.note("The agent did not start: %v", err)
		}
	}
	procs := map[string]*proc{}
	for _, f := range []struct{ label, bin string }{
		{labelSystray, "systrayfloor"}, {labelLinked, "linkedfloor"}, {labelFyneTray, "fynetrayfloor"},
	} {
		p, err := r.startProc(f.bin, childEnv(), r.bins[f.bin])
		if err != nil {
			r.res.note("%s did not start: %v", f.label, err)
			continue
		}
		procs[f.label] = p
		defer p.stop(3 * time.Second)
	}
	if agent != nil {
		defer agent.stop(5 * time.Second)
	}
	wctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	err = svc.waitItems(wctx, len(procs)+map[bool]int{true: 1, false: 0}[agent != nil])
	cancel()
	if err != nil {
		r.res.note("Not every tray process registered its item: %v", err)
	}

	if agent != nil {
		r.logf("signing in to the simulator and waiting for the first sync")
		cancelled, err := agent.prepare(ctx)
		if err != nil {
			r.res.note("The agent could not be signed in, so it is not measured idle: %v", err)
			agent.stop(5 * time.Second)
			agent = nil
		} else {
			r.res.Idle.CancelledDemo = cancelled
			procs[labelAgent] = agent.proc
			r.res.Idle.ClosedWindows = agent.closeWindows()
		}
	}
	r.idle(ctx, agent, procs)
	for _, l := range []string{labelSystray, labelLinked, labelFyneTray} {
		if p := procs[l]; p != nil {
			p.stop(3 * time.Second)
		}
	}
	if agent != nil && ctx.Err() == nil {
		r.realReminders(ctx, agent, svc)
	}
	if agent != nil {
		if closed := agent.closeWindows(); len(closed) > 0 {
			r.res.note("Closed the windows the agent opened for the reminders (%s) before timing the windows.", strings.Join(closed, "; "))
		}
	}
	if ctx.Err() == nil {
		r.windows(ctx)
	}
	if agent != nil && ctx.Err() == nil {
		r.demoIdle(ctx, agent)
	}
}

// demoIdle measures the same agent in demo mode (`--demo`: the simulator
// in-process) idle the same way, after the real one: what trying the app
// costs, for information. The real agent signs out first (its token must
// not stay behind) and stops; the demo agent gets fresh config, state and
// cache directories.
func (r *runner) demoIdle(ctx context.Context, prev *agentSession) {
	r.logf("measuring the agent in demo mode for %v", r.cfg.idle)
	sctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	if _, err := prev.api.SignOut(sctx); err != nil {
		r.logf("signing the agent out: %v", err)
	}
	cancel()
	prev.stop(5 * time.Second)
	home := filepath.Join(r.cfg.work, "demo")
	if err := os.RemoveAll(home); err != nil {
		r.res.Idle.DemoNote = err.Error()
		return
	}
	agent, err := r.startAgent("agent-demo", r.product, true,
		"XDG_CONFIG_HOME="+filepath.Join(home, "config"), "XDG_STATE_HOME="+filepath.Join(home, "state"),
		"XDG_CACHE_HOME="+filepath.Join(home, "cache"))
	if err != nil {
		r.res.Idle.DemoNote = "it did not start: " + err.Error()
		return
	}
	defer agent.stop(5 * time.Second)
	if _, err := agent.prepare(ctx); err != nil {
		r.res.Idle.DemoNote = "it could not be signed in: " + err.Error()
		return
	}
	agent.closeWindows()
	settle(ctx, agent.proc.pid(), 60*time.Second)
	first, err := sampleProc(agent.proc.pid())
	if err != nil {
		r.res.Idle.DemoNote = err.Error()
		return
	}
	maxRSS := first.RSS
	for deadline := time.Now().Add(r.cfg.idle); time.Now().Before(deadline) && ctx.Err() == nil; {
		time.Sleep(min(time.Second, time.Until(deadline)))
		if s, err := sampleProc(agent.proc.pid()); err == nil {
			maxRSS = max(maxRSS, s.RSS)
		}
	}
	last, err := sampleProc(agent.proc.pid())
	if err != nil {
		r.res.Idle.DemoNote = "it ended during the idle window (see agent-demo.log)"
		return
	}
	u := usageBetween(first, last, maxRSS)
	r.res.Idle.Demo = &u
}

// idleResult is part 1.
type idleResult struct {
	Window        time.Duration
	Usage         map[string]usage
	Settled       time.Duration // how long the agent took to settle after its first sync
	SettledOK     bool
	CancelledDemo int        // demo interviews due within 20 minutes, cancelled
	ClosedWindows []string   // windows the agent had opened (the first run's wizard), closed before the window
	ZoomCalls     int        // REST calls the agent made while settling and during the window (-1: unknown)
	AgentTimeline []idleTick // the agent's wakeups and CPU, second by second
	AgentTop      []mapping  // the agent's largest resident mappings
	// Demo is the same agent in demo mode (the simulator in-process), idle
	// over the same window after the real one; DemoNote says why not.
	Demo       *usage
	DemoNote   string
	LinkedTop  []mapping
	SystrayTop []mapping
}

func (r *runner) idle(ctx context.Context, agent *agentSession, procs map[string]*proc) {
	res := &r.res.Idle
	res.Usage = map[string]usage{}
	res.ZoomCalls = -1
	callsBefore := -1
	if agent != nil {
		if n, err := agent.restCalls(ctx); err == nil {
			callsBefore = n
		}
		r.logf("waiting for the agent to settle")
		res.Settled, res.SettledOK = settle(ctx, agent.proc.pid(), 60*time.Second)
	} else {
		time.Sleep(5 * time.Second)
	}

	r.logf("measuring %v of idle", r.cfg.idle)
	labels := make([]string, 0, len(procs))
	for l := range procs {
		labels = append(labels, l)
	}
	first, maxRSS := map[string]procSample{}, map[string]int64{}
	for _, l := range labels {
		if s, err := sampleProc(procs[l].pid()); err == nil {
			first[l] = s
		}
	}
	deadline := time.Now().Add(r.cfg.idle)
	lastAgent, hasAgent := first[labelAgent]
	for time.Now().Before(deadline) && ctx.Err() == nil {
		time.Sleep(min(time.Second, time.Until(deadline)))
		for _, l := range labels {
			s, err := sampleProc(procs[l].pid())
			if err != nil {
				continue
			}
			maxRSS[l] = max(maxRSS[l], s.RSS)
			if l == labelAgent && hasAgent {
				res.AgentTimeline = append(res.AgentTimeline, idleTick{
					At:       s.At.Sub(first[l].At),
					Switches: s.Switches - lastAgent.Switches,
					CPU:      s.CPU - lastAgent.CPU,
				})
				lastAgent = s
			}
		}
	}
	for _, l := range labels {
		a, ok := first[l]
		b, err := sampleProc(procs[l].pid())
		if !ok || err != nil {
			r.res.note("%s ended during the idle window (see %s.log)", l, procs[l].name)
			continue
		}
		res.Usage[l] = usageBetween(a, b, maxRSS[l])
	}
	res.Window = r.cfg.idle
	if agent != nil {
		res.AgentTop = topMappings(agent.proc.pid(), 8)
		if n, err := agent.restCalls(ctx); err == nil && callsBefore >= 0 {
			res.ZoomCalls = n - callsBefore
		}
	}
	if p := procs[labelLinked]; p != nil {
		res.LinkedTop = topMappings(p.pid(), 5)
	}
	if p := procs[labelSystray]; p != nil {
		res.SystrayTop = topMappings(p.pid(), 5)
	}
}

// idleTick is what the agent did in about one second of the idle window.
type idleTick struct {
	At       time.Duration // since the window began, at the end of the tick
	Switches int64
	CPU      time.Duration
}

// reminderLate is one reminder of the real agent.
type reminderLate struct {
	Topic string
	Due   time.Time
	Late  time.Duration // from due to the Notify call at the notification server
	Shown int           // Notify calls for it
	Err   string
}

// realReminders seeds three interviews whose 10-minute reminders fall due
// 6, 8 and 10 seconds from now, asks the agent to refresh, and times each
// notification at the fake notification server against its due time.
func (r *runner) realReminders(ctx context.Context, agent *agentSession, svc *desktopServices) {
	r.logf("timing three real reminders")
	now := time.Now()
	var out []reminderLate
	for i, off := range []time.Duration{6 * time.Second, 8 * time.Second, 10 * time.Second} {
		start := now.Add(10*time.Minute + off).Truncate(time.Second).UTC()
		rl := reminderLate{Topic: fmt.Sprintf("Interview: Bench reminder %d", i+1), Due: start.Add(-10 * time.Minute)}
		spec := zoomsim.MeetingSpec{Topic: rl.Topic, StartTime: start, Duration: 30}
		if err := agent.sim(ctx, http.MethodPost, "/_sim/meetings", spec, nil); err != nil {
			rl.Err = err.Error()
		}
		out = append(out, rl)
	}
	if err := agent.api.Refresh(ctx); err != nil {
		r.res.note("The agent's refresh failed: %v", err)
	}
	for i := range out {
		if out[i].Err != "" {
			continue
		}
		wctx, cancel := context.WithTimeout(ctx, 45*time.Second)
		n, err := svc.waitNote(wctx, out[i].Topic)
		cancel()
		if err != nil {
			out[i].Err = err.Error()
			continue
		}
		out[i].Late = n.At.Sub(out[i].Due)
	}
	time.Sleep(2 * time.Second) // a doubled notification would come by now
	for i := range out {
		out[i].Shown = len(svc.notesWith(out[i].Topic))
	}
	r.res.RealReminders = out
}

// launch is one timed start of a window process.
type launch struct {
	Frame    frameTimes
	SelfDraw time.Duration // the floor's own report of its first draw; 0 when none
	RSS      int64         // a second after the first frame
	RSSAnon  int64         // its anonymous part (heap, stacks, GL buffers)
	RSSFile  int64         // its file-backed part (the binary, libraries, fonts)
	Err      string
}

// windowResult is part 2.
type windowResult struct {
	Name  string // the app window timed
	App   []launch
	Floor []launch
	// About is the about window, timed beside another app window: the
	// same binary with next to no content, which separates what the
	// binary costs from what the window's content does.
	About []launch
	// AppInit and FloorInit are the package initialisers' total time in
	// interviewtray and in the bare window (GODEBUG=inittrace=1; 0: not
	// measured).
	AppInit, FloorInit time.Duration
}

// windowName is the app window to time: -window, else agenda when the
// binary lists it, else about.
func (r *runner) windowName() string {
	if r.cfg.window != "" {
		return r.cfg.window
	}
	out, _ := exec.Command(r.product, "help").Output()
	for line := range strings.Lines(string(out)) {
		f := strings.Fields(line)
		if len(f) > 0 && f[0] == "window" {
			if _, names, ok := strings.Cut(line, ":"); ok {
				for n := range strings.SplitSeq(names, ",") {
					if strings.TrimSpace(n) == "agenda" {
						return "agenda"
					}
				}
			}
		}
	}
	return "about"
}

// windowExe is the window executable beside the agent measured (the
// agent starts that one).
func (r *runner) windowExe() string {
	return filepath.Join(filepath.Dir(r.product), "interviewtray-window")
}

func (r *runner) windows(ctx context.Context) {
	if r.product == "" {
		return
	}
	disp, err := openDisplay()
	if err != nil {
		r.res.note("Part 2 is not measured: %v", err)
		return
	}
	defer disp.Close()
	name := r.windowName()
	res := &windowResult{Name: name}
	r.res.Window = res
	r.logf("timing the %s window against the bare Fyne window, %d times each", name, r.cfg.windowRuns)
	kinds := []struct {
		argv []string
		into *[]launch
	}{
		{[]string{r.bins["fynewindowfloor"]}, &res.Floor},
		{[]string{r.windowExe(), name}, &res.App},
	}
	if name != "about" {
		kinds = append(kinds, struct {
			argv []string
			into *[]launch
		}{[]string{r.windowExe(), "about"}, &res.About})
	}
	res.AppInit, _ = initTime(ctx, r.windowExe(), name)
	res.FloorInit, _ = initTime(ctx, r.bins["fynewindowfloor"])
	for i := -1; i < r.cfg.windowRuns && ctx.Err() == nil; i++ {
		for k := range kinds {
			kind := kinds[(k+max(i, 0))%len(kinds)] // a different one first each round
			l := r.launchWindow(disp, kind.argv)
			if i >= 0 { // the first round is untimed: it warms the page cache
				*kind.into = append(*kind.into, l)
			}
		}
	}
}

// launchWindow starts argv and times its first frame on the display.
func (r *runner) launchWindow(disp *display, argv []string) launch {
	var l launch
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = childEnv()
	cmd.Dir = os.Getenv("HOME")
	out, err := os.CreateTemp(filepath.Join(r.cfg.work, "logs"), "window-*.out")
	if err != nil {
		l.Err = err.Error()
		return l
	}
	defer os.Remove(out.Name())
	defer out.Close()
	cmd.Stdout, cmd.Stderr = out, out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		l.Err = err.Error()
		return l
	}
	exited := make(chan struct{})
	go func() {
		cmd.Wait()
		close(exited)
	}()
	l.Frame, err = disp.waitFrame(cmd.Process.Pid, start, 5*time.Millisecond, 30*time.Second, exited)
	if err != nil {
		l.Err = err.Error()
	} else {
		time.Sleep(time.Second)
		if s, err := sampleProc(cmd.Process.Pid); err == nil {
			l.RSS, l.RSSAnon, l.RSSFile = s.RSS, s.RSSAnon, s.RSSFile
		}
	}
	cmd.Process.Signal(os.Interrupt)
	select {
	case <-exited:
	case <-time.After(3 * time.Second):
		cmd.Process.Kill()
		<-exited
	}
	if data, err := os.ReadFile(out.Name()); err == nil {
		for line := range strings.Lines(string(data)) {
			if v, ok := strings.CutPrefix(strings.TrimSpace(line), "first-draw-unix-ns "); ok {
				if ns, err := strconv.ParseInt(v, 10, 64); err == nil {
					l.SelfDraw = time.Duration(ns - start.UnixNano())
				}
			}
		}
		if l.Err != "" {
			l.Err += ": " + firstLines(string(data), 3)
		}
	}
	time.Sleep(300 * time.Millisecond)
	return l
}

// medianDur returns the median of the durations picked from the
// successful launches, and how many there were.
func medianDur(ls []launch, pick func(launch) time.Duration) (time.Duration, int) {
	var vs []float64
	for _, l := range ls {
		if l.Err == "" {
			vs = append(vs, float64(pick(l)))
		}
	}
	return time.Duration(median(vs)), len(vs)
}

// initTime runs argv with GODEBUG=inittrace=1 and no display (so that a
// window program stops right after its package initialisers) and returns
// the sum of the initialisers' clock times.
func initTime(ctx context.Context, argv ...string) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	var env []string
	for _, kv := range childEnv("GODEBUG=inittrace=1") {
		if !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "WAYLAND_DISPLAY=") {
			env = append(env, kv)
		}
	}
	cmd.Env = env
	out, _ := cmd.CombinedOutput() // exits non-zero without a display
	var total time.Duration
	n := 0
	for line := range strings.Lines(string(out)) {
		// init fyne.io/fyne/v2/lang @5.2 ms, 2.2 ms clock, 996688 bytes, 12857 allocs
		f := strings.Fields(line)
		if len(f) < 7 || f[0] != "init" || f[6] != "clock," {
			continue
		}
		ms, err := strconv.ParseFloat(f[4], 64)
		if err != nil {
			continue
		}
		total += time.Duration(ms * float64(time.Millisecond))
		n++
	}
	if n == 0 {
		return 0, fmt.Errorf("%s printed no init trace", filepath.Base(argv[0]))
	}
	return total, nil
}
