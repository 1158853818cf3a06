package main

import "image"

// Palette. Violet is the brand colour (far from Zoom's blue, so the tray icon
// is not mistaken for Zoom's own); amber and red mark the tray states.
var (
	violetTop    = hex(0x8C6CF7)
	violetBottom = hex(0x5B3CC4)
	violet       = hex(0x6F47E6)
	violetDark   = hex(0x3F2494)
	white        = hex(0xFFFFFF)
	coral        = hex(0xFF6B6B)
	amber        = hex(0xFAB005)
	red          = hex(0xE03131)
)

// camera is the video camera glyph: a rounded body and a lens that widens to
// the right, scaled by k around the body's centre (cx, cy).
func camera(cx, cy, k float64) shape {
	body := roundRect(cx-118*k, cy-84*k, cx+62*k, cy+84*k, 34*k)
	lens := round(polygon(
		cx+84*k, cy-22*k,
		cx+150*k, cy-66*k,
		cx+150*k, cy+66*k,
		cx+84*k, cy+22*k,
	), 14*k)
	return union(body, lens)
}

// appIcon draws the 512 px application icon: a calendar page with a video
// camera on it, on an violet tile.
func appIcon(size int) *image.NRGBA {
	c := newCanvas(size)
	tile := roundRect(32, 32, 480, 480, 100)
	c.fill(tile, vertical(violetTop, violetBottom, 32, 480))

	// The calendar page, with a coral header band and two binder rings.
	page := roundRect(108, 138, 404, 410, 40)
	c.fill(page, solid(white))
	header := intersect(page, roundRect(100, 130, 412, 206, 0))
	c.fill(header, solid(coral))
	for _, x := range []float64{186, 326} {
		c.fill(capsule(x, 112, x, 166, 17), solid(violetDark))
	}

	c.fill(camera(246, 310, 0.68), solid(violet))
	return c.image()
}

// trayState is the state a tray icon shows.
type trayState int

const (
	trayNormal    trayState = iota
	traySoon                // an interview starts soon
	trayAttention           // something needs the user (sign in, settings)
)

// trayIcon draws a tray icon: a white calendar page with the camera cut out of
// it on a violet tile, which reads on light and dark panels alike, with a badge in the top right corner for the
// states other than normal. The badge is cut out of the tile with a gap so
// that it stands apart at 16 px.
func trayIcon(state trayState, size int) *image.NRGBA {
	c := newCanvas(size)
	tile := roundRect(8, 8, 504, 504, 112)
	page := roundRect(84, 118, 428, 436, 56)
	rings := union(capsule(178, 76, 178, 150, 30), capsule(334, 76, 334, 150, 30))
	glyph := minus(page, union(rings, camera(246, 290, 0.8)))

	const bx, by, br, gap = 404, 108, 100, 28
	if state != trayNormal {
		cut := circle(bx, by, br+gap)
		tile = minus(tile, cut)
		glyph = minus(glyph, cut)
	}
	c.fill(tile, vertical(violetTop, violetBottom, 8, 504))
	c.fill(glyph, solid(white))

	switch state {
	case traySoon:
		// An amber clock face with its hands at ten past.
		c.fill(circle(bx, by, br), solid(amber))
		hands := union(
			capsule(bx, by, bx, by-58, 15),
			capsule(bx, by, bx+44, by+18, 15),
		)
		c.fill(hands, solid(violetDark))
	case trayAttention:
		// A red disc with an exclamation mark.
		c.fill(circle(bx, by, br), solid(red))
		mark := union(
			capsule(bx, by-56, bx, by+14, 17),
			circle(bx, by+56, 19),
		)
		c.fill(mark, solid(white))
	}
	return c.image()
}
