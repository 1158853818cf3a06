package tray

import (
	"bytes"
	"encoding/binary"
	"image/png"
	"io/fs"
	"testing"

	"github.com/interviewtray/interviewtray/ui/tray/internal/minutesicon"
)

// inked counts the pixels of the number's ink in the icon's middle.
func inked(t *testing.T, data []byte) int {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != minutesIconSize || b.Dy() != minutesIconSize {
		t.Fatalf("icon is %v", b)
	}
	n := 0
	for y := minutesIconSize / 4; y < 3*minutesIconSize/4; y++ {
		for x := 4; x < minutesIconSize-4; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r>>8 < 0x80 && g>>8 < 0x80 && b>>8 < 0x80 { // dark ink on amber
				n++
			}
		}
	}
	return n
}

func TestMinutesIconDrawsTheNumber(t *testing.T) {
	seen := map[string]bool{}
	for _, n := range []int{1, 9, 12, 60} {
		data, err := minutesIcon(n)
		if err != nil {
			t.Fatal(err)
		}
		if ink := inked(t, data); ink < 150 {
			t.Errorf("%d: only %d pixels of ink: the number is not drawn big enough", n, ink)
		}
		if seen[string(data)] {
			t.Errorf("%d: the same icon as another number", n)
		}
		seen[string(data)] = true
		img, _ := png.Decode(bytes.NewReader(data))
		if _, _, _, a := img.At(0, 0).RGBA(); a != 0 {
			t.Errorf("%d: the corner is not rounded off", n)
		}
		if r, g, b, _ := img.At(minutesIconSize/2, 2).RGBA(); r>>8 != 0xF5 || g>>8 != 0x9E || b>>8 != 0x0B {
			t.Errorf("%d: background %x %x %x, want the amber of the soon icon", n, r>>8, g>>8, b>>8)
		}
	}
	for _, n := range []int{0, 61, -1} {
		if _, err := minutesIcon(n); err == nil {
			t.Errorf("minutesIcon(%d) drew something", n)
		}
	}
}

func TestICOWrapsThePNG(t *testing.T) {
	data, err := minutesIcon(12)
	if err != nil {
		t.Fatal(err)
	}
	ico := icoFromPNG(data, minutesIconSize)
	var h struct {
		Reserved, Type, Count uint16
		Width, Height         byte
		Colors, Reserved2     byte
		Planes, BitCount      uint16
		Size, Offset          uint32
	}
	if err := binary.Read(bytes.NewReader(ico), binary.LittleEndian, &h); err != nil {
		t.Fatal(err)
	}
	if h.Type != 1 || h.Count != 1 || h.Width != minutesIconSize || int(h.Size) != len(data) || !bytes.Equal(ico[h.Offset:], data) {
		t.Errorf("ICO header %+v", h)
	}
	if _, err := png.Decode(bytes.NewReader(ico[h.Offset:])); err != nil {
		t.Error(err)
	}
}

// TestMinutesIconsAreGenerated: the embedded icons are what the drawing
// code draws now (run `go generate ./ui/tray` after changing it), one for
// every number.
func TestMinutesIconsAreGenerated(t *testing.T) {
	if minutesicon.Size != minutesIconSize || minutesicon.Max != minutesMax {
		t.Fatalf("minutesicon draws %d px up to %d, the tray expects %d px up to %d", minutesicon.Size, minutesicon.Max, minutesIconSize, minutesMax)
	}
	files, err := fs.Glob(minutesIcons, "minutes/*")
	if err != nil || len(files) != minutesMax {
		t.Fatalf("embedded %d icons (%v), want %d", len(files), err, minutesMax)
	}
	for n := 1; n <= minutesMax; n++ {
		want, err := minutesicon.Draw(n)
		if err != nil {
			t.Fatal(err)
		}
		got, err := minutesIcon(n)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("minutes/%d.png is not what minutesicon draws: run go generate ./ui/tray", n)
		}
	}
}
