package zoomsim

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestEmptySeed(t *testing.T) {
	e, tok := signedIn(t, "transport", Options{})
	if got := e.sim.Meetings(); len(got) != 0 {
		t.Errorf("%d meetings", len(got))
	}
	if list := decode[wireMeetingList](t, e.call("GET", "/users/me/meetings", tok, nil)); list.TotalRecords != 0 || list.Meetings == nil {
		t.Errorf("list %+v", list)
	}
	if e.sim.Settings()["recording"].(map[string]any)["local_recording"] != true {
		t.Error("empty seed: local recording should be on (Zoom's default)")
	}
}

func TestDemoSeed(t *testing.T) {
	e, tok := signedIn(t, "transport", Options{Seed: "demo"})
	now := e.sim.Now()
	ms := e.sim.Meetings()

	var hostedFuture, invited, team, ready, processing []SimMeeting
	for _, m := range ms {
		if !joinURLRE.MatchString(m.JoinURL) || strings.Contains(m.JoinURL, "127.0.0.1") {
			t.Errorf("%q: join_url %q", m.Topic, m.JoinURL)
		}
		if !strings.Contains(m.Topic, "Interview") {
			team = append(team, m)
		}
		switch {
		case m.Host == "other" && m.Invited:
			invited = append(invited, m)
		case m.Recording == "ready":
			ready = append(ready, m)
		case m.Recording == "processing":
			processing = append(processing, m)
		case m.Host == "me" && m.StartTime.After(now) && strings.Contains(m.Topic, "Interview"):
			hostedFuture = append(hostedFuture, m)
		}
	}
	days := map[string]bool{}
	for _, m := range hostedFuture {
		days[m.StartTime.Format(dateLayout)] = true
	}
	if len(hostedFuture) < 4 || len(days) < 3 {
		t.Errorf("%d future hosted interviews over %d days, want several across days", len(hostedFuture), len(days))
	}
	if len(invited) != 1 || invited[0].HostEmail == e.sim.User().Email || !strings.Contains(invited[0].Topic, "Interview") ||
		invited[0].StartTime.Sub(now) > 24*time.Hour {
		t.Errorf("invited %+v", invited)
	}
	if len(team) != 1 || team[0].Host != "me" {
		t.Errorf("team meetings %+v", team)
	}
	if len(ready) != 1 || !strings.HasPrefix(ready[0].UUID, "/") || ready[0].Status != "ended" {
		t.Errorf("ready %+v", ready)
	}
	if len(processing) != 1 || !strings.Contains(processing[0].UUID, "//") || processing[0].Status != "ended" {
		t.Errorf("processing %+v", processing)
	}

	// One interview starts about 11 minutes after start-up.
	up := decode[wireUpcomingList](t, e.call("GET", "/users/me/upcoming_meetings", tok, nil))
	first, _ := time.Parse(zoomTimeLayout, up.Meetings[0].StartTime)
	if d := first.Sub(now); d < 10*time.Minute+29*time.Second || d > 11*time.Minute+31*time.Second {
		t.Errorf("first upcoming meeting starts in %v", d)
	}
	seenInvited := false
	for _, m := range up.Meetings {
		seenInvited = seenInvited || m.ID == invited[0].ID
	}
	if !seenInvited {
		t.Error("the invited interview is not in upcoming_meetings")
	}

	// The seeded UUIDs work double-encoded.
	for _, m := range []SimMeeting{ready[0], processing[0]} {
		wantStatus(t, e.call("GET", "/past_meetings/"+url.PathEscape(url.PathEscape(m.UUID)), tok, nil), http.StatusOK)
	}
	wantStatus(t, e.call("GET", "/meetings/"+url.PathEscape(url.PathEscape(ready[0].UUID))+"/recordings", tok, nil), http.StatusOK)
	wantAPIError(t, e.call("GET", "/meetings/"+url.PathEscape(url.PathEscape(processing[0].UUID))+"/recordings", tok, nil), http.StatusNotFound, 3301)

	var short bool
	for _, m := range ms {
		short = short || m.ID < 10_000_000_000
	}
	if !short {
		t.Error("no 10-digit meeting ID in the demo seed")
	}
	if e.sim.Settings()["recording"].(map[string]any)["local_recording"] != false {
		t.Error("demo: local recording should be off")
	}
	if u := e.sim.User(); !strings.Contains(u.Email, "@") || u.FirstName == "" || u.Timezone == "" {
		t.Errorf("demo user %+v", u)
	}
}
