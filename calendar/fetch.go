package calendar

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

// DefaultFetchTimeout bounds one fetch, network or file.
const DefaultFetchTimeout = 30 * time.Second

// maxRedirects is the number of redirects a fetch follows.
const maxRedirects = 5

// Validators are what a server said about the last good copy, sent back
// so that an unchanged feed costs a 304 and no parse.
type Validators struct {
	ETag         string
	LastModified string
}

// Fetched is one successful fetch.
type Fetched struct {
	// NotModified is set when the server answered 304: Body is nil and the
	// caller keeps its last good copy.
	NotModified bool
	Body        []byte
	// Validators to send next time (the previous ones on a 304 that gave
	// none).
	Validators Validators
}

// Fetcher reads calendar sources. The zero value is ready to use.
type Fetcher struct {
	// Client makes the requests; nil means a client of its own. Its
	// redirect policy is replaced by the fetcher's (https only, at most 5).
	Client *http.Client
	// Timeout bounds one fetch; 0 means DefaultFetchTimeout.
	Timeout time.Duration
	// MaxSize caps the body, compressed and decompressed; 0 means
	// MaxBodySize.
	MaxSize int64
	// AllowLoopbackHTTP also fetches plain-http sources on the loopback
	// interface (see NormalizeSourceWith).
	AllowLoopbackHTTP bool
}

// ErrorKind tells the engine which problem to show for a failed fetch.
type ErrorKind string

// The kinds of fetch errors.
const (
	KindAddressGone  ErrorKind = "address-gone" // 404/410, or Google's sign-in page: the secret address was reset
	KindUnauthorized ErrorKind = "unauthorized" // 401 or 403
	KindDNS          ErrorKind = "dns"          // the host name does not resolve
	KindNetwork      ErrorKind = "network"      // connection, TLS or timeout
	KindHTTP         ErrorKind = "http"         // any other unexpected status
	KindRedirect     ErrorKind = "redirect"     // to http, or too many
	KindNotCalendar  ErrorKind = "not-calendar" // HTML, JSON, binary...
	KindTruncated    ErrorKind = "truncated"    // BEGIN:VCALENDAR without END:VCALENDAR
	KindTooLarge     ErrorKind = "too-large"    // over MaxSize
	KindFile         ErrorKind = "file"         // missing, unreadable or not a regular file
	KindBadSource    ErrorKind = "bad-source"   // not an https URL nor a file path (plain http is refused)
)

// FetchError is every error Fetch returns. Its message names the host (or
// the file), never the address, which is a secret.
type FetchError struct {
	Kind   ErrorKind
	Host   string // the host, or the file path for a local file
	Status int    // the HTTP status, when there was one
	Err    error  // the cause, free of the address
}

func (e *FetchError) Error() string {
	return fmt.Sprintf("calendar %s: %s", e.Host, e.Message())
}

// Message is a sentence for the user.
func (e *FetchError) Message() string {
	switch e.Kind {
	case KindAddressGone:
		if isGoogle(e.Host) {
			return "This calendar address no longer works: copy the new secret address from Google Calendar's settings"
		}
		return fmt.Sprintf("This calendar address no longer works (HTTP %d): copy the address again from the calendar's settings", e.Status)
	case KindUnauthorized:
		return fmt.Sprintf("the server refused access (HTTP %d): check that the address is the private or published one", e.Status)
	case KindDNS:
		return "the server's name could not be found: check the address and the network"
	case KindNetwork:
		return fmt.Sprintf("could not reach the server: %v", e.Err)
	case KindHTTP:
		return fmt.Sprintf("the server answered HTTP %d", e.Status)
	case KindRedirect:
		return fmt.Sprintf("refused a redirect: %v", e.Err)
	case KindNotCalendar:
		return "the answer is not an iCalendar file (is this the calendar's iCal address?)"
	case KindTruncated:
		return "the calendar file is cut off (no END:VCALENDAR); it will be fetched again"
	case KindTooLarge:
		return "the calendar is larger than the 20 MB limit"
	case KindFile:
		return fmt.Sprintf("cannot read the file: %v", e.Err)
	case KindBadSource:
		return fmt.Sprintf("%v: give an https:// or webcal:// address or an .ics file", e.Err)
	}
	return fmt.Sprint(e.Err)
}

func (e *FetchError) Unwrap() error { return e.Err }

func isGoogle(host string) bool {
	host = strings.ToLower(host)
	return host == "google.com" || strings.HasSuffix(host, ".google.com")
}

var (
	errInsecureRedirect = errors.New("redirect to a non-https address")
	errTooManyRedirects = fmt.Errorf("more than %d redirects", maxRedirects)
)

// Fetch reads one source (see NormalizeSource). For an https source it
// sends prev's validators and returns NotModified on a 304.
func (f *Fetcher) Fetch(ctx context.Context, source string, prev Validators) (*Fetched, error) {
	src, isFile, err := NormalizeSourceWith(source, f.AllowLoopbackHTTP)
	if err != nil {
		return nil, &FetchError{Kind: KindBadSource, Host: "source", Err: err}
	}
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = DefaultFetchTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if isFile {
		return f.readFile(ctx, src)
	}
	return f.get(ctx, src, prev)
}

func (f *Fetcher) maxSize() int64 {
	if f.MaxSize > 0 {
		return f.MaxSize
	}
	return MaxBodySize
}

func (f *Fetcher) client() *http.Client {
	var c http.Client
	if f.Client != nil {
		c = *f.Client
	} else {
		c.Timeout = DefaultFetchTimeout
	}
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= maxRedirects {
			return errTooManyRedirects
		}
		if req.URL.Scheme != "https" {
			return errInsecureRedirect
		}
		return nil
	}
	return &c
}

func (f *Fetcher) get(ctx context.Context, src string, prev Validators) (*Fetched, error) {
	u, err := url.Parse(src)
	if err != nil {
		return nil, &FetchError{Kind: KindBadSource, Host: "source", Err: ErrBadSource}
	}
	host := u.Hostname()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, src, nil)
	if err != nil {
		return nil, &FetchError{Kind: KindBadSource, Host: host, Err: ErrBadSource}
	}
	req.Header.Set("Accept", "text/calendar, text/plain;q=0.5, */*;q=0.1")
	req.Header.Set("Accept-Encoding", "gzip")
	req.Header.Set("User-Agent", "InterviewTray (calendar feed reader)")
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}
	resp, err := f.client().Do(req)
	if err != nil {
		return nil, transportError(host, err)
	}
	defer resp.Body.Close()
	if resp.Request != nil && resp.Request.URL != nil {
		host = resp.Request.URL.Hostname() // name the host that answered
	}
	next := Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		if next == (Validators{}) {
			next = prev
		}
		return &Fetched{NotModified: true, Validators: next}, nil
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return nil, &FetchError{Kind: KindAddressGone, Host: host, Status: resp.StatusCode}
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return nil, &FetchError{Kind: KindUnauthorized, Host: host, Status: resp.StatusCode}
	case resp.StatusCode != http.StatusOK:
		return nil, &FetchError{Kind: KindHTTP, Host: host, Status: resp.StatusCode}
	}
	body, err := f.readBody(resp)
	if err != nil {
		if fe, ok := err.(*FetchError); ok {
			fe.Host = host
			return nil, fe
		}
		return nil, transportError(host, err)
	}
	if err := checkCalendar(body); err != nil {
		kind := KindNotCalendar
		if errors.Is(err, ErrTruncated) {
			kind = KindTruncated
		} else if isGoogle(host) && looksHTML(body) {
			// Google answers a reset secret address with its sign-in page.
			return nil, &FetchError{Kind: KindAddressGone, Host: host, Status: resp.StatusCode, Err: err}
		}
		return nil, &FetchError{Kind: kind, Host: host, Status: resp.StatusCode, Err: err}
	}
	return &Fetched{Body: body, Validators: next}, nil
}

// readBody reads at most MaxSize bytes, gunzipping when the server did.
func (f *Fetcher) readBody(resp *http.Response) ([]byte, error) {
	max := f.maxSize()
	var r io.Reader = io.LimitReader(resp.Body, max+1)
	if strings.EqualFold(resp.Header.Get("Content-Encoding"), "gzip") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, &FetchError{Kind: KindNotCalendar, Err: fmt.Errorf("bad gzip body: %w", err)}
		}
		defer zr.Close()
		r = zr
	}
	if resp.ContentLength > max {
		return nil, &FetchError{Kind: KindTooLarge, Err: ErrTooLarge}
	}
	var buf bytes.Buffer
	if n := resp.ContentLength; n > 0 && n <= max && !strings.EqualFold(resp.Header.Get("Content-Encoding"), "gzip") {
		buf.Grow(int(n) + 1)
	}
	_, err := buf.ReadFrom(io.LimitReader(r, max+1))
	body := buf.Bytes()
	if int64(len(body)) > max {
		return nil, &FetchError{Kind: KindTooLarge, Err: ErrTooLarge}
	}
	if err != nil {
		if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, &FetchError{Kind: KindTruncated, Err: fmt.Errorf("body ends early: %w", err)}
		}
		return nil, err
	}
	return body, nil
}

// checkCalendar is the cheap test a body must pass before it replaces the
// last good copy: it starts with BEGIN:VCALENDAR and has END:VCALENDAR.
func checkCalendar(body []byte) error {
	b := bytes.TrimLeft(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(b) < 15 || !bytes.EqualFold(b[:15], []byte("BEGIN:VCALENDAR")) {
		return ErrNotICalendar
	}
	tail := bytes.TrimRight(b, " \t\r\n")
	if len(tail) < 13 || !bytes.EqualFold(tail[len(tail)-13:], []byte("END:VCALENDAR")) {
		return ErrTruncated
	}
	return nil
}

func looksHTML(body []byte) bool {
	b := bytes.ToLower(bytes.TrimSpace(body[:min(len(body), 512)]))
	return bytes.HasPrefix(b, []byte("<!doctype html")) || bytes.HasPrefix(b, []byte("<html")) || bytes.Contains(b, []byte("<head"))
}

// transportError classifies an http.Client error without its URL.
func transportError(host string, err error) *FetchError {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // url.Error's text holds the whole address
	}
	var dns *net.DNSError
	switch {
	case errors.Is(err, errInsecureRedirect), errors.Is(err, errTooManyRedirects):
		return &FetchError{Kind: KindRedirect, Host: host, Err: err}
	case errors.As(err, &dns):
		return &FetchError{Kind: KindDNS, Host: host, Err: err}
	}
	return &FetchError{Kind: KindNetwork, Host: host, Err: err}
}

// readFile reads a local file: a regular file, at most MaxSize, within
// the timeout (a hung network mount leaves one goroutine behind, not a
// hung engine).
func (f *Fetcher) readFile(ctx context.Context, path string) (*Fetched, error) {
	type result struct {
		body []byte
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		b, err := readRegular(path, f.maxSize())
		ch <- result{b, err}
	}()
	select {
	case <-ctx.Done():
		return nil, &FetchError{Kind: KindFile, Host: path, Err: fmt.Errorf("reading took too long: %w", ctx.Err())}
	case r := <-ch:
		if r.err != nil {
			if fe, ok := r.err.(*FetchError); ok {
				fe.Host = path
				return nil, fe
			}
			return nil, &FetchError{Kind: KindFile, Host: path, Err: r.err}
		}
		if err := checkCalendar(r.body); err != nil {
			kind := KindNotCalendar
			if errors.Is(err, ErrTruncated) {
				kind = KindTruncated
			}
			return nil, &FetchError{Kind: kind, Host: path, Err: err}
		}
		return &Fetched{Body: r.body}, nil
	}
}

func readRegular(path string, max int64) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, unwrapPath(err)
	}
	if !st.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	if st.Size() > max {
		return nil, &FetchError{Kind: KindTooLarge, Err: ErrTooLarge}
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer fh.Close()
	if st, err := fh.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	b, err := io.ReadAll(io.LimitReader(fh, max+1))
	if err != nil {
		return nil, unwrapPath(err)
	}
	if int64(len(b)) > max {
		return nil, &FetchError{Kind: KindTooLarge, Err: ErrTooLarge}
	}
	return b, nil
}

// unwrapPath drops the path from an *os.PathError (FetchError names it).
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
