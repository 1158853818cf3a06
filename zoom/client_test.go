package zoom

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
	"unicode/utf8"
)

// handlerTransport serves requests in memory with h, so tests can run in a
// synctest bubble without sockets.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		defer close(done)
		t.h.ServeHTTP(rec, req)
	}()
	select {
	case <-done:
		return rec.Result(), nil
	case <-req.Context().Done():
		<-done
		return nil, req.Context().Err()
	}
}

func newTestClient(h http.Handler, opts Options) *Client {
	opts.BaseURL = "https://api.zoom.test/v2"
	opts.HTTPClient = &http.Client{Transport: handlerTransport{h}}
	return New(opts)
}

func zoomError(w http.ResponseWriter, status, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"code": code, "message": msg})
}

func TestErrorPredicates(t *testing.T) {
	tests := []struct {
		name                                      string
		status, code                              int
		notFound, meeting, recording, token, rate bool
		server                                    bool
	}{
		{name: "meeting not found", status: 404, code: 3001, notFound: true, meeting: true},
		{name: "no recording", status: 404, code: 3301, notFound: true, recording: true},
		{name: "invalid token", status: 401, code: 124, token: true},
		{name: "rate limited", status: 429, code: 429, rate: true},
		{name: "server error", status: 503, server: true},
		{name: "validation", status: 400, code: 300},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				zoomError(w, tt.status, tt.code, "boom")
			})
			c := newTestClient(h, Options{MaxAttempts: 1})
			_, err := c.GetPastMeeting(context.Background(), "abc==")
			if err == nil {
				t.Fatal("want an error")
			}
			got := []bool{IsNotFound(err), IsMeetingNotFound(err), IsNoRecording(err), IsInvalidToken(err), IsRateLimited(err), IsServerError(err)}
			want := []bool{tt.notFound, tt.meeting, tt.recording, tt.token, tt.rate, tt.server}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("predicate %d = %v, want %v (err %v)", i, got[i], want[i], err)
				}
			}
			ze, ok := AsError(err)
			if !ok || ze.StatusCode != tt.status || ze.Code != tt.code || ze.Path != "/past_meetings/abc==" {
				t.Errorf("AsError = %+v, %v", ze, ok)
			}
		})
	}
}

func TestErrorBodyNotJSON(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
		io.WriteString(w, "<html>proxy error</html>")
	})
	c := newTestClient(h, Options{MaxAttempts: 1})
	_, err := c.Me(context.Background())
	ze, ok := AsError(err)
	if !ok || ze.StatusCode != 502 || ze.Message != "Bad Gateway: Zoom has a problem, try again later" {
		t.Fatalf("err = %v", err)
	}
}

func TestMalformedBodies(t *testing.T) {
	for name, body := range map[string]string{
		"empty":        "",
		"html":         "<html>captive portal</html>",
		"truncated":    `{"id":"u1","email":"a@b`,
		"wrong type":   `{"meetings":"nope"}`,
		"token number": `{"next_page_token":5,"meetings":[]}`,
		"user id list": `{"id":["u1"]}`,
		// A bad meeting in a list costs only itself (TestOneBadItemKeepsTheList).
	} {
		t.Run(name, func(t *testing.T) {
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, body) })
			c := newTestClient(h, Options{})
			var err error
			if strings.Contains(body, "meetings") {
				_, err = c.ListUpcomingMeetings(context.Background())
			} else {
				_, err = c.Me(context.Background())
			}
			if !errors.Is(err, ErrMalformedResponse) {
				t.Fatalf("err = %v, want ErrMalformedResponse", err)
			}
		})
	}
}

func TestBodyCap(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"id":"`+strings.Repeat("x", 2048)+`"}`)
	})
	c := newTestClient(h, Options{MaxBodyBytes: 1024})
	if _, err := c.Me(context.Background()); !errors.Is(err, ErrMalformedResponse) || !strings.Contains(err.Error(), "larger than 1024") {
		t.Fatalf("err = %v", err)
	}
}

// TestBodyLengths covers how a body is read: with and without a
// Content-Length, with one that lies either way, at the limit and over it.
// The limit applies to the bytes read, whatever the header says.
func TestBodyLengths(t *testing.T) {
	const limit = 64
	fits := `{"id":"` + strings.Repeat("x", limit-10) + `"}` // limit-2 bytes
	exact := `{"id":"` + strings.Repeat("x", limit-9) + `"}`
	over := `{"id":"` + strings.Repeat("x", limit-8) + `"}`
	for _, tt := range []struct {
		name, body string
		length     string // Content-Length header; "" sends none
		wantID     string // "" when the call must fail as too large
	}{
		{"unknown length", fits, "", strings.Repeat("x", limit-10)},
		{"known length", fits, strconv.Itoa(len(fits)), strings.Repeat("x", limit-10)},
		{"exactly the limit, known", exact, strconv.Itoa(len(exact)), strings.Repeat("x", limit-9)},
		{"exactly the limit, unknown", exact, "", strings.Repeat("x", limit-9)},
		{"length says more than sent", fits, "1000", strings.Repeat("x", limit-10)},
		{"length says less than sent", fits, "3", strings.Repeat("x", limit-10)},
		{"over the limit, known", over, strconv.Itoa(len(over)), ""},
		{"over the limit, unknown", over, "", ""},
		{"over the limit, length says it fits", over, "10", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.length != "" {
					w.Header().Set("Content-Length", tt.length)
				}
				io.WriteString(w, tt.body)
			})
			u, err := newTestClient(h, Options{MaxBodyBytes: limit}).Me(context.Background())
			if tt.wantID == "" {
				if !errors.Is(err, ErrMalformedResponse) || !strings.Contains(err.Error(), "larger than 64") {
					t.Fatalf("err = %v, want ErrMalformedResponse (larger than 64 bytes)", err)
				}
				return
			}
			if err != nil || u.ID != tt.wantID {
				t.Fatalf("Me = %+v, %v", u, err)
			}
		})
	}
}

// TestBodyBuffersReused: bodies are read into reused buffers, so what one
// answer decoded must not change when later answers (concurrent or not)
// reuse its buffer.
func TestBodyBuffersReused(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.URL.Query().Get("next_page_token")
		if id == "" {
			id = "0"
		}
		n, _ := strconv.Atoi(id)
		next := ""
		if n < 20 {
			next = strconv.Itoa(n + 1)
		}
		fmt.Fprintf(w, `{"next_page_token":%q,"meetings":[{"id":%d,"topic":"topic %s %s"}]}`, next, n+1, id, strings.Repeat("y", 1000*n))
	})
	c := newTestClient(h, Options{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			msList, err := c.ListUpcomingMeetings(context.Background())
			ms := msList.Meetings
			if err != nil || len(ms) != 21 {
				t.Errorf("%d meetings, %v", len(ms), err)
				return
			}
			for i, m := range ms {
				want := tidyTopic(fmt.Sprintf("topic %d %s", i, strings.Repeat("y", 1000*i)))
				if m.ID != int64(i+1) || m.Topic != want {
					t.Errorf("meeting %d = %d %.20q..., want %.20q...", i, m.ID, m.Topic, want)
				}
			}
		})
	}
	wg.Wait()
}

func TestDecodeTolerant(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"page_size":300,"next_page_token":"","unknown":{"x":1},"meetings":[
			{"id":"85746065432","uuid":"a/b==","topic":"Interview","start_time":"2026-11-23T10:00:00+02:00","duration":45,"extra":true},
			{"id":85746065433,"topic":"No time","start_time":"","created_at":null},
			{"id":8.5746065434e10,"topic":"Float id"}]}`)
	})
	c := newTestClient(h, Options{})
	msList, err := c.ListUpcomingMeetings(context.Background())
	ms := msList.Meetings
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 3 {
		t.Fatalf("got %d meetings", len(ms))
	}
	if ms[0].ID != 85746065432 || ms[0].StartTime.Location() != time.UTC || ms[0].StartTime.Hour() != 8 {
		t.Errorf("first = %+v", ms[0])
	}
	if got := ms[0].End(); !got.Equal(time.Date(2026, 11, 23, 8, 45, 0, 0, time.UTC)) {
		t.Errorf("End = %v", got)
	}
	if !ms[1].StartTime.IsZero() {
		t.Errorf("empty times should be zero: %+v", ms[1])
	}
	if ms[2].ID != 85746065434 {
		t.Errorf("float id = %d", ms[2].ID)
	}
}

func TestMeetingDetailDecode(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v2/meetings/85746065432" {
			zoomError(w, 404, 3001, "not found")
			return
		}
		io.WriteString(w, `{"id":85746065432,"uuid":"u==","host_id":"h1","host_email":"rec@example.com","topic":"Interview",
			"start_time":"2026-11-23T10:00:00Z","duration":30,"status":"waiting","password":"123456",
			"start_url":"https://zoom.us/s/85746065432?zak=SECRET","join_url":"https://us05web.zoom.us/j/85746065432?pwd=x.1",
			"settings":{"alternative_hosts":"me@example.com; other@example.com","auto_recording":"local"}}`)
	})
	c := newTestClient(h, Options{})
	m, err := c.GetMeeting(context.Background(), 85746065432)
	if err != nil {
		t.Fatal(err)
	}
	if m.ID != 85746065432 || m.HostID != "h1" || m.Password != "123456" || m.Status != "waiting" || m.Settings.AutoRecording != "local" {
		t.Errorf("detail = %+v", m)
	}
	if got := m.AlternativeHosts(); len(got) != 2 || got[0] != "me@example.com" || got[1] != "other@example.com" {
		t.Errorf("AlternativeHosts = %q", got)
	}
	if b, _ := json.Marshal(m); strings.Contains(string(b), "SECRET") {
		t.Errorf("start_url was kept: %s", b)
	}
}

func TestEscapeUUID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"4444AAAiAAAAAiAiAiiAii==", "4444AAAiAAAAAiAiAiiAii=="},
		{"ab+c/d==", "ab+c%2Fd=="},
		{"/ajXp112QmuoKj4854875==", "%252FajXp112QmuoKj4854875=="},
		{"Ab//cd==", "Ab%252F%252Fcd=="},
		{"85746065432", "85746065432"},
	}
	for _, tt := range tests {
		if got := escapeUUID(tt.in); got != tt.want {
			t.Errorf("escapeUUID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUUIDReachesServerEncoded(t *testing.T) {
	var raw string
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw = r.URL.EscapedPath()
		io.WriteString(w, `{"uuid":"/x//y==","id":1}`)
	})
	c := newTestClient(h, Options{})
	if _, err := c.GetPastMeeting(context.Background(), "/x//y=="); err != nil {
		t.Fatal(err)
	}
	if raw != "/v2/past_meetings/%252Fx%252F%252Fy==" {
		t.Errorf("path on the wire = %q", raw)
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var calls atomic.Int32
		var times []time.Time
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			times = append(times, time.Now())
			if calls.Add(1) == 1 {
				w.Header().Set("Retry-After", "3")
				zoomError(w, 429, 429, "You have reached the maximum per-second rate limit for this API. Try again later.")
				return
			}
			io.WriteString(w, `{"id":"u1","email":"me@example.com"}`)
		})
		c := newTestClient(h, Options{})
		u, err := c.Me(context.Background())
		if err != nil || u.Email != "me@example.com" {
			t.Fatalf("Me = %+v, %v", u, err)
		}
		if calls.Load() != 2 || times[1].Sub(times[0]) != 3*time.Second {
			t.Errorf("calls %d, waited %v; want 2 calls 3s apart", calls.Load(), times[1].Sub(times[0]))
		}
	})
}

func TestDailyLimitNotWaitedFor(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var calls atomic.Int32
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			w.Header().Set("Retry-After", time.Now().Add(5*time.Hour).UTC().Format(time.RFC3339))
			zoomError(w, 429, 429, "You have reached the maximum daily rate limit for this API.")
		})
		c := newTestClient(h, Options{})
		start := time.Now()
		_, err := c.Me(context.Background())
		ze, _ := AsError(err)
		if !IsRateLimited(err) || ze.RetryAfter != 5*time.Hour {
			t.Fatalf("err = %v (%+v)", err, ze)
		}
		if calls.Load() != 1 || time.Since(start) != 0 {
			t.Errorf("calls %d after %v; want 1 at once", calls.Load(), time.Since(start))
		}
	})
}

func TestRetriesBounded(t *testing.T) {
	for _, status := range []int{429, 500, 503} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var calls atomic.Int32
				h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					calls.Add(1)
					zoomError(w, status, status, "try later")
				})
				c := newTestClient(h, Options{MaxAttempts: 3})
				start := time.Now()
				_, err := c.Me(context.Background())
				if ze, ok := AsError(err); !ok || ze.StatusCode != status {
					t.Fatalf("err = %v", err)
				}
				if calls.Load() != 3 {
					t.Errorf("calls = %d, want 3", calls.Load())
				}
				if d := time.Since(start); d <= 0 || d > 30*time.Second {
					t.Errorf("backoff total %v; want jittered, bounded waits", d)
				}
			})
		})
	}
}

func TestPatchBodyReplayedOnRetry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var bodies []string
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			b, _ := io.ReadAll(r.Body)
			bodies = append(bodies, string(b))
			if len(bodies) == 1 {
				zoomError(w, 502, 0, "")
				return
			}
			w.WriteHeader(http.StatusNoContent)
		})
		c := newTestClient(h, Options{})
		err := c.UpdateSettings(context.Background(), SettingsPatch{Recording: &RecordingSettings{LocalRecording: Bool(true)}})
		if err != nil {
			t.Fatal(err)
		}
		want := `{"recording":{"local_recording":true}}`
		if len(bodies) != 2 || bodies[0] != want || bodies[1] != want {
			t.Errorf("bodies = %q, want twice %s", bodies, want)
		}
	})
}

func TestNotRetried(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404} {
		var calls atomic.Int32
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			zoomError(w, status, 1, "no")
		})
		c := newTestClient(h, Options{})
		if _, err := c.Me(context.Background()); err == nil {
			t.Fatal("want error")
		}
		if calls.Load() != 1 {
			t.Errorf("HTTP %d tried %d times", status, calls.Load())
		}
	}
}

func TestTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
		c := newTestClient(h, Options{Timeout: 5 * time.Second, MaxAttempts: 1})
		start := time.Now()
		_, err := c.Me(context.Background())
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v", err)
		}
		if d := time.Since(start); d != 5*time.Second {
			t.Errorf("gave up after %v, want 5s", d)
		}
	})
}

func TestCancelDuringBackoff(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "20")
			zoomError(w, 429, 429, "slow down")
		})
		c := newTestClient(h, Options{})
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		start := time.Now()
		_, err := c.Me(ctx)
		if !IsRateLimited(err) || !strings.Contains(err.Error(), "gave up waiting") {
			t.Fatalf("err = %v", err)
		}
		if d := time.Since(start); d != 2*time.Second {
			t.Errorf("returned after %v, want when the context ended (2s)", d)
		}
	})
}

func TestPagination(t *testing.T) {
	var tokens []string
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("type") != "upcoming" || q.Get("page_size") != "300" {
			zoomError(w, 400, 300, "bad query "+r.URL.RawQuery)
			return
		}
		tok := q.Get("next_page_token")
		tokens = append(tokens, tok)
		switch tok {
		case "":
			io.WriteString(w, `{"next_page_token":"p2","meetings":[{"id":1},{"id":2}]}`)
		case "p2":
			io.WriteString(w, `{"next_page_token":"p3","meetings":[{"id":3}]}`)
		default:
			io.WriteString(w, `{"next_page_token":"","meetings":[{"id":4}]}`)
		}
	})
	list, err := newTestClient(h, Options{}).ListUpcomingMeetings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if ms := list.Meetings; len(ms) != 4 || ms[3].ID != 4 || strings.Join(tokens, ",") != ",p2,p3" {
		t.Errorf("meetings %v, tokens %q", list, tokens)
	}
}

func TestPaginationRepeatedToken(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"next_page_token":"same","meetings":[{"id":1}]}`)
	})
	_, err := newTestClient(h, Options{}).ListUpcomingMeetings(context.Background())
	if !errors.Is(err, ErrMalformedResponse) {
		t.Fatalf("err = %v", err)
	}
}

func TestRecordingsWindows(t *testing.T) {
	type window struct{ from, to string }
	var windows []window
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		from, err1 := time.Parse(time.DateOnly, q.Get("from"))
		to, err2 := time.Parse(time.DateOnly, q.Get("to"))
		if err1 != nil || err2 != nil || to.After(from.AddDate(0, 1, 0)) || to.Before(from) {
			zoomError(w, 400, 300, "The date range must be within a month")
			return
		}
		windows = append(windows, window{q.Get("from"), q.Get("to")})
		// Every window returns the same instance once, to prove de-duplication.
		io.WriteString(w, `{"meetings":[{"uuid":"same==","id":1,"topic":"Interview"}]}`)
	})
	c := newTestClient(h, Options{})
	from := time.Date(2026, 1, 31, 23, 0, 0, 0, time.FixedZone("x", -3600)) // 2026-02-01 UTC
	to := time.Date(2026, 4, 15, 12, 0, 0, 0, time.UTC)
	recs, err := c.ListRecordings(context.Background(), from, to)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 {
		t.Errorf("got %d recordings, want the shared instance once", len(recs))
	}
	// Each window a whole month as Zoom counts it (the same day of the next
	// month), the next starting the day after.
	want := []window{{"2026-02-01", "2026-03-01"}, {"2026-03-02", "2026-04-02"}, {"2026-04-03", "2026-04-15"}}
	if len(windows) != len(want) {
		t.Fatalf("windows = %v, want %v", windows, want)
	}
	for i := range want {
		if windows[i] != want[i] {
			t.Errorf("window %d = %v, want %v", i, windows[i], want[i])
		}
	}
	if _, err := c.ListRecordings(context.Background(), to, from); err == nil {
		t.Error("a reversed range should fail")
	}
}

// TestScanRecordings: the lean list asks for the same windows and pages as
// ListRecordings, hands every recording over page by page (a page's
// leftovers never leak into the next: the page is reused), and refuses
// malformed pages the same way.
func TestScanRecordings(t *testing.T) {
	var asked []string
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		asked = append(asked, q.Get("from")+".."+q.Get("to")+"#"+q.Get("next_page_token"))
		switch q.Get("next_page_token") {
		case "":
			io.WriteString(w, `{"next_page_token":"p2","meetings":[
				{"uuid":"a==","id":"1","topic":"Interview","start_time":"2026-03-02T10:00:00+01:00","share_url":"s","password":"pw",
				 "recording_files":[{"id":"f","recording_start":"2026-03-02T09:00:00Z","file_type":"MP4","file_size":1.0e3,
				   "recording_type":"gallery_view","status":"completed","play_url":"p","download_url":"d"}]},
				{"uuid":"b==","id":2,"topic":"Sync","start_time":"2026-03-02T11:00:00Z","recording_files":[{"file_type":"M4A"},{"file_type":"CHAT"}]}]}`)
		default:
			io.WriteString(w, `{"meetings":[{"uuid":"c==","id":3}]}`)
		}
	})
	c := newTestClient(h, Options{})
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	var got []RecordingSummary
	err := c.ScanRecordings(context.Background(), day, day.Add(12*time.Hour), func(s *RecordingSummary) { got = append(got, *s) })
	if err != nil {
		t.Fatal(err)
	}
	want := []RecordingSummary{
		{UUID: "a==", ID: 1, Topic: "Interview", StartTime: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), ShareURL: "s", Password: "pw",
			Files: []RecordingFileSummary{{FileType: "MP4", RecordingType: "gallery_view", Status: "completed", PlayURL: "p", DownloadURL: "d"}}},
		{UUID: "b==", ID: 2, Topic: "Sync", StartTime: time.Date(2026, 3, 2, 11, 0, 0, 0, time.UTC),
			Files: []RecordingFileSummary{{FileType: "M4A"}, {FileType: "CHAT"}}},
		{UUID: "c==", ID: 3},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if strings.Join(asked, " ") != "2026-03-02..2026-03-02# 2026-03-02..2026-03-02#p2" {
		t.Errorf("asked %q", asked)
	}
	list, err := c.ListRecordings(context.Background(), day, day)
	if err != nil || len(list) != len(want) {
		t.Fatalf("ListRecordings: %d, %v", len(list), err)
	}
	for i := range list {
		if s := list[i].Summary(); !reflect.DeepEqual(s, want[i]) {
			t.Errorf("ListRecordings[%d].Summary() = %+v, want %+v", i, s, want[i])
		}
	}
	if err := c.ScanRecordings(context.Background(), day, day.AddDate(0, 0, -1), func(*RecordingSummary) {}); err == nil {
		t.Error("a reversed range should fail")
	}

	for name, body := range map[string]string{
		"empty":          "",
		"html":           "<html>captive portal</html>",
		"truncated":      `{"meetings":[{"uuid":"a`,
		"wrong type":     `{"meetings":"nope"}`,
		"token not text": `{"next_page_token":{},"meetings":[]}`,
	} {
		t.Run(name, func(t *testing.T) {
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, body) })
			err := newTestClient(h, Options{}).ScanRecordings(context.Background(), day, day, func(*RecordingSummary) {})
			if !errors.Is(err, ErrMalformedResponse) {
				t.Fatalf("err = %v, want ErrMalformedResponse", err)
			}
		})
	}
}

// TestRecordingsScannerPage: a page at a time, as ScanRecordings reads
// them: the token is sent as given and the next one returned, a page's
// leftovers never leak into the next, and a token that names itself, a
// range Zoom would refuse or a malformed page fail.
func TestRecordingsScannerPage(t *testing.T) {
	var asked []string
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		asked = append(asked, q.Get("from")+".."+q.Get("to")+"#"+q.Get("next_page_token")+"/"+q.Get("page_size"))
		switch q.Get("next_page_token") {
		case "":
			io.WriteString(w, `{"next_page_token":"p2","meetings":[{"uuid":"a==","id":1,"topic":"Interview","password":"pw",
				"recording_files":[{"file_type":"MP4","play_url":"p"}]},{"uuid":"b==","id":2}]}`)
		case "p2":
			io.WriteString(w, `{"meetings":[{"uuid":"c==","id":3}]}`)
		case "loop":
			io.WriteString(w, `{"next_page_token":"loop","meetings":[]}`)
		default:
			io.WriteString(w, `{"meetings":"nope"}`)
		}
	})
	sc := newTestClient(h, Options{}).RecordingsScanner()
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	ctx := context.Background()
	var got []RecordingSummary
	keep := func(s *RecordingSummary) { got = append(got, *s) }
	next, err := sc.Page(ctx, day, day.Add(23*time.Hour), "", keep)
	if err != nil || next != "p2" || len(got) != 2 || got[0].UUID != "a==" || got[0].Password != "pw" || len(got[0].Files) != 1 || got[1].UUID != "b==" {
		t.Fatalf("first page: next %q, %v, got %+v", next, err, got)
	}
	got = nil
	next, err = sc.Page(ctx, day, day, "p2", keep)
	want := []RecordingSummary{{UUID: "c==", ID: 3}}
	if err != nil || next != "" || !reflect.DeepEqual(got, want) {
		t.Fatalf("last page: next %q, %v, got %+v, want %+v", next, err, got, want)
	}
	if a := strings.Join(asked, " "); a != "2026-03-02..2026-03-02#/300 2026-03-02..2026-03-02#p2/300" {
		t.Errorf("asked %q", a)
	}
	if _, err := sc.Page(ctx, day, day, "loop", keep); !errors.Is(err, ErrMalformedResponse) {
		t.Errorf("a token naming itself: err = %v, want ErrMalformedResponse", err)
	}
	if _, err := sc.Page(ctx, day, day, "bad", keep); !errors.Is(err, ErrMalformedResponse) {
		t.Errorf("a malformed page: err = %v, want ErrMalformedResponse", err)
	}
	n := len(asked)
	for _, to := range []time.Time{day.AddDate(0, 0, -1), day.AddDate(0, 1, 1)} { // before it, a month and a day
		if _, err := sc.Page(ctx, day, to, "", keep); err == nil {
			t.Errorf("range to %s: no error", to.Format(time.DateOnly))
		}
	}
	if len(asked) != n {
		t.Errorf("a refused range was asked for: %q", asked[n:])
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"7", 7 * time.Second, true},
		{"2026-11-23T00:00:00Z", 12 * time.Hour, true},
		{"Sun, 22 Nov 2026 12:00:30 GMT", 30 * time.Second, true},
		{"2026-11-22T11:00:00Z", 0, true},
		{"", 0, false},
		{"-1", 0, false},
		{"soon", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestInvalidBaseURL(t *testing.T) {
	c := New(Options{BaseURL: "::not a url"})
	if _, err := c.Me(context.Background()); err == nil || !strings.Contains(err.Error(), "invalid API base URL") {
		t.Fatalf("err = %v", err)
	}
}

// TestErrorWithoutStatusName: statuses Go has no name for (Zoom's 344 and
// 354, the proxies' 520-530) still say the status and what to do, and
// Zoom's own message is kept to one clean line.
func TestErrorWithoutStatusName(t *testing.T) {
	tests := []struct {
		status int
		body   string
		want   string
	}{
		{520, ``, "zoom: GET /users/me: HTTP 520: Zoom's servers failed, try again later"},
		{530, `<html>origin error</html>`, "zoom: GET /users/me: HTTP 530: Zoom's servers failed, try again later"},
		{344, `{}`, "zoom: GET /users/me: HTTP 344: unexpected answer from Zoom, try again later"},
		{354, `{"code":354}`, "zoom: GET /users/me: HTTP 354: unexpected answer from Zoom, try again later"},
		{499, `{"message":""}`, "zoom: GET /users/me: HTTP 499: Zoom refused the request"},
		{503, ``, "zoom: GET /users/me: HTTP 503: Service Unavailable: Zoom has a problem, try again later"},
		{401, `{"code":124,"message":"Invalid access token."}`, "zoom: GET /users/me: HTTP 401, code 124: Invalid access token."},
		{400, `{"code":300,"message":"bad\n\u001b[31mred\u202eevil"}`, "zoom: GET /users/me: HTTP 400, code 300: bad [31mred evil"},
	}
	for _, tt := range tests {
		ze := decodeError([]byte(tt.body), tt.status)
		ze.Method, ze.Path = "GET", "/users/me"
		if got := ze.Error(); got != tt.want {
			t.Errorf("%d %q: %q, want %q", tt.status, tt.body, got, tt.want)
		}
	}
	if got := (&Error{StatusCode: 520}).Error(); got != "zoom: HTTP 520: Zoom's servers failed, try again later" {
		t.Errorf("bare error: %q", got)
	}
	long := decodeError([]byte(`{"message":"`+strings.Repeat("é", 5000)+`"}`), 400)
	if n := utf8.RuneCountInString(long.Message); n != 300 || !utf8.ValidString(long.Message) {
		t.Errorf("a long message kept %d runes (valid %v), want 300", n, utf8.ValidString(long.Message))
	}
}

// TestOneBadItemKeepsTheList: a meeting or recording Zoom lists that cannot
// be read (an id "abc", a topic that is a number, a start in year 9999, a
// null) is left out and counted; the rest of the list is kept, durations
// clamped to 0..24 h and topics cut to MaxTopicRunes on a rune boundary.
func TestOneBadItemKeepsTheList(t *testing.T) {
	hugeTopic := strings.Repeat("é", 1<<19) // 1 MiB
	items := []string{
		`{"id":"abc","topic":"Bad id"}`,
		`{"id":11,"topic":"Negative","start_time":"2026-11-20T10:00:00Z","duration":-30}`,
		`{"id":12,"topic":"Absurd","start_time":"2026-11-20T11:00:00Z","duration":9999999}`,
		`{"id":13,"topic":"Far future","start_time":"9999-01-01T00:00:00Z"}`,
		`{"id":14,"topic":"` + hugeTopic + `","start_time":"2026-11-20T12:00:00Z","type":"2","duration":"45"}`,
		`null`,
		`{"id":15,"topic":7}`,
		`{"id":16,"topic":"Good","start_time":"2026-11-20T13:00:00Z","duration":45,"created_at":"1900-01-01T00:00:00Z"}`,
		`{"id":17,"topic":"Ancient","start_time":"1999-01-01T00:00:00Z"}`,
	}
	body := `{"next_page_token":"","meetings":[` + strings.Join(items, ",") + `]}`
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", "Fri, 20 Nov 2026 18:00:00 GMT")
		io.WriteString(w, body)
	})
	c := newTestClient(h, Options{})
	ctx := context.Background()
	for name, list := range map[string]func() (MeetingList, error){
		"users/me/meetings":          func() (MeetingList, error) { return c.ListUpcomingMeetings(ctx) },
		"users/me/upcoming_meetings": func() (MeetingList, error) { return c.ListUpcomingInvited(ctx) },
	} {
		l, err := list()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var ids []int64
		for _, m := range l.Meetings {
			ids = append(ids, m.ID)
		}
		if want := []int64{11, 12, 14, 16}; !reflect.DeepEqual(ids, want) || l.Skipped != 5 {
			t.Fatalf("%s: kept %v, skipped %d; want %v and 5", name, ids, l.Skipped, want)
		}
		if l.Meetings[0].Duration != 0 || l.Meetings[1].Duration != 24*60 {
			t.Errorf("%s: durations %d and %d, want 0 and 1440", name, l.Meetings[0].Duration, l.Meetings[1].Duration)
		}
		topic := l.Meetings[2].Topic
		if utf8.RuneCountInString(topic) != MaxTopicRunes || !utf8.ValidString(topic) || !strings.HasPrefix(topic, "éé") || !strings.HasSuffix(topic, "…") {
			t.Errorf("%s: long topic kept as %d runes (valid %v)", name, utf8.RuneCountInString(topic), utf8.ValidString(topic))
		}
		if m := l.Meetings[2]; m.Type != MeetingScheduled || m.Duration != 45 {
			t.Errorf("%s: numeric strings read as type %d, duration %d", name, m.Type, m.Duration)
		}
		if m := l.Meetings[3]; m.Topic != "Good" || m.StartTime.IsZero() {
			t.Errorf("%s: the good meeting %+v (its created_at in 1900 is not read)", name, m)
		}
	}

	// Recordings: the list keeps the good ones and the scanner counts the rest.
	recs := `{"meetings":[` + strings.Join([]string{
		`{"uuid":"a==","id":"abc"}`,
		`{"uuid":"b==","id":2,"topic":"Good","type":"2","start_time":"2026-11-20T10:00:00Z","duration":"30","total_size":"100",
		  "recording_count":"2","recording_files":[{"file_type":"MP4","file_size":"12","play_url":"p"},{"file_type":"M4A","play_url":9}]}`,
		`{"uuid":"c==","id":3,"start_time":"9999-12-31T00:00:00Z"}`,
		`{"uuid":"d==","id":4,"topic":"` + hugeTopic + `","start_time":"2026-11-20T11:00:00Z","duration":-5}`,
		`{"id":0,"topic":"No identity","start_time":"2026-11-20T11:00:00Z"}`,
	}, ",") + `]}`
	h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", "Fri, 20 Nov 2026 18:00:00 GMT")
		io.WriteString(w, recs)
	})
	c = newTestClient(h, Options{})
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	list, err := c.ListRecordings(ctx, day, day)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].UUID != "b==" || list[1].UUID != "d==" {
		t.Fatalf("ListRecordings kept %+v, want b== and d==", list)
	}
	if r := list[0]; r.Type != 2 || r.Duration != 30 || len(r.RecordingFiles) != 1 || r.RecordingFiles[0].FileType != FileMP4 {
		t.Errorf("numeric strings: %+v (the file whose play_url is a number is left out)", r)
	}
	if r := list[1]; r.Duration != 0 || utf8.RuneCountInString(r.Topic) != MaxTopicRunes {
		t.Errorf("tidied: duration %d, topic %d runes", r.Duration, utf8.RuneCountInString(r.Topic))
	}
	sc := c.RecordingsScanner()
	var got []string
	if _, err := sc.Page(ctx, day, day, "", func(s *RecordingSummary) { got = append(got, s.UUID+" "+strconv.Itoa(len(s.Files))) }); err != nil {
		t.Fatal(err)
	}
	// (The lean reading counts b==, whose file has a number for play_url,
	// as unreadable: it reads the files' text only.)
	if want := []string{"d== 0"}; !reflect.DeepEqual(got, want) || sc.Skipped() != 4 {
		t.Errorf("scanner handed %q and skipped %d; want %q and 4", got, sc.Skipped(), want)
	}
}

// TestNumericStrings: Zoom's schema declares the recordings' meeting type
// a string ("2"); every number the client reads accepts a numeric string
// as well as a number.
func TestNumericStrings(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v2/meetings/u1==/recordings":
			io.WriteString(w, `{"uuid":"u1==","id":"85000000001","type":"2","duration":"45","total_size":"1000","recording_count":"1",
				"start_time":"2026-11-20T10:00:00Z","recording_files":[{"file_type":"MP4","file_size":"12.5e1","status":"completed"}]}`)
		case "/v2/past_meetings/u1==":
			io.WriteString(w, `{"uuid":"u1==","id":1,"type":"2","duration":"45","total_minutes":"90","participants_count":"3"}`)
		case "/v2/meetings/1":
			io.WriteString(w, `{"id":1,"type":"8","duration":"30","occurrences":[{"occurrence_id":"1","duration":"30"}]}`)
		case "/v2/users/me":
			io.WriteString(w, `{"id":"u","email":"a@b.example","type":"2"}`)
		case "/v2/users/me/settings":
			io.WriteString(w, `{"recording":{"auto_delete_cmr_days":"30"}}`)
		}
	})
	c := newTestClient(h, Options{})
	ctx := context.Background()
	rec, err := c.GetMeetingRecordings(ctx, "u1==")
	if err != nil {
		t.Fatal(err)
	}
	if rec.Type != 2 || rec.Duration != 45 || rec.ID != 85000000001 || len(rec.RecordingFiles) != 1 {
		t.Errorf("recording %+v", rec)
	}
	past, err := c.GetPastMeeting(ctx, "u1==")
	if err != nil || past.Type != 2 || past.Duration != 45 {
		t.Errorf("past meeting %+v, %v", past, err)
	}
	d, err := c.GetMeeting(ctx, 1)
	if err != nil || d.Type != 8 || d.Duration != 30 || len(d.Occurrences) != 1 || d.Occurrences[0].Duration != 30 {
		t.Errorf("meeting %+v, %v", d, err)
	}
	u, err := c.Me(ctx)
	if err != nil || u.Type != 2 {
		t.Errorf("user %+v, %v", u, err)
	}
	s, err := c.GetSettings(ctx)
	if err != nil || s.Recording.AutoDeleteCMRDays == nil || *s.Recording.AutoDeleteCMRDays != 30 {
		t.Errorf("settings %+v, %v", s, err)
	}
}
