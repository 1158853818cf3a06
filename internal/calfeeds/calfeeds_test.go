package calfeeds

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/interviewtray/interviewtray/auth"
	"github.com/interviewtray/interviewtray/calendar"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

const feed = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" +
	"BEGIN:VEVENT\r\nUID:panel-1\r\nDTSTAMP:20261201T000000Z\r\nDTSTART:20261208T150000Z\r\nDTEND:20261208T160000Z\r\n" +
	"SUMMARY:Interview panel: Ada\r\nLOCATION:https://acme.zoom.us/j/86512345678?pwd=abc\r\n" +
	"DESCRIPTION:Meeting ID: 865 1234 5678\\nPasscode: 424242\r\n" +
	"ORGANIZER;CN=Cora:mailto:cora@acme.example\r\nATTENDEE;CN=Ada;PARTSTAT=ACCEPTED:mailto:ada@gmail.com\r\n" +
	"END:VEVENT\r\nEND:VCALENDAR\r\n"

// server serves feed at a secret path with an ETag, and 404 elsewhere.
func server(t *testing.T) (*httptest.Server, string, *int) {
	t.Helper()
	full := new(int)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/calendar/private-s3cr3tt0ken/basic.ics" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		*full++
		w.Header().Set("Content-Type", "text/calendar")
		_, _ = w.Write([]byte(feed))
	}))
	t.Cleanup(srv.Close)
	return srv, srv.URL + "/calendar/private-s3cr3tt0ken/basic.ics", full
}

func newFeeds(t *testing.T) *Feeds {
	t.Helper()
	keyring.MockInit()
	return New(Options{Keychain: auth.NewKeychain(auth.SystemKeyring{}, "interviewtray-test", time.Second), AllowLoopbackHTTP: true})
}

func TestAddReadRemove(t *testing.T) {
	ctx := context.Background()
	_, addr, full := server(t)
	f := newFeeds(t)
	src, err := f.Add(ctx, "", addr)
	if err != nil {
		t.Fatal(err)
	}
	if src.ID == "" || src.Name != "127.0.0.1" || !strings.HasSuffix(src.Masked, ".ics") || strings.Contains(src.Masked, "s3cr3t") {
		t.Errorf("source = %+v", src)
	}
	// What settings.json would hold has no secret.
	b, _ := json.Marshal(src)
	if strings.Contains(string(b), "s3cr3t") {
		t.Errorf("the source's JSON holds the secret: %s", b)
	}
	// The keychain has it, for a fresh process too.
	g := New(Options{Keychain: auth.NewKeychain(auth.SystemKeyring{}, "interviewtray-test", time.Second), AllowLoopbackHTTP: true})
	req := meetingsync.CalendarRequest{Source: src, From: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}
	res, err := g.ReadCalendar(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Events) != 1 || res.ETag != `"v1"` || res.Found != 1 {
		t.Fatalf("read = %+v", res)
	}
	ev := res.Events[0]
	if ev.MeetingID != 86512345678 || ev.Passcode != "424242" || !strings.HasPrefix(ev.JoinURL, "https://acme.zoom.us/j/86512345678") ||
		ev.Organizer.Email != "cora@acme.example" || len(ev.Attendees) != 1 || ev.Attendees[0].Email != "ada@gmail.com" ||
		!ev.Start.Equal(time.Date(2026, 12, 8, 15, 0, 0, 0, time.UTC)) {
		t.Errorf("event = %+v", ev)
	}
	// A conditional read costs a 304 and no parse.
	req.ETag = res.ETag
	if res, err := g.ReadCalendar(ctx, req); err != nil || !res.NotModified || *full != 1 {
		t.Errorf("conditional read = %+v, %v (%d full reads)", res, err, *full)
	}

	if err := f.Remove(ctx, src.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := auth.NewStore(auth.NewKeychain(auth.SystemKeyring{}, "interviewtray-test", time.Second), keychainName(src.ID)).Read(ctx); err != keyring.ErrNotFound {
		t.Errorf("the address is still in the keychain: %v", err)
	}
	if _, err := f.ReadCalendar(ctx, req); err == nil || !strings.Contains(err.Error(), "not in the keychain") {
		t.Errorf("reading a removed calendar: %v", err)
	}
}

// Errors say what to do and never hold the address.
func TestErrorsHoldNoSecret(t *testing.T) {
	ctx := context.Background()
	srv, _, _ := server(t)
	f := newFeeds(t)
	for _, tc := range []struct{ addr, want string }{
		{srv.URL + "/calendar/private-0ldt0ken/basic.ics", "no longer works"},
		{"http://calendar.example.com/private-0ldt0ken/basic.ics", "https"},
		{"", "not a calendar address"},
	} {
		_, err := f.Check(ctx, tc.addr, calendar.Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "0ldt0ken") {
			t.Errorf("Check(%q) = %v, want an error saying %q without the secret", tc.addr, err, tc.want)
		}
		if _, err := f.Add(ctx, "x", tc.addr); tc.want != "no longer works" && (err == nil || strings.Contains(err.Error(), "0ldt0ken")) {
			t.Errorf("Add(%q) = %v", tc.addr, err)
		}
	}
}

func TestNormalize(t *testing.T) {
	f := newFeeds(t)
	if n, err := f.Normalize("webcal://p01-calendars.icloud.com/published/2/abc"); err != nil || n != "https://p01-calendars.icloud.com/published/2/abc" {
		t.Errorf("webcal = %q, %v", n, err)
	}
	strict := New(Options{Keychain: f.opts.Keychain})
	if _, err := strict.Normalize("http://127.0.0.1:47652/calendar/x.ics"); err == nil {
		t.Error("loopback http accepted without AllowLoopbackHTTP")
	}
	if _, err := f.Normalize("http://127.0.0.1:47652/calendar/x.ics"); err != nil {
		t.Errorf("loopback http refused with AllowLoopbackHTTP: %v", err)
	}
	if _, err := f.Normalize("http://192.0.2.1/calendar/x.ics"); err == nil {
		t.Error("http to another host accepted")
	}
}
