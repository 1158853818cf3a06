// Command linkedfloor is systrayfloor with Fyne linked in but never used: a
// bare fyne.io/systray tray with one menu item whose binary also carries
// Fyne's app package (its init functions, its cgo GLFW and OpenGL code and
// the shared libraries they load), as the interviewtray binary does because
// its `window` subcommand opens Fyne windows. The difference between it and
// systrayfloor is what linking Fyne costs a process that never opens a
// window. `make bench` uses it to explain the agent's resident memory.
package main

import (
	"fyne.io/systray"

	_ "fyne.io/fyne/v2/app" // linked, never called: the point of this floor

	"github.com/interviewtray/interviewtray/assets"
)

func main() {
	systray.Run(func() {
		systray.SetIcon(assets.TrayNormal)
		systray.SetTooltip("linked floor")
		quit := systray.AddMenuItem("Quit", "")
		go func() {
			<-quit.ClickedCh
			systray.Quit()
		}()
	}, func() {})
}
