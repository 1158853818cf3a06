package zoomsim

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// Options configures a simulator. The zero value of every field but ClientID
// selects a default.
type Options struct {
	// ClientID is the OAuth client ID of the one registered app. Required.
	ClientID string
	// ClientSecret, when set, makes the app a confidential client: the token
	// and revoke endpoints then require HTTP Basic authentication with it.
	// When empty the app is a public client (Zoom's PKCE client IDs): the
	// client_id travels in the form body and no Basic header is accepted.
	ClientSecret string
	// RedirectURIs is the registered list of redirect URIs, matched as exact
	// strings as Zoom does. When empty, any
	// http://127.0.0.1:<port>/oauth/callback is accepted: a convenience of the
	// simulator for loopback sign-in during development, not Zoom behaviour.
	RedirectURIs []string
	// AutoApprove makes /oauth/authorize redirect at once instead of showing
	// the consent page.
	AutoApprove bool
	// Plan is the account's plan: "free", "pro" (default) or "business". It
	// selects the rate limits and whether cloud recording and past-meeting
	// details are available.
	Plan string
	// TokenTTL is the access-token lifetime; default one hour, like Zoom.
	TokenTTL time.Duration
	// Seed is the initial data: "empty" (default) or "demo".
	Seed string
	// AutoEnd makes a meeting count as ended once simulator time passes its
	// scheduled start plus duration. Without it meetings end only through
	// the control API (or the seed).
	AutoEnd bool
	// RecordingDelay, when positive, makes a hosted meeting's cloud recording
	// ready that long after the meeting ended. When zero recordings become
	// ready only through the control API (or the seed).
	RecordingDelay time.Duration
	// NoDemoCalendar leaves the demo seed's calendar-only events (the
	// coordinator's panel and the others, see the package documentation) out
	// of the calendar feed, which then shows only Zoom's meetings.
	NoDemoCalendar bool
	// Start, when set, is the simulator clock's reading at New: a test
	// that depends on the date (a month end, February, a daylight-saving
	// day) pins it here. Zero is the real clock. Either way the clock then
	// runs with the real (or synctest's) clock and Advance.
	Start time.Time
	// Scopes, when non-nil, are the scopes every sign-in is granted, in
	// place of all the app asks for (oauth.go): a sign-in made before the
	// app asked for the scheduling scopes lacks meeting:write:meeting and
	// the others, and those endpoints answer 400 code 4711.
	Scopes []string
	// Logger receives one debug record per request and info records for
	// OAuth events; never a token, code or secret. Nil discards.
	Logger *slog.Logger
	// OnChange, when set, is called after every request that changed the
	// state SaveState writes (a sign-in, a refresh, a revocation, a change
	// through the control API, a recording seen ready, the calendar feed
	// changing), once the simulator's lock is released but before the
	// answer is written: a caller that saves the state in it has a token
	// on disk before the client has it. Calls may overlap when requests
	// do. Changes made through the Go methods are not reported.
	OnChange func()
}

// Sim is a simulated Zoom: OAuth under /oauth/, the REST API under /v2/ and a
// control API under /_sim/. It is an http.Handler; use it behind an
// httptest.Server, cmd/zoomsim, or in memory through Transport.
//
// Sim starts no goroutines: every time-dependent state (token expiry, a
// meeting that ends on its own, a recording that becomes ready) is derived
// from the simulator clock when a request looks at it.
type Sim struct {
	opts    Options    // normalised by New; read-only afterwards
	limits  planLimits // rate limits of opts.Plan; read-only
	log     *slog.Logger
	routes  []*route // read-only after New
	signKey []byte   // HMAC key for the tokens' signatures; read-only

	// mu guards all mutable state below: the clock offset, the account and
	// its meetings and settings, the OAuth consents, codes, grants and
	// tokens, the page tokens, the rate-limit windows, the injected faults,
	// the counters and the calendar. Handlers run with mu held and never do
	// I/O while holding it: request bodies are read before and replies
	// written after.
	mu       sync.Mutex
	offset   time.Duration // simulator time minus real time (see clock.go)
	account  account
	me       *user // the user who signs in
	other    *user // the host of meetings created with host "other"
	meetings map[int64]*meeting
	byUUID   map[string]*meeting
	settings map[string]any  // the signed-in user's settings (settings.go)
	locked   map[string]bool // dotted paths of settings locked by an admin
	consents map[string]*consent
	codes    map[string]*authCode
	grants   []*grant
	tokens   map[string]*token // by tokenHash of the value
	issued   []*token          // every token in issue order, for Tokens
	pages    map[string]*pageCursor
	limiter  limiter
	faults   []*Fault
	stats    Stats
	cal      calendarState // the signed-in user's calendar feed (calendar.go)
	digest   [32]byte      // of the state last reported to OnChange (state.go)
}

// New returns a simulator configured by opts and seeded with opts.Seed.
func New(opts Options) (*Sim, error) {
	if err := normalise(&opts); err != nil {
		return nil, err
	}
	s := &Sim{
		opts:     opts,
		limits:   limitsByPlan[opts.Plan],
		log:      opts.Logger,
		signKey:  randomBytes(64),
		meetings: make(map[int64]*meeting),
		byUUID:   make(map[string]*meeting),
		locked:   make(map[string]bool),
		consents: make(map[string]*consent),
		codes:    make(map[string]*authCode),
		tokens:   make(map[string]*token),
		pages:    make(map[string]*pageCursor),
		stats:    Stats{Requests: make(map[string]int)},
	}
	if !opts.Start.IsZero() {
		s.offset = time.Until(opts.Start)
	}
	s.routes = s.newRoutes()
	s.seed()
	if opts.OnChange != nil {
		s.digest = s.stateDigest(s.now())
	}
	return s, nil
}

func normalise(o *Options) error {
	if o.ClientID == "" {
		return errors.New("zoomsim: ClientID is required")
	}
	if o.Plan == "" {
		o.Plan = "pro"
	}
	if _, ok := limitsByPlan[o.Plan]; !ok {
		return fmt.Errorf("zoomsim: unknown plan %q (want free, pro or business)", o.Plan)
	}
	if o.TokenTTL < 0 {
		return fmt.Errorf("zoomsim: negative TokenTTL %v", o.TokenTTL)
	}
	if o.TokenTTL == 0 {
		o.TokenTTL = time.Hour
	}
	if o.RecordingDelay < 0 {
		return fmt.Errorf("zoomsim: negative RecordingDelay %v", o.RecordingDelay)
	}
	if o.Seed == "" {
		o.Seed = "empty"
	}
	if o.Seed != "empty" && o.Seed != "demo" {
		return fmt.Errorf("zoomsim: unknown seed %q (want empty or demo)", o.Seed)
	}
	for _, u := range o.RedirectURIs {
		p, err := url.Parse(u)
		if err != nil || !p.IsAbs() || p.Host == "" {
			return fmt.Errorf("zoomsim: redirect URI %q is not an absolute URL", u)
		}
	}
	o.RedirectURIs = append([]string(nil), o.RedirectURIs...)
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return nil
}

// maxBody caps the request bodies the simulator reads.
const maxBody = 1 << 20

// ServeHTTP serves OAuth, REST and control requests.
func (s *Sim) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	path, segs, ok := normalisePath(r.URL.EscapedPath())
	ar := areaOf(segs)
	var rt *route
	var param string
	if ok {
		rt, param = s.match(r.Method, segs)
	}
	rep := s.handle(r, ar, path, rt, param)
	if r.Context().Err() == nil {
		// Like Zoom's, every answer is dated by the server's clock.
		w.Header().Set("Date", s.Now().Format(http.TimeFormat))
		rep.write(w)
	}
	s.logRequest(r, rt, rep.status, start)
}

// handle answers r, whose normalised path is path and which matched rt (nil:
// no route). OAuth and REST requests are counted and may meet a fault first.
func (s *Sim) handle(r *http.Request, ar area, path string, rt *route, param string) reply {
	if ar != areaControl {
		s.mu.Lock()
		if rt != nil {
			s.stats.Requests[rt.key()]++
		}
		f := s.takeFault(r.Method, path)
		s.mu.Unlock()
		if f != nil && f.After {
			served := s.serve(r, ar, rt, param)
			if rep, proceed := s.applyFault(r, f, ar); !proceed {
				return rep
			}
			return served
		}
		if f != nil {
			if rep, proceed := s.applyFault(r, f, ar); !proceed {
				return rep
			}
		}
	}
	return s.serve(r, ar, rt, param)
}

// serve answers r through its route rt (nil: no route).
func (s *Sim) serve(r *http.Request, ar area, rt *route, param string) reply {
	if rt == nil {
		return notFound(ar)
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	switch {
	case err != nil:
		return badBody(ar, "cannot read the request body")
	case len(body) > maxBody:
		return badBody(ar, "request body too large")
	}
	s.mu.Lock()
	now := s.now()
	rep := rt.h(&call{r: r, param: param, body: body, now: now})
	changed := false
	if s.opts.OnChange != nil {
		if d := s.stateDigest(now); d != s.digest {
			s.digest, changed = d, true
		}
	}
	s.mu.Unlock()
	if changed {
		s.opts.OnChange()
	}
	return rep
}

// logRequest logs method, route pattern and status: never the query, which
// may hold an authorization code, nor any header.
func (s *Sim) logRequest(r *http.Request, rt *route, status int, start time.Time) {
	pattern := "(no route)"
	if rt != nil {
		pattern = rt.pattern
	}
	s.log.Debug("zoomsim request", "method", r.Method, "route", pattern,
		"status", status, "elapsed", time.Since(start))
}
