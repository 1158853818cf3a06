package agent

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/interviewtray/interviewtray/internal/exefind"
	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// The windows are an executable of their own (cmd/interviewtray-window),
// so that the resident agent does not link Fyne. The agent starts one
// process per window, never two of the same, and ends them when it quits;
// a window whose agent went away closes by itself too.

// windowsName is the window executable's name (cmd/interviewtray-window).
const windowsName = "interviewtray-window"

// WindowExecutable is the file name of the window executable.
func WindowExecutable() string { return exefind.Name(windowsName) }

// windowCloseGrace is how long the agent gives its windows to close when it
// quits before it kills them.
const windowCloseGrace = 3 * time.Second

// FindWindows returns the path of the window executable: the one beside
// the agent's own executable (symbolic links followed), else the one on
// PATH (exefind.Find). Its error starts "windows are not installed" and
// says where it looked.
func FindWindows() (string, error) {
	p, err := exefind.Find(windowsName)
	if err != nil {
		return "", fmt.Errorf("windows are not installed: %w", err)
	}
	return p, nil
}

// windowProc is a window process the agent started.
type windowProc struct {
	proc *os.Process
	// done is closed once the process has ended.
	done chan struct{}
}

// WindowsMissing says why no window can be opened, or nil.
func (d *systemDesktop) WindowsMissing() error {
	_, err := d.findWindows()
	return err
}

func (d *systemDesktop) StartWindow(name string) error {
	if !slices.Contains(localapi.Windows(), name) {
		return fmt.Errorf("no window named %q", name)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, open := d.windows[name]; open {
		return nil // never two of the same window
	}
	if d.windows == nil {
		return errors.New("start window: the agent is quitting")
	}
	exe, err := d.findWindows()
	if err != nil {
		return err
	}
	// --agent: the window closes when no agent answers, even before it
	// first connected.
	args := []string{name, "--agent"}
	if d.demo {
		args = append(args, "--demo")
	}
	cmd := exec.Command(exe, args...)
	// What the window prints (Fyne's warnings, a panic) goes to our log.
	out, err := cmd.StderrPipe()
	if err != nil {
		return fmt.Errorf("start window %s: %w", name, err)
	}
	cmd.Stdout = nil
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start window %s: %w", name, err)
	}
	w := &windowProc{proc: cmd.Process, done: make(chan struct{})}
	d.windows[name] = w
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			d.log.Warn("window output", "window", name, "line", sc.Text())
		}
		err := cmd.Wait()
		d.mu.Lock()
		if d.windows[name] == w {
			delete(d.windows, name)
		}
		d.mu.Unlock()
		close(w.done)
		if err != nil {
			d.log.Warn("window process ended with an error", "window", name, "err", err)
		}
	}()
	return nil
}

// CloseWindows asks every window process the agent started to close
// (SIGTERM: the window quits as if closed; on Windows, where a process
// cannot be asked, it is killed), kills those still running after the
// grace period, and waits for them. No window starts afterwards.
func (d *systemDesktop) CloseWindows() {
	d.mu.Lock()
	open := d.windows
	d.windows = nil
	d.mu.Unlock()
	if len(open) == 0 {
		return
	}
	for _, w := range open {
		if err := w.proc.Signal(syscall.SIGTERM); err != nil {
			w.proc.Kill()
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), d.closeGrace)
	defer cancel()
	for name, w := range open {
		select {
		case <-w.done:
			continue
		case <-ctx.Done():
		}
		d.log.Warn("a window did not close in time; killing it", "window", name)
		w.proc.Kill()
		select {
		case <-w.done:
		case <-time.After(time.Second):
			// Something the window started still holds its output open.
		}
	}
}

// windowsProblem is the problem the agent shows when no window can be
// opened: the tray and `status` say it, and the agenda cannot open.
func windowsProblem(err error) meetingsync.Problem {
	msg := err.Error()
	return meetingsync.Problem{Message: strings.ToUpper(msg[:1]) + msg[1:] + ": reinstall Interview Tray, or build it with `make run`"}
}
