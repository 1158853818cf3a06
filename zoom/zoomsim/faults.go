package zoomsim

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Fault makes the next Count requests that match Method and Path fail with
// Status, hang for Delay, or both (hang, then fail). A hang ends early when
// the request's context is done. Faults apply to the OAuth and REST
// endpoints, never to the control API; the first matching fault wins.
//
// In JSON (POST /_sim/faults) Delay is a Go duration string such as "30s".
type Fault struct {
	// Method matches the request method; empty matches any.
	Method string
	// Path is matched against the request path after Zoom's normalisation
	// (decoded once, empty segments removed): exactly, or as a prefix when
	// it ends in "*" ("/v2/meetings/*"). Route patterns such as
	// "/v2/meetings/{meetingId}" are not supported.
	Path string
	// Status is the HTTP status to answer (400-599), with a body in the
	// endpoint's error shape; 0 only delays the request, which then goes
	// on normally.
	Status int
	// Count is how many requests the fault affects; 0 means 1.
	Count int
	// Delay is how long a matching request hangs first.
	Delay time.Duration
	// Code and Message override the error body's code and message (REST:
	// "code"/"message"; OAuth: "error"/"reason" use Message only).
	Code    int
	Message string
	// RetryAfter, when set, is sent as the Retry-After header.
	RetryAfter string
	// After serves the request first and only then hangs or fails: Zoom
	// acted (a meeting was created) but the client sees an error or no
	// answer, as when a gateway times out behind the server.
	After bool
}

// faultJSON is Fault's JSON form.
type faultJSON struct {
	Method     string `json:"method,omitempty"`
	Path       string `json:"path"`
	Status     int    `json:"status,omitempty"`
	Count      int    `json:"count,omitempty"`
	Delay      string `json:"delay,omitempty"`
	Code       int    `json:"code,omitempty"`
	Message    string `json:"message,omitempty"`
	RetryAfter string `json:"retry_after,omitempty"`
	After      bool   `json:"after,omitempty"`
}

// MarshalJSON encodes f with Delay as a duration string.
func (f Fault) MarshalJSON() ([]byte, error) {
	j := faultJSON{f.Method, f.Path, f.Status, f.Count, "", f.Code, f.Message, f.RetryAfter, f.After}
	if f.Delay > 0 {
		j.Delay = f.Delay.String()
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes f, with Delay as a duration string.
func (f *Fault) UnmarshalJSON(b []byte) error {
	var j faultJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	return j.toFault(f)
}

func (j faultJSON) toFault(f *Fault) error {
	var d time.Duration
	if j.Delay != "" {
		var err error
		if d, err = time.ParseDuration(j.Delay); err != nil {
			return fmt.Errorf("delay: %w", err)
		}
	}
	*f = Fault{j.Method, j.Path, j.Status, j.Count, d, j.Code, j.Message, j.RetryAfter, j.After}
	return nil
}

func (f *Fault) validate() error {
	switch {
	case !strings.HasPrefix(f.Path, "/"):
		return errors.New("path must start with /")
	case f.Status != 0 && (f.Status < 400 || f.Status > 599):
		return fmt.Errorf("status %d is not an error status (400-599)", f.Status)
	case f.Count < 0:
		return errors.New("count must not be negative")
	case f.Delay < 0:
		return errors.New("delay must not be negative")
	case f.Status == 0 && f.Delay == 0:
		return errors.New("a fault needs a status, a delay or both")
	}
	return nil
}

func (f *Fault) matches(method, path string) bool {
	if f.Method != "" && !strings.EqualFold(f.Method, method) {
		return false
	}
	if prefix, ok := strings.CutSuffix(f.Path, "*"); ok {
		return strings.HasPrefix(path, prefix)
	}
	return path == f.Path
}

// InjectFault adds f after the faults already waiting.
func (s *Sim) InjectFault(f Fault) error {
	if err := f.validate(); err != nil {
		return fmt.Errorf("zoomsim: fault: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addFault(f)
	return nil
}

// addFault appends a validated fault. Called with s.mu held.
func (s *Sim) addFault(f Fault) {
	if f.Count == 0 {
		f.Count = 1
	}
	s.faults = append(s.faults, &f)
}

// Faults returns the faults still waiting, with their remaining counts.
func (s *Sim) Faults() []Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []Fault{}
	for _, f := range s.faults {
		out = append(out, *f)
	}
	return out
}

// ClearFaults removes every waiting fault.
func (s *Sim) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// takeFault returns the first fault matching the request and uses up one of
// its count. Called with s.mu held.
func (s *Sim) takeFault(method, path string) *Fault {
	for i, f := range s.faults {
		if !f.matches(method, path) {
			continue
		}
		f.Count--
		if f.Count == 0 {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		taken := *f
		return &taken
	}
	return nil
}

// applyFault hangs for the fault's delay (or until the request's context is
// done) and returns its error reply; proceed reports that the request should
// instead be served normally (a delay-only fault). Called without s.mu.
func (s *Sim) applyFault(r *http.Request, f *Fault, a area) (rep reply, proceed bool) {
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		defer t.Stop()
		select {
		case <-r.Context().Done():
			// The client gave up; nothing will be written. 499 is for the log.
			return reply{status: 499}, false
		case <-t.C:
		}
	}
	if f.Status == 0 {
		return reply{}, true
	}
	rep = faultReply(f, a)
	if f.RetryAfter != "" {
		rep = rep.withHeader("Retry-After", f.RetryAfter)
	}
	return rep, false
}

// faultReply is a fault's error in the shape of the endpoint's area.
func faultReply(f *Fault, a area) reply {
	msg := f.Message
	switch a {
	case areaAPI:
		code := f.Code
		switch {
		case code != 0:
		case f.Status == http.StatusUnauthorized:
			code, msg = 124, cmp.Or(msg, "Invalid access token.")
		case f.Status == http.StatusTooManyRequests:
			code, msg = 429, cmp.Or(msg, qpsMessage)
		default:
			code = f.Status
		}
		return zoomError(f.Status, code, cmp.Or(msg, http.StatusText(f.Status)))
	case areaOAuth:
		errCode := "server_error"
		switch {
		case f.Status == http.StatusUnauthorized:
			errCode = "invalid_client"
		case f.Status < 500:
			errCode = "invalid_request"
		}
		return oauthError(f.Status, errCode, cmp.Or(msg, http.StatusText(f.Status)))
	}
	return reply{status: f.Status, header: http.Header{"Content-Type": {"text/plain; charset=utf-8"}},
		body: []byte(cmp.Or(msg, http.StatusText(f.Status)) + "\n")}
}
