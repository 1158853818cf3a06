package zoomsim

import (
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestJoinLinkGetsTheDemoPage: the simulator answers a meeting's join
// link with a page that says it is a demo meeting (never a redirect to
// Zoom), naming the meeting only for the link's own passcode token, and
// never as markup.
func TestJoinLinkGetsTheDemoPage(t *testing.T) {
	s, err := New(Options{ClientID: "c"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.CreateMeeting(MeetingSpec{Topic: "Interview: <b>Ada</b>", StartTime: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	join, err := url.Parse(m.JoinURL)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: s.Transport(), CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(u string) (int, string) {
		t.Helper()
		resp, err := client.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("content type %q", ct)
		}
		return resp.StatusCode, string(b)
	}
	// The agent opens it on the simulator's own address.
	status, page := get("http://127.0.0.1:47652" + join.RequestURI())
	if status != http.StatusOK || !strings.Contains(page, "This is a demo meeting") ||
		!strings.Contains(page, "Interview: &lt;b&gt;Ada&lt;/b&gt;") || !strings.Contains(page, strconv.FormatInt(m.ID, 10)) {
		t.Errorf("join page: %d\n%s", status, page)
	}
	status, page = get("http://127.0.0.1:47652/j/" + strconv.FormatInt(m.ID, 10) + "?pwd=wrong")
	if status != http.StatusNotFound || strings.Contains(page, "Ada") || !strings.Contains(page, "demo meeting") {
		t.Errorf("wrong passcode: %d\n%s", status, page)
	}
}
