package auth

import (
	"net/http"
	"net/url"
	"strings"
)

// Where credentials may go. The access token goes only to the configured
// API root (scheme, host, port and path prefix of Config.APIURL): the
// authenticated transport refuses any other request, and the API client
// follows a redirect only when it stays under that root. Requests to the
// OAuth server (code exchange, refresh, revoke) carry the code, the
// refresh token or the client secret in their body, so they follow no
// redirect at all: a re-posted token request would hand them to whoever
// the Location names. Zoom documents no redirects on either.

// maxAPIRedirects is how many redirects under the API root one request
// follows (http.Client's own default).
const maxAPIRedirects = 10

// apiRoot is the configured REST API root, normalised for comparison.
type apiRoot struct {
	scheme string // lower case
	host   string // lower-case host name and port, default port filled in
	path   string // decoded, without a trailing slash ("" for the host's root)
}

// parseAPIRoot parses Config.APIURL. An unusable URL gives the zero root,
// which contains nothing (Config.Validate reports the URL itself).
func parseAPIRoot(raw string) apiRoot {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil || u.Opaque != "" || hasDotSegment(u.Path) {
		return apiRoot{}
	}
	return apiRoot{
		scheme: strings.ToLower(u.Scheme),
		host:   hostPort(u),
		path:   strings.TrimRight(u.Path, "/"),
	}
}

// contains reports whether u is under the root: same scheme, host and port,
// and a path equal to the root's or below it, with no dot segments (which a
// server may resolve to a path outside the root).
func (a apiRoot) contains(u *url.URL) bool {
	if a.host == "" || u == nil || u.User != nil || u.Opaque != "" {
		return false
	}
	if strings.ToLower(u.Scheme) != a.scheme || hostPort(u) != a.host || hasDotSegment(u.Path) {
		return false
	}
	return u.Path == a.path || strings.HasPrefix(u.Path, a.path+"/")
}

// String is the root as a URL, for messages.
func (a apiRoot) String() string {
	if a.host == "" {
		return "(no valid API URL)"
	}
	return a.scheme + "://" + a.host + a.path
}

// checkRedirect is the API client's redirect policy: follow a redirect
// only under the root, refuse any other with a *RedirectError.
func (a apiRoot) checkRedirect(req *http.Request, via []*http.Request) error {
	if !a.contains(req.URL) {
		return newRedirectError("Zoom API", req)
	}
	if len(via) >= maxAPIRedirects {
		return newRedirectError("Zoom API", req) // a loop under the root
	}
	return nil
}

// refuseRedirects is the OAuth client's redirect policy: a token request is
// never sent again, wherever the redirect points.
func refuseRedirects(req *http.Request, _ []*http.Request) error {
	return newRedirectError("Zoom sign-in server", req)
}

// newRedirectError describes the redirect that produced req (a request
// http.Client is about to send for a redirect).
func newRedirectError(op string, req *http.Request) *RedirectError {
	e := &RedirectError{Op: op, To: origin(req.URL)}
	if resp := req.Response; resp != nil {
		e.StatusCode = resp.StatusCode
		if resp.Request != nil {
			e.From = origin(resp.Request.URL)
		}
	}
	return e
}

// origin is scheme://host[:port] of u: never its path or query, which the
// redirecting server chose and may hold anything.
func origin(u *url.URL) string {
	if u == nil || u.Host == "" {
		return "(unknown)"
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host)
}

// hostPort is u's lower-case host and port, with the scheme's default port
// when u names none.
func hostPort(u *url.URL) string {
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if port == "" {
		switch strings.ToLower(u.Scheme) {
		case "https":
			port = "443"
		case "http":
			port = "80"
		}
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]" // IPv6
	}
	return host + ":" + port
}

// hasDotSegment reports a "." or ".." path segment (a backslash counts as
// a slash: some servers treat it as one).
func hasDotSegment(p string) bool {
	for seg := range strings.FieldsFuncSeq(p, func(r rune) bool { return r == '/' || r == '\\' }) {
		if seg == "." || seg == ".." {
			return true
		}
	}
	return false
}
