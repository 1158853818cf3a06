package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/auth"
	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

func TestStatusJSONIsFlat(t *testing.T) {
	exp := time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC)
	st := statusJSON{Status: auth.Status{SignedIn: true, User: &auth.User{ID: "u1", Email: "ada@example.com"}, TokenExpiresAt: &exp}, Demo: true}
	st.fill(&meetingsync.Snapshot{Interviews: []meetingsync.Interview{
		{ID: 1, Topic: "Interview: Ada", IsInterview: true, State: meetingsync.StateUpcoming, Passcode: "secret-ish"},
		{ID: 2, Topic: "Team sync", State: meetingsync.StateUpcoming},
		{ID: 3, Topic: "Interview: old", IsInterview: true, State: meetingsync.StateEnded},
	}})
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"signed_in", "user", "token_expires_at", "offline", "demo",
		"agent_running", "interviews", "recordings", "recording_settings", "problems"} {
		if _, ok := m[k]; !ok {
			t.Errorf("key %q missing from %s", k, b)
		}
	}
	if u, _ := m["user"].(map[string]any); u["id"] != "u1" || u["email"] != "ada@example.com" {
		t.Errorf("user = %v", m["user"])
	}
	// Only upcoming interviews, without their passcodes.
	if ivs, _ := m["interviews"].([]any); len(ivs) != 1 || strings.Contains(string(b), "secret-ish") {
		t.Errorf("interviews = %v", m["interviews"])
	}
}

func TestPrintStatus(t *testing.T) {
	exp := time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		st   auth.Status
		demo bool
		want []string
	}{
		{"signed in", auth.Status{SignedIn: true, User: &auth.User{ID: "u1", Email: "ada@example.com"}, TokenExpiresAt: &exp},
			false, []string{"Signed in to Zoom as ada@example.com (user ID u1).", "renewed automatically"}},
		{"offline", auth.Status{SignedIn: true, Offline: true, User: &auth.User{Email: "ada@example.com"}},
			false, []string{"Offline"}},
		{"expired", auth.Status{SignedOutReason: auth.ReasonSessionExpired, Message: auth.ReasonSessionExpired.Message()},
			false, []string{"session has expired", "`interviewtray login`"}},
		{"demo signed out", auth.Status{SignedOutReason: auth.ReasonNotSignedIn, Message: auth.ReasonNotSignedIn.Message()},
			true, []string{"Demo", "`interviewtray --demo login`"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			printStatus(&buf, statusJSON{Status: tt.st, Demo: tt.demo})
			for _, w := range tt.want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("output %q lacks %q", buf.String(), w)
				}
			}
		})
	}
}

// TestPrintStatusShowsZoomTextAsText: a topic can carry terminal escapes
// and line breaks; status prints it as one line of text.
func TestPrintStatusShowsZoomTextAsText(t *testing.T) {
	st := statusJSON{Status: auth.Status{SignedIn: true, User: &auth.User{ID: "u1", Email: "ada@example.com\x1b]0;owned\x07"}}}
	st.fill(&meetingsync.Snapshot{
		Interviews: []meetingsync.Interview{{ID: 1, Topic: "Interview: Ada\x1b[2J\nrm -rf ~\u202E", IsInterview: true, State: meetingsync.StateUpcoming, HostedByMe: true}},
		Recordings: []meetingsync.Recording{{Topic: "Ada\r\x1b[1A", Kind: meetingsync.KindCloud, State: meetingsync.RecReady}},
		Problems:   []meetingsync.Problem{{Message: "Zoom said\x1b[31m no"}},
	})
	var buf bytes.Buffer
	printStatus(&buf, st)
	out := buf.String()
	if strings.ContainsAny(out, "\x1b\r\u202E") || !strings.Contains(out, "Interview: Ada[2J rm -rf ~\n") {
		t.Errorf("output %q", out)
	}
}

// TestOneShotEngineIsReadOnly: the engine `status` and `doctor` run when
// no agent answers writes no file, so an agent starting meanwhile keeps
// what it saves (sync's TestReadOnlyOneShotKeepsAgentData shows the
// engine side).
func TestOneShotEngineIsReadOnly(t *testing.T) {
	if o := oneShotOptions(nil, dirs{state: "s", config: "c", cache: "k"}); !o.ReadOnly || o.StateDir != "s" || o.ConfigDir != "c" || o.CacheDir != "k" {
		t.Errorf("one-shot options %+v: want read-only on the agent's folders", o)
	}
}

// TestStatusJSONSignedOutHasEmptyLists: signed out, every list is [] (a
// script's loop over it must not meet null).
func TestStatusJSONSignedOutHasEmptyLists(t *testing.T) {
	st := statusJSON{Status: auth.Status{SignedOutReason: auth.ReasonNotSignedIn}}
	st.listsNotNull()
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"interviews", "recordings", "problems", "calendars"} {
		if !strings.Contains(string(b), `"`+k+`":[]`) {
			t.Errorf("%q is not [] in %s", k, b)
		}
	}
}

func TestPrintStatusHasRecordingSettingsLine(t *testing.T) {
	signedIn := auth.Status{SignedIn: true, User: &auth.User{ID: "u1", Email: "ada@example.com"}}
	at := time.Date(2026, 9, 1, 12, 0, 0, 0, time.Local)
	tests := []struct {
		name string
		sc   *meetingsync.SettingsCheck
		want string
	}{
		{"not checked", nil, "Recording settings: not checked yet."},
		{"fine", &meetingsync.SettingsCheck{OK: true, CheckedAt: at}, "Recording settings: as needed (checked Tue 12:00)."},
		{"off", &meetingsync.SettingsCheck{CheckedAt: at, Settings: []meetingsync.SettingState{
			{Label: "Record to computer files", State: meetingsync.SettingNeedsChange, Required: true},
			{Label: "Automatic recording", State: meetingsync.SettingNeedsChange},
			{Label: "Recording disclaimer", State: meetingsync.SettingLocked, Required: true},
		}}, "Recording settings: Record to computer files (off), Recording disclaimer (locked by the admin) (checked Tue 12:00)."},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		printStatus(&buf, statusJSON{Status: signedIn, RecordingSettings: tt.sc})
		if !strings.Contains(buf.String(), tt.want+"\n") {
			t.Errorf("%s: output %q lacks %q", tt.name, buf.String(), tt.want)
		}
	}
}

// TestStatusRendersTheAgentsView: `status` says what the tray and the
// windows say, from the view the agent computed: Zoom refusing the token
// signs the user out though the keychain still holds it, and the problems
// are the engine's and the agent's.
func TestStatusRendersTheAgentsView(t *testing.T) {
	now := time.Date(2026, 9, 14, 10, 0, 0, 0, time.UTC)
	snap := &meetingsync.Snapshot{
		User:     &meetingsync.User{ID: "u1", Email: "ada@example.com"},
		Health:   meetingsync.Health{SignedOut: true, SignedOutReason: string(auth.ReasonSessionExpired), LastError: "Zoom refused the sign-in."},
		Problems: []meetingsync.Problem{{Message: "Sign in again.", Action: meetingsync.ActionSignIn, Label: "Sign in"}},
	}
	info := localapi.AgentInfo{SignedIn: true, Email: "ada@example.com",
		Problems: []meetingsync.Problem{{Message: "System notifications are not available"}}}
	st := localapi.State{Snapshot: snap, Agent: info}
	st.View = localapi.NewView(snap, meetingsync.DefaultSettings(), info, now, time.UTC)
	out := statusOfAgent(st)
	if out.SignedIn || out.User != nil || out.SignedOutReason != auth.ReasonSessionExpired || out.Message != "Zoom refused the sign-in." {
		t.Errorf("status = signed in %v, user %v, reason %q, message %q", out.SignedIn, out.User, out.SignedOutReason, out.Message)
	}
	if len(out.Problems) != 2 || out.Problems[0].Action != meetingsync.ActionSignIn || out.Problems[1].Message != info.Problems[0].Message {
		t.Errorf("problems = %+v", out.Problems)
	}
	var b bytes.Buffer
	printStatus(&b, out)
	if !strings.Contains(b.String(), "Zoom refused the sign-in.") {
		t.Errorf("printed %q", b.String())
	}
	// Signed in: the same state without Zoom's refusal.
	snap.Health = meetingsync.Health{}
	st.View = localapi.NewView(snap, meetingsync.DefaultSettings(), info, now, time.UTC)
	if out := statusOfAgent(st); !out.SignedIn || out.User == nil || out.User.Email != "ada@example.com" {
		t.Errorf("signed in: %+v", out)
	}
}
