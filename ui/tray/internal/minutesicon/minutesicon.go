// Package minutesicon draws the tray's countdown icons: the minutes left
// (1 to 60) in Go Bold on the amber of the "soon" icon. It runs at build
// time only (go generate in ui/tray writes the 60 icons as PNG files that
// the tray embeds), so the agent links no font renderer and embeds no font.
package minutesicon

import (
	"bytes"
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

// The icons' size in pixels (hosts scale it to their slot) and the largest
// number drawn.
const (
	Size = 64
	Max  = 60
)

var (
	background = color.RGBA{0xF5, 0x9E, 0x0B, 0xFF} // the "soon" amber
	ink        = color.RGBA{0x1F, 0x29, 0x37, 0xFF}
)

// goBold is the Go Bold font, parsed once.
var goBold = sync.OnceValues(func() (*opentype.Font, error) { return opentype.Parse(gobold.TTF) })

// Draw draws n (1 to Max) on the amber of the "soon" icon, as PNG.
func Draw(n int) ([]byte, error) {
	if n < 1 || n > Max {
		return nil, fmt.Errorf("%d minutes is not a countdown", n)
	}
	f, err := goBold()
	if err != nil {
		return nil, fmt.Errorf("font: %w", err)
	}
	text := strconv.Itoa(n)
	size := 44.0 // two digits fill the icon's width
	if len(text) == 1 {
		size = 52
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, fmt.Errorf("font face: %w", err)
	}
	defer face.Close()

	const s = Size
	img := image.NewRGBA(image.Rect(0, 0, s, s))
	roundedSquare(img, background, s/6)
	d := &font.Drawer{Dst: img, Src: image.NewUniform(ink), Face: face}
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
		return nil, fmt.Errorf("encode icon: %w", err)
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
