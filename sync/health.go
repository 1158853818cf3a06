package sync

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/interviewtray/interviewtray/zoom"
)

// signedOuter is implemented by the sign-in package's error for "no usable
// sign-in". The engine stops polling until Engine.SignedIn.
type signedOuter interface{ SignedOutReason() string }

// keychainProblem is implemented by the sign-in package's error for an OS
// keychain that cannot be used.
type keychainProblem interface{ KeychainProblem() string }

// errClass is how the engine reacts to a failed call.
type errClass int

const (
	classNone        errClass = iota
	classSignedOut            // stop polling until SignedIn
	classKeychain             // retry slowly; tell the user
	classOffline              // keep the data, retry with backoff and on network return
	classRateLimited          // 429: wait at least Retry-After
	classServer               // 5xx
	classAuth                 // 401 or missing scopes that survived the sign-in layer
	classNotFound             // 404/403 for one item: not an engine-wide failure
	classCanceled             // the engine is closing
	classOther                // anything else (malformed answers, 4xx)
)

func (c errClass) String() string {
	return [...]string{"none", "signed_out", "keychain", "offline", "rate_limited", "server", "auth", "not_found", "canceled", "other"}[c]
}

// classify sorts err. Order matters: the sign-in package's errors reach us
// wrapped in *url.Error (the HTTP client wraps transport errors), so they
// are looked for before network errors.
func classify(err error) errClass {
	if err == nil {
		return classNone
	}
	var so signedOuter
	if errors.As(err, &so) {
		return classSignedOut
	}
	var kp keychainProblem
	if errors.As(err, &kp) {
		return classKeychain
	}
	if ze, ok := zoom.AsError(err); ok {
		switch {
		case ze.StatusCode == http.StatusTooManyRequests:
			return classRateLimited
		case ze.StatusCode >= 500:
			return classServer
		case ze.StatusCode == http.StatusUnauthorized || ze.Code == zoom.CodeMissingScopes:
			return classAuth
		case ze.StatusCode == http.StatusNotFound || ze.StatusCode == http.StatusForbidden:
			return classNotFound
		}
		return classOther
	}
	if errors.Is(err, context.Canceled) {
		return classCanceled
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return classOffline
	}
	var ne net.Error
	var ue *url.Error
	var oe *net.OpError
	var de *net.DNSError
	if errors.As(err, &ne) || errors.As(err, &ue) || errors.As(err, &oe) || errors.As(err, &de) {
		return classOffline
	}
	return classOther
}

// signedOutReason returns the reason string of a signed-out error and a
// sentence for the user.
func signedOutReason(err error) (reason, message string) {
	var so signedOuter
	if !errors.As(err, &so) {
		return "", ""
	}
	reason = so.SignedOutReason()
	if e, ok := so.(error); ok {
		message = sentence(e.Error())
	}
	if message == "" {
		message = "Not signed in to Zoom. Sign in to see your interviews."
	}
	return reason, message
}

// keychainText returns the keychain problem in words.
func keychainText(err error) string {
	var kp keychainProblem
	if !errors.As(err, &kp) {
		return ""
	}
	if t := kp.KeychainProblem(); t != "" {
		return sentence(t)
	}
	return "The system keychain could not be used."
}

// retryAfter returns Zoom's Retry-After of a rate-limit error.
func retryAfter(err error) time.Duration {
	if ze, ok := zoom.AsError(err); ok {
		return ze.RetryAfter
	}
	return 0
}

// errorText describes err for Health.LastError. Zoom's errors and network
// errors carry no secrets (URLs hold meeting numbers and UUIDs, not
// passcodes: the client never puts pwd in an API URL).
func errorText(c errClass, err error) string {
	switch c {
	case classOffline:
		return "cannot reach Zoom: " + rootCause(err)
	case classRateLimited:
		return "Zoom is limiting requests (HTTP 429)"
	}
	if ze, ok := zoom.AsError(err); ok {
		return fmt.Sprintf("Zoom answered %s %s with HTTP %d: %s", ze.Method, ze.Path, ze.StatusCode, ze.Message)
	}
	return err.Error()
}

// rootCause is the innermost error's text ("connection refused").
func rootCause(err error) string {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err.Error()
		}
		err = u
	}
}

// sentence capitalises the first letter and ends s with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "?") {
		s += "."
	}
	return s
}

// unreadCounts counts the items of Zoom's last answers that the client left
// out because they could not be read (zoom.MeetingList.Skipped,
// zoom.RecordingsScanner.Skipped).
type unreadCounts struct {
	upcoming, hosted int            // of the last users/me/upcoming_meetings and users/me/meetings
	recordings       map[string]int // of the last complete list of each UTC date (time.DateOnly)
	listing          int            // of the date being listed, so far
}

// keepUnreadDays is how long a date's count of unreadable recordings is
// kept: the engine lists the past week.
const keepUnreadDays = 10

// listedDate records the count of a date whose list is complete and drops
// those of dates long past.
func (u *unreadCounts) listedDate(date, now time.Time) {
	if u.recordings == nil {
		u.recordings = map[string]int{}
	}
	u.recordings[date.Format(time.DateOnly)] = u.listing
	u.listing = 0
	oldest := now.AddDate(0, 0, -keepUnreadDays).Format(time.DateOnly)
	for d := range u.recordings {
		if d < oldest {
			delete(u.recordings, d)
		}
	}
}

// text is Health.Unreadable: "1 meeting from Zoom could not be read.",
// "2 meetings and 1 recording from Zoom could not be read.", or "". A
// meeting can be in both meeting lists, so the larger count is the
// meetings'.
func (u *unreadCounts) text() string {
	meetings := max(u.upcoming, u.hosted)
	recordings := 0
	for _, n := range u.recordings {
		recordings += n
	}
	var parts []string
	if meetings > 0 {
		parts = append(parts, plural(meetings, "meeting"))
	}
	if recordings > 0 {
		parts = append(parts, plural(recordings, "recording"))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, " and ") + " from Zoom could not be read."
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
