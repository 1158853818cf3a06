package sync

import "testing"

func TestRulesMatch(t *testing.T) {
	tests := []struct {
		name  string
		rules Rules
		topic string
		want  bool
	}{
		{"default substring", DefaultSettings().Rules, "Technical Interview: Ada", true},
		{"case-insensitive", DefaultSettings().Rules, "INTERVIEW", true},
		{"no match", DefaultSettings().Rules, "Team standup", false},
		{"empty topic", DefaultSettings().Rules, "", false},
		{"no patterns", Rules{}, "Interview", false},
		{"all meetings", Rules{AllMeetings: true}, "Team standup", true},
		{"glob prefix", Rules{Patterns: []string{"interview*"}}, "Interview with Ada", true},
		{"glob prefix is anchored", Rules{Patterns: []string{"interview*"}}, "Tech interview", false},
		{"glob suffix", Rules{Patterns: []string{"*screen"}}, "Phone screen", true},
		{"glob question mark", Rules{Patterns: []string{"round ?"}}, "Round 2", true},
		{"glob crosses slashes", Rules{Patterns: []string{"*ada*"}}, "Backend / Ada / Final", true},
		{"glob unicode", Rules{Patterns: []string{"entretien ?ric*"}}, "Entretien Éric Dupont", true},
		{"several patterns", Rules{Patterns: []string{"screen", "debrief"}}, "Candidate debrief", true},
		{"blank pattern ignored", Rules{Patterns: []string{"  "}}, "anything", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Matches(tt.rules, tt.topic); got != tt.want {
				t.Errorf("Rules%+v.Matches(%q) = %v, want %v", tt.rules, tt.topic, got, tt.want)
			}
		})
	}
}

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		p, s string
		want bool
	}{
		{"", "", true},
		{"*", "", true},
		{"*", "abc", true},
		{"a*c", "abbbc", true},
		{"a*c", "abbbd", false},
		{"a*b*c", "axxbyyc", true},
		{"a*b*c", "axxcyyb", false},
		{"?", "é", true},
		{"??", "é", false},
		{"***a", "bbba", true},
		{"a", "ab", false},
	}
	for _, tt := range tests {
		if got := globMatch(tt.p, tt.s); got != tt.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", tt.p, tt.s, got, tt.want)
		}
	}
}

func TestOverrides(t *testing.T) {
	m := compileRules(DefaultSettings().Rules)
	if !m.isInterview("Team standup", OverrideInclude) {
		t.Error("include override did not make a meeting an interview")
	}
	if m.isInterview("Interview", OverrideExclude) {
		t.Error("exclude override did not win over the rules")
	}
	if !m.isInterview("Interview", OverrideNone) {
		t.Error("no override: rules should decide")
	}
}

func TestHostedByMe(t *testing.T) {
	tests := []struct {
		name   string
		hostID string
		alts   []string
		want   bool
	}{
		{"host", "me1", nil, true},
		{"other host", "other", nil, false},
		{"alternative host by email", "other", []string{"x@y.z", "Maya@Example.com"}, true},
		{"alternative host by id", "other", []string{"me1"}, true},
		{"not among alternative hosts", "other", []string{"x@y.z"}, false},
		{"unknown host", "", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := hostedByMe("me1", "maya@example.com", tt.hostID, tt.alts); got != tt.want {
				t.Errorf("hostedByMe = %v, want %v", got, tt.want)
			}
		})
	}
}
