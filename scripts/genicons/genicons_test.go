package main

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// TestCommittedIconsMatch fails when a file in assets/ no longer matches what
// this program draws: either the design changed without regenerating, or a
// file was edited by hand. Pixels may differ by one step per channel, which
// floating-point differences between CPU architectures can cause.
func TestCommittedIconsMatch(t *testing.T) {
	files, err := render()
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if filepath.Ext(name) != ".png" {
			continue // the .ico files are checked against the PNGs in package assets
		}
		t.Run(name, func(t *testing.T) {
			committed, err := os.ReadFile(filepath.Join("..", "..", "assets", name))
			if err != nil {
				t.Fatalf("read committed icon: %v (regenerate with go generate ./assets)", err)
			}
			want := decode(t, data)
			got := decode(t, committed)
			if got.Bounds() != want.Bounds() {
				t.Fatalf("committed %v, drawn %v", got.Bounds(), want.Bounds())
			}
			b := want.Bounds()
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					gr, gg, gb, ga := got.At(x, y).RGBA()
					wr, wg, wb, wa := want.At(x, y).RGBA()
					if far(gr, wr) || far(gg, wg) || far(gb, wb) || far(ga, wa) {
						t.Fatalf("pixel (%d,%d) differs: committed %v, drawn %v; run go generate ./assets",
							x, y, got.At(x, y), want.At(x, y))
					}
				}
			}
		})
	}
}

func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decode png: %v", err)
	}
	return img
}

// far reports whether two 16-bit channel values are more than one 8-bit step apart.
func far(a, b uint32) bool {
	d := int(a>>8) - int(b>>8)
	return d < -1 || d > 1
}

// TestShapes checks the distance functions the icons are built from, at
// points whose distance is known.
func TestShapes(t *testing.T) {
	tests := []struct {
		name string
		s    shape
		x, y float64
		want float64
	}{
		{"circle centre", circle(10, 10, 5), 10, 10, -5},
		{"circle outside", circle(10, 10, 5), 10, 20, 5},
		{"rect inside edge", roundRect(0, 0, 100, 50, 0), 50, 10, -10},
		{"rect outside corner", roundRect(0, 0, 100, 50, 0), 103, 54, 5},
		{"rounded corner", roundRect(0, 0, 100, 100, 20), 0, 0, 20*1.4142135623730951 - 20},
		{"capsule side", capsule(0, 0, 10, 0, 2), 5, 5, 3},
		{"capsule end", capsule(0, 0, 10, 0, 2), 13, 0, 1},
		{"triangle inside", polygon(0, 0, 10, 0, 0, 10), 1, 1, -1},
		{"triangle outside", polygon(0, 0, 10, 0, 0, 10), -3, 5, 3},
		{"minus hole", minus(circle(0, 0, 10), circle(0, 0, 4)), 0, 0, 4},
		{"union nearest", union(circle(0, 0, 1), circle(10, 0, 1)), 8, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.s(tt.x, tt.y)
			if d := got - tt.want; d < -1e-9 || d > 1e-9 {
				t.Errorf("distance at (%v,%v) = %v, want %v", tt.x, tt.y, got, tt.want)
			}
		})
	}
}
