package auth

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"

	"golang.org/x/oauth2"
)

// maxErrorBody bounds how much of a 401 body is read to find Zoom's code.
const maxErrorBody = 64 << 10

// zoomInvalidToken is Zoom's REST error code for an invalid or expired
// access token (HTTP 401).
const zoomInvalidToken = 124

// Transport returns a RoundTripper that adds the bearer token to each request
// for the configured API root sent through base (nil means
// http.DefaultTransport), and refuses every other request unsent: with a
// *HostError, or a *RedirectError for a redirect http.Client is following.
// When Zoom answers 401 with code 124 to a token the Manager believed valid
// (revoked or expired early at Zoom), it refreshes once and retries the
// request once (replaying the body through GetBody), never more. Token
// errors (*SignedOutError, ErrOffline, ...) are returned as the request's
// error. Use it under a client with the API redirect policy (see
// HTTPClient), which gives the clearer error for a redirect.
func (m *Manager) Transport(base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return &transport{api: m.api, token: m.Token, refresh: m.refreshRejected, base: base}
}

// transport adds the bearer token to requests under api.
type transport struct {
	api   apiRoot
	token func() (*oauth2.Token, error)
	// refresh replaces an access token Zoom rejected; nil means no retry.
	refresh func(rejected string) (*oauth2.Token, error)
	base    http.RoundTripper
}

// CloseIdleConnections closes base's idle connections, so that
// http.Client.CloseIdleConnections reaches through the token layer.
func (t *transport) CloseIdleConnections() {
	if c, ok := t.base.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !t.api.contains(req.URL) {
		closeBody(req)
		if req.Response != nil {
			return nil, newRedirectError("Zoom API", req)
		}
		target := origin(req.URL)
		if req.URL != nil {
			target += req.URL.EscapedPath()
		}
		return nil, &HostError{Target: target, APIURL: t.api.String()}
	}
	tok, err := t.token()
	if err != nil {
		closeBody(req)
		return nil, err
	}
	resp, err := t.send(req, tok)
	if err != nil || t.refresh == nil || !invalidToken(resp) {
		return resp, err
	}
	// The body was consumed by the first attempt: replay it or give up.
	if req.Body != nil && req.Body != http.NoBody && req.GetBody == nil {
		return resp, nil
	}
	fresh, err := t.refresh(tok.AccessToken)
	if err != nil {
		resp.Body.Close()
		return nil, err
	}
	if fresh.AccessToken == tok.AccessToken {
		return resp, nil
	}
	retry := req.Clone(req.Context())
	if req.GetBody != nil {
		if retry.Body, err = req.GetBody(); err != nil {
			return resp, nil
		}
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return t.send(retry, fresh)
}

// send clones req (a RoundTripper must not change it), sets the token and
// sends it. A redirect out of the API root is refused here, so that any
// client around the transport stops before following it.
func (t *transport) send(req *http.Request, tok *oauth2.Token) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.Body = req.Body
	tok.SetAuthHeader(r)
	resp, err := t.base.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	if to := redirectTarget(req, resp); to != nil && !t.api.contains(to) {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody))
		resp.Body.Close()
		return nil, &RedirectError{Op: "Zoom API", StatusCode: resp.StatusCode, From: origin(req.URL), To: origin(to)}
	}
	return resp, nil
}

// redirectTarget is where a redirect answer to req points (resolved
// against req's URL), or nil when resp is no redirect http.Client would
// follow.
func redirectTarget(req *http.Request, resp *http.Response) *url.URL {
	switch resp.StatusCode {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
	default:
		return nil
	}
	loc := resp.Header.Get("Location")
	if loc == "" {
		return nil
	}
	u, err := req.URL.Parse(loc)
	if err != nil {
		return &url.URL{} // unparsable: contained nowhere
	}
	return u
}

// invalidToken reports Zoom's 401 code 124. It reads the body (bounded) and
// puts it back for the caller.
func invalidToken(resp *http.Response) bool {
	if resp.StatusCode != http.StatusUnauthorized {
		return false
	}
	orig := resp.Body
	data, err := io.ReadAll(io.LimitReader(orig, maxErrorBody))
	resp.Body = readCloser{io.MultiReader(bytes.NewReader(data), orig), orig}
	if err != nil {
		return false
	}
	var body struct {
		Code int `json:"code"`
	}
	return json.Unmarshal(data, &body) == nil && body.Code == zoomInvalidToken
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		req.Body.Close()
	}
}

// readCloser puts a partly read body back together.
type readCloser struct {
	io.Reader
	io.Closer
}
