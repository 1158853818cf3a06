package sync

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strconv"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// badItemTransport adds an item that cannot be read to the meetings of
// every meeting list and of the recordings list of one date.
type badItemTransport struct {
	base    http.RoundTripper
	recDate string // yyyy-mm-dd whose recordings list gets a bad item
}

func (b badItemTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := b.base.RoundTrip(r)
	if err != nil || resp.StatusCode != http.StatusOK {
		return resp, err
	}
	var bad string
	switch {
	case r.URL.Path == "/v2/users/me/meetings" || r.URL.Path == "/v2/users/me/upcoming_meetings":
		bad = `{"id":"abc","topic":"Interview: unreadable","start_time":"2026-03-03T12:00:00Z"}`
	case r.URL.Path == "/v2/users/me/recordings" && r.URL.Query().Get("from") == b.recDate && r.URL.Query().Get("next_page_token") == "":
		bad = `{"uuid":"bad==","id":"abc","topic":"Interview: unreadable","start_time":"9999-01-01T00:00:00Z"}`
	default:
		return resp, nil
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	var page map[string]json.RawMessage
	if err := json.Unmarshal(body, &page); err != nil {
		return nil, err
	}
	var items []json.RawMessage
	if err := json.Unmarshal(page["meetings"], &items); err != nil {
		return nil, err
	}
	page["meetings"], _ = json.Marshal(append(items, json.RawMessage(bad)))
	body, _ = json.Marshal(page)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
	return resp, nil
}

// TestUnreadableItemsInHealth: a meeting and a recording Zoom lists that
// cannot be read cost only themselves: the other interviews are shown and
// the health says how many were left out.
func TestUnreadableItemsInHealth(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		m := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: v.at(0, 11, 0)})
		v.sw.base = badItemTransport{base: v.sw.base, recDate: "2026-03-02"}
		e := v.start()
		defer v.stop()
		v.until(v.at(0, 9, 0))
		s := e.Snapshot()
		if _, ok := interview(s, m.ID); !ok {
			t.Fatalf("the readable interview is missing: %+v", s.Interviews)
		}
		if s.Health.LastError != "" {
			t.Errorf("health %+v", s.Health)
		}
		want := "1 meeting and 1 recording from Zoom could not be read."
		if s.Health.Unreadable != want {
			t.Errorf("Health.Unreadable = %q, want %q", s.Health.Unreadable, want)
		}
		if !slices.ContainsFunc(s.Problems, func(p Problem) bool { return p.Message == want }) {
			t.Errorf("problems %+v lack %q", s.Problems, want)
		}
	})
}

func TestUnreadableText(t *testing.T) {
	day := time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		u    unreadCounts
		want string
	}{
		{unreadCounts{}, ""},
		{unreadCounts{upcoming: 1}, "1 meeting from Zoom could not be read."},
		{unreadCounts{upcoming: 1, hosted: 3}, "3 meetings from Zoom could not be read."},
		{unreadCounts{listing: 2}, "2 recordings from Zoom could not be read."},
		{unreadCounts{hosted: 1, listing: 1}, "1 meeting and 1 recording from Zoom could not be read."},
	}
	for _, tt := range tests {
		u := tt.u
		u.listedDate(day, day)
		if got := u.text(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.u, got, tt.want)
		}
	}
	var u unreadCounts
	u.listing = 4
	u.listedDate(day.AddDate(0, 0, -20), day.AddDate(0, 0, -20))
	u.listedDate(day, day)
	if got := u.text(); got != "" {
		t.Errorf("a date long past still counts: %q", got)
	}
}
