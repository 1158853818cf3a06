package tray

import (
	"strconv"
	"strings"
)

// go-toast writes a Windows toast as XML with text/template, which escapes
// nothing: the title and body go into CDATA sections and button arguments
// into attributes, and when the Windows Runtime is unavailable the XML is
// pasted into a PowerShell here-string, where $(...) and ` are code. These
// helpers make a text safe for both, so that a topic (or a folder named
// after one, which is part of a notification's key) stays text. They are
// platform-independent so that they are tested everywhere.

// toastText is s, already a single clean line, for inside a CDATA section:
// each character that could end the section or that PowerShell would
// expand leaves the section as a character reference, so the XML reads
// exactly s and the raw text holds no "]]>", "$" or "`".
func toastText(s string) string {
	if !strings.ContainsAny(s, ">$`") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '>', '$', '`':
			b.WriteString("]]>&#" + strconv.Itoa(int(r)) + ";<![CDATA[")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// toastAttr is s for inside a double-quoted XML attribute: markup
// characters, quotes, what PowerShell would expand and control characters
// become character references, so the attribute reads back exactly s.
func toastAttr(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&', r == '<', r == '>', r == '"', r == '\'', r == '$', r == '`', r < 0x20 && r != 0:
			b.WriteString("&#" + strconv.Itoa(int(r)) + ";")
		case r == 0:
			// XML cannot carry NUL; no key holds one.
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
