package sync

import (
	"strings"
	"unicode/utf8"

	"github.com/interviewtray/interviewtray/model"
)

// Override is a per-meeting choice that wins over the interview rules.
type Override = model.Override

// Overrides.
const (
	OverrideNone    = model.OverrideNone
	OverrideInclude = model.OverrideInclude // always an interview
	OverrideExclude = model.OverrideExclude // never an interview
)

// Matches reports whether a meeting with this topic is an interview under
// the rules r alone (without per-meeting overrides).
func Matches(r Rules, topic string) bool {
	return compileRules(r).match(topic)
}

// matcher is Rules prepared for matching many topics: patterns lowered
// once, globs told apart from plain substrings.
type matcher struct {
	all   bool
	subs  []string // lower-case substrings
	globs []string // lower-case glob patterns
}

func compileRules(r Rules) matcher {
	m := matcher{all: r.AllMeetings}
	for _, p := range r.Patterns {
		p = strings.ToLower(strings.TrimSpace(p))
		switch {
		case p == "":
		case strings.ContainsAny(p, "*?"):
			m.globs = append(m.globs, p)
		default:
			m.subs = append(m.subs, p)
		}
	}
	return m
}

func (m matcher) match(topic string) bool {
	if m.all {
		return true
	}
	if len(m.subs) == 0 && len(m.globs) == 0 {
		return false
	}
	t := strings.ToLower(topic)
	for _, s := range m.subs {
		if strings.Contains(t, s) {
			return true
		}
	}
	for _, g := range m.globs {
		if globMatch(g, t) {
			return true
		}
	}
	return false
}

// isInterview applies an override on top of the rules.
func (m matcher) isInterview(topic string, o Override) bool {
	switch o {
	case OverrideInclude:
		return true
	case OverrideExclude:
		return false
	}
	return m.match(topic)
}

// globMatch matches s against pattern p where * matches any run of
// characters (including none) and ? exactly one; every other character
// matches itself. Unlike path.Match, * also crosses "/" (topics are not
// paths) and there are no character classes. It runs in O(len(p)*len(s))
// at worst, with no recursion.
func globMatch(p, s string) bool {
	// Classic two-pointer matcher with one backtrack point: the last *.
	pi, si := 0, 0
	star, mark := -1, 0
	for si < len(s) {
		if pi < len(p) {
			switch p[pi] {
			case '*':
				star, mark = pi, si
				pi++
				continue
			case '?':
				_, n := utf8.DecodeRuneInString(s[si:])
				pi, si = pi+1, si+n
				continue
			default:
				if p[pi] == s[si] {
					pi, si = pi+1, si+1
					continue
				}
			}
		}
		if star < 0 {
			return false
		}
		// Let the last * swallow one more character and retry after it.
		_, n := utf8.DecodeRuneInString(s[mark:])
		mark += n
		pi, si = star+1, mark
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// hostedByMe reports whether the signed-in user (id, email) can host a
// meeting: they are its host, or among its alternative hosts (Zoom lists
// them by email or user ID).
func hostedByMe(myID, myEmail, hostID string, altHosts []string) bool {
	if myID != "" && hostID == myID {
		return true
	}
	for _, h := range altHosts {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		if (myID != "" && h == myID) || (myEmail != "" && strings.EqualFold(h, myEmail)) {
			return true
		}
	}
	return false
}
