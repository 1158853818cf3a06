package zoomsim

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strconv"
)

// Transport returns an http.RoundTripper that serves every request in
// memory with the simulator, whatever its host: a client configured for
// https://api.zoom.us/v2 and https://zoom.us reaches the simulator
// unchanged. It opens no socket and starts no goroutine, so it works inside
// a testing/synctest bubble. A request whose context is done fails with the
// context's error (a hanging fault returns as soon as it is).
//
// An http.Client follows redirects through it too: a client that must see
// the redirect of /oauth/authorize sets CheckRedirect to return
// http.ErrUseLastResponse.
func (s *Sim) Transport() http.RoundTripper { return transport{s} }

type transport struct{ s *Sim }

func (t transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		defer req.Body.Close()
	}
	ctx := req.Context()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Build the request as a server would receive it.
	sr := req.Clone(ctx)
	sr.RequestURI = req.URL.RequestURI()
	sr.URL = &url.URL{Path: req.URL.Path, RawPath: req.URL.RawPath, RawQuery: req.URL.RawQuery}
	if sr.Host == "" {
		sr.Host = req.URL.Host
	}
	sr.RemoteAddr = "127.0.0.1:1"
	sr.Proto, sr.ProtoMajor, sr.ProtoMinor = "HTTP/1.1", 1, 1
	if sr.Body == nil {
		sr.Body = http.NoBody
	}

	rec := &recorder{header: make(http.Header)}
	t.s.ServeHTTP(rec, sr)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	return &http.Response{
		Status:        strconv.Itoa(rec.status) + " " + http.StatusText(rec.status),
		StatusCode:    rec.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        rec.header,
		Body:          io.NopCloser(bytes.NewReader(rec.body.Bytes())),
		ContentLength: int64(rec.body.Len()),
		Request:       req,
	}, nil
}

// recorder is the in-memory http.ResponseWriter of Transport.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	return r.body.Write(b)
}
