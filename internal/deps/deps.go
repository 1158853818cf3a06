//go:build tools

// Package deps pins the design card's dependencies in go.mod until the
// packages that use them land. It is never built.
package deps

import (
	_ "fyne.io/fyne/v2/app"
	_ "fyne.io/fyne/v2/test"
	_ "fyne.io/fyne/v2/widget"
	_ "fyne.io/systray"
	_ "github.com/godbus/dbus/v5"
	_ "github.com/pkg/browser"
	_ "github.com/zalando/go-keyring"
	_ "golang.org/x/oauth2"
)
