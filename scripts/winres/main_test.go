package main

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/png"
	"strings"
	"testing"
)

func TestICOHasEveryDimension(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 512, 512))
	ico, err := makeICO(src, []int{16, 32, 48, 256})
	if err != nil {
		t.Fatal(err)
	}
	if n := binary.LittleEndian.Uint16(ico[4:]); n != 4 {
		t.Fatalf("%d images, want 4", n)
	}
	for i, want := range []int{16, 32, 48, 256} {
		e := ico[6+16*i:]
		size := binary.LittleEndian.Uint32(e[8:])
		off := binary.LittleEndian.Uint32(e[12:])
		img, err := png.Decode(bytes.NewReader(ico[off : off+size]))
		if err != nil {
			t.Fatalf("entry %d: %v", i, err)
		}
		if img.Bounds().Dx() != want || (want < 256 && int(e[0]) != want) || (want == 256 && e[0] != 0) {
			t.Errorf("entry %d: %v, header %d, want %d", i, img.Bounds(), e[0], want)
		}
	}
}

func TestResourceScript(t *testing.T) {
	rc, err := resourceScript("interviewtray", "Interview Tray", "0.1.0")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`1 ICON "interviewtray.ico"`, "FILEVERSION 0,1,0,0", `"ProductVersion", "0.1.0"`, `"OriginalFilename", "interviewtray.exe"`} {
		if !strings.Contains(rc, want) {
			t.Errorf("no %q in\n%s", want, rc)
		}
	}
	for _, bad := range []string{"0.1", "0.1.x", "1.2.3.4", "0.1.70000"} {
		if _, err := resourceScript("x", "x", bad); err == nil {
			t.Errorf("version %q accepted", bad)
		}
	}
	if _, err := resourceScript("x", `a"b`, "0.1.0"); err == nil {
		t.Error("a quote in a string was accepted")
	}
}
