// Command fynewindowfloor is the floor an app window's startup is measured
// against: a bare Fyne window holding one label. `make bench` times it from
// process start to the first frame on screen, the same way it times
// `interviewtray window NAME` (see docs/benchmarks.md).
//
// It also reports, on standard output, when Fyne first drew its content: a
// 1x1 raster beside the label prints "first-draw-unix-ns N" (the wall
// clock, in nanoseconds since 1970) from its first paint. The benchmark
// driver compares that with the moment it saw the frame on the X display,
// which checks its own detection (the interviewtray windows cannot report
// this without code of their own).
package main

import (
	"fmt"
	"image"
	"image/color"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Title is the window's title.
const Title = "Bench floor window"

func main() {
	a := app.NewWithID("io.github.interviewtray.bench.fynewindow")
	w := a.NewWindow(Title)
	var once sync.Once
	probe := canvas.NewRaster(func(int, int) image.Image {
		once.Do(func() { fmt.Fprintf(os.Stdout, "first-draw-unix-ns %d\n", time.Now().UnixNano()) })
		img := image.NewNRGBA(image.Rect(0, 0, 1, 1))
		img.Set(0, 0, color.Transparent)
		return img
	})
	probe.SetMinSize(fyne.NewSize(1, 1))
	w.SetContent(container.NewVBox(widget.NewLabel("A bare Fyne window."), probe))
	w.Resize(fyne.NewSize(380, 200))
	w.ShowAndRun()
}
