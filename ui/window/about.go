package window

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// tagline says in one line what the product does.
const tagline = "Your upcoming Zoom interviews in the tray: join in one click, " +
	"reminders you cannot miss, and the recording found afterwards."

// newAbout builds the about window: icon, name, version, what the product
// does, and a Close button.
func newAbout(a fyne.App) fyne.Window {
	w := a.NewWindow("About " + appName)

	icon := canvas.NewImageFromResource(appIcon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(96, 96))

	name := widget.NewLabelWithStyle(appName, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	version := widget.NewLabelWithStyle(versionText(a.Metadata()), fyne.TextAlignCenter, fyne.TextStyle{})
	what := widget.NewLabelWithStyle(tagline, fyne.TextAlignCenter, fyne.TextStyle{})
	what.Wrapping = fyne.TextWrapWord

	closeButton := widget.NewButton("Close", w.Close)
	closeButton.Importance = widget.HighImportance

	w.SetContent(container.NewPadded(container.NewVBox(
		icon, name, version, what, container.NewCenter(closeButton),
	)))
	w.Resize(fyne.NewSize(380, 0))
	w.SetFixedSize(true)
	w.CenterOnScreen()
	return w
}

// versionText describes the build from the app's metadata: on Linux and
// the BSDs the windows set it from FyneApp.toml's values (appVersion,
// appBuild: see fyneconfig.go); elsewhere a packaged build carries
// FyneApp.toml's, and any other build has none and says so rather than
// show Fyne's placeholder.
func versionText(m fyne.AppMetadata) string {
	if m.Name == "" {
		return "Development build"
	}
	if m.Build > 0 {
		return fmt.Sprintf("Version %s (build %d)", m.Version, m.Build)
	}
	return "Version " + m.Version
}
