package safetext

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Interview with Ada Lovelace", "Interview with Ada Lovelace"},
		{"empty", "", ""},
		{"non-ASCII kept", "Entretien · Zoë 山田 🙂", "Entretien · Zoë 山田 🙂"},
		{"joiners kept", "👩\u200d💻 Ada", "👩\u200d💻 Ada"},
		{"markup is text", `<a href="https://elsewhere.example">Click</a>`, `<a href="https://elsewhere.example">Click</a>`},
		{"newline", "Ada\nClick here", "Ada Click here"},
		{"CRLF runs", "Ada\r\n\r\nBob", "Ada Bob"},
		{"tab", "Ada\tBob", "Ada Bob"},
		{"line and paragraph separators", "Ada\u2028Bob\u2029Cy", "Ada Bob Cy"},
		{"NEL", "Ada\u0085Bob", "Ada Bob"},
		{"NUL", "Ada\x00Bob", "AdaBob"},
		{"terminal escape", "Ada\x1b[31mRED\x1b[0m", "Ada[31mRED[0m"},
		{"DEL and C1", "A\x7fB\u009bC\u0080D", "ABCD"},
		{"bell and backspace", "Ada\a\b!", "Ada!"},
		{"right-to-left override", "Interview \u202Egpj.exe", "Interview gpj.exe"},
		{"every embedding and override", "a\u202Ab\u202Bc\u202Cd\u202De\u202Ef", "abcdef"},
		{"isolates", "a\u2066b\u2067c\u2068d\u2069e", "abcde"},
		{"marks", "a\u200Eb\u200Fc\u061Cd", "abcd"},
		{"invalid UTF-8", "Ada\xff\xfeBob", "Ada\uFFFD\uFFFDBob"},
		{"spaces kept as written", "Ada  Bob ", "Ada  Bob "},
		{"break next to a space", "Ada \n Bob", "Ada   Bob"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Clean(tt.in); got != tt.want {
				t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzClean checks Clean's promises for any input: valid UTF-8 without
// control or bidirectional formatting characters, unchanged when already
// clean, and stable when applied again.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"Ada", "a\nb", "\x1b]8;;https://x\x07link", "\u202Eexe.gpj", "\xff", "a\r\n\tb", "\u2067x\u2069", "山田\u0000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Clean(in)
		if !utf8.ValidString(out) {
			t.Fatalf("Clean(%q) = %q: not UTF-8", in, out)
		}
		for _, r := range out {
			if unicode.IsControl(r) || IsBidiControl(r) || r == '\u2028' || r == '\u2029' {
				t.Fatalf("Clean(%q) = %q: holds %U", in, out, r)
			}
		}
		if again := Clean(out); again != out {
			t.Fatalf("Clean is not stable: Clean(%q) = %q, again %q", in, out, again)
		}
		if utf8.ValidString(in) && !strings.ContainsFunc(in, func(r rune) bool {
			return unicode.IsControl(r) || IsBidiControl(r) || r == '\u2028' || r == '\u2029'
		}) && out != in {
			t.Fatalf("Clean changed clean text %q to %q", in, out)
		}
		if utf8.RuneCountInString(out) > len(in) {
			t.Fatalf("Clean(%q) grew to %q", in, out)
		}
	})
}
