package tray

import (
	"bytes"
	"embed"
	"encoding/binary"
	"fmt"
	"strconv"
)

// The countdown icon: in the last hour before an interview, the minutes
// left drawn into the tray icon, for tray hosts that show only icons (most
// Linux panels, Windows), where the title next to the icon ("12m") never
// shows. It is redrawn at most once a minute, when the number changes.
//
// The 60 icons are drawn at build time (package internal/minutesicon, Go
// Bold on the "soon" amber) and embedded as PNG files: the agent links no
// font renderer and carries no font, which keeps its binary, and so its
// resident memory, smaller. TestMinutesIconsAreGenerated keeps the files
// in step with the drawing code.
//
//go:generate go run ./internal/genminutes minutes
const (
	minutesIconSize = 64 // pixels; hosts scale it to their slot
	minutesMax      = 60
)

//go:embed minutes/*.png
var minutesIcons embed.FS

// minutesIcon is the icon for n (1 to 60) minutes, as PNG.
func minutesIcon(n int) ([]byte, error) {
	if n < 1 || n > minutesMax {
		return nil, fmt.Errorf("tray: %d minutes is not a countdown", n)
	}
	data, err := minutesIcons.ReadFile("minutes/" + strconv.Itoa(n) + ".png")
	if err != nil {
		return nil, fmt.Errorf("tray: countdown icon: %w", err)
	}
	return data, nil
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
