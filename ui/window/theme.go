package window

import (
	"encoding/json"
	"image/color"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/theme"
)

// The windows follow the desktop's light or dark style. Fyne does it
// itself on Windows and macOS, and on Linux through the freedesktop
// portal's org.freedesktop.appearance color-scheme, when a portal answers.
// Without one (many X11 desktops: Xfce, Openbox...) Fyne stays dark; the
// windows then go light, the freedesktop default ("no preference" is light,
// as Fyne maps it too). A user who wants one or the other sets Fyne's own
// setting: FYNE_THEME=light or dark, or "theme" in Fyne's settings.json
// (~/.config/fyne/settings.json); the windows then leave Fyne alone.

// variantTheme is Fyne's default theme in one variant, whatever the
// desktop says.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t variantTheme) Color(name fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(name, t.variant)
}

// explicitTheme says whether the user chose Fyne's variant: FYNE_THEME or
// the theme of Fyne's settings.json.
func explicitTheme(getenv func(string) string) bool {
	if getenv("FYNE_THEME") != "" {
		return true
	}
	var s app.SettingsSchema
	b, err := os.ReadFile(s.StoragePath())
	if err != nil {
		return false
	}
	return json.Unmarshal(b, &s) == nil && s.ThemeName != ""
}

// lightWithoutPortal makes a's windows light when no portal said what the
// desktop prefers (err from the portal) and the user chose nothing.
func lightWithoutPortal(a fyne.App, portalErr error, getenv func(string) string) {
	if portalErr == nil || explicitTheme(getenv) {
		return
	}
	a.Settings().SetTheme(variantTheme{Theme: theme.DefaultTheme(), variant: theme.VariantLight})
}
