package zoom

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// truncateRunes returns s cut to at most n runes, on a rune boundary, with
// "…" in place of what was cut. Invalid UTF-8 is replaced first, so the
// result is always valid UTF-8.
func truncateRunes(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i, count := 0, 0
	for i = range s {
		if count == n-1 {
			break
		}
		count++
	}
	return s[:i] + "…"
}

// cleanText makes text from Zoom fit to show in one line: control
// characters and bidirectional overrides become spaces, runs of spaces one,
// and the result is trimmed and cut to n runes.
func cleanText(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || isBidiControl(r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	return truncateRunes(strings.Join(strings.Fields(s), " "), n)
}

// isBidiControl reports the Unicode bidirectional embedding, override and
// isolate controls (U+202A..U+202E, U+2066..U+2069) and the marks.
func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F || r == 0x061C
}
