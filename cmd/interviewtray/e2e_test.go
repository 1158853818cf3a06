package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/auth"
	"github.com/interviewtray/interviewtray/auth/authtest"
	"github.com/interviewtray/interviewtray/internal/testenv"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// e2e is one end-to-end run: the real binary in a temporary HOME with a
// private session bus and gnome-keyring, talking to a simulator.
type e2e struct {
	root   string // everything the run writes lives under it
	home   string
	bin    string   // the interviewtray binary
	env    []string // the binary's whole environment
	outMu  sync.Mutex
	output bytes.Buffer // every stdout and stderr captured, for the leak check
}

func newE2E(t *testing.T) *e2e {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("the end-to-end tests drive Linux desktop parts")
	}
	testenv.RequireCommands(t, "dbus-daemon", "gnome-keyring-daemon")
	root := t.TempDir()
	e := &e2e{root: root, home: filepath.Join(root, "home")}
	for _, d := range []string{e.home, filepath.Join(root, "bin"), filepath.Join(root, "tmp")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	e.bin = buildBinary(t)
	return e
}

// built is where buildBinary built the two executables, once for all the
// tests of this process (TestMain removes it).
var built struct {
	once sync.Once
	dir  string
	out  []byte
	err  error
}

// buildBinary builds interviewtray and, beside it as an installation has
// them, interviewtray-window and zoomsim, and returns the path of
// interviewtray.
func buildBinary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		if built.dir, built.err = os.MkdirTemp("", "interviewtray-e2e-"); built.err != nil {
			return
		}
		built.out, built.err = exec.Command("go", "build", "-o", built.dir+string(os.PathSeparator), ".", "../interviewtray-window", "../zoomsim").CombinedOutput()
	})
	if built.err != nil {
		t.Fatalf("go build: %v\n%s", built.err, built.out)
	}
	return filepath.Join(built.dir, "interviewtray")
}

// setEnv sets the binary's environment: only what it needs, nothing of the
// developer's own (no real INTERVIEWTRAY_* or session bus).
func (e *e2e) setEnv(bus *authtest.Bus, extra ...string) {
	e.env = append([]string{
		"PATH=" + filepath.Join(e.root, "bin") + string(os.PathListSeparator) + os.Getenv("PATH"),
		"TMPDIR=" + filepath.Join(e.root, "tmp"),
		"E2E_DIR=" + e.root,
		"LANG=C.UTF-8",
	}, bus.Env...)
	e.env = append(e.env, extra...)
}

// run runs the binary and returns its stdout, stderr and exit status.
func (e *e2e) run(t *testing.T, timeout time.Duration, args ...string) (string, string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, e.bin, args...)
	cmd.Env = e.env
	cmd.Dir = e.home
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	e.record(stdout.String(), stderr.String())
	code := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatalf("run %v: %v", args, err)
	}
	if ctx.Err() != nil {
		t.Fatalf("interviewtray %v did not finish within %v\nstderr:\n%s", args, timeout, stderr.String())
	}
	return stdout.String(), stderr.String(), code
}

func (e *e2e) record(out ...string) {
	e.outMu.Lock()
	defer e.outMu.Unlock()
	for _, s := range out {
		e.output.WriteString(s)
	}
}

// statusJSON runs status --json and decodes it.
func (e *e2e) statusJSON(t *testing.T, args ...string) statusJSON {
	t.Helper()
	out, errOut, code := e.run(t, 60*time.Second, append(args, "status", "--json")...)
	if code != 0 {
		t.Fatalf("status --json exited %d\nstderr:\n%s", code, errOut)
	}
	var st statusJSON
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("status --json printed %q: %v", out, err)
	}
	return st
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// simTokens lists every token the simulator issued (GET /_sim/tokens).
func simTokens(t *testing.T, base string) []zoomsim.TokenInfo {
	t.Helper()
	var tokens []zoomsim.TokenInfo
	getJSON(t, base+"/_sim/tokens", &tokens)
	return tokens
}

func simStats(t *testing.T, base string) zoomsim.Stats {
	t.Helper()
	var st zoomsim.Stats
	getJSON(t, base+"/_sim/stats", &st)
	return st
}

func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
}

func post(t *testing.T, u string) {
	t.Helper()
	resp, err := http.Post(u, "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		t.Fatalf("POST %s: %s", u, resp.Status)
	}
}

// fakeXDGOpen is the `xdg-open` first on PATH: it records its argv and
// opens the link in headless Chromium, which follows the simulator's
// redirect to the loopback callback and prints the final page.
const fakeXDGOpen = `#!/bin/sh
printf '%s\0' "$0" "$@" >> "$E2E_DIR/xdg-open.argv"
profile=$(mktemp -d)
exec chromium --headless --no-sandbox --disable-gpu --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --dump-dom "$1" > "$E2E_DIR/chromium.dom" 2> "$E2E_DIR/chromium.log"
`

// TestEndToEnd signs in with the real binary, headless Chromium as the
// browser and gnome-keyring as the keychain; then refreshes after the
// simulator expires the tokens, checks that a fresh process is still signed
// in, signs out, and looks for token leaks everywhere.
func TestEndToEnd(t *testing.T) {
	e := newE2E(t)
	testenv.RequireCommands(t, "chromium", "secret-tool")
	if err := os.WriteFile(filepath.Join(e.root, "bin", "xdg-open"), []byte(fakeXDGOpen), 0o755); err != nil {
		t.Fatal(err)
	}
	bus := authtest.StartBus(t, e.home)
	bus.StartGnomeKeyring(t)

	// Zoom: the simulator, approving at once (chromium cannot click the
	// consent page; TestLoginConsentPage in package auth covers it).
	redirectPort := freePort(t)
	redirect := fmt.Sprintf("http://127.0.0.1:%d/oauth/callback", redirectPort)
	sim, err := zoomsim.New(zoomsim.Options{ClientID: "e2e-client", RedirectURIs: []string{redirect}, Seed: "demo", AutoApprove: true})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	defer srv.Close()
	e.setEnv(bus,
		auth.EnvClientID+"=e2e-client",
		auth.EnvAuthURL+"="+srv.URL,
		auth.EnvAPIURL+"="+srv.URL+"/v2",
		auth.EnvRedirectPort+"="+strconv.Itoa(redirectPort),
	)
	sampler := startArgvSampler(os.Getpid())
	defer sampler.Close()

	// Sign in: the browser opens, the simulator redirects back.
	out, errOut, code := e.run(t, 120*time.Second, "login")
	email := sim.User().Email
	if code != 0 || out != "Signed in as "+email+"\n" {
		t.Fatalf("login: exit %d, stdout %q\nstderr:\n%s", code, out, errOut)
	}
	dom, _ := os.ReadFile(filepath.Join(e.root, "chromium.dom"))
	if !bytes.Contains(dom, []byte("signed in")) || !bytes.Contains(dom, []byte(email)) {
		t.Errorf("the browser tab showed:\n%s", dom)
	}
	if st := simStats(t, srv.URL); st.Grants != 1 {
		t.Fatalf("grants = %d", st.Grants)
	}

	// The simulator expires every access token: status refreshes.
	post(t, srv.URL+"/_sim/tokens/expire")
	st := e.statusJSON(t)
	if !st.SignedIn || st.Offline || st.User == nil || st.User.Email != email || st.TokenExpiresAt == nil || !st.TokenExpiresAt.After(time.Now()) {
		t.Fatalf("status after expiry: %+v", st)
	}
	if n := simStats(t, srv.URL).TokenRefreshes; n != 1 {
		t.Fatalf("refreshes after status = %d, want 1", n)
	}

	// A fresh process is still signed in, with the rotated pair: expire
	// again, and its refresh only works with the rotated refresh token.
	post(t, srv.URL+"/_sim/tokens/expire")
	if st := e.statusJSON(t); !st.SignedIn || st.User.Email != email {
		t.Fatalf("fresh process: %+v", st)
	}
	if n := simStats(t, srv.URL).TokenRefreshes; n != 2 {
		t.Fatalf("refreshes = %d, want 2", n)
	}
	out, _, code = e.run(t, 60*time.Second, "status")
	if code != 0 || !strings.Contains(out, "Signed in to Zoom as "+email) {
		t.Errorf("status: exit %d\n%s", code, out)
	}

	// Sign out: revoked at Zoom, nothing left in the keychain.
	out, errOut, code = e.run(t, 60*time.Second, "logout")
	if code != 0 || !strings.Contains(out, "Zoom revoked the token") {
		t.Fatalf("logout: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if n := simStats(t, srv.URL).Revoked; n != 1 {
		t.Errorf("revoked = %d", n)
	}
	left := secretToolSearch(t, bus, auth.ServiceName)
	if left != "" {
		t.Errorf("keychain entries left after logout:\n%s", left)
	}
	if st := e.statusJSON(t); st.SignedIn || st.SignedOutReason != auth.ReasonNotSignedIn {
		t.Errorf("status after logout: %+v", st)
	}

	// Leak check: no token the simulator issued appears in any file the run
	// wrote, in any output, or in the argv of any child process.
	sampler.Close()
	tokens := simTokens(t, srv.URL)
	if len(tokens) < 6 {
		t.Fatalf("only %d tokens issued", len(tokens))
	}
	argv, _ := os.ReadFile(filepath.Join(e.root, "xdg-open.argv"))
	if !bytes.Contains(argv, []byte("/oauth/authorize?")) {
		t.Errorf("xdg-open was not given the sign-in link: %q", argv)
	}
	cmdlines := sampler.Cmdlines()
	if !containsAny(cmdlines, "chromium") || !containsAny(cmdlines, e.bin) {
		t.Errorf("the sampler missed the child processes: %d command lines", len(cmdlines))
	}
	e.outMu.Lock()
	outputs := e.output.String()
	e.outMu.Unlock()
	for _, tok := range tokens {
		if strings.Contains(outputs, tok.Value) {
			t.Errorf("an issued %s token appears in the output", tok.Kind)
		}
		for _, c := range cmdlines {
			if strings.Contains(c, tok.Value) {
				t.Errorf("an issued %s token appears in a child's argv: %.80s...", tok.Kind, c)
			}
		}
	}
	scanned := scanFiles(t, e.root, tokens)
	if scanned < 3 {
		t.Errorf("scanned only %d files", scanned)
	}
	t.Logf("leak check: %d tokens, %d files, %d child command lines, %d bytes of output",
		len(tokens), scanned, len(cmdlines), len(outputs))
}

// TestEndToEndDemo uses --demo: an in-process simulator when none runs on
// the demo port, or the one already there; demo credentials never touch
// the real keychain service. It signs in with --no-browser, pasting the
// link into an HTTP client.
func TestEndToEndDemo(t *testing.T) {
	e := newE2E(t)
	testenv.RequireCommands(t, "secret-tool")
	bus := authtest.StartBus(t, e.home)
	bus.StartGnomeKeyring(t)
	demoPort, redirectPort := freePort(t), freePort(t)
	e.setEnv(bus, envDemoPort+"="+strconv.Itoa(demoPort), auth.EnvRedirectPort+"="+strconv.Itoa(redirectPort))

	// No simulator on the demo port: the command starts zoomsim (beside it)
	// for its own life.
	st := e.statusJSON(t, "--demo")
	if st.SignedIn || !st.Demo || st.SignedOutReason != auth.ReasonNotSignedIn {
		t.Fatalf("demo status: %+v", st)
	}
	_, errOut, _ := e.run(t, 30*time.Second, "status", "--demo")
	if !strings.Contains(errOut, "started the Zoom simulator at http://127.0.0.1:") || !strings.Contains(errOut, "until this command exits") {
		t.Errorf("no note about the simulator started:\n%s", errOut)
	}

	// A simulator on the demo port (as the agent will host it) is used.
	sim, err := zoomsim.New(zoomsim.Options{ClientID: auth.DemoClientID, Seed: "demo", AutoApprove: true})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(demoPort))
	if err != nil {
		t.Fatal(err)
	}
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: sim}}
	srv.Start()
	defer srv.Close()

	out, errOut := e.loginNoBrowser(t, "--demo")
	if out != "Signed in as "+sim.User().Email+"\n" {
		t.Fatalf("demo login: stdout %q\nstderr:\n%s", out, errOut)
	}
	if strings.Contains(errOut, "started the Zoom simulator in this process") {
		t.Error("started its own simulator although one was running")
	}
	if st := e.statusJSON(t, "--demo"); !st.SignedIn || !st.Demo || st.User.Email != sim.User().Email {
		t.Fatalf("demo status after login: %+v", st)
	}
	// Demo credentials are kept apart from real ones.
	if secretToolSearch(t, bus, auth.DemoServiceName) == "" {
		t.Error("nothing stored under the demo keychain service")
	}
	if left := secretToolSearch(t, bus, auth.ServiceName); left != "" {
		t.Errorf("demo sign-in wrote to the real keychain service:\n%s", left)
	}
	if _, _, code := e.run(t, 30*time.Second, "--demo", "logout"); code != 0 {
		t.Fatalf("demo logout exited %d", code)
	}
	if left := secretToolSearch(t, bus, auth.DemoServiceName); left != "" {
		t.Errorf("demo entries left after logout:\n%s", left)
	}
	for _, tok := range sim.Tokens() {
		if strings.Contains(e.output.String(), tok.Value) {
			t.Errorf("an issued %s token appears in the output", tok.Kind)
		}
	}
}

// loginNoBrowser runs login --no-browser and opens the printed link with an
// HTTP client, as a user pasting it would.
func (e *e2e) loginNoBrowser(t *testing.T, args ...string) (string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, e.bin, append(args, "login", "--no-browser")...)
	cmd.Env = e.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	pipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(pipe)
	for sc.Scan() {
		line := sc.Text()
		stderr.WriteString(line + "\n")
		if link := strings.TrimSpace(line); strings.HasPrefix(link, "http://") {
			resp, err := http.Get(link)
			if err != nil {
				t.Errorf("open the link: %v", err)
				break
			}
			page, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if !bytes.Contains(page, []byte("signed in")) {
				t.Errorf("callback page:\n%s", page)
			}
		}
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("login --no-browser: %v\nstderr:\n%s", err, stderr.String())
	}
	e.record(stdout.String(), stderr.String())
	return stdout.String(), stderr.String()
}

// TestEndToEndKeychainHang runs the binary against a Secret Service that
// never answers: it must stop within the keychain timeout with the clear
// error, not hang.
func TestEndToEndKeychainHang(t *testing.T) {
	e := newE2E(t)
	bus := authtest.StartBus(t, e.home)
	bus.StartHangingSecretService(t)
	e.setEnv(bus, auth.EnvClientID+"=c", auth.EnvRedirectPort+"="+strconv.Itoa(freePort(t)))

	start := time.Now()
	_, errOut, code := e.run(t, 30*time.Second, "status")
	took := time.Since(start)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(errOut, "did not answer within 3s") || !strings.Contains(errOut, "Secret Service") {
		t.Errorf("stderr does not say what happened and what to do:\n%s", errOut)
	}
	if took < auth.DefaultKeychainTimeout || took > auth.DefaultKeychainTimeout+5*time.Second {
		t.Errorf("took %v; want about %v", took, auth.DefaultKeychainTimeout)
	}
}

// secretToolSearch lists the Secret Service items of a service.
func secretToolSearch(t *testing.T, bus *authtest.Bus, service string) string {
	t.Helper()
	cmd := exec.Command("secret-tool", "search", "--all", "service", service)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH")}, bus.Env...)
	out, _ := cmd.CombinedOutput() // exits 1 when nothing matches
	return strings.TrimSpace(string(out))
}

// scanFiles fails the test for every file under root that holds a token
// value, and returns how many files it read.
func scanFiles(t *testing.T, root string, tokens []zoomsim.TokenInfo) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil // sockets, vanished files
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		n++
		for _, tok := range tokens {
			if bytes.Contains(data, []byte(tok.Value)) {
				t.Errorf("an issued %s token appears in %s", tok.Kind, path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func containsAny(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
