package zoomsim

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// interviewBody is a create body as the app sends it.
func interviewBody(start time.Time) map[string]any {
	return map[string]any{
		"topic": "Interview: Ada Lovelace — Engineer", "type": 2,
		"start_time": start.UTC().Format(zoomTimeLayout), "timezone": "Europe/Berlin",
		"duration": 45, "agenda": "Introduction, experience, questions", "password": "Ab3dEf7hJk",
		"settings": map[string]any{
			"waiting_room": true, "join_before_host": false, "mute_upon_entry": false,
			"host_video": true, "participant_video": true, "audio": "both", "auto_recording": "local",
		},
	}
}

func TestCreateMeetingAppearsLikeSeeded(t *testing.T) {
	eachMode(t, func(t *testing.T, mode string) {
		e, tok := signedIn(t, mode, Options{})
		start := testStart.Add(26 * time.Hour)
		r := e.call("POST", "/users/me/meetings", tok, interviewBody(start))
		wantStatus(t, r, http.StatusCreated)
		if r.header.Get("X-RateLimit-Category") != "Medium" {
			t.Errorf("category %q, want Medium", r.header.Get("X-RateLimit-Category"))
		}
		m := decode[wireMeeting](t, r)
		if m.Topic != "Interview: Ada Lovelace — Engineer" || m.StartTime != zoomTime(start) || m.Duration != 45 ||
			m.Password != "Ab3dEf7hJk" || m.Timezone != "Europe/Berlin" || m.StartURL == "" || !joinURLRE.MatchString(m.JoinURL) {
			t.Errorf("created %+v", m)
		}
		s := m.Settings
		if !s.WaitingRoom || s.JoinBeforeHost || s.MuteUponEntry || !s.HostVideo || !s.ParticipantVideo || s.Audio != "both" || s.AutoRecording != "local" {
			t.Errorf("settings %+v", s)
		}
		// It is listed and readable like a seeded meeting.
		list := decode[wireMeetingList](t, e.call("GET", "/users/me/meetings?type=upcoming", tok, nil))
		if len(list.Meetings) != 1 || list.Meetings[0].ID != m.ID {
			t.Errorf("upcoming list %+v, want the new meeting", list.Meetings)
		}
		got := decode[wireMeeting](t, e.call("GET", fmt.Sprintf("/meetings/%d", m.ID), tok, nil))
		if got.Settings != m.Settings || got.Password != m.Password {
			t.Errorf("read back %+v, want %+v", got, m)
		}
	})
}

func TestCreateMeetingValidates(t *testing.T) {
	start := testStart.Add(time.Hour)
	with := func(k string, v any) map[string]any {
		b := interviewBody(start)
		if v == nil {
			delete(b, k)
		} else {
			b[k] = v
		}
		return b
	}
	tests := []struct {
		name  string
		body  any
		field string // "" for a body that is not an object
	}{
		{"no start", with("start_time", nil), "start_time"},
		{"start with an offset", with("start_time", "2026-06-10T12:00:00+02:00"), "start_time"},
		{"start not a time", with("start_time", "tomorrow"), "start_time"},
		{"duration 0", with("duration", 0), "duration"},
		{"duration over a day", with("duration", 1441), "duration"},
		{"duration a string", with("duration", "45"), "duration"},
		{"passcode too long", with("password", "abcdefghijk"), "password"},
		{"passcode with a space", with("password", "ab cd"), "password"},
		{"unknown zone", with("timezone", "Mars/Olympus"), "timezone"},
		{"topic too long", with("topic", strings.Repeat("x", 201)), "topic"},
		{"recurring", with("type", 8), "type"},
		{"bad recording", with("settings", map[string]any{"auto_recording": "tape"}), "settings.auto_recording"},
		{"not JSON", "{", ""},
	}
	e, tok := signedIn(t, "transport", Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.call("POST", "/users/me/meetings", tok, tt.body)
			ae := wantAPIError(t, r, http.StatusBadRequest, 300)
			if tt.field != "" && (len(ae.Errors) != 1 || ae.Errors[0].Field != tt.field) {
				t.Errorf("errors %+v, want field %s", ae.Errors, tt.field)
			}
		})
	}
	if n := len(e.sim.Meetings()); n != 0 {
		t.Errorf("%d meetings after refused creates, want 0", n)
	}
}

func TestCreateMeetingLocalTimeInZone(t *testing.T) {
	e, tok := signedIn(t, "transport", Options{})
	b := interviewBody(testStart)
	b["start_time"] = "2026-06-11T14:00:00" // Berlin summer time, UTC+2
	m := decode[wireMeeting](t, e.call("POST", "/users/me/meetings", tok, b))
	if m.StartTime != "2026-06-11T12:00:00Z" {
		t.Errorf("start %s, want 12:00 UTC", m.StartTime)
	}
}

func TestLockedSettingShapesNewMeeting(t *testing.T) {
	// Given an account that locks the waiting room off and a free plan
	// (no cloud recording), a meeting asking for both gets neither.
	e, tok := signedIn(t, "transport", Options{Plan: "free"})
	if err := e.sim.SetSettings(SettingsUpdate{
		Patch:  map[string]any{"in_meeting": map[string]any{"waiting_room": false}},
		Locked: []string{"in_meeting.waiting_room"},
	}); err != nil {
		t.Fatal(err)
	}
	b := interviewBody(testStart.Add(time.Hour))
	b["settings"].(map[string]any)["auto_recording"] = "cloud"
	m := decode[wireMeeting](t, e.call("POST", "/users/me/meetings", tok, b))
	if m.Settings.WaitingRoom || m.Settings.AutoRecording != "none" {
		t.Errorf("settings %+v, want waiting room off (locked) and no cloud recording (free)", m.Settings)
	}
	if !m.Settings.HostVideo {
		t.Errorf("an unlocked setting was not applied: %+v", m.Settings)
	}
}

func TestUpdateAndDeleteMeeting(t *testing.T) {
	eachMode(t, func(t *testing.T, mode string) {
		e, tok := signedIn(t, mode, Options{})
		m := decode[wireMeeting](t, e.call("POST", "/users/me/meetings", tok, interviewBody(testStart.Add(2*time.Hour))))
		path := fmt.Sprintf("/meetings/%d", m.ID)
		moved := testStart.Add(30 * time.Hour)
		r := e.call("PATCH", path, tok, map[string]any{"start_time": zoomTime(moved), "duration": 60})
		wantStatus(t, r, http.StatusNoContent)
		if r.header.Get("X-RateLimit-Category") != "Light" {
			t.Errorf("PATCH category %q, want Light", r.header.Get("X-RateLimit-Category"))
		}
		got := decode[wireMeeting](t, e.call("GET", path, tok, nil))
		if got.StartTime != zoomTime(moved) || got.Duration != 60 || got.Topic != m.Topic || got.Settings != m.Settings {
			t.Errorf("after PATCH %+v", got)
		}
		ae := wantAPIError(t, e.call("PATCH", path, tok, map[string]any{"start_time": "soon"}), http.StatusBadRequest, 300)
		if len(ae.Errors) != 1 || ae.Errors[0].Field != "start_time" {
			t.Errorf("errors %+v", ae.Errors)
		}
		wantStatus(t, e.call("DELETE", path+"?cancel_meeting_reminder=true", tok, nil), http.StatusNoContent)
		wantAPIError(t, e.call("GET", path, tok, nil), http.StatusNotFound, 3001)
		wantAPIError(t, e.call("DELETE", path, tok, nil), http.StatusNotFound, 3001)
		wantAPIError(t, e.call("PATCH", path, tok, map[string]any{"duration": 30}), http.StatusNotFound, 3001)
		list := decode[wireMeetingList](t, e.call("GET", "/users/me/meetings?type=upcoming", tok, nil))
		if len(list.Meetings) != 0 {
			t.Errorf("deleted meeting still listed: %+v", list.Meetings)
		}
	})
}

func TestWritesRefuseOthersMeetings(t *testing.T) {
	e, tok := signedIn(t, "transport", Options{})
	other := e.meeting(map[string]any{"topic": "Panel", "start_time": testStart.Add(time.Hour), "host": "other", "invited": true})
	path := fmt.Sprintf("/meetings/%d", other.ID)
	wantAPIError(t, e.call("PATCH", path, tok, map[string]any{"duration": 30}), http.StatusNotFound, 3001)
	wantAPIError(t, e.call("DELETE", path, tok, nil), http.StatusNotFound, 3001)
	if m, _ := e.sim.Meeting(other.ID); m.Deleted || m.Duration == 30 {
		t.Errorf("another host's meeting changed: %+v", m)
	}
}

func TestWritesNeedScopes(t *testing.T) {
	// Given a sign-in made before the app asked for the scheduling scopes.
	e, tok := signedIn(t, "transport", Options{Scopes: []string{"user:read:user", "meeting:read:list_meetings", "meeting:read:meeting"}})
	seeded := e.meeting(map[string]any{"topic": "Interview", "start_time": testStart.Add(time.Hour)})
	path := fmt.Sprintf("/meetings/%d", seeded.ID)
	for _, r := range []result{
		e.call("POST", "/users/me/meetings", tok, interviewBody(testStart.Add(time.Hour))),
		e.call("PATCH", path, tok, map[string]any{"duration": 30}),
		e.call("DELETE", path, tok, nil),
	} {
		ae := wantAPIError(t, r, http.StatusBadRequest, 4711)
		if !strings.Contains(ae.Message, "does not contain scopes") {
			t.Errorf("message %q", ae.Message)
		}
	}
	// Reading still works.
	wantStatus(t, e.call("GET", path, tok, nil), http.StatusOK)
	// The classic meeting:write grants every write.
	e2, tok2 := signedIn(t, "transport", Options{Scopes: []string{"meeting:write"}})
	wantStatus(t, e2.call("POST", "/users/me/meetings", tok2, interviewBody(testStart.Add(time.Hour))), http.StatusCreated)
}

func TestCreateIsRateLimited(t *testing.T) {
	// The free plan allows 2 Medium requests a second.
	e, tok := signedIn(t, "transport", Options{Plan: "free"})
	var last result
	for range 3 {
		last = e.call("POST", "/users/me/meetings", tok, interviewBody(testStart.Add(time.Hour)))
	}
	wantAPIError(t, last, http.StatusTooManyRequests, 429)
	if n := len(e.sim.Meetings()); n != 2 {
		t.Errorf("%d meetings, want the 2 within the limit", n)
	}
}

func TestFaultAfterServing(t *testing.T) {
	e, tok := signedIn(t, "transport", Options{})
	if err := e.sim.InjectFault(Fault{Method: "POST", Path: "/v2/users/me/meetings", Status: 504, After: true}); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, e.call("POST", "/users/me/meetings", tok, interviewBody(testStart.Add(time.Hour))), http.StatusGatewayTimeout)
	if n := len(e.sim.Meetings()); n != 1 {
		t.Errorf("%d meetings, want the one created before the 504", n)
	}
}

func TestFaultAfterOverControlAPI(t *testing.T) {
	e := newEnv(t, "transport", Options{})
	e.ctl("POST", "/faults", map[string]any{"method": "POST", "path": "/v2/users/me/meetings", "status": 504, "after": true}, http.StatusCreated)
	if f := e.sim.Faults(); len(f) != 1 || !f[0].After || f[0].Status != 504 {
		t.Errorf("faults %+v", f)
	}
}
