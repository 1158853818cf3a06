package window

import (
	"encoding/json"
	"image/color"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/theme"

	"github.com/interviewtray/interviewtray/model"
)

// The windows follow the desktop's light or dark style. Fyne does it
// itself on Windows and macOS, and on Linux through the freedesktop
// portal's org.freedesktop.appearance color-scheme, when a portal answers.
// Without one (many X11 desktops: Xfce, Openbox...) Fyne stays dark; the
// windows then go light, the freedesktop default ("no preference" is light,
// as Fyne maps it too). A user who wants one or the other sets Fyne's own
// setting: FYNE_THEME=light or dark, or "theme" in Fyne's settings.json
// (~/.config/fyne/settings.json); the windows then leave Fyne alone.

// appTheme is Fyne's default theme with two changes: on a light
// background the success and warning colours (Fyne's green and orange,
// made for dark ones) take a darker shade, readable on white; and with
// forced set, one variant whatever the desktop says.
type appTheme struct {
	fyne.Theme
	forced *fyne.ThemeVariant
}

// newAppTheme is the windows' theme; forced may be nil (follow Fyne).
func newAppTheme(forced *fyne.ThemeVariant) appTheme {
	return appTheme{Theme: theme.DefaultTheme(), forced: forced}
}

func (t appTheme) Color(name fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.forced != nil {
		v = *t.forced
	}
	c := t.Theme.Color(name, v)
	if v == theme.VariantLight && (name == theme.ColorNameSuccess || name == theme.ColorNameWarning) {
		return shade(c, 0.55)
	}
	return c
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

// shade is c with each channel scaled by f (0 black, 1 unchanged).
func shade(c color.Color, f float64) color.Color {
	r, g, b, a := c.RGBA()
	return color.NRGBA{R: uint8(float64(r>>8) * f), G: uint8(float64(g>>8) * f), B: uint8(float64(b>>8) * f), A: uint8(a >> 8)}
}

// lightWithoutPortal makes a's windows light when no portal said what the
// desktop prefers (err from the portal) and the user chose nothing.
func lightWithoutPortal(a fyne.App, portalErr error, getenv func(string) string) {
	if portalErr == nil || explicitTheme(getenv) {
		return
	}
	light := theme.VariantLight
	a.Settings().SetTheme(newAppTheme(&light))
}

// themeOf is the variant a Settings.Theme forces; nil follows the desktop.
func themeOf(name string) *fyne.ThemeVariant {
	var v fyne.ThemeVariant
	switch name {
	case model.ThemeLight:
		v = theme.VariantLight
	case model.ThemeDark:
		v = theme.VariantDark
	default:
		return nil
	}
	return &v
}

// applyTheme puts the theme the settings choose on the app, when it
// changed since the last state (applied is the one last put).
func applyTheme(a fyne.App, name string, applied *string) {
	if a == nil || name == *applied {
		return
	}
	*applied = name
	if forced := themeOf(name); forced != nil {
		a.Settings().SetTheme(newAppTheme(forced))
		return
	}
	a.Settings().SetTheme(newAppTheme(nil))
}
