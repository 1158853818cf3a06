// Command systrayfloor is the floor the resident agent's idle cost is
// measured against: a bare fyne.io/systray tray icon with one menu item and
// nothing else. `make bench` runs it beside the agent (see
// docs/benchmarks.md).
package main

import (
	"fyne.io/systray"

	"github.com/interviewtray/interviewtray/assets"
)

func main() {
	systray.Run(func() {
		systray.SetIcon(assets.TrayNormal)
		systray.SetTooltip("systray floor")
		quit := systray.AddMenuItem("Quit", "")
		go func() {
			<-quit.ClickedCh
			systray.Quit()
		}()
	}, func() {})
}
