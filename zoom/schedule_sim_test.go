package zoom_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/zoom"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// interview is a meeting as the app asks for one.
func interview(start time.Time) zoom.NewMeeting {
	return zoom.NewMeeting{
		Topic: "Interview: Ada Lovelace — Engineer", StartTime: start, Timezone: "Europe/Berlin",
		Duration: 45, Agenda: "Introduction, experience, questions", Password: zoom.NewPasscode(),
		Settings: zoom.NewMeetingSettings{WaitingRoom: true, HostVideo: true, ParticipantVideo: true,
			Audio: "both", AutoRecording: zoom.RecordLocal},
	}
}

const (
	postMeetings = "POST /v2/users/me/meetings"
	listMeetings = "GET /v2/users/me/meetings"
)

func TestCreateUpdateDeleteMeeting(t *testing.T) {
	sim := newSim(t, zoomsim.Options{})
	c := overHTTP(t, sim)
	ctx := context.Background()
	req := interview(simStart.Add(26 * time.Hour))

	m, err := c.CreateMeeting(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if m.ID == 0 || m.Topic != req.Topic || !m.StartTime.Equal(req.StartTime) || m.Password != req.Password ||
		m.Timezone != "Europe/Berlin" || m.Agenda != req.Agenda {
		t.Errorf("created %+v", m)
	}
	mustCheckLinks(t, m.JoinURL)
	back, err := c.GetMeeting(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d := req.Differences(back); d != nil {
		t.Errorf("differences %q, want none", d)
	}

	moved := simStart.Add(50 * time.Hour)
	if err := c.UpdateMeeting(ctx, m.ID, zoom.MeetingUpdate{StartTime: moved, Duration: 60}); err != nil {
		t.Fatal(err)
	}
	if back, err = c.GetMeeting(ctx, m.ID); err != nil || !back.StartTime.Equal(moved) || back.Duration != 60 {
		t.Errorf("after update %+v, %v", back, err)
	}

	if err := c.DeleteMeeting(ctx, m.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetMeeting(ctx, m.ID); !zoom.IsMeetingNotFound(err) {
		t.Errorf("GET after delete: %v, want 404 3001", err)
	}
	if err := c.DeleteMeeting(ctx, m.ID, false); !zoom.IsMeetingNotFound(err) {
		t.Errorf("second delete: %v, want 404 3001", err)
	}
	if err := c.UpdateMeeting(ctx, m.ID, zoom.MeetingUpdate{Duration: 30}); !zoom.IsMeetingNotFound(err) {
		t.Errorf("update after delete: %v, want 404 3001", err)
	}
}

func TestLockedSettingShowsAsDifference(t *testing.T) {
	sim := newSim(t, zoomsim.Options{})
	if err := sim.SetSettings(zoomsim.SettingsUpdate{
		Patch:  map[string]any{"in_meeting": map[string]any{"waiting_room": false}},
		Locked: []string{"in_meeting.waiting_room"},
	}); err != nil {
		t.Fatal(err)
	}
	c := overHTTP(t, sim)
	req := interview(simStart.Add(time.Hour))
	m, err := c.CreateMeeting(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	d := req.Differences(m)
	if len(d) != 1 || d[0] != "waiting room: off (asked on)" {
		t.Errorf("differences %q, want the locked waiting room", d)
	}
}

func TestCreateMeetingErrors(t *testing.T) {
	ctx := context.Background()
	t.Run("a bad time is 400 code 300, not retried", func(t *testing.T) {
		sim := newSim(t, zoomsim.Options{})
		c := overHTTP(t, sim)
		req := interview(simStart.Add(time.Hour))
		req.Duration = 0
		_, err := c.CreateMeeting(ctx, req)
		ze, ok := zoom.AsError(err)
		if !ok || ze.StatusCode != 400 || ze.Code != zoom.CodeValidation {
			t.Fatalf("err = %v, want 400 code 300", err)
		}
		if n := sim.Stats().Requests[postMeetings]; n != 1 {
			t.Errorf("%d POSTs, want 1", n)
		}
	})
	t.Run("a bad passcode is refused before sending", func(t *testing.T) {
		sim := newSim(t, zoomsim.Options{})
		req := interview(simStart.Add(time.Hour))
		req.Password = "not valid!"
		if _, err := overHTTP(t, sim).CreateMeeting(ctx, req); err == nil || !strings.Contains(err.Error(), "passcode") {
			t.Fatalf("err = %v", err)
		}
		if n := sim.Stats().Requests[postMeetings]; n != 0 {
			t.Errorf("%d POSTs, want 0", n)
		}
	})
	t.Run("missing scopes", func(t *testing.T) {
		sim := newSim(t, zoomsim.Options{Scopes: []string{"user:read:user", "meeting:read:meeting"}})
		c := overHTTP(t, sim)
		_, err := c.CreateMeeting(ctx, interview(simStart.Add(time.Hour)))
		if !zoom.IsMissingScopes(err) {
			t.Fatalf("create: %v, want missing scopes", err)
		}
		if err := c.DeleteMeeting(ctx, 12345678901, false); !zoom.IsMissingScopes(err) {
			t.Errorf("delete: %v, want missing scopes", err)
		}
		if _, err := c.Me(ctx); err != nil {
			t.Errorf("reading the user still works: %v", err)
		}
	})
}

func TestIsMissingScopes(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want bool
	}{
		{&zoom.Error{StatusCode: 400, Code: 4711, Message: "Invalid access token, does not contain scopes:[meeting:write]."}, true},
		{&zoom.Error{StatusCode: 401, Code: 104, Message: "Invalid access token"}, true},
		{&zoom.Error{StatusCode: 400, Code: 300, Message: "Invalid access token, does not contain scopes:[x]."}, true},
		{&zoom.Error{StatusCode: 401, Code: 124, Message: "Invalid access token."}, false},
		{errors.New("does not contain scopes"), false},
	} {
		if got := zoom.IsMissingScopes(tt.err); got != tt.want {
			t.Errorf("IsMissingScopes(%v) = %v", tt.err, got)
		}
	}
}

// TestCreateIsNeverRepeatedBlindly: a POST that may have created the
// meeting is followed by a read-back, not by a second POST.
func TestCreateIsNeverRepeatedBlindly(t *testing.T) {
	tests := []struct {
		name      string
		fault     zoomsim.Fault
		opts      zoom.Options
		wantPOSTs int
		wantLists int
	}{
		{name: "a 504 after creating", fault: zoomsim.Fault{Status: 504, After: true},
			wantPOSTs: 1, wantLists: 1},
		{name: "no answer after creating", fault: zoomsim.Fault{Delay: time.Hour, After: true},
			opts: zoom.Options{Timeout: 10 * time.Second}, wantPOSTs: 1, wantLists: 1},
		{name: "a 503 before creating", fault: zoomsim.Fault{Status: 503},
			wantPOSTs: 2, wantLists: 1},
		{name: "a 429 is retried at once", fault: zoomsim.Fault{Status: 429, RetryAfter: "2"},
			wantPOSTs: 2, wantLists: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				sim := newSim(t, zoomsim.Options{})
				c := inMemory(t, sim, tt.opts)
				f := tt.fault
				f.Method, f.Path = "POST", "/v2/users/me/meetings"
				if err := sim.InjectFault(f); err != nil {
					t.Fatal(err)
				}
				req := interview(simStart.Add(3 * time.Hour))
				m, err := c.CreateMeeting(context.Background(), req)
				if err != nil {
					t.Fatalf("CreateMeeting: %v", err)
				}
				ms := sim.Meetings()
				if len(ms) != 1 || ms[0].ID != m.ID || m.Password != req.Password {
					t.Errorf("meetings %+v, returned %d: want exactly the one created", ms, m.ID)
				}
				st := sim.Stats()
				if st.Requests[postMeetings] != tt.wantPOSTs || st.Requests[listMeetings] != tt.wantLists {
					t.Errorf("%d POSTs and %d lists, want %d and %d", st.Requests[postMeetings], st.Requests[listMeetings], tt.wantPOSTs, tt.wantLists)
				}
			})
		})
	}
}

func TestCreateGivesUpAfterMaxAttempts(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		sim := newSim(t, zoomsim.Options{})
		c := inMemory(t, sim, zoom.Options{MaxAttempts: 2})
		if err := sim.InjectFault(zoomsim.Fault{Method: "POST", Path: "/v2/users/me/meetings", Status: 500, Count: 5}); err != nil {
			t.Fatal(err)
		}
		_, err := c.CreateMeeting(context.Background(), interview(simStart.Add(time.Hour)))
		if !zoom.IsServerError(err) {
			t.Fatalf("err = %v, want the 500", err)
		}
		if n := sim.Stats().Requests[postMeetings]; n != 2 {
			t.Errorf("%d POSTs, want 2", n)
		}
		if n := len(sim.Meetings()); n != 0 {
			t.Errorf("%d meetings, want 0", n)
		}
	})
}

func TestPasscodes(t *testing.T) {
	for range 200 {
		p := zoom.NewPasscode()
		if !zoom.ValidPasscode(p) || len(p) != zoom.MaxPasscodeLen || !strings.ContainsAny(p, "0123456789") {
			t.Fatalf("NewPasscode() = %q", p)
		}
	}
	for p, want := range map[string]bool{
		"a": true, "Ab3@-_*": true, "1234567890": true,
		"": false, "12345678901": false, "ab cd": false, "pässword": false, "a/b": false,
	} {
		if got := zoom.ValidPasscode(p); got != want {
			t.Errorf("ValidPasscode(%q) = %v", p, got)
		}
	}
}
