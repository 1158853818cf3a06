package localapi

import (
	"strings"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/model"
)

func TestNewViewSignedIn(t *testing.T) {
	now := time.Date(2026, 9, 14, 10, 0, 0, 0, time.UTC)
	in := AgentInfo{SignedIn: true, Email: "ada@example.com", SignIn: SignInProgress{State: SignInIdle}}
	tests := []struct {
		name   string
		snap   *model.Snapshot
		info   AgentInfo
		signed bool
		reason string
	}{
		{"signed in, no sync yet", nil, in, true, ""},
		{"signed in", &model.Snapshot{}, in, true, ""},
		{"Zoom refused the token", &model.Snapshot{Health: model.Health{SignedOut: true, SignedOutReason: "session_expired", LastError: "expired"}}, in, false, "session_expired"},
		{"keychain has none", &model.Snapshot{}, AgentInfo{SignedOutReason: "not_signed_in", SignedOutMessage: "Not signed in."}, false, "not_signed_in"},
	}
	for _, tt := range tests {
		v := NewView(tt.snap, model.DefaultSettings(), tt.info, now, time.UTC)
		if v.SignedIn != tt.signed || v.SignedOutReason != tt.reason {
			t.Errorf("%s: signed in %v (reason %q), want %v (%q)", tt.name, v.SignedIn, v.SignedOutReason, tt.signed, tt.reason)
		}
		if v.SignedIn != (v.Email != "") {
			t.Errorf("%s: email %q while signed in %v", tt.name, v.Email, v.SignedIn)
		}
	}
	if v := NewView(nil, model.DefaultSettings(), AgentInfo{SignIn: SignInProgress{State: SignInWaiting}}, now, time.UTC); !v.SigningIn {
		t.Error("a sign-in waiting for the browser is not shown")
	}
}

func TestNewViewProblemsAndNext(t *testing.T) {
	now := time.Date(2026, 9, 14, 10, 0, 0, 0, time.UTC)
	iv := model.Interview{ID: 85746065432, Topic: "Interview: Ada", StartTime: now.Add(time.Hour), EndTime: now.Add(2 * time.Hour),
		IsInterview: true, State: model.StateUpcoming}
	snap := &model.Snapshot{
		Interviews: []model.Interview{iv},
		Problems: []model.Problem{
			{Message: "Zoom cannot be reached.", Action: model.ActionRetry},
			{Message: "Ask the host.", Action: model.ActionCopyHostRequest, MeetingID: iv.ID},
			{Message: "Something only to know."},
		},
	}
	info := AgentInfo{SignedIn: true, Problems: []model.Problem{{Message: "Setup is not finished", Action: model.ActionOpenWizard}}}
	settings := model.DefaultSettings()
	settings.HideNames = true
	v := NewView(snap, settings, info, now, time.UTC)
	if len(v.Problems) != 4 || v.Problems[3].Message != "Setup is not finished" {
		t.Fatalf("problems = %+v", v.Problems)
	}
	if c := v.Problems[0].Solve; c == nil || c.Name != CmdRefresh {
		t.Errorf("retry is solved by %+v", c)
	}
	if c := v.Problems[1].Solve; c == nil || c.Name != CmdCopy || !strings.Contains(c.Text, "alternative host") {
		t.Errorf("the host request is solved by %+v", c)
	}
	if v.Problems[2].Solve != nil {
		t.Errorf("a problem without an action has a command: %+v", v.Problems[2].Solve)
	}
	if c := v.Problems[3].Solve; c == nil || c.Name != CmdOpenWindow || c.Window != WindowWizard {
		t.Errorf("a skipped setup is solved by %+v", c)
	}
	if v.Next == nil || v.Next.ID != iv.ID || !v.HideNames || !v.At.Equal(now) {
		t.Errorf("next %v, hide names %v, at %v", v.Next, v.HideNames, v.At)
	}
}
