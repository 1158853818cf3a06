package window

import (
	"errors"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func TestLightWithoutPortal(t *testing.T) {
	light := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight)
	dark := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark)
	noPortal := errors.New("org.freedesktop.DBus.Error.ServiceUnknown")
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // no Fyne settings.json
	tests := []struct {
		name      string
		portalErr error
		env       map[string]string
		settings  string // Fyne's settings.json
		wantLight bool
	}{
		{"no portal: light, the freedesktop default", noPortal, nil, "", true},
		{"the portal answered: Fyne follows it", nil, nil, "", false},
		{"no portal, FYNE_THEME chosen", noPortal, map[string]string{"FYNE_THEME": "dark"}, "", false},
		{"no portal, Fyne's settings chose", noPortal, nil, `{"theme":"dark"}`, false},
		{"no portal, Fyne's settings without a theme", noPortal, nil, `{"scale":1.5}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Setenv("XDG_CONFIG_HOME", dir)
			if tt.settings != "" {
				if err := os.MkdirAll(filepath.Join(dir, "fyne"), 0o700); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, "fyne", "settings.json"), []byte(tt.settings), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			a := test.NewTempApp(t)
			a.Settings().SetTheme(theme.DefaultTheme())
			lightWithoutPortal(a, tt.portalErr, func(k string) string { return tt.env[k] })
			got := a.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantDark)
			if tt.wantLight && got != light {
				t.Errorf("background %v, want the light one %v", got, light)
			}
			if !tt.wantLight && got != dark {
				t.Errorf("background %v, want Fyne's (dark for the variant asked) %v", got, dark)
			}
		})
	}
}

// TestBadgeFollowsTheTheme: a chip is readable on the light theme as on
// the dark one (Fyne's green and orange are not on white), and takes the
// new theme's colours when the desktop switches (the agenda is not
// rebuilt for it).
func TestBadgeFollowsTheTheme(t *testing.T) {
	a := test.NewTempApp(t)
	dark, light := theme.VariantDark, theme.VariantLight
	a.Settings().SetTheme(newAppTheme(&dark))
	var chips []fyne.CanvasObject
	for _, imp := range []widget.Importance{widget.SuccessImportance, widget.WarningImportance, widget.MediumImportance, widget.DangerImportance} {
		chips = append(chips, badge("You host it", imp))
	}
	w := test.NewTempWindow(t, container.NewVBox(chips...))
	contrasts := func(variant fyne.ThemeVariant) {
		t.Helper()
		bg := luminance(theme.DefaultTheme().Color(theme.ColorNameBackground, variant))
		walkObject(w.Canvas().Content(), func(o fyne.CanvasObject) {
			if txt, ok := o.(*canvas.Text); ok {
				fg := luminance(txt.Color)
				ratio := (max(fg, bg) + 0.05) / (min(fg, bg) + 0.05)
				if ratio < 3 {
					t.Errorf("variant %d: chip text %v on the background has a contrast of %.1f, want 3 at least", variant, txt.Color, ratio)
				}
			}
		})
	}
	contrasts(theme.VariantDark)
	a.Settings().SetTheme(newAppTheme(&light))
	contrasts(theme.VariantLight)
}

// luminance is c's relative luminance (WCAG), 0 black to 1 white.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// TestAppThemeReadableOnLight: labels marked success or warning (the
// wizard's steps, its "why" line) read on the light theme too.
func TestAppThemeReadableOnLight(t *testing.T) {
	th := newAppTheme(nil)
	for _, v := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
		bg := luminance(th.Color(theme.ColorNameBackground, v))
		for _, name := range []fyne.ThemeColorName{theme.ColorNameSuccess, theme.ColorNameWarning, theme.ColorNameError, theme.ColorNamePrimary} {
			fg := luminance(th.Color(name, v))
			if ratio := (max(fg, bg) + 0.05) / (min(fg, bg) + 0.05); ratio < 3 {
				t.Errorf("variant %d: %s on the background: contrast %.1f, want 3 at least", v, name, ratio)
			}
		}
	}
}
