package auth

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/oauth2"

	"github.com/interviewtray/interviewtray/zoom"
)

// DefaultLoginTimeout is how long Login waits for the browser to come back.
const DefaultLoginTimeout = 5 * time.Minute

// openerGrace is how long Login waits, after it is done, for the browser
// opener to exit (pkg/browser blocks until it does).
const openerGrace = 3 * time.Second

// ErrLoginInProgress is returned by Login while another Login runs.
var ErrLoginInProgress = errors.New("a Zoom sign-in is already in progress")

// Browser opens a URL in the user's browser. Open may block until the
// opener program exits; Login calls it off its own path.
type Browser interface {
	Open(url string) error
}

// LoginOptions configure one sign-in.
type LoginOptions struct {
	// Browser opens Zoom's sign-in page. nil means no browser is opened and
	// ShowURL is given the link at once.
	Browser Browser
	// ShowURL is given the sign-in link for the user to open by hand: at
	// once when Browser is nil (err nil), or when the browser could not be
	// opened (err says why). It is never called after Login returns.
	ShowURL func(link string, err error)
}

// Login signs the user in: authorization code with PKCE (S256) through the
// browser, a fresh verifier and random state per attempt, and a listener on
// 127.0.0.1 at the configured port that serves only /oauth/callback, closes
// after the first valid callback and gives up after the login timeout.
// The token pair and the user's ID and email are stored in the keychain;
// the Manager is then signed in as the returned user.
func (m *Manager) Login(ctx context.Context, opts LoginOptions) (User, error) {
	m.mu.Lock()
	if m.login {
		m.mu.Unlock()
		return User{}, ErrLoginInProgress
	}
	m.login = true
	m.mu.Unlock()
	defer func() {
		m.mu.Lock()
		m.login = false
		m.mu.Unlock()
	}()

	verifier := oauth2.GenerateVerifier()
	state := rand.Text()
	addr := "127.0.0.1:" + strconv.Itoa(m.cfg.RedirectPort)
	ln, err := m.listen(ctx, addr)
	if err != nil {
		return User{}, fmt.Errorf("listen on %s for Zoom's redirect (another sign-in may be running; "+
			"%s picks another port, which must also be registered with the Zoom app): %w", addr, EnvRedirectPort, err)
	}
	link := m.conf.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier))

	cb := newCallback(state, time.Now().Add(m.loginTTL), m.loginTTL, func(ctx context.Context, code string) (User, error) {
		return m.finishLogin(ctx, code, verifier)
	})
	srv := &http.Server{Handler: cb, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan struct{})
	go func() {
		defer close(served)
		_ = srv.Serve(ln)
	}()
	op := startOpener(opts, link)

	timer := time.NewTimer(m.loginTTL)
	defer timer.Stop()
	var res callbackResult
	select {
	case res = <-cb.done:
	case <-timer.C:
		res.err = fmt.Errorf("%w after %s: finish signing in at Zoom within that time, then start the sign-in again", ErrLoginTimeout, m.loginTTL)
	case <-ctx.Done():
		res.err = fmt.Errorf("sign-in cancelled: %w", ctx.Err())
	}
	cb.close()
	// Let the page of a callback in progress be written, then stop.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	_ = srv.Shutdown(sctx)
	cancel()
	<-served
	op.close()
	return res.user, res.err
}

// finishLogin exchanges the code, asks Zoom who signed in, and stores both.
func (m *Manager) finishLogin(ctx context.Context, code, verifier string) (User, error) {
	ctx = context.WithValue(ctx, oauth2.HTTPClient, m.hc)
	tok, err := m.conf.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if isInvalidGrant(err) {
		return User{}, errCodeExpired
	}
	if err != nil {
		return User{}, tokenRequestError("exchange sign-in code", err)
	}
	if tok.RefreshToken == "" {
		return User{}, errors.New("exchange sign-in code: Zoom sent no refresh token")
	}
	// The new token is not the Manager's yet: send it as it is, with the
	// same host and redirect rules as the Manager's own client.
	base := m.hc.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	static := &transport{api: m.api, token: oauth2.StaticTokenSource(tok).Token, base: base}
	api := zoom.New(zoom.Options{BaseURL: m.cfg.APIURL, HTTPClient: m.apiClient(static)})
	me, err := api.Me(ctx)
	if err != nil {
		return User{}, fmt.Errorf("ask Zoom who signed in: %w", err)
	}
	rec := &record{Token: newStoredToken(tok), User: User{ID: me.ID, Email: me.Email}}
	// Zoom has revoked the previous grant: stop its token source first, so
	// that a refresh of it still in flight cannot overwrite this record.
	m.mu.Lock()
	if m.src != nil {
		m.src.kill(ReasonSignedInElsewhere)
	}
	m.mu.Unlock()
	if err := saveRecord(ctx, m.store, rec); err != nil {
		m.Reload()
		return User{}, err
	}
	m.mu.Lock()
	m.setRecordLocked(rec)
	m.mu.Unlock()
	return rec.User, nil
}

// errCodeExpired: Zoom refused the authorization code (expired after five
// minutes, or already used).
var errCodeExpired = errors.New("exchange sign-in code: Zoom says the code has expired or was already used; start the sign-in again")

// opener opens the browser off the caller's path; it owns that goroutine.
type opener struct {
	mu     sync.Mutex // guards closed and the ShowURL call
	closed bool
	done   chan struct{}
}

func startOpener(opts LoginOptions, link string) *opener {
	o := &opener{done: make(chan struct{})}
	if opts.Browser == nil {
		close(o.done)
		if opts.ShowURL != nil {
			opts.ShowURL(link, nil)
		}
		return o
	}
	go func() {
		defer close(o.done)
		if err := opts.Browser.Open(link); err != nil && opts.ShowURL != nil {
			o.mu.Lock()
			defer o.mu.Unlock()
			if !o.closed {
				opts.ShowURL(link, err)
			}
		}
	}()
	return o
}

// close stops ShowURL calls and waits a little for the opener to exit.
func (o *opener) close() {
	o.mu.Lock()
	o.closed = true
	o.mu.Unlock()
	t := time.NewTimer(openerGrace)
	defer t.Stop()
	select {
	case <-o.done:
	case <-t.C:
	}
}
