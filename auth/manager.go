package auth

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// DefaultHTTPTimeout bounds every request to Zoom's OAuth server made by the
// Manager (token exchange, refresh, revoke).
const DefaultHTTPTimeout = 30 * time.Second

// Options configure a Manager. Zero values mean the defaults.
type Options struct {
	Config Config
	// Keyring is the OS keychain; nil means go-keyring (SystemKeyring).
	Keyring Keyring
	// KeychainTimeout bounds each keychain call (DefaultKeychainTimeout).
	KeychainTimeout time.Duration
	// HTTPClient sends requests to Zoom's OAuth server and is the base of
	// the authenticated client. nil means a client with DefaultHTTPTimeout;
	// a client without a timeout gets DefaultHTTPTimeout. Its CheckRedirect
	// is replaced: token requests follow no redirect, and the API client
	// only redirects under the API root.
	HTTPClient *http.Client
	// RefreshEarly is how long before expiry tokens are refreshed
	// (DefaultRefreshEarly).
	RefreshEarly time.Duration
	// LoginTimeout is how long Login waits for the browser
	// (DefaultLoginTimeout).
	LoginTimeout time.Duration
	// Listen opens the loopback listener for Login; nil means TCP on
	// 127.0.0.1 at the configured redirect port. Tests use it to run the
	// sign-in without sockets.
	Listen func(ctx context.Context, addr string) (net.Listener, error)
}

// Manager owns the Zoom sign-in of one keychain service: it signs in and
// out, hands out fresh access tokens and an authenticated HTTP client, and
// reports whether the app is signed in and why not. It is safe for
// concurrent use. The sign-in is read from the keychain on first use.
type Manager struct {
	ctx      context.Context // the app's lifetime; every token refresh runs on it
	cfg      Config
	conf     *oauth2.Config
	keychain *Keychain
	store    *Store
	hc       *http.Client // plain client for OAuth requests; follows no redirect
	api      apiRoot      // where the access token may go
	early    time.Duration
	loginTTL time.Duration
	listen   func(ctx context.Context, addr string) (net.Listener, error)

	// mu guards the fields below. It is never held while waiting for a
	// persistingSource's own mutex (held across a refresh).
	mu     sync.Mutex
	loaded bool // the keychain has been read
	src    *persistingSource
	reuse  oauth2.TokenSource // ReuseTokenSourceWithExpiry over src; nil when signed out
	out    *SignedOutError    // why not signed in; nil when signed in
	login  bool               // a Login is running
}

// New returns a Manager for opts.Config. ctx is the app's lifetime: token
// refreshes run on it (x/oauth2 keeps it for every future refresh), so it
// must not be a request's context.
func New(ctx context.Context, opts Options) (*Manager, error) {
	if err := opts.Config.Validate(); err != nil {
		return nil, err
	}
	hc := &http.Client{}
	if opts.HTTPClient != nil {
		*hc = *opts.HTTPClient
	}
	if hc.Timeout <= 0 {
		hc.Timeout = DefaultHTTPTimeout
	}
	// A redirected token request would post the code, refresh token or
	// secret again, to wherever Location says: never follow one.
	hc.CheckRedirect = refuseRedirects
	early := opts.RefreshEarly
	if early <= 0 {
		early = DefaultRefreshEarly
	}
	ttl := opts.LoginTimeout
	if ttl <= 0 {
		ttl = DefaultLoginTimeout
	}
	listen := opts.Listen
	if listen == nil {
		listen = func(ctx context.Context, addr string) (net.Listener, error) {
			var lc net.ListenConfig
			return lc.Listen(ctx, "tcp", addr)
		}
	}
	kc := NewKeychain(opts.Keyring, opts.Config.Service, opts.KeychainTimeout)
	return &Manager{
		ctx:      context.WithValue(ctx, oauth2.HTTPClient, hc),
		cfg:      opts.Config,
		conf:     opts.Config.oauth2Config(),
		keychain: kc,
		store:    NewStore(kc, recordName),
		hc:       hc,
		api:      parseAPIRoot(opts.Config.APIURL),
		early:    early,
		loginTTL: ttl,
		listen:   listen,
	}, nil
}

// Config returns the configuration the Manager signs in with.
func (m *Manager) Config() Config { return m.cfg }

// Keychain returns the keychain the sign-in is stored in (for Retry after
// the user unlocked it).
func (m *Manager) Keychain() *Keychain { return m.keychain }

// Token returns a fresh access token (oauth2.TokenSource). It refreshes the
// token five minutes before expiry, one refresh at a time. Errors:
// *SignedOutError (sign in again), ErrOffline (try later),
// ErrKeychainUnavailable, *OAuthError.
func (m *Manager) Token() (*oauth2.Token, error) {
	ts, err := m.tokenSource()
	if err != nil {
		return nil, err
	}
	return ts.Token()
}

// TokenSource returns the Manager as an oauth2.TokenSource.
func (m *Manager) TokenSource() oauth2.TokenSource { return m }

// HTTPClient returns a client that authenticates requests to Zoom's API,
// with the Manager's timeout. The token goes only to the configured API
// root: other requests are refused (*HostError), and so are redirects that
// leave it (*RedirectError, matching ErrRedirectRefused; the sign-in is
// kept). See Transport for the retry on 401.
func (m *Manager) HTTPClient() *http.Client {
	return m.apiClient(m.Transport(m.hc.Transport))
}

// apiClient is the client for Zoom's API around an authenticating
// transport: the Manager's timeout and the API redirect policy.
func (m *Manager) apiClient(rt http.RoundTripper) *http.Client {
	return &http.Client{Transport: rt, Timeout: m.hc.Timeout, CheckRedirect: m.api.checkRedirect}
}

// SignInState is a snapshot of the sign-in, as last known (State does no
// network I/O).
type SignInState struct {
	SignedIn bool
	User     User      // who is (or was last) signed in; may be empty
	Reason   Reason    // why not signed in; empty when SignedIn
	Expiry   time.Time // when the current access token expires
}

// State reports whether the app is signed in and, if not, why. It reads the
// keychain on first use; the only error is a keychain failure.
func (m *Manager) State() (SignInState, error) {
	rec, err := m.currentRecord()
	var so *SignedOutError
	switch {
	case errors.As(err, &so):
		return SignInState{Reason: so.Reason}, nil
	case err != nil:
		return SignInState{}, err
	}
	return SignInState{SignedIn: true, User: rec.User, Expiry: rec.Token.Expiry}, nil
}

// Reload forgets what the Manager read from the keychain, so that the next
// use reads it again (another process may have signed in or out).
func (m *Manager) Reload() {
	m.mu.Lock()
	m.loaded, m.src, m.reuse, m.out = false, nil, nil, nil
	m.mu.Unlock()
}

// tokenSource loads the sign-in on first use and returns the token source,
// or why there is none.
func (m *Manager) tokenSource() (oauth2.TokenSource, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.loaded {
		rec, err := loadRecord(m.ctx, m.store)
		var so *SignedOutError
		switch {
		case errors.As(err, &so):
			m.setSignedOutLocked(so)
		case err != nil:
			return nil, err
		default:
			m.setRecordLocked(rec)
		}
		m.loaded = true
	}
	if m.src != nil {
		if so := m.src.deadErr(); so != nil {
			m.setSignedOutLocked(so)
		}
	}
	if m.out != nil {
		return nil, m.out
	}
	return m.reuse, nil
}

// setRecordLocked starts a token source on rec; m.mu is held.
func (m *Manager) setRecordLocked(rec *record) {
	if m.src != nil {
		m.src.kill(ReasonSignedOut)
	}
	src := newPersistingSource(m.ctx, m.conf, m.store, m.early, rec)
	m.src, m.out, m.loaded = src, nil, true
	m.reuse = oauth2.ReuseTokenSourceWithExpiry(rec.Token.oauth2(), src, m.early)
}

// setSignedOutLocked records why there is no sign-in; m.mu is held.
func (m *Manager) setSignedOutLocked(so *SignedOutError) {
	m.src, m.reuse, m.out, m.loaded = nil, nil, so, true
}

// refreshRejected forces a refresh after Zoom refused access (401 code 124)
// and returns the new token. Concurrent callers with the same rejected token
// share one refresh.
func (m *Manager) refreshRejected(access string) (*oauth2.Token, error) {
	m.mu.Lock()
	src := m.src
	m.mu.Unlock()
	// src.reject waits for a refresh in flight: not under m.mu.
	if src != nil && src.reject(access) {
		m.mu.Lock()
		if m.src == src {
			// ReuseTokenSource cannot be told to drop its token: start a
			// new one, whose first call goes to src (which now refreshes).
			m.reuse = oauth2.ReuseTokenSourceWithExpiry(nil, src, m.early)
		}
		m.mu.Unlock()
	}
	return m.Token()
}

// currentRecord returns the stored sign-in, loading it if needed.
func (m *Manager) currentRecord() (*record, error) {
	if _, err := m.tokenSource(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	src := m.src
	m.mu.Unlock()
	if src != nil {
		if rec := src.current(); rec != nil {
			return rec, nil
		}
		if so := src.deadErr(); so != nil {
			return nil, so
		}
	}
	return nil, &SignedOutError{Reason: ReasonSignedOut}
}
