package main

import (
	"image"
	"math"
)

// The icons are drawn with signed distance fields: a shape is a function that
// tells, for a point, how far it lies outside the shape (negative inside).
// That gives exact anti-aliasing at any size from one description, which
// matters for a 16 px tray icon as much as for the 512 px app icon.

// shape returns the signed distance from (x, y) to its edge, in design units.
type shape func(x, y float64) float64

// paint returns the straight (not premultiplied) colour at (x, y).
type paint func(x, y float64) rgba

// rgba is a colour with components in [0, 1].
type rgba struct{ r, g, b, a float64 }

func hex(v uint32) rgba {
	return rgba{
		r: float64(v>>16&0xff) / 255,
		g: float64(v>>8&0xff) / 255,
		b: float64(v&0xff) / 255,
		a: 1,
	}
}

func solid(c rgba) paint { return func(_, _ float64) rgba { return c } }

// vertical blends from top (at y0) to bottom (at y1).
func vertical(top, bottom rgba, y0, y1 float64) paint {
	return func(_, y float64) rgba {
		t := clamp((y-y0)/(y1-y0), 0, 1)
		return rgba{
			r: top.r + (bottom.r-top.r)*t,
			g: top.g + (bottom.g-top.g)*t,
			b: top.b + (bottom.b-top.b)*t,
			a: top.a + (bottom.a-top.a)*t,
		}
	}
}

// canvas is a square image in premultiplied floating point. Shapes are
// described in a design space of designSize units and scaled to the pixels.
type canvas struct {
	size int
	pix  []rgba // premultiplied
}

// designSize is the width and height of the design space every icon is drawn in.
const designSize = 512

func newCanvas(size int) *canvas {
	return &canvas{size: size, pix: make([]rgba, size*size)}
}

// fill composites p, masked by s, over what is already drawn.
func (c *canvas) fill(s shape, p paint) {
	scale := float64(c.size) / designSize // pixels per design unit
	for py := 0; py < c.size; py++ {
		for px := 0; px < c.size; px++ {
			// Sample at the pixel centre, in design units.
			x := (float64(px) + 0.5) / scale
			y := (float64(py) + 0.5) / scale
			cover := clamp(0.5-s(x, y)*scale, 0, 1)
			if cover == 0 {
				continue
			}
			src := p(x, y)
			a := src.a * cover
			d := &c.pix[py*c.size+px]
			d.r = src.r*a + d.r*(1-a)
			d.g = src.g*a + d.g*(1-a)
			d.b = src.b*a + d.b*(1-a)
			d.a = a + d.a*(1-a)
		}
	}
}

// image converts the canvas to 8-bit straight alpha.
func (c *canvas) image() *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, c.size, c.size))
	for i, p := range c.pix {
		if p.a == 0 {
			continue
		}
		img.Pix[4*i+0] = to8(p.r / p.a)
		img.Pix[4*i+1] = to8(p.g / p.a)
		img.Pix[4*i+2] = to8(p.b / p.a)
		img.Pix[4*i+3] = to8(p.a)
	}
	return img
}

func to8(v float64) uint8 { return uint8(math.Round(clamp(v, 0, 1) * 255)) }

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// Shapes.

// roundRect is a rectangle from (x0, y0) to (x1, y1) with corner radius r.
func roundRect(x0, y0, x1, y1, r float64) shape {
	cx, cy := (x0+x1)/2, (y0+y1)/2
	hw, hh := (x1-x0)/2-r, (y1-y0)/2-r
	return func(x, y float64) float64 {
		qx := math.Abs(x-cx) - hw
		qy := math.Abs(y-cy) - hh
		outside := math.Hypot(math.Max(qx, 0), math.Max(qy, 0))
		inside := math.Min(math.Max(qx, qy), 0)
		return outside + inside - r
	}
}

func circle(cx, cy, r float64) shape {
	return func(x, y float64) float64 { return math.Hypot(x-cx, y-cy) - r }
}

// capsule is the segment from (ax, ay) to (bx, by) thickened by r.
func capsule(ax, ay, bx, by, r float64) shape {
	return func(x, y float64) float64 {
		px, py := x-ax, y-ay
		dx, dy := bx-ax, by-ay
		t := clamp((px*dx+py*dy)/(dx*dx+dy*dy), 0, 1)
		return math.Hypot(px-dx*t, py-dy*t) - r
	}
}

// polygon is a closed polygon through the points (x0, y0, x1, y1, ...).
func polygon(pts ...float64) shape {
	n := len(pts) / 2
	return func(x, y float64) float64 {
		d := math.Inf(1)
		inside := false
		for i, j := 0, n-1; i < n; j, i = i, i+1 {
			ax, ay := pts[2*j], pts[2*j+1]
			bx, by := pts[2*i], pts[2*i+1]
			ex, ey := bx-ax, by-ay
			wx, wy := x-ax, y-ay
			t := clamp((wx*ex+wy*ey)/(ex*ex+ey*ey), 0, 1)
			d = math.Min(d, math.Hypot(wx-ex*t, wy-ey*t))
			if (ay > y) != (by > y) && x < ax+(y-ay)*ex/ey {
				inside = !inside
			}
		}
		if inside {
			return -d
		}
		return d
	}
}

// Combinators.

// round grows s by r, rounding its corners.
func round(s shape, r float64) shape {
	return func(x, y float64) float64 { return s(x, y) - r }
}

func union(ss ...shape) shape {
	return func(x, y float64) float64 {
		d := math.Inf(1)
		for _, s := range ss {
			d = math.Min(d, s(x, y))
		}
		return d
	}
}

// minus is a with b cut out of it.
func minus(a, b shape) shape {
	return func(x, y float64) float64 { return math.Max(a(x, y), -b(x, y)) }
}

func intersect(a, b shape) shape {
	return func(x, y float64) float64 { return math.Max(a(x, y), b(x, y)) }
}
