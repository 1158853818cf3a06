package model

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestDefaultSettingsAreValid(t *testing.T) {
	s := DefaultSettings()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := s
	bad.Snooze = Duration(time.Second)
	bad.JoinWith = "carrier pigeon"
	err := bad.Validate()
	if err == nil || !strings.Contains(err.Error(), "snooze") || !strings.Contains(err.Error(), "join with") {
		t.Errorf("Validate = %v, want the snooze and the join choice", err)
	}
}

func TestSettingsNormalisedAndClone(t *testing.T) {
	s := DefaultSettings()
	s.ReminderOffsets = []Duration{Duration(time.Minute), Duration(10 * time.Minute), Duration(time.Minute)}
	s.Rules.Patterns = []string{" interview ", "interview", ""}
	s.MyAddresses = []string{" Ada@Example.com", "ada@example.com"}
	n := s.Normalised()
	if !slices.Equal(n.ReminderOffsets, []Duration{Duration(10 * time.Minute), Duration(time.Minute)}) ||
		!slices.Equal(n.Rules.Patterns, []string{"interview"}) || !slices.Equal(n.MyAddresses, []string{"ada@example.com"}) {
		t.Errorf("normalised = %+v", n)
	}
	c := n.Clone()
	c.Rules.Patterns[0] = "changed"
	if n.Rules.Patterns[0] != "interview" {
		t.Error("Clone shares the patterns")
	}
}

func TestDurationJSON(t *testing.T) {
	var d Duration
	if err := json.Unmarshal([]byte(`"10m"`), &d); err != nil || d.D() != 10*time.Minute {
		t.Fatalf("read %v, %v", d, err)
	}
	if b, _ := json.Marshal(d); string(b) != `"10m0s"` {
		t.Errorf("wrote %s", b)
	}
}

func TestOnboardingNormalised(t *testing.T) {
	got := Onboarding{Step: StepCalendar, Skipped: []string{StepRecording, "bogus", StepCalendar, StepRecording}}.Normalised()
	if got.Validate() != nil || !slices.Equal(got.Skipped, []string{StepCalendar, StepRecording}) {
		t.Errorf("normalised = %+v", got)
	}
	if (Onboarding{Step: "bogus"}).Validate() == nil {
		t.Error("an unknown step is valid")
	}
}

func TestRecordingKeyAndHostRequest(t *testing.T) {
	if k := (Recording{Kind: KindLocal, MeetingUUID: "u", Links: Links{Folder: "/f"}}).Key(); k != "local:/f" {
		t.Errorf("local key %q", k)
	}
	if k := (Recording{Kind: KindCloud, MeetingUUID: "u"}).Key(); k != "cloud:u" {
		t.Errorf("cloud key %q", k)
	}
	iv := Interview{ID: 84541579170, Topic: "Interview: Ada", StartTime: time.Date(2026, 9, 14, 8, 30, 0, 0, time.UTC),
		Organizer: &Person{Name: "Grace Hopper", Email: "grace@example.com"}}
	msg := HostRequest(iv, &User{Email: "me@example.com"}, time.UTC)
	for _, want := range []string{"Hi Grace,", `"Interview: Ada"`, "845 4157 9170", "alternative host", "me@example.com"} {
		if !strings.Contains(msg, want) {
			t.Errorf("host request lacks %q: %q", want, msg)
		}
	}
}
