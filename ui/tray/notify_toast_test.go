package tray

import (
	"encoding/xml"
	"strings"
	"testing"
)

func TestToastTextAndAttr(t *testing.T) {
	texts := []string{
		"Interview with Ada",
		"Ada]]><action activationType=\"protocol\" arguments=\"https://elsewhere.example\"/><text><![CDATA[",
		"Pay $(Start-Process calc) `whoami` ${env:USERNAME}",
		"a > b & c < d \"q\" 'r'",
		"Zoë 山田",
	}
	for _, s := range texts {
		// Given a text from Zoom in a toast's title, when the XML is read,
		// it is the text itself; the raw XML has nothing PowerShell expands.
		raw := "<text><![CDATA[" + toastText(s) + "]]></text>"
		var got struct {
			Text string `xml:",chardata"`
		}
		if err := xml.Unmarshal([]byte(raw), &got); err != nil {
			t.Errorf("toastText(%q): XML %q does not parse: %v", s, raw, err)
		} else if got.Text != s {
			t.Errorf("toastText(%q) reads back as %q", s, got.Text)
		}
		if strings.ContainsAny(toastText(s), "$`") {
			t.Errorf("toastText(%q) = %q", s, toastText(s))
		}

		// The same in an attribute (a notification key holds a folder path).
		key := "recording:/home/maya/Zoom/2026-12-04 10.00.00 " + s + "\n|open"
		raw = `<action arguments="` + toastAttr(key) + `"/>`
		var act struct {
			Arguments string `xml:"arguments,attr"`
		}
		if err := xml.Unmarshal([]byte(raw), &act); err != nil {
			t.Errorf("toastAttr(%q): XML %q does not parse: %v", key, raw, err)
		} else if act.Arguments != key {
			t.Errorf("toastAttr(%q) reads back as %q", key, act.Arguments)
		}
		if strings.ContainsAny(toastAttr(key), "$`\"\n") {
			t.Errorf("toastAttr(%q) = %q", key, toastAttr(key))
		}
	}
}
