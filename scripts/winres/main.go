// Command winres writes the Windows resources of one executable for
// scripts/package-windows.sh: an .ico of the app icon (16, 32, 48 and 256
// pixel PNG images, as Windows Vista and later read them) and a resource
// script (.rc) with that icon and the version information Explorer shows
// in the file's properties. MinGW's windres then compiles the script into
// a .syso file that the go command links into the executable.
//
//	go run ./scripts/winres -icon assets/icon.png -version 0.1.0 \
//		-name interviewtray -description "Interview Tray" -out DIR
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/image/draw"
)

func main() {
	icon := flag.String("icon", "", "the app icon, a square PNG")
	version := flag.String("version", "", "the version, MAJOR.MINOR.PATCH")
	name := flag.String("name", "", "the executable's name without .exe")
	desc := flag.String("description", "", "the file description")
	out := flag.String("out", "", "the folder to write NAME.ico and NAME.rc into")
	flag.Parse()
	if *icon == "" || *version == "" || *name == "" || *desc == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*icon, *version, *name, *desc, *out); err != nil {
		fmt.Fprintln(os.Stderr, "winres:", err)
		os.Exit(1)
	}
}

func run(iconPath, version, name, desc, out string) error {
	f, err := os.Open(iconPath)
	if err != nil {
		return err
	}
	src, err := png.Decode(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", iconPath, err)
	}
	ico, err := makeICO(src, []int{16, 32, 48, 256})
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, name+".ico"), ico, 0o644); err != nil {
		return err
	}
	rc, err := resourceScript(name, desc, version)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, name+".rc"), []byte(rc), 0o644)
}

// makeICO scales src to each size and stores the images as PNG entries.
func makeICO(src image.Image, sizes []int) ([]byte, error) {
	var images [][]byte
	for _, s := range sizes {
		dst := image.NewNRGBA(image.Rect(0, 0, s, s))
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Over, nil)
		var b bytes.Buffer
		if err := png.Encode(&b, dst); err != nil {
			return nil, err
		}
		images = append(images, b.Bytes())
	}
	var b bytes.Buffer
	w := func(v any) { binary.Write(&b, binary.LittleEndian, v) }
	w(uint16(0))           // reserved
	w(uint16(1))           // type: icon
	w(uint16(len(images))) // count
	offset := 6 + 16*len(images)
	for i, img := range images {
		dim := uint8(sizes[i]) // 256 is stored as 0
		w(dim)
		w(dim)
		w(uint8(0))  // no palette
		w(uint8(0))  // reserved
		w(uint16(1)) // colour planes
		w(uint16(32))
		w(uint32(len(img)))
		w(uint32(offset))
		offset += len(img)
	}
	for _, img := range images {
		b.Write(img)
	}
	return b.Bytes(), nil
}

// resourceScript is the .rc text: icon 1 (the one Explorer shows) and the
// VERSIONINFO block.
func resourceScript(name, desc, version string) (string, error) {
	parts := strings.Split(version, ".")
	if len(parts) != 3 {
		return "", fmt.Errorf("version %q is not MAJOR.MINOR.PATCH", version)
	}
	for _, p := range parts {
		if _, err := strconv.ParseUint(p, 10, 16); err != nil {
			return "", fmt.Errorf("version %q: %w", version, err)
		}
	}
	for _, s := range []string{name, desc} {
		if strings.ContainsAny(s, "\"\\\n") {
			return "", fmt.Errorf("%q: no quotes, backslashes or line breaks in a resource string", s)
		}
	}
	num := strings.Join(parts, ",") + ",0"
	return fmt.Sprintf(`1 ICON "%[1]s.ico"
1 VERSIONINFO
FILEVERSION %[3]s
PRODUCTVERSION %[3]s
FILEFLAGSMASK 0x3f
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "040904B0"
    BEGIN
      VALUE "CompanyName", "Interview Tray"
      VALUE "FileDescription", "%[2]s"
      VALUE "FileVersion", "%[4]s"
      VALUE "InternalName", "%[1]s"
      VALUE "OriginalFilename", "%[1]s.exe"
      VALUE "ProductName", "Interview Tray"
      VALUE "ProductVersion", "%[4]s"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x409, 1200
  END
END
`, name, desc, num, version), nil
}
