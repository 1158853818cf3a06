//go:build !(linux || freebsd || openbsd || netbsd)

package window

import "fyne.io/fyne/v2"

// followDesktopTheme does nothing: Fyne follows Windows' and macOS's
// light or dark style itself.
func followDesktopTheme(fyne.App) {}
