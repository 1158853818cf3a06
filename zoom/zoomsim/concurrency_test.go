package zoomsim

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestConcurrentClients drives one simulator from many goroutines over a
// real server; run with -race it checks that all state is guarded.
func TestConcurrentClients(t *testing.T) {
	e, tok := signedIn(t, "httptest", Options{Seed: "demo", Plan: "business", AutoEnd: true, RecordingDelay: time.Minute})
	// send may run on any goroutine: it reports errors instead of failing.
	send := func(method, url, body string) (int, []byte, error) {
		req, err := http.NewRequest(method, url, strings.NewReader(body))
		if err != nil {
			return 0, nil, err
		}
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := e.client.Do(req)
		if err != nil {
			return 0, nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp.StatusCode, b, err
	}

	const workers, rounds = 8, 15
	var wg sync.WaitGroup
	errs := make(chan error, workers*rounds*10)
	for w := range workers {
		wg.Go(func() {
			for i := range rounds {
				start := e.sim.Now().Add(time.Duration(i) * time.Minute)
				status, body, err := send("POST", e.ctlURL+"/meetings",
					fmt.Sprintf(`{"topic":"Interview %d-%d","start_time":%q,"duration":1}`, w, i, start.Format(time.RFC3339)))
				var m SimMeeting
				if err == nil && status == http.StatusCreated {
					err = json.Unmarshal(body, &m)
				}
				if err != nil || status != http.StatusCreated {
					errs <- fmt.Errorf("worker %d: create: %d %s %v", w, status, body, err)
					return
				}
				for _, c := range []struct{ method, url, body string }{
					{"GET", e.api + "/users/me/meetings?type=upcoming&page_size=5", ""},
					{"GET", e.api + "/users/me/upcoming_meetings", ""},
					{"GET", fmt.Sprintf("%s/meetings/%d", e.api, m.ID), ""},
					{"PATCH", e.api + "/users/me/settings", `{"recording":{"local_recording":true}}`},
					{"POST", fmt.Sprintf("%s/meetings/%d/recording", e.ctlURL, m.ID), ""},
					{"GET", e.api + "/users/me/recordings", ""},
					{"GET", e.ctlURL + "/stats", ""},
					{"GET", e.ctlURL + "/tokens", ""},
				} {
					status, body, err := send(c.method, c.url, c.body)
					switch {
					case err != nil:
						errs <- err
					case status != http.StatusOK && status != http.StatusNoContent && status != http.StatusTooManyRequests:
						errs <- fmt.Errorf("worker %d: %s %s: %d %s", w, c.method, c.url, status, body)
					}
				}
				e.sim.Advance(time.Second)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := len(e.sim.Meetings()); got != 9+workers*rounds {
		t.Errorf("%d meetings, want %d", got, 9+workers*rounds)
	}
}
