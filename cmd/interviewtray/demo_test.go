package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/interviewtray/interviewtray/auth"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

func TestSimulatorAnswers(t *testing.T) {
	sim, err := zoomsim.New(zoomsim.Options{ClientID: auth.DemoClientID})
	if err != nil {
		t.Fatal(err)
	}
	simSrv := httptest.NewServer(sim)
	defer simSrv.Close()
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"status":"ok"}`))
	}))
	defer other.Close()
	if !simulatorAnswers(t.Context(), simSrv.URL) {
		t.Error("the simulator was not recognised")
	}
	if simulatorAnswers(t.Context(), other.URL) {
		t.Error("another server was taken for the simulator")
	}
	if simulatorAnswers(t.Context(), "http://127.0.0.1:1") {
		t.Error("nothing listening was taken for the simulator")
	}
}

func TestStartDemo(t *testing.T) {
	port := freePort(t)
	t.Setenv(envDemoPort, strconv.Itoa(port))
	redirect := "http://127.0.0.1:47651/oauth/callback"

	// Nothing on the port: the simulator (zoomsim, on PATH here) starts,
	// with the app's redirect URI and the demo client registered, keeping
	// its state in the demo's state folder.
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	d, err := startDemo(t.Context(), redirect)
	if err != nil {
		t.Fatal(err)
	}
	if !d.started || d.url != "http://127.0.0.1:"+strconv.Itoa(port) {
		t.Fatalf("demo = %+v", d)
	}
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).
		Get(d.url + "/oauth/authorize?response_type=code&client_id=" + auth.DemoClientID + "&redirect_uri=" + redirect +
			"&state=s&code_challenge_method=S256&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("authorize on the simulator started: %s (want the consent page)", resp.Status)
	}
	state := filepath.Join(os.Getenv("XDG_STATE_HOME"), "interviewtray", "demo", demoStateName)
	if _, err := os.Stat(state); err != nil {
		t.Errorf("the simulator keeps no state: %v", err)
	}

	// A second command finds it running and uses it.
	d2, err := startDemo(t.Context(), redirect)
	if err != nil || d2.started || d2.url != d.url {
		t.Fatalf("second startDemo = %+v, %v", d2, err)
	}
	d2.Close()
	if !simulatorAnswers(t.Context(), d.url) {
		t.Error("closing the second command's session stopped the simulator")
	}
	d.Close()
	if simulatorAnswers(t.Context(), d.url) {
		t.Error("the simulator still answers after Close")
	}

	// No simulator installed: a clear error.
	t.Setenv("PATH", t.TempDir())
	if _, err := startDemo(t.Context(), redirect); err == nil || !strings.Contains(err.Error(), "Zoom simulator, which is not installed") {
		t.Fatalf("startDemo without zoomsim: %v", err)
	}

	// Something else on the port: a clear error.
	ln, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() { _ = http.Serve(ln, http.NotFoundHandler()) }()
	if _, err := startDemo(t.Context(), redirect); err == nil || !strings.Contains(err.Error(), "not the Zoom simulator") {
		t.Fatalf("startDemo with a foreign server on the port: %v", err)
	}
}
