package zoomsim

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// The signed-in user's calendar, served like Google Calendar's secret
// address in iCalendar format:
//
//	GET /calendar/ical/EMAIL/private-TOKEN/basic.ics
//
// (EMAIL escaped, @ as %40). See doc.go for the behaviour and the control
// calls that give the address and reset the token.

// ErrNoCalendar is returned for a calendar the simulator does not have:
// only the signed-in user's calendar is served.
var ErrNoCalendar = errors.New("zoomsim: no such calendar")

// calendarState is the signed-in user's calendar (guarded by Sim.mu).
type calendarState struct {
	token   string             // the secret of the address: 32 hex digits, like Google's
	extra   []calEvent         // events only on the calendar (calendar_seed.go)
	meta    map[int64]*calMeta // per Zoom meeting shown: UID, sequence, last change
	hash    string             // of the feed last served
	changed time.Time          // when the feed's content last changed (Last-Modified)
}

func newCalendarToken() string { return hex.EncodeToString(randomBytes(16)) }

// calendarFeedPath is the path of the feed's current address.
func (s *Sim) calendarFeedPath() string {
	// Google escapes the @, which paths allow, as %40.
	email := strings.ReplaceAll(url.PathEscape(s.me.email), "@", "%40")
	return "/calendar/ical/" + email + "/private-" + s.cal.token + "/basic.ics"
}

// calendarOf checks that email ("" for the signed-in user) names the
// simulated calendar.
func (s *Sim) calendarOf(email string) error {
	if email != "" && !strings.EqualFold(email, s.me.email) {
		return fmt.Errorf("%w: %s (only the signed-in user's calendar is served)", ErrNoCalendar, email)
	}
	return nil
}

// CalendarFeedPath returns the path of the calendar feed of the user with
// email ("" for the signed-in user), e.g.
// /calendar/ical/maya.lindqvist%40northwind.example/private-0123…/basic.ics.
// Prefix it with the simulator's base URL. The path is a secret, like
// Google's secret address.
func (s *Sim) CalendarFeedPath(email string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.calendarOf(email); err != nil {
		return "", err
	}
	return s.calendarFeedPath(), nil
}

// ResetCalendarFeed gives the calendar of the user with email ("" for the
// signed-in user) a new secret address, as Google's "Reset" button does, and
// returns the new path: the old address answers 404 from now on.
func (s *Sim) ResetCalendarFeed(email string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.calendarOf(email); err != nil {
		return "", err
	}
	s.cal.token = newCalendarToken()
	return s.calendarFeedPath(), nil
}

// googleNotFound is the page Google serves for an address that does not
// exist, such as a secret address after a reset. Unlike Google's page it
// does not repeat the requested path, which holds the secret.
var googleNotFound = []byte(`<!DOCTYPE html>
<html lang=en>
  <meta charset=utf-8>
  <meta name=viewport content="initial-scale=1, minimum-scale=1, width=device-width">
  <title>Error 404 (Not Found)!!1</title>
  <a href=//www.google.com/><span id=logo aria-label=Google></span></a>
  <p><b>404.</b> <ins>That’s an error.</ins>
  <p>The requested URL was not found on this server.  <ins>That’s all we know.</ins>
`)

const calendarContentType = "text/calendar; charset=UTF-8"

// serveCalendar answers GET /calendar/ical/{feed}: the feed for
// EMAIL/private-TOKEN/basic.ics, Google's 404 page for anything else.
func (s *Sim) serveCalendar(c *call) reply {
	address, ok := strings.CutSuffix(c.param, "/basic.ics")
	email, secret, found := strings.Cut(address, "/private-")
	if !ok || !found || s.calendarOf(email) != nil || email == "" ||
		subtle.ConstantTimeCompare([]byte(secret), []byte(s.cal.token)) != 1 {
		return htmlReply(http.StatusNotFound, googleNotFound)
	}
	body, err := s.buildCalendar(c.now)
	if err != nil {
		return reply{status: http.StatusInternalServerError, header: http.Header{"Content-Type": {"text/plain; charset=utf-8"}},
			body: []byte(err.Error() + "\n")}
	}
	sum := sha256.Sum256(body)
	if hash := hex.EncodeToString(sum[:10]); hash != s.cal.hash {
		if s.cal.hash != "" {
			s.cal.changed = c.now.Truncate(time.Second)
		}
		s.cal.hash = hash
	}
	// A strong validator per representation, as Apache's mod_deflate
	// does; If-None-Match matches either (RFC 9110 section 13.1.2).
	plainTag, gzipTag := `"`+s.cal.hash+`"`, `"`+s.cal.hash+`-gzip"`
	gz := acceptsGzip(c.r.Header.Values("Accept-Encoding"))
	tag := plainTag
	if gz {
		tag = gzipTag
	}
	h := http.Header{
		"Etag":          {tag},
		"Last-Modified": {s.cal.changed.UTC().Format(http.TimeFormat)},
		"Cache-Control": {"private, max-age=0, must-revalidate"},
		"Vary":          {"Accept-Encoding"},
	}
	if notModified(c.r.Header, []string{plainTag, gzipTag}, s.cal.changed) {
		return reply{status: http.StatusNotModified, header: h}
	}
	h.Set("Content-Type", calendarContentType)
	if gz {
		var zb bytes.Buffer
		zw := gzip.NewWriter(&zb)
		_, _ = zw.Write(body) // writes to memory cannot fail
		_ = zw.Close()
		body = zb.Bytes()
		h.Set("Content-Encoding", "gzip")
	}
	return reply{status: http.StatusOK, header: h, body: body}
}

// acceptsGzip reports whether Accept-Encoding values accept gzip: named
// (or "*") with a q-value above zero.
func acceptsGzip(values []string) bool {
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			coding = strings.ToLower(strings.TrimSpace(coding))
			if coding != "gzip" && coding != "x-gzip" && coding != "*" {
				continue
			}
			q := 1.0
			for _, p := range strings.Split(params, ";") {
				if k, val, ok := strings.Cut(strings.TrimSpace(p), "="); ok && strings.EqualFold(k, "q") {
					if _, err := fmt.Sscanf(val, "%g", &q); err != nil {
						q = 0
					}
				}
			}
			if q > 0 {
				return true
			}
		}
	}
	return false
}

// notModified evaluates If-None-Match against the current entity tags (weak
// comparison) or, when the request has none, If-Modified-Since against the
// feed's last change.
func notModified(h http.Header, tags []string, changed time.Time) bool {
	if inm := h.Values("If-None-Match"); len(inm) > 0 {
		for _, v := range inm {
			for _, t := range strings.Split(v, ",") {
				t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
				if t == "*" {
					return true
				}
				for _, cur := range tags {
					if t == cur {
						return true
					}
				}
			}
		}
		return false
	}
	if ims, err := http.ParseTime(h.Get("If-Modified-Since")); err == nil {
		return !changed.Truncate(time.Second).After(ims)
	}
	return false
}

// calendarAddress is the answer of the calendar control calls.
type calendarAddress struct {
	Email string `json:"email"`
	URL   string `json:"url"`
	Path  string `json:"path"`
}

func (s *Sim) calendarAnswer(c *call, path string) reply {
	scheme := "http"
	if c.r.TLS != nil {
		scheme = "https"
	}
	return jsonReply(http.StatusOK, calendarAddress{Email: s.me.email, URL: scheme + "://" + c.r.Host + path, Path: path})
}

func calendarFailure(err error) reply {
	if errors.Is(err, ErrNoCalendar) {
		return controlError(http.StatusNotFound, "%v", err)
	}
	return controlError(http.StatusBadRequest, "%v", err)
}

// ctlCalendarFeed answers GET /_sim/calendar/feed?email=….
func (s *Sim) ctlCalendarFeed(c *call) reply {
	if err := s.calendarOf(c.r.URL.Query().Get("email")); err != nil {
		return calendarFailure(err)
	}
	return s.calendarAnswer(c, s.calendarFeedPath())
}

// ctlCalendarReset answers POST /_sim/calendar/reset {"email":"…"} (body
// optional).
func (s *Sim) ctlCalendarReset(c *call) reply {
	var req struct {
		Email string `json:"email"`
	}
	if err := decodeStrict(c.body, &req, true); err != nil {
		return controlError(http.StatusBadRequest, "calendar reset: %v", err)
	}
	if err := s.calendarOf(req.Email); err != nil {
		return calendarFailure(err)
	}
	s.cal.token = newCalendarToken()
	return s.calendarAnswer(c, s.calendarFeedPath())
}
