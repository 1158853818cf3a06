// Package safetext makes text that comes from outside (a meeting topic
// chosen by whoever scheduled it, a host's name or email, a message from
// Zoom) safe to show on one line in a tray label, tooltip, notification or
// window: it removes control characters and the invisible characters that
// reorder text (bidirectional overrides and isolates), so that such text can
// neither break a line, carry a terminal escape nor make "gpj.exe" read as
// "exe.jpg". It knows nothing of any markup: escaping for a markup language
// is the job of whoever sends text to it.
package safetext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clean returns s as one line of plain text: line breaks and tabs (and the
// other control characters that separate text: vertical tab, form feed,
// NEL, U+2028, U+2029) become a space, runs of them one space; every other
// control character (C0, DEL, C1) and the bidirectional formatting
// characters (U+202A..U+202E, U+2066..U+2069, U+200E, U+200F, U+061C) are
// removed; bytes that are not UTF-8 become U+FFFD. Text without any of
// these is returned unchanged, and Clean(Clean(s)) == Clean(s).
func Clean(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	spaced := false // the last rune written was a replacement space
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
			spaced = false
		case separates(r):
			if !spaced {
				b.WriteByte(' ')
			}
			spaced = true
		case unicode.IsControl(r) || IsBidiControl(r):
			// dropped
		default:
			b.WriteRune(r)
			spaced = false
		}
	}
	return b.String()
}

// isClean reports whether Clean would return s unchanged.
func isClean(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		if separates(r) || unicode.IsControl(r) || IsBidiControl(r) {
			return false
		}
		i += size
	}
	return true
}

// separates reports whether r is a control character that separates words
// or lines, which Clean turns into a space.
func separates(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}

// IsBidiControl reports whether r is an invisible character that changes
// the direction of the text around it: the embeddings and overrides
// (U+202A..U+202E), the isolates (U+2066..U+2069) and the marks (U+200E,
// U+200F, U+061C).
func IsBidiControl(r rune) bool {
	switch {
	case r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069':
		return true
	case r == '\u200E', r == '\u200F', r == '\u061C':
		return true
	}
	return false
}
