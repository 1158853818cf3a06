package applog

import (
	"io"
	"log/slog"
	"regexp"
	"strings"
)

// NewHandler returns a slog handler writing text records to w with secrets
// scrubbed. Attributes whose key names a secret are redacted whatever their
// value; then every record's final line, message and every attribute value
// as formatted (strings, errors, structs, maps, URLs, byte slices,
// Stringers alike), is scrubbed before it reaches w, so no value's shape
// can carry a secret past the scrubber.
func NewHandler(w io.Writer, level slog.Leveler) slog.Handler {
	return slog.NewTextHandler(&scrubWriter{w: w}, &slog.HandlerOptions{Level: level, ReplaceAttr: scrubAttr})
}

// scrubWriter scrubs what it writes. slog's text handler formats each
// record completely and writes it with a single Write call, so each call
// here sees whole lines.
type scrubWriter struct{ w io.Writer }

func (s *scrubWriter) Write(p []byte) (int, error) {
	if _, err := s.w.Write([]byte(Scrub(string(p)))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// secretKey matches attribute keys (and group names) whose values are never
// written.
var secretKey = regexp.MustCompile(`(?i)(token|secret|password|passcode|pwd|verifier|start_?url|authorization|cookie|^code$|^zak$)`)

func scrubAttr(groups []string, a slog.Attr) slog.Attr {
	if secretKey.MatchString(a.Key) {
		return slog.String(a.Key, redacted)
	}
	for _, g := range groups {
		if secretKey.MatchString(g) {
			return slog.String(a.Key, redacted)
		}
	}
	return a
}

const redacted = "[redacted]"

// Secret-bearing names, as a query or form parameter, a JSON field, a Go
// struct field (%+v prints AccessToken:VALUE) or a map key (map[pwd:VALUE]).
// Separators between a name and its value may be URL-encoded (%3D) and
// quotes may be escaped any number of times (%q of a JSON body).
const (
	// longNames are secret names that count anywhere (encrypted_password,
	// encryptedPassword, next_page_token: redacting too much is safe).
	longNames = `(?:access|refresh|id)_?token|token|code_?verifier|client_?secret|secret|password|passcode|start_?url|authorization|cookie`
	// shortNames count only after a start, a non-alphanumeric byte or a
	// URL-encoded byte (?pwd=, meeting_pwd=, %26tk%3D), so that "gtk:" is
	// not one.
	shortNames  = `(?:^|[^A-Za-z0-9]|%[0-9A-Fa-f]{2})(?:pwd|zak|tk)`
	secretNames = longNames + `|` + shortNames
	// codeName, the OAuth code, needs a start, a non-word byte or a
	// URL-encoded byte before it (error_code=124 stays), and counts only as
	// code=VALUE or code:[VALUE] (url.Values), so that a Zoom error's
	// {Code:124} stays readable.
	codeName = `(?:^|[^A-Za-z0-9_]|%[0-9A-Fa-f]{2})code`
	// q is an optional quote, escaped any number of times.
	q = `(?:\\*["'])?`
	// eq is = as is or URL-encoded once or twice.
	eq = `(?:=|%3[Dd]|%253[Dd])`
	// scheme is an authorization scheme before a value, kept in the output
	// (Authorization: Bearer VALUE).
	scheme = `(?:(?:bearer|basic)(?:\s+|%20|\+))?`
	// value is a secret up to the next delimiter.
	value = `[^\s"'&,;(){}\[\]<>\\]+`
	// jsonValue is a quoted secret up to its closing quote.
	jsonValue = `[^"\\]*`
)

// secretText matches secrets inside free text. Each alternative keeps its
// first group and replaces the rest with [redacted].
var secretText = regexp.MustCompile(`(?i)` + strings.Join([]string{
	// "access_token":"VALUE", also as \"access_token\":\"VALUE\".
	`((?:` + secretNames + `)\\*"\s*:\s*\\*")` + jsonValue,
	// access_token=VALUE, AccessToken:VALUE, map[pwd:[VALUE]], token: 'VALUE'.
	`((?:` + secretNames + `)` + q + `\s*(?:` + eq + `|:)\s*` + q + `\[?` + scheme + `)` + value,
	// code=VALUE, map[code:[VALUE]].
	`(` + codeName + q + `\s*(?:` + eq + `\s*` + q + `|:\[))` + value,
	// Bearer VALUE.
	`(bearer(?:\s+|%20|\+))[A-Za-z0-9._~+/=-]+`,
	// Recording share and play links: whoever has one can watch.
	`((?:/|%2[Ff])rec(?:/|%2[Ff])(?:share|play)(?:/|%2[Ff]))[^\s"'?&#()<>\[\]{}\\]+`,
	// A bare JWT (Zoom's tokens are JWTs): header.payload[.signature].
	`()eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*)?`,
}, "|"))

// Scrub replaces secrets in free text with [redacted].
func Scrub(s string) string {
	matches := secretText.FindAllStringSubmatchIndex(s, -1)
	if matches == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range matches {
		// m[0]:m[1] is the match; the first group that took part is the
		// part to keep (a name and its separator), from the match's start.
		keepEnd := m[0]
		for g := 2; g < len(m); g += 2 {
			if m[g] >= 0 {
				keepEnd = m[g+1]
				break
			}
		}
		if s[keepEnd:m[1]] == "redacted" && strings.HasSuffix(s[m[0]:keepEnd], "[") {
			continue // already redacted by key: passcode=[redacted]
		}
		b.WriteString(s[last:keepEnd])
		b.WriteString(redacted)
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String()
}
