package main

import (
	"context"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/internal/proctree"
	"github.com/interviewtray/interviewtray/internal/testenv"
	"github.com/interviewtray/interviewtray/localapi"
)

// windowProcs are the window processes the agent with pid started, by
// window name.
func windowProcs(pid int) map[string]int {
	out := map[string]int{}
	parents := proctree.Parents()
	for p := range parents {
		if p == pid || !proctree.Descends(p, pid, parents) {
			continue
		}
		argv := proctree.Cmdline(p)
		if len(argv) >= 2 && strings.HasSuffix(argv[0], "/interviewtray-window") {
			out[argv[1]] = p
		}
	}
	return out
}

// waitWindows waits until the agent runs a process for each of names.
func waitWindows(t *testing.T, pid int, names ...string) map[string]int {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		procs := windowProcs(pid)
		if !slices.ContainsFunc(names, func(n string) bool { return procs[n] == 0 }) {
			return procs
		}
		if time.Now().After(deadline) {
			t.Fatalf("window processes %v, want %q", procs, names)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// running says whether the process runs (and is not a zombie).
func running(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	i := strings.LastIndexByte(string(b), ')')
	return i < 0 || !strings.HasPrefix(strings.TrimSpace(string(b[i+1:])), "Z")
}

// waitGone waits until none of the processes runs.
func waitGone(t *testing.T, what string, procs map[string]int, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for name, pid := range procs {
		for running(pid) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: the %s window (pid %d) still runs after %v", what, name, pid, within)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
}

// TestQuitClosesTheWindows: the agent starts its windows from the window
// executable beside its own; Quit closes every one of them, and a window
// whose agent went away without a word (killed) closes by itself.
func TestQuitClosesTheWindows(t *testing.T) {
	display := os.Getenv("DISPLAY")
	if display == "" {
		testenv.Missing(t, "a display (run under scripts/with-desktop.sh)")
	}
	for _, how := range []string{"quit", "killed"} {
		t.Run(how, func(t *testing.T) {
			r := newAgentRun(t)
			r.env = append(r.env, "DISPLAY="+display)
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()

			// Given the agent with the wizard it opens on the first run and
			// the agenda the user opened from the tray,
			agent := r.start(t)
			st := r.waitState(t, "the agent", func(localapi.State) bool { return true })
			if err := r.api().OpenWindow(ctx, localapi.WindowAgenda); err != nil {
				t.Fatal(err)
			}
			procs := waitWindows(t, agent.Process.Pid, localapi.WindowWizard, localapi.WindowAgenda)
			if st.Agent.PID != agent.Process.Pid {
				t.Fatalf("the agent says it is pid %d, started %d", st.Agent.PID, agent.Process.Pid)
			}
			// (the windows are up: they follow the agent's state)
			time.Sleep(time.Second)

			switch how {
			case "quit":
				// when the user chooses Quit, the agent ends, and so does
				// every window.
				if _, err := r.api().Do(ctx, localapi.Command{Name: localapi.CmdQuit}); err != nil {
					t.Fatal(err)
				}
				done := make(chan error, 1)
				go func() { _, err := agent.Process.Wait(); done <- err }()
				select {
				case <-done:
				case <-time.After(20 * time.Second):
					t.Fatal("the agent did not quit within 20s")
				}
				waitGone(t, "after Quit", procs, 5*time.Second)
			case "killed":
				// when the agent dies, its windows notice and close.
				if err := agent.Process.Kill(); err != nil {
					t.Fatal(err)
				}
				waitGone(t, "after the agent was killed", procs, 15*time.Second)
			}
		})
	}
}
