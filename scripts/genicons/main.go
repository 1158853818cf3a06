// Command genicons draws Interview Tray's icons and writes them into the
// assets directory, where package assets embeds them:
//
//	icon.png                the 512 px application icon (FyneApp.toml, windows)
//	tray-normal.png         32 px tray icons for Linux and macOS: normal,
//	tray-soon.png           an interview starts soon,
//	tray-attention.png      something needs the user
//	tray-*.ico              the same three for the Windows tray (16, 24, 32 px)
//
// Run it from the repository root after changing a design:
//
//	go run ./scripts/genicons -out assets
//
// Its test fails when the committed files no longer match what it draws.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"sort"
)

// appIconSize and traySize are the pixel sizes of the PNG files.
const (
	appIconSize = 512
	traySize    = 32
)

// icoSizes are the sizes in each .ico file: 16 px at 100 % scaling up to 32 px at 200 %.
var icoSizes = []int{16, 24, 32}

// trayFiles names the tray states' files, without extension.
var trayFiles = map[trayState]string{
	trayNormal:    "tray-normal",
	traySoon:      "tray-soon",
	trayAttention: "tray-attention",
}

func main() {
	out := flag.String("out", "assets", "directory to write the icons into")
	flag.Parse()
	if err := write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "genicons:", err)
		os.Exit(1)
	}
}

func write(dir string) error {
	files, err := render()
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return fmt.Errorf("write icon: %w", err)
		}
		fmt.Println("wrote", path)
	}
	return nil
}

// render draws every icon and returns the encoded files by name.
func render() (map[string][]byte, error) {
	files := map[string][]byte{}
	app, err := encodePNG(appIcon(appIconSize))
	if err != nil {
		return nil, err
	}
	files["icon.png"] = app
	for state, name := range trayFiles {
		b, err := encodePNG(trayIcon(state, traySize))
		if err != nil {
			return nil, err
		}
		files[name+".png"] = b
		imgs := make([]*image.NRGBA, len(icoSizes))
		for i, n := range icoSizes {
			imgs[i] = trayIcon(state, n)
		}
		files[name+".ico"] = encodeICO(imgs...)
	}
	return files, nil
}

func encodePNG(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("encode png: %w", err)
	}
	return buf.Bytes(), nil
}
