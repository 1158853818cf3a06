package localapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
)

// Backend is what the server serves: the agent.
type Backend interface {
	// State returns the current state.
	State() State
	// Changes signals (without blocking the sender) whenever State may have
	// changed; the func stops the signals.
	Changes() (<-chan struct{}, func())
	// Do carries out a command. Errors of type *Error keep their status;
	// others are answered 500.
	Do(ctx context.Context, cmd Command) (Result, error)
}

// maxCommandBytes caps a command's body.
const maxCommandBytes = 64 << 10

// Server serves the local API on a listener from Listen.
type Server struct {
	backend Backend
	log     *slog.Logger
	srv     *http.Server
	limits  limits
	// watchers holds a token per open watch stream.
	watchers chan struct{}

	versionOnce sync.Once // guards version
	version     string    // the agent's (agentVersion)
}

// NewServer returns a server for b. log may be nil.
func NewServer(b Backend, log *slog.Logger) *Server {
	return newServer(b, log, defaultLimits)
}

func newServer(b Backend, log *slog.Logger, lim limits) *Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{backend: b, log: log, limits: lim, watchers: make(chan struct{}, lim.MaxWatchers)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/state", s.handleState)
	mux.HandleFunc("GET /v1/watch", s.handleWatch)
	mux.HandleFunc("POST /v1/commands", s.handleCommand)
	s.srv = &http.Server{
		Handler:           s.withWriteDeadline(rejectForeignPeer(s.checkVersion(mux))),
		ReadHeaderTimeout: lim.ReadHeaderTimeout,
		ReadTimeout:       lim.ReadTimeout,
		IdleTimeout:       lim.IdleTimeout,
		// No WriteTimeout: it would start with the request and cut off a
		// command that waits on Zoom, or a watch stream. Each answer and
		// each watch message gets its own write deadline instead.
		ConnContext: checkPeer,
		// net/http's own complaints go to the agent's (scrubbed) log.
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	return s
}

// Serve answers requests on ln until Shutdown, at most limits.MaxConns
// connections at once.
func (s *Server) Serve(ln net.Listener) error {
	err := s.srv.Serve(newCapListener(ln, s.limits.MaxConns))
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops the server, ending open watch streams.
func (s *Server) Shutdown(ctx context.Context) error {
	return s.srv.Shutdown(ctx)
}

// rejectForeignPeer answers 403 to connections from other users.
func rejectForeignPeer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if foreignPeer(r.Context()) {
			writeJSON(w, http.StatusForbidden, &Error{Message: "the agent serves only its own user"})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Handler is the server's HTTP handler, for tests.
func (s *Server) Handler() http.Handler { return s.srv.Handler }

func (s *Server) handleState(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.backend.State())
}

// handleWatch streams the state as JSON lines: at once, then on every change.
//
// What a watcher holds is bounded: changes are a signal, not a queue, and
// each message is the state when it is sent (latest wins), so a slow reader
// skips states rather than piling them up; one message is written at a
// time, with a write deadline, and a reader that does not take it in time
// is dropped. At most limits.MaxWatchers streams are served at once.
func (s *Server) handleWatch(w http.ResponseWriter, r *http.Request) {
	select {
	case s.watchers <- struct{}{}:
		defer func() { <-s.watchers }()
	default:
		writeJSON(w, http.StatusServiceUnavailable, &Error{Message: "too many watchers of the agent; try again later"})
		return
	}
	// (net/http lifts the request's read deadline once it is read, so the
	// stream outlives ReadTimeout; a client going away still ends it.)
	rc := http.NewResponseController(w)
	changes, stop := s.backend.Changes()
	defer stop()
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.WriteHeader(http.StatusOK)
	enc := json.NewEncoder(w)
	for {
		s.setWriteDeadline(w)
		if err := enc.Encode(s.backend.State()); err != nil {
			return
		}
		if err := rc.Flush(); err != nil {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case _, ok := <-changes:
			if !ok {
				return
			}
		}
	}
}

func (s *Server) handleCommand(w http.ResponseWriter, r *http.Request) {
	var cmd Command
	dec := json.NewDecoder(io.LimitReader(r.Body, maxCommandBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cmd); err != nil {
		writeJSON(w, http.StatusBadRequest, &Error{Message: fmt.Sprintf("bad command: %v", err)})
		return
	}
	res, err := s.backend.Do(r.Context(), cmd)
	s.setWriteDeadline(w) // the command may have waited on Zoom
	if err != nil {
		var ae *Error
		if !errors.As(err, &ae) {
			ae = &Error{Status: http.StatusInternalServerError, Message: err.Error()}
		}
		if ae.Status == 0 {
			ae.Status = http.StatusBadRequest
		}
		s.log.Info("local API command failed", "command", cmd.Name, "err", err)
		writeJSON(w, ae.Status, ae)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// BadCommand is the error for a command the agent does not understand or
// cannot carry out as asked.
func BadCommand(format string, args ...any) error {
	return &Error{Status: http.StatusBadRequest, Message: fmt.Sprintf(format, args...)}
}
