package main

import (
	"os"
	"slices"

	"github.com/interviewtray/interviewtray/ui/tray"
)

// When a toast is clicked while no agent runs, Windows starts the
// executable registered for the app's toast activator with
// tray.ToastActivatedArg (toastreg_windows.go). That start is an agent
// start: the argument is dropped, the agent starts as with no arguments
// (or hands over to one that started meanwhile), and the click itself
// arrives through COM once the agent has registered its activator.
func init() {
	os.Args = slices.DeleteFunc(os.Args, func(a string) bool {
		return a == tray.ToastActivatedArg || a == "-Embedding"
	})
}
