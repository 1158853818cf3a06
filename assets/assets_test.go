package assets

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"slices"
	"testing"
)

func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decode png: %v", err)
	}
	return img
}

func TestPNGSizes(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		size int
	}{
		{"AppIcon", AppIcon, 512},
		{"TrayNormal", TrayNormal, 32},
		{"TraySoon", TraySoon, 32},
		{"TrayAttention", TrayAttention, 32},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := decodePNG(t, tt.data).Bounds()
			if b.Dx() != tt.size || b.Dy() != tt.size {
				t.Errorf("size = %dx%d, want %dx%d", b.Dx(), b.Dy(), tt.size, tt.size)
			}
		})
	}
}

// TestTrayStatesDiffer checks that each state looks different, and that the
// difference is the badge in the top right corner: the rest of the icon, what
// the user recognises, stays the same.
func TestTrayStatesDiffer(t *testing.T) {
	normal := decodePNG(t, TrayNormal)
	for name, data := range map[string][]byte{"TraySoon": TraySoon, "TrayAttention": TrayAttention} {
		img := decodePNG(t, data)
		badge, elsewhere := 0, 0
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if img.At(x, y) == normal.At(x, y) {
					continue
				}
				if x >= b.Dx()/2 && y < b.Dy()/2 {
					badge++
				} else {
					elsewhere++
				}
			}
		}
		if badge < 20 {
			t.Errorf("%s: only %d pixels differ from TrayNormal in the badge corner", name, badge)
		}
		if elsewhere > badge/4 {
			t.Errorf("%s: %d pixels differ outside the badge corner (%d inside)", name, elsewhere, badge)
		}
	}
	if bytes.Equal(TraySoon, TrayAttention) {
		t.Error("TraySoon and TrayAttention are the same image")
	}
}

// TestICO parses each .ico file and checks that it holds 16, 24 and 32 px
// 32-bit images, and that its 32 px image is the matching PNG's pixels, so
// Windows shows what Linux and macOS show.
func TestICO(t *testing.T) {
	tests := []struct {
		name     string
		ico, png []byte
	}{
		{"TrayNormalICO", TrayNormalICO, TrayNormal},
		{"TraySoonICO", TraySoonICO, TraySoon},
		{"TrayAttentionICO", TrayAttentionICO, TrayAttention},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			imgs, err := parseICO(tt.ico)
			if err != nil {
				t.Fatal(err)
			}
			var sizes []int
			for _, img := range imgs {
				sizes = append(sizes, img.Bounds().Dx())
			}
			if want := []int{16, 24, 32}; !slices.Equal(sizes, want) {
				t.Fatalf("sizes = %v, want %v", sizes, want)
			}
			want := decodePNG(t, tt.png)
			got := imgs[2]
			for y := range 32 {
				for x := range 32 {
					w := color.NRGBAModel.Convert(want.At(x, y)).(color.NRGBA)
					if g := got.NRGBAAt(x, y); g != w {
						t.Fatalf("pixel (%d,%d) = %v, PNG has %v", x, y, g, w)
					}
				}
			}
		})
	}
}

// parseICO reads an .ico file of uncompressed 32-bit bitmaps.
func parseICO(b []byte) ([]*image.NRGBA, error) {
	le := binary.LittleEndian
	if len(b) < 6 || le.Uint16(b[0:]) != 0 || le.Uint16(b[2:]) != 1 {
		return nil, fmt.Errorf("not an icon file")
	}
	n := int(le.Uint16(b[4:]))
	var imgs []*image.NRGBA
	for i := range n {
		e := b[6+16*i:]
		w, h := int(e[0]), int(e[1])
		if w == 0 {
			w = 256
		}
		if h == 0 {
			h = 256
		}
		size, off := int(le.Uint32(e[8:])), int(le.Uint32(e[12:]))
		if bits := le.Uint16(e[6:]); bits != 32 {
			return nil, fmt.Errorf("entry %d: %d bits per pixel, want 32", i, bits)
		}
		if off+size > len(b) {
			return nil, fmt.Errorf("entry %d runs past the end of the file", i)
		}
		d := b[off : off+size]
		if hs := le.Uint32(d); hs != 40 {
			return nil, fmt.Errorf("entry %d: header size %d, want 40 (BITMAPINFOHEADER)", i, hs)
		}
		if dw, dh := int(int32(le.Uint32(d[4:]))), int(int32(le.Uint32(d[8:]))); dw != w || dh != 2*h {
			return nil, fmt.Errorf("entry %d: bitmap %dx%d, want %dx%d", i, dw, dh, w, 2*h)
		}
		maskRow := (w + 31) / 32 * 4
		if want := 40 + w*h*4 + maskRow*h; size != want {
			return nil, fmt.Errorf("entry %d: %d bytes, want %d", i, size, want)
		}
		img := image.NewNRGBA(image.Rect(0, 0, w, h))
		px := d[40:]
		for y := range h {
			row := px[(h-1-y)*w*4:] // bottom-up
			for x := range w {
				p := row[4*x:]
				o := img.PixOffset(x, y)
				img.Pix[o], img.Pix[o+1], img.Pix[o+2], img.Pix[o+3] = p[2], p[1], p[0], p[3]
			}
		}
		imgs = append(imgs, img)
	}
	return imgs, nil
}
