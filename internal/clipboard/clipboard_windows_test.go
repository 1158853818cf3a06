package clipboard

import (
	"context"
	"testing"
)

func TestWriteWindowsClipboard(t *testing.T) {
	// Given text with a line break and non-ASCII letters, Write puts it on
	// the clipboard through the Win32 API, and it reads back the same.
	want := "Meeting ID: 857 4606 5432\r\nPasscode: aB3dE9 — Zoë"
	if err := Write(context.Background(), want); err != nil {
		t.Fatal(err)
	}
	got, err := read()
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("clipboard holds %q, want %q", got, want)
	}
}

func TestWriteRefusesNUL(t *testing.T) {
	if err := Write(context.Background(), "a\x00b"); err == nil {
		t.Fatal("text with a NUL was accepted")
	}
}
