package tray

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strconv"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// The countdown icon: in the last hour before an interview, the minutes
// left drawn into the tray icon, for tray hosts that show only icons (most
// Linux panels, Windows), where the title next to the icon ("12m") never
// shows. It is redrawn at most once a minute, when the number changes.
const (
	minutesIconSize = 64 // pixels; hosts scale it to their slot
	minutesMax      = 60
)

var (
	minutesBackground = color.RGBA{0xF5, 0x9E, 0x0B, 0xFF} // the "soon" amber
	minutesInk        = color.RGBA{0x1F, 0x29, 0x37, 0xFF}
)

// goBold is the Go Bold font, parsed once.
var goBold = sync.OnceValues(func() (*opentype.Font, error) { return opentype.Parse(gobold.TTF) })

// minutesIcon draws n (1 to 60) on the amber of the "soon" icon, as PNG.
func minutesIcon(n int) ([]byte, error) {
	if n < 1 || n > minutesMax {
		return nil, fmt.Errorf("tray: %d minutes is not a countdown", n)
	}
	f, err := goBold()
	if err != nil {
		return nil, fmt.Errorf("tray: font: %w", err)
	}
	text := strconv.Itoa(n)
	size := 44.0 // two digits fill the icon's width
	if len(text) == 1 {
		size = 52
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, fmt.Errorf("tray: font face: %w", err)
	}
	defer face.Close()

	const s = minutesIconSize
	img := image.NewRGBA(image.Rect(0, 0, s, s))
	roundedSquare(img, minutesBackground, s/6)
	d := &font.Drawer{Dst: img, Src: image.NewUniform(minutesInk), Face: face}
	bounds, _ := d.BoundString(text)
	w := bounds.Max.X - bounds.Min.X
	h := bounds.Max.Y - bounds.Min.Y
	// Centre the ink (not the advance box) in the square.
	d.Dot = fixed.Point26_6{
		X: (fixed.I(s)-w)/2 - bounds.Min.X,
		Y: (fixed.I(s)-h)/2 - bounds.Min.Y,
	}
	d.DrawString(text)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("tray: encode icon: %w", err)
	}
	return buf.Bytes(), nil
}

// roundedSquare fills img with c, its corners rounded with radius r.
func roundedSquare(img *image.RGBA, c color.RGBA, r int) {
	b := img.Bounds()
	draw.Draw(img, b, image.NewUniform(c), image.Point{}, draw.Src)
	for y := 0; y < r; y++ {
		for x := 0; x < r; x++ {
			dx, dy := r-x, r-y
			if dx*dx+dy*dy <= r*r {
				continue
			}
			for _, p := range []image.Point{{x, y}, {b.Max.X - 1 - x, y}, {x, b.Max.Y - 1 - y}, {b.Max.X - 1 - x, b.Max.Y - 1 - y}} {
				img.SetRGBA(p.X, p.Y, color.RGBA{})
			}
		}
	}
}

// icoFromPNG wraps a square PNG of size pixels in an ICO file, the format
// the Windows tray takes (an ICO may hold a PNG since Windows Vista).
func icoFromPNG(data []byte, size int) []byte {
	var buf bytes.Buffer
	dim := byte(size)
	if size >= 256 {
		dim = 0 // 0 means 256
	}
	_ = binary.Write(&buf, binary.LittleEndian, struct {
		Reserved, Type, Count uint16
		Width, Height         byte
		Colors, Reserved2     byte
		Planes, BitCount      uint16
		Size, Offset          uint32
	}{0, 1, 1, dim, dim, 0, 0, 1, 32, uint32(len(data)), 6 + 16})
	buf.Write(data)
	return buf.Bytes()
}
