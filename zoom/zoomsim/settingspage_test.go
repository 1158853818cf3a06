package zoomsim

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestSettingsWebPage: the simulator's settings page shows the demo
// account's recording settings as they stand, locks included.
func TestSettingsWebPage(t *testing.T) {
	s, err := New(Options{ClientID: "c", Seed: "demo"})
	if err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	s.locked["recording.cloud_recording"] = true
	s.mu.Unlock()
	client := &http.Client{Transport: s.Transport()}
	resp, err := client.Get("http://127.0.0.1:47652/profile/setting?tab=recording")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	page := string(b)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, want := range []string{"Recording settings (demo)", s.User().Email, "<td>local_recording</td><td>false</td>", "cloud_recording", "locked by the admin"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q:\n%s", want, page)
		}
	}
}
