// Command fynetrayfloor is the second floor of the resident agent's idle
// cost: a bare Fyne app with a system tray menu of one item
// (desktop.App.SetSystemTrayMenu) that never shows a window. It is what a
// tray agent built on Fyne alone would cost. `make bench` runs it beside the
// agent (see docs/benchmarks.md).
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/interviewtray/interviewtray/assets"
)

func main() {
	a := app.NewWithID("io.github.interviewtray.bench.fynetray")
	a.SetIcon(fyne.NewStaticResource("tray.png", assets.TrayNormal))
	if d, ok := a.(desktop.App); ok {
		d.SetSystemTrayMenu(fyne.NewMenu("Fyne tray floor", fyne.NewMenuItem("Hello", func() {})))
	}
	a.Run()
}
