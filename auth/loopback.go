package auth

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// callbackPath is the path of the loopback redirect URL.
const callbackPath = "/oauth/callback"

// callbackResult is how a sign-in attempt ended.
type callbackResult struct {
	user User
	err  error
}

// callback is the loopback server's handler for one sign-in attempt. It
// answers 404 everywhere but /oauth/callback, shows a page for every
// outcome, and reports the first callback carrying the right state.
type callback struct {
	state    string
	deadline time.Time
	ttl      time.Duration
	finish   func(ctx context.Context, code string) (User, error)
	done     chan callbackResult // buffered: one result

	mu       sync.Mutex // guards finished and expired
	finished bool       // a valid callback arrived, or the attempt ended
	expired  bool       // the attempt ended without an answer (timeout, cancel)
}

func newCallback(state string, deadline time.Time, ttl time.Duration, finish func(context.Context, string) (User, error)) *callback {
	return &callback{state: state, deadline: deadline, ttl: ttl, finish: finish, done: make(chan callbackResult, 1)}
}

// close ends the attempt: later callbacks are told it is over.
func (c *callback) close() {
	c.mu.Lock()
	if !c.finished {
		c.finished, c.expired = true, true
	}
	c.mu.Unlock()
}

// claim marks the attempt finished by this callback. When it already was,
// it reports false and whether it ended without an answer.
func (c *callback) claim() (ok, expired bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.finished {
		return false, c.expired
	}
	c.finished = true
	return true, false
}

func (c *callback) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != callbackPath {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	q := r.URL.Query()
	if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(c.state)) != 1 {
		// Not our attempt (an old tab, or a forged request): change nothing
		// and keep waiting for the real answer.
		renderPage(w, http.StatusBadRequest, pageStateMismatch())
		return
	}
	if time.Now().After(c.deadline) {
		renderPage(w, http.StatusGone, pageTimedOut(c.ttl))
		return
	}
	if ok, expired := c.claim(); !ok {
		if expired {
			renderPage(w, http.StatusGone, pageTimedOut(c.ttl))
		} else {
			renderPage(w, http.StatusConflict, pageAlreadyDone())
		}
		return
	}
	var res callbackResult
	switch e := q.Get("error"); {
	case e == "access_denied":
		res.err = ErrLoginDenied
		renderPage(w, http.StatusOK, pageDenied())
	case e != "":
		res.err = fmt.Errorf("zoom refused the sign-in: %s", sanitizeCode(e))
		renderPage(w, http.StatusBadRequest, pageFailed(res.err))
	case q.Get("code") == "":
		res.err = errors.New("zoom's answer carried no sign-in code")
		renderPage(w, http.StatusBadRequest, pageFailed(res.err))
	default:
		res.user, res.err = c.finish(r.Context(), q.Get("code"))
		switch {
		case res.err == nil:
			renderPage(w, http.StatusOK, pageSignedIn(res.user))
		case errors.Is(res.err, errCodeExpired):
			renderPage(w, http.StatusBadRequest, pageCodeExpired())
		default:
			renderPage(w, http.StatusBadGateway, pageFailed(res.err))
		}
	}
	c.done <- res
}

// sanitizeCode keeps an OAuth error code printable and short (it comes from
// the query string).
func sanitizeCode(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if len(out) == 64 {
			break
		}
		if r == '_' || r == '-' || r == '.' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			out = append(out, r)
		}
	}
	return string(out)
}

// page is what the browser tab shows.
type page struct {
	OK    bool
	Title string
	Lines []string
}

func pageSignedIn(u User) page {
	who := "your Zoom account"
	if u.Email != "" {
		who = u.Email
	}
	return page{OK: true, Title: "You're signed in", Lines: []string{
		"Interview Tray is now connected to Zoom as " + who + ".",
		"You can close this tab and go back to Interview Tray.",
	}}
}

func pageDenied() page {
	return page{Title: "Sign-in cancelled", Lines: []string{
		"You chose not to let Interview Tray use your Zoom account, so nothing was connected.",
		"To connect later, start the sign-in again from Interview Tray (or run: interviewtray login) and choose Allow.",
	}}
}

func pageStateMismatch() page {
	return page{Title: "This sign-in doesn't match", Lines: []string{
		"This answer from Zoom does not belong to the sign-in Interview Tray is waiting for " +
			"(it may come from an older tab or from another site). Nothing was changed.",
		"Close this tab and start the sign-in again from Interview Tray.",
	}}
}

func pageTimedOut(ttl time.Duration) page {
	return page{Title: "Sign-in timed out", Lines: []string{
		fmt.Sprintf("Interview Tray stopped waiting for this sign-in (it waits %s).", ttl.Round(time.Second)),
		"Close this tab and start the sign-in again from Interview Tray.",
	}}
}

func pageAlreadyDone() page {
	return page{Title: "Sign-in already handled", Lines: []string{
		"Interview Tray has already received the answer to this sign-in.",
		"You can close this tab and go back to Interview Tray.",
	}}
}

func pageCodeExpired() page {
	return page{Title: "This sign-in link has expired", Lines: []string{
		"Zoom says the sign-in code expired or was already used. Nothing was connected.",
		"Close this tab and start the sign-in again from Interview Tray.",
	}}
}

func pageFailed(err error) page {
	return page{Title: "Sign-in didn't finish", Lines: []string{
		"Interview Tray could not complete the sign-in: " + err.Error() + ".",
		"Close this tab, check your connection, and start the sign-in again from Interview Tray.",
	}}
}

// The page's fixed parts. The page is built by hand rather than with
// html/template: its only variable parts are the title and the lines, both
// element text, escaped with html.EscapeString (which also escapes quotes),
// and the agent then links no template engine.
const (
	pageHead = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>`
	pageStyle = ` · Interview Tray</title>
<style>
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;color:#1f2328}
main{background:#fff;max-width:34rem;margin:1rem;padding:2rem 2.5rem;border-radius:12px;
box-shadow:0 2px 14px rgba(0,0,0,.08)}
h1{font-size:1.35rem;margin:0 0 .8rem}
.ok h1{color:#1a7f37}.bad h1{color:#b35900}
p{line-height:1.5;margin:.5rem 0}
</style></head>
`
	pageTail = "</main></body></html>\n"
)

// html renders the page; every text in it is escaped.
func (p page) html() string {
	var b strings.Builder
	b.WriteString(pageHead)
	b.WriteString(html.EscapeString(p.Title))
	b.WriteString(pageStyle)
	if p.OK {
		b.WriteString(`<body><main class="ok" id="result" data-ok="true">`)
	} else {
		b.WriteString(`<body><main class="bad" id="result" data-ok="false">`)
	}
	b.WriteString("\n<h1>" + html.EscapeString(p.Title) + "</h1>\n")
	for _, l := range p.Lines {
		b.WriteString("<p>" + html.EscapeString(l) + "</p>\n")
	}
	b.WriteString(pageTail)
	return b.String()
}

func renderPage(w http.ResponseWriter, status int, p page) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, p.html())
}
