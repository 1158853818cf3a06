// Package assets holds Interview Tray's embedded files: the application icon
// and the tray icons for each state. The images are drawn by
// scripts/genicons; regenerate them with `go generate ./assets` rather than
// editing them by hand.
//
// The byte slices are shared: callers must not modify them.
package assets

import _ "embed" // for go:embed

//go:generate go run ../scripts/genicons -out .

// AppIcon is the 512x512 PNG application icon, the one FyneApp.toml names.
//
//go:embed icon.png
var AppIcon []byte

// Tray icons for Linux and macOS: 32x32 PNGs, a calendar page with a video
// camera on a violet tile that reads on light and dark panels.
var (
	// TrayNormal is shown when nothing needs the user.
	//
	//go:embed tray-normal.png
	TrayNormal []byte

	// TraySoon adds an amber clock badge: an interview starts soon.
	//
	//go:embed tray-soon.png
	TraySoon []byte

	// TrayAttention adds a red "!" badge: something needs the user, such as
	// signing in again or a recording setting that is off.
	//
	//go:embed tray-attention.png
	TrayAttention []byte
)

// The same tray icons as .ico files holding 16, 24 and 32 px images, for the
// Windows tray, which accepts only that format.
var (
	// TrayNormalICO is TrayNormal for Windows.
	//
	//go:embed tray-normal.ico
	TrayNormalICO []byte

	// TraySoonICO is TraySoon for Windows.
	//
	//go:embed tray-soon.ico
	TraySoonICO []byte

	// TrayAttentionICO is TrayAttention for Windows.
	//
	//go:embed tray-attention.ico
	TrayAttentionICO []byte
)
