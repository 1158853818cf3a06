package calendar

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

const secretPath = "/calendar/ical/me%40example.com/private-0123456789abcdef/basic.ics"

var smallFeed = []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260310T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")

// tlsServer serves h over TLS and returns a Fetcher whose client reaches
// it under any host name (so a test can fetch "calendar.google.com").
func tlsServer(t testing.TB, h http.HandlerFunc) (*httptest.Server, *Fetcher) {
	t.Helper()
	srv := httptest.NewTLSServer(h)
	t.Cleanup(srv.Close)
	tr := srv.Client().Transport.(*http.Transport).Clone()
	tr.TLSClientConfig = tr.TLSClientConfig.Clone()
	tr.TLSClientConfig.ServerName = "example.com" // in httptest's certificate
	addr := srv.Listener.Addr().String()
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}
	tr.DisableCompression = true
	return srv, &Fetcher{Client: &http.Client{Transport: tr, Timeout: 5 * time.Second}}
}

func fetchErr(t *testing.T, err error, kind ErrorKind) *FetchError {
	t.Helper()
	var fe *FetchError
	if !errors.As(err, &fe) {
		t.Fatalf("err %v (%T), want a *FetchError", err, err)
	}
	if fe.Kind != kind {
		t.Fatalf("kind %q, want %q (%v)", fe.Kind, kind, err)
	}
	if strings.Contains(err.Error(), "private-0123") || strings.Contains(err.Error(), "ical/") {
		t.Errorf("the error shows the secret address: %v", err)
	}
	return fe
}

func TestFetchConditionalAndGzip(t *testing.T) {
	var gets atomic.Int32
	_, f := tlsServer(t, func(w http.ResponseWriter, r *http.Request) {
		gets.Add(1)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			t.Error("no Accept-Encoding: gzip")
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Tue, 03 Mar 2026 10:00:00 GMT")
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		zw.Write(smallFeed)
		zw.Close()
	})
	ctx := context.Background()
	got, err := f.Fetch(ctx, "https://calendar.example.com"+secretPath, Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if got.NotModified || !bytes.Equal(got.Body, smallFeed) {
		t.Fatalf("first fetch: %+v", got)
	}
	if got.Validators != (Validators{`"v1"`, "Tue, 03 Mar 2026 10:00:00 GMT"}) {
		t.Errorf("validators %+v", got.Validators)
	}
	// When the feed has not changed, the answer is a 304 with no body.
	again, err := f.Fetch(ctx, "webcal://calendar.example.com"+secretPath, got.Validators)
	if err != nil {
		t.Fatal(err)
	}
	if !again.NotModified || again.Body != nil || again.Validators != got.Validators {
		t.Errorf("second fetch: %+v", again)
	}
	if gets.Load() != 2 {
		t.Errorf("%d requests", gets.Load())
	}
}

func TestFetchErrors(t *testing.T) {
	html := "<!DOCTYPE html><html><head><title>Google Calendar - Sign in</title></head><body>Sign in</body></html>"
	for _, tc := range []struct {
		name    string
		host    string
		handler http.HandlerFunc
		kind    ErrorKind
		msg     string
	}{
		{"google 404", "calendar.google.com", status(404), KindAddressGone, "copy the new secret address from Google Calendar's settings"},
		{"google sign-in page", "calendar.google.com", body(200, html), KindAddressGone, "This calendar address no longer works"},
		{"other 404", "outlook.office365.com", status(404), KindAddressGone, "HTTP 404"},
		{"401", "caldav.example.com", status(401), KindUnauthorized, "HTTP 401"},
		{"403", "caldav.example.com", status(403), KindUnauthorized, "HTTP 403"},
		{"500", "caldav.example.com", status(500), KindHTTP, "HTTP 500"},
		{"html elsewhere", "caldav.example.com", body(200, html), KindNotCalendar, "not an iCalendar file"},
		{"binary", "caldav.example.com", body(200, "\x89PNG\r\n\x1a\n\x00\x00"), KindNotCalendar, "not an iCalendar file"},
		{"truncated", "caldav.example.com", body(200, string(smallFeed[:60])), KindTruncated, "cut off"},
		{"too large", "caldav.example.com", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte("BEGIN:VCALENDAR\r\n"))
			w.Write(bytes.Repeat([]byte("X-PAD:0123456789\r\n"), 2000))
		}, KindTooLarge, "20 MB"},
		{"gzip bomb", "caldav.example.com", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			zw.Write([]byte("BEGIN:VCALENDAR\r\n"))
			zw.Write(make([]byte, 1<<20))
			zw.Close()
		}, KindTooLarge, "20 MB"},
		{"redirect to http", "caldav.example.com", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://127.0.0.1:1/feed.ics", http.StatusFound)
		}, KindRedirect, "non-https"},
		{"redirect loop", "caldav.example.com", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/again"+r.URL.Path, http.StatusFound)
		}, KindRedirect, "more than 5 redirects"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, f := tlsServer(t, tc.handler)
			f.MaxSize = 16 << 10
			_, err := f.Fetch(context.Background(), "https://"+tc.host+secretPath, Validators{})
			fe := fetchErr(t, err, tc.kind)
			if !strings.Contains(err.Error(), tc.msg) || !strings.Contains(err.Error(), tc.host) {
				t.Errorf("message %q, want the host and %q", err, tc.msg)
			}
			_ = fe
		})
	}
}

func status(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(code) }
}

func body(code int, s string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(code); fmt.Fprint(w, s) }
}

func TestFetchFollowsHTTPSRedirects(t *testing.T) {
	_, f := tlsServer(t, func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/final") {
			http.Redirect(w, r, "/final"+r.URL.Path, http.StatusMovedPermanently)
			return
		}
		w.Write(smallFeed)
	})
	got, err := f.Fetch(context.Background(), "https://caldav.example.com"+secretPath, Validators{})
	if err != nil || !bytes.Equal(got.Body, smallFeed) {
		t.Fatalf("%v %+v", err, got)
	}
}

func TestFetchDNSAndNetwork(t *testing.T) {
	dnsFail := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		return nil, &net.DNSError{Err: "no such host", Name: "nowhere.example", IsNotFound: true}
	}}}
	_, err := (&Fetcher{Client: dnsFail}).Fetch(context.Background(), "https://nowhere.example"+secretPath, Validators{})
	fetchErr(t, err, KindDNS)

	// A server that never answers: the timeout ends the fetch.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	hang := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, ln.Addr().String())
		},
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
	}}
	start := time.Now()
	_, err = (&Fetcher{Client: hang, Timeout: 200 * time.Millisecond}).Fetch(context.Background(), "https://slow.example"+secretPath, Validators{})
	fetchErr(t, err, KindNetwork)
	if time.Since(start) > 5*time.Second {
		t.Errorf("timeout took %v", time.Since(start))
	}
}

func TestFetchLocalFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "work.ics")
	os.WriteFile(good, smallFeed, 0o600)
	f := &Fetcher{MaxSize: 1 << 10}
	ctx := context.Background()
	for _, src := range []string{good, "file://" + filepath.ToSlash(good)} {
		got, err := f.Fetch(ctx, src, Validators{})
		if err != nil || !bytes.Equal(got.Body, smallFeed) {
			t.Errorf("%s: %v", src, err)
		}
	}
	big := filepath.Join(dir, "big.ics")
	os.WriteFile(big, bytes.Repeat([]byte("x"), 2<<10), 0o600)
	cut := filepath.Join(dir, "cut.ics")
	os.WriteFile(cut, smallFeed[:40], 0o600)
	for _, tc := range []struct {
		path string
		kind ErrorKind
	}{
		{filepath.Join(dir, "missing.ics"), KindFile},
		{dir, KindFile}, // a directory is not a regular file
		{big, KindTooLarge},
		{cut, KindTruncated},
	} {
		_, err := f.Fetch(ctx, tc.path, Validators{})
		fetchErr(t, err, tc.kind)
	}
}

func TestFetchRefusesPlainHTTP(t *testing.T) {
	_, err := (&Fetcher{}).Fetch(context.Background(), "http://calendar.example.com"+secretPath, Validators{})
	fetchErr(t, err, KindBadSource)
}

func TestNormalizeSourceAndMask(t *testing.T) {
	for in, want := range map[string]string{
		"webcal://p01-caldav.icloud.com/published/2/abc": "https://p01-caldav.icloud.com/published/2/abc",
		"WEBCALS://example.com/x.ics":                    "https://example.com/x.ics",
		"https://calendar.google.com/a/basic.ics":        "https://calendar.google.com/a/basic.ics",
	} {
		if got, isFile, err := NormalizeSource(in); err != nil || isFile || got != want {
			t.Errorf("%s -> %q %v %v", in, got, isFile, err)
		}
	}
	for _, bad := range []string{"", "http://example.com/x.ics", "ftp://example.com/x.ics", "https://user:pw@example.com/x"} {
		if _, _, err := NormalizeSource(bad); err == nil {
			t.Errorf("%q accepted", bad)
		} else if strings.Contains(err.Error(), "example.com") {
			t.Errorf("error shows the address: %v", err)
		}
	}
	if got := Mask("https://calendar.google.com" + secretPath); got != "calendar.google.com….ics" {
		t.Errorf("mask %q", got)
	}
	if got := Mask("webcal://p01-caldav.icloud.com/published/2/SECRETabcd"); got != "p01-caldav.icloud.com…abcd" {
		t.Errorf("mask %q", got)
	}
}
