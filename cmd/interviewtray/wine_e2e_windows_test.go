package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/danieljoos/wincred"
	"golang.org/x/sys/windows"

	"github.com/interviewtray/interviewtray/auth"
	"github.com/interviewtray/interviewtray/localapi"
)

// Set by scripts/wine/run-tests.sh: the Windows agent it built (linked as a
// GUI program, as the package is), and the log of the fake browser opener
// it put first on the Unix PATH, which Wine's browser hand-off runs.
const (
	envWindowsAgent = "INTERVIEWTRAY_WINDOWS_AGENT"
	envOpenerLog    = "INTERVIEWTRAY_WINE_OPENER_LOG"
)

// TestWindowsAgentEndToEnd runs the Windows agent in demo mode: it starts,
// its icon shows in the tray, the local API answers over the named pipe, a second start hands over to it
// and exits 0, `login` signs in through the browser opener, the token is in
// the credential store (Wine's) and not in the app's files, `logout` removes
// it, and Quit ends the agent.
func TestWindowsAgentEndToEnd(t *testing.T) {
	exe := os.Getenv(envWindowsAgent)
	if exe == "" {
		t.Skipf("%s is not set: scripts/wine/run-tests.sh builds the agent and sets it", envWindowsAgent)
	}
	home := t.TempDir()
	env := append(os.Environ(),
		"APPDATA="+filepath.Join(home, "Roaming"), "LOCALAPPDATA="+filepath.Join(home, "Local"),
		envDemoPort+"="+strconv.Itoa(freePort(t)), auth.EnvRedirectPort+"="+strconv.Itoa(freePort(t)))
	run := func(args ...string) (string, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, exe, args...)
		cmd.Env, cmd.Dir = env, home
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	sock, err := localapi.SocketPath(true)
	if err != nil {
		t.Fatal(err)
	}
	if localapi.Alive(sock) {
		t.Fatal("a demo agent already runs")
	}
	if wineTrayShown() {
		t.Fatal("Wine's system tray shows before the agent starts")
	}

	// Given the agent started,
	agent := exec.Command(exe, "--demo", "--verbose")
	agent.Env, agent.Dir = env, home
	var agentOut bytes.Buffer
	agent.Stdout, agent.Stderr = &agentOut, &agentOut
	if err := agent.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- agent.Wait() }()
	t.Cleanup(func() {
		agent.Process.Kill()
		if t.Failed() {
			t.Logf("agent output:\n%s", agentOut.String())
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for !localapi.Alive(sock) {
		if time.Now().After(deadline) {
			t.Fatalf("the agent does not answer on %s", sock)
		}
		time.Sleep(200 * time.Millisecond)
	}
	// its icon shows in Wine's system tray (explorer.exe's "Wine System
	// Tray" window, shown once it holds an icon; with no X11 tray to dock
	// into, as under Xvfb),
	for !wineTrayShown() {
		if time.Now().After(deadline) {
			t.Fatal("no icon in Wine's system tray")
		}
		time.Sleep(200 * time.Millisecond)
	}
	// the local API answers over the pipe,
	c := localapi.NewClient(sock)
	st, err := c.State(t.Context())
	if err != nil || !st.Agent.Demo || st.Agent.SignedIn || st.Agent.PID != agent.Process.Pid {
		t.Fatalf("state over the pipe: %+v, %v", st, err)
	}
	if out, err := run("--demo", "status"); err != nil || !strings.Contains(out, "Demo") {
		t.Fatalf("status: %v\n%s", err, out)
	}
	// a second start hands over and exits 0,
	if out, err := run("--demo"); err != nil || !strings.Contains(out, "already running") {
		t.Fatalf("second start: %v\n%s", err, out)
	}

	// sign-in goes through the browser opener,
	before := map[string]bool{} // the demo calendar's address, kept across sign-outs
	for _, c := range demoCredentials(t) {
		before[c.TargetName] = true
	}
	if out, err := run("--demo", "login"); err != nil || !strings.Contains(out, "Signed in as") {
		t.Fatalf("login: %v\n%s", err, out)
	}
	if log, _ := os.ReadFile(os.Getenv(envOpenerLog)); !bytes.Contains(log, []byte("/oauth/authorize?")) {
		t.Errorf("the opener was not given the sign-in link: %q", log)
	}
	// and the token is in the credential store, not in the app's files.
	var creds []*wincred.Credential
	for _, c := range demoCredentials(t) {
		if !before[c.TargetName] {
			creds = append(creds, c)
		}
	}
	if len(creds) == 0 {
		t.Fatal("no credential for the demo after sign-in")
	}
	for _, cr := range creds {
		secret := cr.CredentialBlob
		if len(secret) < 16 {
			continue
		}
		filepath.Walk(home, func(p string, info os.FileInfo, err error) error {
			if err == nil && info.Mode().IsRegular() {
				if b, _ := os.ReadFile(p); bytes.Contains(b, secret[:16]) {
					t.Errorf("%s holds the token", p)
				}
			}
			return nil
		})
	}

	// When the user signs out, the credentials are gone,
	if out, err := run("--demo", "logout"); err != nil {
		t.Fatalf("logout: %v\n%s", err, out)
	} else {
		t.Logf("logout:\n%s", out)
	}
	for _, c := range demoCredentials(t) {
		if !before[c.TargetName] {
			t.Errorf("left after logout: %s (%d bytes)", c.TargetName, len(c.CredentialBlob))
		}
	}
	// and Quit ends the agent.
	if _, err := c.Do(t.Context(), localapi.Command{Name: localapi.CmdQuit}); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("the agent ended with %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the agent did not quit within 30s")
	}
}

// demoCredentials lists the demo's entries in the credential store.
func demoCredentials(t *testing.T) []*wincred.Credential {
	t.Helper()
	all, err := wincred.List()
	if err != nil {
		t.Fatal(err)
	}
	var out []*wincred.Credential
	for _, c := range all {
		if strings.HasPrefix(c.TargetName, auth.DemoServiceName+":") {
			out = append(out, c)
		}
	}
	return out
}

var (
	user32          = windows.NewLazySystemDLL("user32.dll")
	procFindWindowW = user32.NewProc("FindWindowW")
	procIsVisible   = user32.NewProc("IsWindowVisible")
)

// wineTrayShown reports whether Wine's own system tray window is on screen.
func wineTrayShown() bool {
	title, _ := windows.UTF16PtrFromString("Wine System Tray")
	h, _, _ := procFindWindowW.Call(0, uintptr(unsafe.Pointer(title)))
	if h == 0 {
		return false
	}
	v, _, _ := procIsVisible.Call(h)
	return v != 0
}
