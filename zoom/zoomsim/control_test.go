package zoomsim

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestControlCreateMeeting(t *testing.T) {
	eachMode(t, func(t *testing.T, mode string) {
		e, tok := signedIn(t, mode, Options{})
		start := e.sim.Now().Add(2 * time.Hour).Truncate(time.Minute)
		r := e.ctl("POST", "/meetings", map[string]any{
			"topic":             "Interview: Ada Lovelace — Analyst",
			"agenda":            "Engines.",
			"start_time":        start.Format(time.RFC3339),
			"duration":          45,
			"alternative_hosts": "sam@example.com;" + e.sim.User().Email,
		}, http.StatusCreated)
		m := decode[SimMeeting](t, r)
		if m.ID < 10_000_000_000 || m.ID > 99_999_999_999 || len(m.UUID) != 24 || !strings.HasSuffix(m.UUID, "==") ||
			m.Topic != "Interview: Ada Lovelace — Analyst" || !m.StartTime.Equal(start) || m.Duration != 45 ||
			m.Host != "me" || m.HostID != e.sim.User().ID || !m.CloudRecording || m.Status != "waiting" ||
			m.Recording != "waiting" || m.Password == "" || !joinURLRE.MatchString(m.JoinURL) || m.Timezone != "America/New_York" {
			t.Fatalf("created %+v", m)
		}
		// The REST API sees what the control API created.
		got := decode[wireMeeting](t, e.call("GET", fmt.Sprintf("/meetings/%d", m.ID), tok, nil))
		if got.UUID != m.UUID || got.Password != m.Password || got.JoinURL != m.JoinURL || got.Agenda != "Engines." ||
			got.Settings.AlternativeHosts != m.AlternativeHosts {
			t.Errorf("REST view %+v of %+v", got, m)
		}
		// Defaults.
		d := e.meeting(map[string]any{"start_time": start.Format(time.RFC3339), "host": "other"})
		if d.Topic != "Zoom Meeting" || d.Duration != 60 || d.Host != "other" || d.CloudRecording || d.Recording != "none" ||
			d.HostEmail != "jordan.reyes@northwind.example" || d.Invited {
			t.Errorf("defaults %+v", d)
		}
		listed := decode[[]SimMeeting](t, e.ctl("GET", "/meetings", nil, http.StatusOK))
		if len(listed) != 2 {
			t.Errorf("listed %d meetings, want 2", len(listed))
		}
	})
}

func TestControlCreateMeetingRejectsBadInput(t *testing.T) {
	e := newEnv(t, "transport", Options{})
	for _, body := range []string{
		`{"topic":"no start"}`,
		`{"start_time":"tomorrow"}`,
		`{"start_time":"2030-01-01T10:00:00Z","host":"boss"}`,
		`{"start_time":"2030-01-01T10:00:00Z","duration":-5}`,
		`{"start_time":"2030-01-01T10:00:00Z","topik":"typo"}`,
		`{"start_time":"2030-01-01T10:00:00Z","topic":"` + strings.Repeat("x", 201) + `"}`,
		``,
	} {
		r := e.do("POST", e.ctlURL+"/meetings", nil, body)
		wantStatus(t, r, http.StatusBadRequest)
		if decode[map[string]string](t, r)["error"] == "" {
			t.Errorf("%q: no error message", body)
		}
	}
	if len(e.sim.Meetings()) != 0 {
		t.Error("a bad request created a meeting")
	}
}

func TestControlRescheduleRenameCancel(t *testing.T) {
	eachMode(t, func(t *testing.T, mode string) {
		e, tok := signedIn(t, mode, Options{})
		now := e.sim.Now()
		m := e.meeting(map[string]any{"topic": "Interview: first", "start_time": now.Add(time.Hour).Format(time.RFC3339)})
		later := now.Add(30 * time.Hour).Truncate(time.Second)

		r := e.ctl("PATCH", fmt.Sprintf("/meetings/%d", m.ID),
			map[string]any{"start_time": later.Format(time.RFC3339), "duration": 90, "topic": "Interview: moved"}, http.StatusOK)
		if got := decode[SimMeeting](t, r); !got.StartTime.Equal(later) || got.Duration != 90 || got.Topic != "Interview: moved" {
			t.Fatalf("after PATCH %+v", got)
		}
		list := decode[wireMeetingList](t, e.call("GET", "/users/me/meetings?type=upcoming", tok, nil))
		if len(list.Meetings) != 1 || list.Meetings[0].StartTime != zoomTime(later) || list.Meetings[0].Topic != "Interview: moved" {
			t.Fatalf("REST list after PATCH %+v", list.Meetings)
		}
		// More than 24 hours away now: gone from upcoming_meetings.
		if up := decode[wireUpcomingList](t, e.call("GET", "/users/me/upcoming_meetings", tok, nil)); up.TotalRecords != 0 {
			t.Errorf("upcoming_meetings still lists it: %+v", up)
		}
		// Only the topic changes when only the topic is given.
		got := decode[SimMeeting](t, e.ctl("PATCH", fmt.Sprintf("/meetings/%d", m.ID), map[string]any{"topic": "Interview: renamed"}, http.StatusOK))
		if got.Topic != "Interview: renamed" || !got.StartTime.Equal(later) || got.Duration != 90 {
			t.Errorf("after topic PATCH %+v", got)
		}
		e.ctl("PATCH", fmt.Sprintf("/meetings/%d", m.ID), map[string]any{"duration": 0}, http.StatusBadRequest)
		e.ctl("PATCH", "/meetings/12345678901", map[string]any{"topic": "x"}, http.StatusNotFound)

		e.ctl("DELETE", fmt.Sprintf("/meetings/%d", m.ID), nil, http.StatusNoContent)
		wantAPIError(t, e.call("GET", fmt.Sprintf("/meetings/%d", m.ID), tok, nil), http.StatusNotFound, 3001)
		if list := decode[wireMeetingList](t, e.call("GET", "/users/me/meetings", tok, nil)); list.TotalRecords != 0 {
			t.Errorf("deleted meeting still listed")
		}
		e.ctl("DELETE", fmt.Sprintf("/meetings/%d", m.ID), nil, http.StatusNotFound)
		e.ctl("POST", fmt.Sprintf("/meetings/%d/end", m.ID), nil, http.StatusNotFound)
		e.ctl("DELETE", "/meetings/not-a-number", nil, http.StatusNotFound)
	})
}

func TestControlEndedMeetingCannotBeRescheduled(t *testing.T) {
	e, tok := signedIn(t, "transport", Options{})
	m, _ := e.sim.CreateMeeting(MeetingSpec{Topic: "Interview", StartTime: e.sim.Now()})
	if _, err := e.sim.EndMeeting(m.ID); err != nil {
		t.Fatal(err)
	}
	e.ctl("PATCH", fmt.Sprintf("/meetings/%d", m.ID), map[string]any{"topic": "Interview: later"}, http.StatusConflict)
	// A past instance outlives the cancellation.
	if err := e.sim.DeleteMeeting(m.ID); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, e.call("GET", fmt.Sprintf("/past_meetings/%d", m.ID), tok, nil), http.StatusOK)
}

func TestControlEndBeforeStart(t *testing.T) {
	e, tok := signedIn(t, "transport", Options{})
	m, _ := e.sim.CreateMeeting(MeetingSpec{Topic: "Interview", StartTime: e.sim.Now().Add(time.Hour)})
	got, err := e.sim.EndMeeting(m.ID)
	if err != nil || got.Status != "ended" {
		t.Fatalf("EndMeeting: %+v, %v", got, err)
	}
	pm := decode[wirePastMeeting](t, e.call("GET", fmt.Sprintf("/past_meetings/%d", m.ID), tok, nil))
	if pm.StartTime != pm.EndTime || pm.Duration != 0 {
		t.Errorf("a meeting ended before its start: %+v", pm)
	}
}

func TestControlSettings(t *testing.T) {
	e := newEnv(t, "httptest", Options{})
	st := decode[settingsState](t, e.ctl("GET", "/settings", nil, http.StatusOK))
	if st.Settings["recording"].(map[string]any)["local_recording"] != true || len(st.Locked) != 0 {
		t.Fatalf("empty seed settings %+v", st)
	}
	for _, body := range []string{
		`{"recording":{"local_recording":"off"}}`,
		`{"locked":["no_such_setting"]}`,
		`{"locked":"local_recording"}`,
		`{"locked":[1]}`,
		`{"recording":`,
	} {
		r := e.do("PUT", e.ctlURL+"/settings", nil, body)
		wantStatus(t, r, http.StatusBadRequest)
	}
	if got := e.sim.LockedSettings(); len(got) != 0 {
		t.Errorf("a bad request locked %v", got)
	}
	// The Go twin.
	if err := e.sim.SetSettings(SettingsUpdate{Patch: map[string]any{"recording": map[string]any{"auto_delete_cmr_days": 90}},
		Locked: []string{"recording.cloud_recording"}}); err != nil {
		t.Fatal(err)
	}
	if got := e.sim.Settings()["recording"].(map[string]any)["auto_delete_cmr_days"]; got != 90.0 {
		t.Errorf("auto_delete_cmr_days %v", got)
	}
	if got := e.sim.LockedSettings(); !slices.Equal(got, []string{"recording.cloud_recording"}) {
		t.Errorf("locked %v", got)
	}
	if err := e.sim.SetSettings(SettingsUpdate{Patch: map[string]any{"recording": map[string]any{"auto_delete_cmr_days": 45}}}); err == nil {
		t.Error("an invalid enum value was accepted")
	}
}

func TestControlClock(t *testing.T) {
	e := newEnv(t, "transport", Options{})
	before := decode[clockState](t, e.ctl("GET", "/clock", nil, http.StatusOK)).Now
	after := decode[clockState](t, e.ctl("POST", "/clock", map[string]string{"advance": "90m"}, http.StatusOK)).Now
	if d := after.Sub(before); d < 90*time.Minute || d > 91*time.Minute {
		t.Errorf("clock moved by %v, want 90m", d)
	}
	if now := e.sim.Now(); now.Before(after) {
		t.Errorf("Now() %v is before the advanced clock %v", now, after)
	}
	for _, body := range []string{`{"advance":"-1h"}`, `{"advance":"soon"}`, `{}`} {
		wantStatus(t, e.do("POST", e.ctlURL+"/clock", nil, body), http.StatusBadRequest)
	}
	defer func() {
		if recover() == nil {
			t.Error("Advance(-1) did not panic")
		}
	}()
	e.sim.Advance(-1)
}

func TestControlStatsAndUser(t *testing.T) {
	eachMode(t, func(t *testing.T, mode string) {
		e, tok := signedIn(t, mode, Options{Seed: "demo"})
		e.call("GET", "/users/me", tok, nil)
		e.call("GET", "/users/me", tok, nil)
		m := e.sim.Meetings()[0]
		e.call("GET", fmt.Sprintf("/meetings/%d", m.ID), tok, nil)
		e.call("GET", "/meetings/"+strings.ReplaceAll(m.UUID, "/", "%252F")+"/recordings", tok, nil)
		e.refresh(e.sim.Tokens()[1].Value)
		e.ctl("GET", "/user", nil, http.StatusOK) // control calls are not counted

		st := decode[Stats](t, e.ctl("GET", "/stats", nil, http.StatusOK))
		want := map[string]int{
			"GET /oauth/authorize":                    1,
			"POST /oauth/token":                       2,
			"GET /v2/users/me":                        2,
			"GET /v2/meetings/{meetingId}":            1,
			"GET /v2/meetings/{meetingId}/recordings": 1,
		}
		if len(st.Requests) != len(want) {
			t.Errorf("requests %v, want %v", st.Requests, want)
		}
		for k, n := range want {
			if st.Requests[k] != n {
				t.Errorf("requests[%q] = %d, want %d", k, st.Requests[k], n)
			}
		}
		if st.Grants != 1 || st.TokenRefreshes != 1 || st.Revoked != 0 {
			t.Errorf("stats %+v", st)
		}
		u := decode[SimUser](t, e.ctl("GET", "/user", nil, http.StatusOK))
		if u != e.sim.User() || u.Email != "maya.lindqvist@northwind.example" {
			t.Errorf("user %+v", u)
		}
	})
}

func TestControlUnknownEndpoint(t *testing.T) {
	e := newEnv(t, "transport", Options{})
	r := e.ctl("GET", "/nothing", nil, http.StatusNotFound)
	if decode[map[string]string](t, r)["error"] == "" {
		t.Error("no error message")
	}
	e.ctl("PUT", "/clock", nil, http.StatusNotFound)
	wantStatus(t, e.do("GET", strings.TrimSuffix(e.ctlURL, "/_sim")+"/", nil, nil), http.StatusNotFound)
}

func TestNewRejectsBadOptions(t *testing.T) {
	for _, o := range []Options{
		{},
		{ClientID: "x", Plan: "enterprise"},
		{ClientID: "x", Seed: "full"},
		{ClientID: "x", TokenTTL: -time.Second},
		{ClientID: "x", RecordingDelay: -time.Second},
		{ClientID: "x", RedirectURIs: []string{"/relative"}},
	} {
		if _, err := New(o); err == nil {
			t.Errorf("New(%+v) succeeded", o)
		}
	}
}

func TestGoHelpersMirrorControlAPI(t *testing.T) {
	e := newEnv(t, "transport", Options{AutoEnd: true})
	m, err := e.sim.CreateMeeting(MeetingSpec{Topic: "Interview: helper", StartTime: e.sim.Now().Add(time.Hour), Duration: 30})
	if err != nil {
		t.Fatal(err)
	}
	later := m.StartTime.Add(2 * time.Hour)
	topic, duration := "Interview: helper, moved", 50
	got, err := e.sim.UpdateMeeting(m.ID, MeetingUpdate{StartTime: &later, Duration: &duration, Topic: &topic})
	if err != nil || !got.StartTime.Equal(later) || got.Duration != 50 || got.Topic != topic {
		t.Fatalf("UpdateMeeting: %+v, %v", got, err)
	}
	if same, ok := e.sim.Meeting(m.ID); !ok || same != got {
		t.Errorf("Meeting(%d) = %+v, %v; want %+v", m.ID, same, ok, got)
	}
	if _, err := e.sim.UpdateMeeting(12345678901, MeetingUpdate{Topic: &topic}); !errors.Is(err, ErrNoMeeting) {
		t.Errorf("unknown meeting: %v", err)
	}
	// With AutoEnd the meeting is over at its end; then it cannot change.
	e.sim.Advance(3*time.Hour + 50*time.Minute)
	if got, _ := e.sim.Meeting(m.ID); got.Status != "ended" || !got.EndTime.Equal(later.Add(50*time.Minute)) {
		t.Errorf("after its end: %+v", got)
	}
	if _, err := e.sim.UpdateMeeting(m.ID, MeetingUpdate{Topic: &topic}); !errors.Is(err, ErrConflict) {
		t.Errorf("update after the end: %v", err)
	}
	if _, err := e.sim.EndMeeting(m.ID); !errors.Is(err, ErrConflict) {
		t.Errorf("end after the end: %v", err)
	}
	if err := e.sim.DeleteMeeting(m.ID); err != nil {
		t.Fatal(err)
	}
	if got, ok := e.sim.Meeting(m.ID); !ok || !got.Deleted {
		t.Errorf("deleted meeting %+v, %v", got, ok)
	}
	if _, ok := e.sim.Meeting(1); ok {
		t.Error("Meeting(1) found something")
	}
}
