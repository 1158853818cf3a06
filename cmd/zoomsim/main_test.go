package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

var listeningRE = regexp.MustCompile(`^listening on (http://127\.0\.0\.1:\d+)$`)

// firstLine reads the first line from r, failing after a timeout.
func firstLine(t *testing.T, r io.Reader) string {
	t.Helper()
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- s
	}()
	select {
	case s := <-line:
		return strings.TrimSuffix(s, "\n")
	case <-time.After(30 * time.Second):
		t.Fatal("no first line within 30s")
		return ""
	}
}

// syncBuffer collects output written by another goroutine or process.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// challenge is the S256 PKCE challenge of verifier.
func challenge(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// signIn runs the OAuth flow against base as a confidential client and
// returns the access token.
func signIn(t *testing.T, base, clientID, secret string) string {
	t.Helper()
	const verifier = "a-verifier-that-is-long-enough-for-pkce-0123456789"
	const redirect = "http://127.0.0.1:53682/oauth/callback"
	client := &http.Client{Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	q := url.Values{"response_type": {"code"}, "client_id": {clientID}, "redirect_uri": {redirect},
		"state": {"s"}, "code_challenge": {challenge(verifier)}, "code_challenge_method": {"S256"}}
	resp, err := client.Get(base + "/oauth/authorize?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || loc.Query().Get("code") == "" {
		t.Fatalf("authorize: %s, Location %q", resp.Status, resp.Header.Get("Location"))
	}
	form := url.Values{"grant_type": {"authorization_code"}, "code": {loc.Query().Get("code")},
		"redirect_uri": {redirect}, "code_verifier": {verifier}}
	req, _ := http.NewRequest("POST", base+"/oauth/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(clientID, secret)
	resp, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || resp.StatusCode != 200 {
		t.Fatalf("token: %s, %v", resp.Status, err)
	}
	return tok.AccessToken
}

// upcomingCount counts the upcoming meetings at base.
func upcomingCount(t *testing.T, base, token string) int {
	t.Helper()
	req, _ := http.NewRequest("GET", base+"/v2/users/me/meetings?type=upcoming", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var list struct {
		TotalRecords int `json:"total_records"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil || resp.StatusCode != 200 {
		t.Fatalf("list meetings: %s, %v", resp.Status, err)
	}
	return list.TotalRecords
}

// TestCommand builds the command, starts it, reads its first line, uses the
// simulator it serves and stops it with SIGINT.
func TestCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("go tool not found: %v", err)
		}
		t.Skipf("go tool not found: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "zoomsim")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	const secret = "env-s3cret-value"
	cmd := exec.Command(bin, "--addr", "127.0.0.1:0", "--seed", "demo", "--client-id", "cmd-test", "--auto-approve", "-v")
	cmd.Env = append(os.Environ(), "ZOOMSIM_CLIENT_SECRET="+secret)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-done
	})

	line := firstLine(t, stdout)
	m := listeningRE.FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("first line %q, want \"listening on http://127.0.0.1:PORT\"", line)
	}
	base := m[1]
	token := signIn(t, base, "cmd-test", secret) // the secret came from the environment
	if n := upcomingCount(t, base, token); n < 5 {
		t.Errorf("demo seed lists %d upcoming meetings", n)
	}

	if runtime.GOOS == "windows" {
		return // no SIGINT to send
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		done <- err // for the cleanup
		if err != nil {
			t.Fatalf("exit after SIGINT: %v\n%s", err, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("still running 15s after SIGINT")
	}
	logs := stderr.String()
	if !strings.Contains(logs, "shutting down") {
		t.Errorf("no shutdown in the log:\n%s", logs)
	}
	if strings.Contains(logs, secret) || strings.Contains(logs, token[len(token)-40:]) {
		t.Error("the log holds the secret or the token")
	}
}

func TestRunServesUntilCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--client-id", "run-test", "--seed", "empty", "--plan", "business"}, nil, pw, &stderr,
			func(string) string { return "" })
		pw.Close()
	}()
	line := firstLine(t, pr)
	go io.Copy(io.Discard, pr)
	m := listeningRE.FindStringSubmatch(line)
	if m == nil {
		cancel()
		t.Fatalf("first line %q", line)
	}
	resp, err := http.Get(m[1] + "/_sim/user")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("GET /_sim/user: %s", resp.Status)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("run did not return after cancellation")
	}
	if !strings.Contains(stderr.String(), "client=public") {
		t.Errorf("log does not say the client is public:\n%s", stderr.String())
	}
}

func TestRunRejectsBadCommandLines(t *testing.T) {
	tests := [][]string{
		{},
		{"--client-id", "x", "--seed", "full"},
		{"--client-id", "x", "--plan", "enterprise"},
		{"--client-id", "x", "--token-ttl", "soon"},
		{"--client-id", "x", "--redirect-uri", "not a url"},
		{"--client-id", "x", "extra"},
		{"--no-such-flag"},
	}
	for _, args := range tests {
		var stdout, stderr syncBuffer
		err := run(context.Background(), args, nil, &stdout, &stderr, func(string) string { return "" })
		if !errors.Is(err, errUsage) {
			t.Errorf("run(%q) = %v, want a usage error", args, err)
		}
		if stdout.String() != "" {
			t.Errorf("run(%q) wrote %q to stdout", args, stdout.String())
		}
	}
}

// TestRunWithStateExitsWithStdin: with --state and --exit-with-stdin (as
// Interview Tray's demo starts it) the simulator saves its state, stops
// when its standard input ends, saves again on the way out, and a new run
// with the same file has the same account; --quiet leaves info out of the
// log.
func TestRunWithStateExitsWithStdin(t *testing.T) {
	state := filepath.Join(t.TempDir(), "demo", "zoomsim-state.json")
	args := []string{"--client-id", "interviewtray-demo", "--seed", "demo", "--state", state, "--exit-with-stdin", "--quiet"}
	start := func() (string, *io.PipeWriter, chan error, *syncBuffer) {
		inR, inW := io.Pipe()
		outR, outW := io.Pipe()
		var stderr syncBuffer
		done := make(chan error, 1)
		go func() {
			done <- run(context.Background(), args, inR, outW, &stderr, func(string) string { return "" })
			outW.Close()
		}()
		line := firstLine(t, outR)
		go io.Copy(io.Discard, outR)
		m := listeningRE.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("first line %q", line)
		}
		return m[1], inW, done, &stderr
	}
	email := func(base string) string {
		resp, err := http.Get(base + "/_sim/user")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var u struct {
			Email string `json:"email"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&u); err != nil || u.Email == "" {
			t.Fatalf("user: %v", err)
		}
		return u.Email
	}

	base, stdin, done, stderr := start()
	first := email(base)
	if _, err := os.Stat(state); err != nil {
		t.Fatalf("no state saved at the start: %v", err)
	}
	stdin.Close() // the parent is gone
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("run did not stop when its standard input ended")
	}
	if strings.Contains(stderr.String(), "level=INFO") {
		t.Errorf("--quiet logged info:\n%s", stderr.String())
	}

	base, stdin, done, _ = start()
	if got := email(base); got != first {
		t.Errorf("after a restart the account is %q, want %q", got, first)
	}
	stdin.Close()
	<-done
}
