package calendar

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// unescapeText undoes RFC 5545 TEXT escaping (\\ \; \, \n \N) leniently: an
// unknown escape keeps the character after the backslash, a trailing
// backslash is dropped.
func unescapeText(v string) string {
	if !strings.Contains(v, `\`) {
		return v
	}
	var b strings.Builder
	b.Grow(len(v))
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i == len(v) {
			break
		}
		switch v[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			b.WriteByte(v[i])
		}
	}
	return b.String()
}

// sanitizeText keeps text from a calendar as plain data: valid UTF-8,
// no control characters but newline and tab, no bidirectional overrides.
func sanitizeText(s string) string {
	clean := true
	for _, r := range s {
		if bad(r) && r != '\n' && r != '\t' {
			clean = false
			break
		}
	}
	if clean && utf8.ValidString(s) {
		return strings.TrimSpace(s)
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if r == '\r' {
			return -1
		}
		if bad(r) && r != '\n' && r != '\t' {
			return -1
		}
		return r
	}, s))
}

// sanitizeLine is sanitizeText for one-line fields (summary, location,
// names): line breaks and tabs become spaces.
func sanitizeLine(s string) string {
	s = sanitizeText(s)
	if strings.ContainsAny(s, "\n\t") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s
}

func bad(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029'
}
