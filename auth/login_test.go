package auth

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// loginEnv is a simulator behind a real HTTP server and a Manager whose
// loopback listener is a real socket on a free port.
type loginEnv struct {
	sim *zoomsim.Sim
	srv *httptest.Server
	kr  *memKeyring
	cfg Config
	m   *Manager
}

func newLoginEnv(t *testing.T, so zoomsim.Options) *loginEnv {
	t.Helper()
	if so.ClientID == "" {
		so.ClientID = "test-client"
	}
	port := freePort(t)
	cfg := Config{ClientID: so.ClientID, ClientSecret: so.ClientSecret, RedirectPort: port, Service: "interviewtray-test"}
	so.RedirectURIs = []string{cfg.RedirectURL()}
	sim, err := zoomsim.New(so)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	cfg.AuthURL, cfg.APIURL = srv.URL, srv.URL+"/v2"
	e := &loginEnv{sim: sim, srv: srv, kr: newMemKeyring(), cfg: cfg}
	e.m, err = New(t.Context(), Options{Config: cfg, Keyring: e.kr, LoginTimeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return e
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

// fakeBrowser follows the sign-in link like a browser: the consent page (if
// any) is answered with decision, redirects are followed to the loopback
// callback, and the final page is kept.
type fakeBrowser struct {
	decision string            // "allow" or "deny" on the consent page
	before   func(link string) // runs first, while Login waits
	openErr  error             // when set, Open fails at once
	mu       sync.Mutex        // guards the fields below
	links    []string          // every link opened
	page     string            // the last page shown
	final    *url.URL          // the last URL loaded
	status   int               // its status
}

func (b *fakeBrowser) Open(link string) error {
	b.mu.Lock()
	b.links = append(b.links, link)
	b.mu.Unlock()
	if b.openErr != nil {
		return b.openErr
	}
	if b.before != nil {
		b.before(link)
	}
	return b.visit(link)
}

func (b *fakeBrowser) visit(link string) error {
	resp, err := http.Get(link)
	if err != nil {
		return err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if m := regexp.MustCompile(`name="consent_id" value="([^"]+)"`).FindSubmatch(body); m != nil {
		consent := resp.Request.URL.ResolveReference(&url.URL{Path: "/oauth/authorize"})
		resp, err = http.PostForm(consent.String(), url.Values{"consent_id": {string(m[1])}, "decision": {b.decision}})
		if err != nil {
			return err
		}
		body, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	b.mu.Lock()
	b.page, b.final, b.status = string(body), resp.Request.URL, resp.StatusCode
	b.mu.Unlock()
	return nil
}

func (b *fakeBrowser) result() (page string, final *url.URL, status int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.page, b.final, b.status
}

func TestLoginClientKinds(t *testing.T) {
	for _, tt := range []struct {
		name   string
		secret string
	}{{"public client", ""}, {"confidential client", "s3cret-value"}} {
		t.Run(tt.name, func(t *testing.T) {
			// Given Zoom with the app registered as this kind of client.
			e := newLoginEnv(t, zoomsim.Options{ClientSecret: tt.secret, AutoApprove: true})
			b := &fakeBrowser{}

			// When the user signs in.
			u, err := e.m.Login(t.Context(), LoginOptions{Browser: b})

			// Then Login returns who signed in and the tab says so.
			if err != nil {
				t.Fatalf("Login: %v", err)
			}
			if u.Email != e.sim.User().Email || u.ID != e.sim.User().ID {
				t.Errorf("user %+v, want %+v", u, e.sim.User())
			}
			page, final, status := b.result()
			if status != 200 || !strings.Contains(page, "You&#39;re signed in") || !strings.Contains(page, u.Email) {
				t.Errorf("final page %d:\n%s", status, page)
			}
			if code := final.Query().Get("code"); code == "" || strings.Contains(page, code) {
				t.Error("the page repeats the authorization code (or there was none)")
			}
			// And the request carried PKCE S256 and a state, never a secret.
			link, _ := url.Parse(b.links[0])
			q := link.Query()
			if q.Get("code_challenge_method") != "S256" || len(q.Get("code_challenge")) != 43 || len(q.Get("state")) < 22 ||
				q.Get("redirect_uri") != e.cfg.RedirectURL() || q.Get("client_id") != e.cfg.ClientID || strings.Contains(b.links[0], "secret") {
				t.Errorf("authorize link %s", b.links[0])
			}
			// And the keychain holds the token pair with the user.
			rec, err := loadRecord(t.Context(), e.m.store)
			if err != nil || rec.User != u || rec.Token.RefreshToken == "" {
				t.Fatalf("stored %+v, %v", rec, err)
			}
			if st, _ := e.m.State(); !st.SignedIn || st.User != u {
				t.Errorf("State = %+v", st)
			}
			// And the listener is closed.
			if c, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(e.cfg.RedirectPort)); err == nil {
				c.Close()
				t.Error("the loopback listener is still open after sign-in")
			}
			tokens := []string{page, err2s(err)}
			for _, ti := range e.sim.Tokens() {
				for _, s := range tokens {
					if strings.Contains(s, ti.Value) {
						t.Errorf("a token appears in the output")
					}
				}
			}
		})
	}
}

func err2s(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestLoginConsentPage(t *testing.T) {
	t.Run("allow", func(t *testing.T) {
		e := newLoginEnv(t, zoomsim.Options{})
		b := &fakeBrowser{decision: "allow"}
		if _, err := e.m.Login(t.Context(), LoginOptions{Browser: b}); err != nil {
			t.Fatalf("Login: %v", err)
		}
		if page, _, _ := b.result(); !strings.Contains(page, "signed in") {
			t.Errorf("page:\n%s", page)
		}
	})
	t.Run("deny", func(t *testing.T) {
		// Given the user clicks Deny on Zoom's consent page.
		e := newLoginEnv(t, zoomsim.Options{})
		b := &fakeBrowser{decision: "deny"}
		_, err := e.m.Login(t.Context(), LoginOptions{Browser: b})
		// Then Login says so, the tab explains what to do, and nothing is
		// stored.
		if !errors.Is(err, ErrLoginDenied) {
			t.Fatalf("Login error = %v, want ErrLoginDenied", err)
		}
		page, _, _ := b.result()
		if !strings.Contains(page, "Sign-in cancelled") || !strings.Contains(page, "choose Allow") {
			t.Errorf("page:\n%s", page)
		}
		if names := e.kr.names(e.cfg.Service); len(names) != 0 {
			t.Errorf("keychain entries after a denied sign-in: %v", names)
		}
		if e.sim.Stats().Grants != 0 {
			t.Error("a grant was issued")
		}
	})
}

func TestLoginStateMismatchChangesNothing(t *testing.T) {
	e := newLoginEnv(t, zoomsim.Options{AutoApprove: true})
	var mismatchPage string
	var mismatchStatus int
	b := &fakeBrowser{before: func(link string) {
		// A forged callback (or an old tab) arrives first.
		cb := "http://127.0.0.1:" + strconv.Itoa(e.cfg.RedirectPort) + "/oauth/callback?code=forged&state=wrong"
		resp, err := http.Get(cb)
		if err != nil {
			t.Error(err)
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		mismatchPage, mismatchStatus = string(body), resp.StatusCode
	}}
	u, err := e.m.Login(t.Context(), LoginOptions{Browser: b})
	if err != nil {
		t.Fatalf("Login after a mismatched callback: %v", err)
	}
	if u.Email == "" {
		t.Error("no user")
	}
	if mismatchStatus != http.StatusBadRequest || !strings.Contains(mismatchPage, "doesn&#39;t match") {
		t.Errorf("mismatch page %d:\n%s", mismatchStatus, mismatchPage)
	}
	if n := e.sim.Stats().Requests["POST /oauth/token"]; n != 1 {
		t.Errorf("token requests = %d: the forged code was exchanged", n)
	}
}

func TestLoginServesOnlyTheCallbackOnLoopback(t *testing.T) {
	e := newLoginEnv(t, zoomsim.Options{AutoApprove: true})
	var addr string
	e.m.listen = func(ctx context.Context, a string) (net.Listener, error) {
		addr = a
		var lc net.ListenConfig
		return lc.Listen(ctx, "tcp", a)
	}
	statuses := map[string]int{}
	b := &fakeBrowser{before: func(string) {
		for _, p := range []string{"/", "/favicon.ico", "/oauth/callbackx", "/oauth"} {
			resp, err := http.Get("http://127.0.0.1:" + strconv.Itoa(e.cfg.RedirectPort) + p)
			if err != nil {
				t.Error(err)
				continue
			}
			resp.Body.Close()
			statuses[p] = resp.StatusCode
		}
	}}
	if _, err := e.m.Login(t.Context(), LoginOptions{Browser: b}); err != nil {
		t.Fatal(err)
	}
	if addr != "127.0.0.1:"+strconv.Itoa(e.cfg.RedirectPort) {
		t.Errorf("listened on %q, want 127.0.0.1 only", addr)
	}
	for p, s := range statuses {
		if s != http.StatusNotFound {
			t.Errorf("GET %s answered %d, want 404", p, s)
		}
	}
	if len(statuses) != 4 {
		t.Errorf("checked %d paths", len(statuses))
	}
}

func TestLoginShowsURLWhenBrowserFails(t *testing.T) {
	e := newLoginEnv(t, zoomsim.Options{AutoApprove: true})
	b := &fakeBrowser{openErr: errors.New("exec: \"xdg-open\": executable file not found in $PATH")}
	paste := &fakeBrowser{}
	var shown string
	var why error
	u, err := e.m.Login(t.Context(), LoginOptions{Browser: b, ShowURL: func(link string, err error) {
		shown, why = link, err
		// The user pastes the link into a browser by hand.
		go func() { _ = paste.visit(link) }()
	}})
	if err != nil {
		t.Fatalf("Login: %v", err)
	}
	if shown != b.links[0] || why == nil || u.Email == "" {
		t.Errorf("ShowURL(%q, %v), user %+v", shown, why, u)
	}
}

func TestLoginWithoutBrowserShowsURLAtOnce(t *testing.T) {
	e := newLoginEnv(t, zoomsim.Options{AutoApprove: true})
	paste := &fakeBrowser{}
	calls := 0
	_, err := e.m.Login(t.Context(), LoginOptions{ShowURL: func(link string, err error) {
		calls++
		if err != nil {
			t.Errorf("ShowURL err = %v, want nil", err)
		}
		go func() { _ = paste.visit(link) }()
	}})
	if err != nil || calls != 1 {
		t.Fatalf("Login: %v, ShowURL calls %d", err, calls)
	}
}

func TestLoginFreshVerifierAndStateEachAttempt(t *testing.T) {
	e := newLoginEnv(t, zoomsim.Options{AutoApprove: true})
	b := &fakeBrowser{}
	for range 2 {
		if _, err := e.m.Login(t.Context(), LoginOptions{Browser: b}); err != nil {
			t.Fatal(err)
		}
	}
	a, _ := url.Parse(b.links[0])
	c, _ := url.Parse(b.links[1])
	if a.Query().Get("state") == c.Query().Get("state") || a.Query().Get("code_challenge") == c.Query().Get("code_challenge") {
		t.Error("state or PKCE challenge reused across attempts")
	}
	// The second sign-in replaced the first grant.
	if e.sim.Stats().Superseded != 1 {
		t.Errorf("superseded = %d", e.sim.Stats().Superseded)
	}
}

func TestLoginPortBusy(t *testing.T) {
	e := newLoginEnv(t, zoomsim.Options{AutoApprove: true})
	ln, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(e.cfg.RedirectPort))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, err = e.m.Login(t.Context(), LoginOptions{})
	if err == nil || !strings.Contains(err.Error(), EnvRedirectPort) {
		t.Fatalf("Login error = %v, want one naming %s", err, EnvRedirectPort)
	}
}

func TestLoginGivesUpAfterFiveMinutes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Given a sign-in nobody finishes in the browser.
		ln := newPipeListener()
		m, err := New(t.Context(), Options{
			Config:  Config{ClientID: "c", AuthURL: "https://zoom.us", APIURL: "https://api.zoom.us/v2", RedirectPort: 47651, Service: "s"},
			Keyring: newMemKeyring(),
			Listen:  func(context.Context, string) (net.Listener, error) { return ln, nil },
		})
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		_, err = m.Login(t.Context(), LoginOptions{ShowURL: func(string, error) {}})
		// Then Login gives up after exactly five minutes with a clear message.
		if !errors.Is(err, ErrLoginTimeout) {
			t.Fatalf("Login error = %v, want ErrLoginTimeout", err)
		}
		if waited := time.Since(start); waited != DefaultLoginTimeout {
			t.Errorf("gave up after %v, want %v", waited, DefaultLoginTimeout)
		}
		if !strings.Contains(err.Error(), "5m0s") || !strings.Contains(err.Error(), "start the sign-in again") {
			t.Errorf("message %q", err)
		}
		if !ln.isClosed() {
			t.Error("the listener was not closed")
		}
	})
}

func TestCallbackPages(t *testing.T) {
	const state = "the-state"
	ok := func(context.Context, string) (User, error) { return User{Email: "ada@example.com"}, nil }
	tests := []struct {
		name       string
		method     string
		query      string
		deadline   time.Duration // from now
		finish     func(context.Context, string) (User, error)
		wantStatus int
		wantText   string
		wantErr    error // what Login gets; nil with wantResult false means no result
		wantResult bool
	}{
		{"success", "GET", "state=the-state&code=abc", time.Minute, ok, 200, "ada@example.com", nil, true},
		{"denied", "GET", "state=the-state&error=access_denied", time.Minute, ok, 200, "Sign-in cancelled", ErrLoginDenied, true},
		{"state mismatch", "GET", "state=other&code=abc", time.Minute, ok, 400, "doesn&#39;t match", nil, false},
		{"no state", "GET", "code=abc", time.Minute, ok, 400, "doesn&#39;t match", nil, false},
		{"too late", "GET", "state=the-state&code=abc", -time.Second, ok, 410, "Sign-in timed out", nil, false},
		{"code expired", "GET", "state=the-state&code=abc", time.Minute,
			func(context.Context, string) (User, error) { return User{}, errCodeExpired }, 400, "has expired", errCodeExpired, true},
		{"zoom error", "GET", "state=the-state&error=server_error%3Cscript%3E", time.Minute, ok, 400, "server_errorscript", nil, true},
		{"no code", "GET", "state=the-state", time.Minute, ok, 400, "no sign-in code", nil, true},
		{"post", "POST", "state=the-state&code=abc", time.Minute, ok, 405, "", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cb := newCallback(state, time.Now().Add(tt.deadline), 5*time.Minute, tt.finish)
			rec := httptest.NewRecorder()
			cb.ServeHTTP(rec, httptest.NewRequest(tt.method, "http://127.0.0.1:47651/oauth/callback?"+tt.query, nil))
			if rec.Code != tt.wantStatus || !strings.Contains(rec.Body.String(), tt.wantText) {
				t.Errorf("got %d:\n%s\nwant %d containing %q", rec.Code, rec.Body, tt.wantStatus, tt.wantText)
			}
			if strings.Contains(rec.Body.String(), "<script>") {
				t.Error("page is not escaped")
			}
			select {
			case res := <-cb.done:
				if !tt.wantResult {
					t.Errorf("unexpected result %+v", res)
				} else if tt.wantErr != nil && !errors.Is(res.err, tt.wantErr) {
					t.Errorf("result error %v, want %v", res.err, tt.wantErr)
				} else if tt.wantErr == nil && tt.name == "success" && res.err != nil {
					t.Errorf("result error %v", res.err)
				}
			default:
				if tt.wantResult {
					t.Error("no result for Login")
				}
			}
		})
	}
}

func TestCallbackAfterAttemptEnded(t *testing.T) {
	cb := newCallback("s", time.Now().Add(time.Minute), 5*time.Minute, func(context.Context, string) (User, error) { return User{}, nil })
	cb.close() // Login gave up
	rec := httptest.NewRecorder()
	cb.ServeHTTP(rec, httptest.NewRequest("GET", "/oauth/callback?state=s&code=c", nil))
	if rec.Code != http.StatusGone || !strings.Contains(rec.Body.String(), "timed out") {
		t.Errorf("got %d:\n%s", rec.Code, rec.Body)
	}
}

// pipeListener is an in-memory net.Listener: no socket, so it can live in a
// synctest bubble.
type pipeListener struct {
	conns  chan net.Conn
	closed chan struct{}
	once   sync.Once
}

func newPipeListener() *pipeListener {
	return &pipeListener{conns: make(chan net.Conn), closed: make(chan struct{})}
}

func (l *pipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, net.ErrClosed
	}
}

func (l *pipeListener) Close() error {
	l.once.Do(func() { close(l.closed) })
	return nil
}

func (l *pipeListener) Addr() net.Addr { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 47651} }

func (l *pipeListener) isClosed() bool {
	select {
	case <-l.closed:
		return true
	default:
		return false
	}
}
