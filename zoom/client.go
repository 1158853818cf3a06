package zoom

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultBaseURL is Zoom's REST API root.
const DefaultBaseURL = "https://api.zoom.us/v2"

// Defaults for Options fields left zero.
const (
	DefaultTimeout      = 20 * time.Second
	DefaultMaxAttempts  = 4
	DefaultMaxBodyBytes = 16 << 20
	DefaultMaxRetryWait = 30 * time.Second
)

// Options configure a Client. Zero values mean the defaults above.
type Options struct {
	// BaseURL is the API root, e.g. https://api.zoom.us/v2.
	BaseURL string
	// HTTPClient sends the requests; its transport adds the bearer token.
	HTTPClient *http.Client
	// Timeout bounds each attempt of a call (connect, send, read the body).
	Timeout time.Duration
	// MaxAttempts bounds how often one call is tried (429 and 5xx retry).
	MaxAttempts int
	// MaxBodyBytes caps a response body; a larger one is an error.
	MaxBodyBytes int64
	// MaxRetryWait is the longest the client waits before a retry. A 429
	// whose Retry-After asks for longer (a daily limit) is returned at once
	// with Error.RetryAfter set, for the caller to schedule around.
	MaxRetryWait time.Duration
}

// Client calls Zoom's REST API. It is safe for concurrent use.
type Client struct {
	base *url.URL
	hc   *http.Client
	opts Options
}

// New returns a client. An invalid BaseURL makes every call fail.
func New(opts Options) *Client {
	if opts.BaseURL == "" {
		opts.BaseURL = DefaultBaseURL
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = http.DefaultClient
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = DefaultMaxAttempts
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opts.MaxRetryWait <= 0 {
		opts.MaxRetryWait = DefaultMaxRetryWait
	}
	base, _ := url.Parse(strings.TrimRight(opts.BaseURL, "/"))
	return &Client{base: base, hc: opts.HTTPClient, opts: opts}
}

// call is one API request: path is already escaped (see escapeUUID).
type call struct {
	method string
	path   string
	query  url.Values
	body   any // JSON-encoded when non-nil
	// unsafe marks a call that must not be repeated blindly (a POST that
	// creates something): only a 429, which Zoom answers before acting,
	// is retried; the caller decides after any other failure.
	unsafe bool
}

// do performs c, retrying 429 and 5xx, and decodes a 2xx JSON body into out
// (out may be nil for 204 answers).
func (c *Client) do(ctx context.Context, r call, out any) error {
	if c.base == nil || c.base.Scheme == "" || c.base.Host == "" {
		return fmt.Errorf("zoom: invalid API base URL %q", c.opts.BaseURL)
	}
	var payload []byte
	if r.body != nil {
		var err error
		if payload, err = json.Marshal(r.body); err != nil {
			return fmt.Errorf("zoom: %s %s: encode request: %w", r.method, r.path, err)
		}
	}
	u := *c.base
	u.RawPath = c.base.EscapedPath() + r.path
	p, err := url.PathUnescape(u.RawPath)
	if err != nil {
		return fmt.Errorf("zoom: %s %s: bad path: %w", r.method, r.path, err)
	}
	u.Path = p
	u.RawQuery = r.query.Encode()

	for attempt := 1; ; attempt++ {
		wait, err := c.attempt(ctx, r, u.String(), payload, out)
		if err == nil {
			return nil
		}
		if wait < 0 || attempt >= c.opts.MaxAttempts || (r.unsafe && !IsRateLimited(err)) {
			return err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("%w (gave up waiting to retry: %v)", err, ctx.Err())
		case <-t.C:
		}
	}
}

// attempt sends the request once. It returns how long to wait before a retry,
// or a negative wait when the error is final.
func (c *Client) attempt(ctx context.Context, r call, target string, payload []byte, out any) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	var body io.Reader
	if payload != nil {
		body = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, target, body)
	if err != nil {
		return -1, fmt.Errorf("zoom: %s %s: %w", r.method, r.path, err)
	}
	req.Header.Set("Accept", "application/json")
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		// Network errors are final here: the caller knows whether it is
		// offline and schedules the next try itself.
		return -1, fmt.Errorf("zoom: %s %s: %w", r.method, r.path, err)
	}
	defer resp.Body.Close()
	buf := getBodyBuffer()
	defer putBodyBuffer(buf)
	if err := readCapped(buf, resp.Body, resp.ContentLength, c.opts.MaxBodyBytes); err != nil {
		return -1, fmt.Errorf("zoom: %s %s: %w", r.method, r.path, err)
	}
	data := buf.Bytes() // only until putBodyBuffer: the decoders copy what they keep
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		if out == nil || resp.StatusCode == http.StatusNoContent {
			return 0, nil
		}
		if err := decodeAnswer(data, resp.Header, out); err != nil {
			return -1, fmt.Errorf("zoom: %s %s: %w", r.method, r.path, err)
		}
		return 0, nil
	}
	ze := decodeError(data, resp.StatusCode)
	ze.Method, ze.Path = r.method, r.path
	return c.retryWait(resp, ze), ze
}

// retryWait decides whether an error answer is worth another attempt.
func (c *Client) retryWait(resp *http.Response, ze *Error) time.Duration {
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			ze.RetryAfter = d
			if d > c.opts.MaxRetryWait {
				return -1
			}
			return d
		}
		return backoff(1)
	case resp.StatusCode >= 500:
		return backoff(0)
	default:
		return -1
	}
}

// backoff returns a jittered wait: about a second, doubled per level, capped.
func backoff(level int) time.Duration {
	base := time.Second << min(level, 3)
	return base/2 + rand.N(base)
}

// parseRetryAfter reads Retry-After as seconds, an HTTP date or the ISO
// timestamp Zoom sends for daily limits.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0, false
		}
		return time.Duration(s) * time.Second, true
	}
	for _, layout := range []string{time.RFC3339, http.TimeFormat, "2006-01-02T15:04:05"} {
		if t, err := time.Parse(layout, v); err == nil {
			return max(t.Sub(now), 0), true
		}
	}
	return 0, false
}

// Response bodies are read whole into a buffer and then decoded. The
// buffers are reused: a recordings page is most of a megabyte, a full sync
// reads dozens of them, and reading each into a fresh slice grown by
// doubling allocated several times the body's size. Nothing decoded keeps
// a reference into the buffer (encoding/json copies strings out, and so do
// the lenient leaf types), so a buffer is free again once decoded.
var bodyBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBody: a buffer grown beyond this (a body far larger than a list
// page) is left to the garbage collector rather than kept for the next one.
const maxPooledBody = 4 << 20

func getBodyBuffer() *bytes.Buffer { return bodyBuffers.Get().(*bytes.Buffer) }

func putBodyBuffer(b *bytes.Buffer) {
	if b.Cap() > maxPooledBody {
		return
	}
	b.Reset()
	bodyBuffers.Put(b)
}

// readCapped reads r into buf (empty), at most limit bytes, and fails when
// there are more. size is the Content-Length, or -1 when unknown (chunked,
// or decompressed by the transport): a known size within the limit sizes
// the buffer once, so reading does not grow it step by step. A size that
// lies only costs a growth or, when larger than the body, some unused
// capacity up to limit; the limit is enforced on the bytes read either way.
func readCapped(buf *bytes.Buffer, r io.Reader, size, limit int64) error {
	if size > 0 {
		// ReadFrom wants MinRead bytes of room before each read, the one
		// that finds EOF included.
		buf.Grow(int(min(size, limit+1)) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, limit+1)); err != nil {
		return fmt.Errorf("read response: %w", err)
	}
	if int64(buf.Len()) > limit {
		return fmt.Errorf("%w: body larger than %d bytes", ErrMalformedResponse, limit)
	}
	return nil
}

// decodeJSON decodes a success body, with a clear error for anything that is
// not the JSON object we expect.
func decodeJSON(data []byte, out any) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return fmt.Errorf("%w: empty body", ErrMalformedResponse)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("%w: %v", ErrMalformedResponse, err)
	}
	return nil
}

// decodeAnswer decodes a success body into out and tidies it (tidy.go)
// against the answer's time.
func decodeAnswer(data []byte, h http.Header, out any) error {
	if err := decodeJSON(data, out); err != nil {
		return err
	}
	if t, ok := out.(tidier); ok {
		t.tidy(answerTime(h))
	}
	return nil
}

// decodeError builds an *Error from an error answer. Bodies that are not
// Zoom's {"code":..,"message":..} still give the HTTP status.
func decodeError(data []byte, status int) *Error {
	ze := &Error{StatusCode: status}
	var body struct {
		Code    flexInt64 `json:"code"`
		Message string    `json:"message"`
	}
	if err := json.Unmarshal(data, &body); err == nil {
		ze.Code, ze.Message = int(body.Code), cleanText(body.Message, maxMessageRunes)
	}
	if ze.Message == "" {
		ze.Message = statusMessage(status)
	}
	return ze
}

// maxMessageRunes caps Zoom's error message: it is shown to the user.
const maxMessageRunes = 300

// statusMessage says what an HTTP status means and what to do, for an error
// answer whose body has no message. Go's status text is used when it has
// one; Zoom (and the proxies in front of it) also send codes Go has no name
// for (344, 354, 520-530), and those get their class's sentence.
func statusMessage(status int) string {
	text := http.StatusText(status)
	switch {
	case status == http.StatusUnauthorized:
		return text + ": sign in to Zoom again"
	case status == http.StatusForbidden:
		return text + ": this Zoom account or app lacks the permission"
	case status == http.StatusTooManyRequests:
		return text + ": Zoom limits requests, try again later"
	case status >= 500 && text != "":
		return text + ": Zoom has a problem, try again later"
	case status >= 500:
		return "Zoom's servers failed, try again later"
	case status >= 400 && text != "":
		return text + ": Zoom refused the request"
	case status >= 400:
		return "Zoom refused the request"
	default: // 1xx, 2xx without a body we expect, 3xx
		return "unexpected answer from Zoom, try again later"
	}
}

// escapeUUID escapes a meeting UUID (or numeric ID) for a path segment. Zoom
// requires UUIDs that start with "/" or contain "//" to be encoded twice.
func escapeUUID(id string) string {
	e := url.PathEscape(id)
	if strings.HasPrefix(id, "/") || strings.Contains(id, "//") {
		e = url.PathEscape(e)
	}
	return e
}

// errNoID is returned for calls made without a meeting ID or UUID.
var errNoID = errors.New("zoom: meeting ID or UUID is empty")

// CloseIdleConnections closes the HTTP client's idle keep-alive
// connections. A caller whose next request is far off calls it: the
// transport would otherwise close them on its own idle timer, waking the
// process for that alone.
func (c *Client) CloseIdleConnections() { c.hc.CloseIdleConnections() }
