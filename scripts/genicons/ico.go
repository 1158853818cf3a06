package main

import (
	"bytes"
	"encoding/binary"
	"image"
)

// encodeICO writes images as one Windows .ico file, each as an uncompressed
// 32-bit BGRA bitmap with an empty AND mask (the alpha channel decides), the
// form every Windows version loads. Images must be square and at most 256 px.
func encodeICO(imgs ...*image.NRGBA) []byte {
	var buf bytes.Buffer
	le := binary.LittleEndian
	put := func(v any) { _ = binary.Write(&buf, le, v) } // writes to a bytes.Buffer cannot fail

	// ICONDIR: reserved, type 1 (icon), count.
	put([3]uint16{0, 1, uint16(len(imgs))})

	bitmaps := make([][]byte, len(imgs))
	offset := 6 + 16*len(imgs)
	for i, img := range imgs {
		bitmaps[i] = dib(img)
		n := img.Bounds().Dx()
		dim := uint8(n) // 256 is written as 0
		// ICONDIRENTRY: width, height, colours, reserved, planes, bits, size, offset.
		put([4]uint8{dim, dim, 0, 0})
		put([2]uint16{1, 32})
		put([2]uint32{uint32(len(bitmaps[i])), uint32(offset)})
		offset += len(bitmaps[i])
	}
	for _, b := range bitmaps {
		buf.Write(b)
	}
	return buf.Bytes()
}

// dib is one icon image: BITMAPINFOHEADER (height doubled for the mask), the
// pixels bottom-up in BGRA, then the 1-bit AND mask, rows padded to 4 bytes.
func dib(img *image.NRGBA) []byte {
	n := img.Bounds().Dx()
	maskRow := (n + 31) / 32 * 4
	pixels := make([]byte, 0, n*n*4)
	for y := n - 1; y >= 0; y-- {
		for x := range n {
			o := img.PixOffset(x, y)
			r, g, b, a := img.Pix[o], img.Pix[o+1], img.Pix[o+2], img.Pix[o+3]
			pixels = append(pixels, b, g, r, a)
		}
	}
	mask := make([]byte, maskRow*n)

	var buf bytes.Buffer
	header := struct {
		Size                     uint32
		Width, Height            int32
		Planes, BitCount         uint16
		Compression, SizeImage   uint32
		XPelsPerM, YPelsPerM     int32
		ColorsUsed, ColorsImport uint32
	}{
		Size: 40, Width: int32(n), Height: int32(2 * n),
		Planes: 1, BitCount: 32,
		SizeImage: uint32(len(pixels) + len(mask)),
	}
	_ = binary.Write(&buf, binary.LittleEndian, header) // cannot fail on a bytes.Buffer
	buf.Write(pixels)
	buf.Write(mask)
	return buf.Bytes()
}
