//go:build nowindow

package main

import (
	"context"
	"errors"
	"io"
)

// A build with the nowindow tag leaves Fyne out, to measure what linking it
// costs the resident agent (make bench); it cannot open windows.
func init() {
	register("window", "not in this build (built with -tags nowindow)", runWindow)
}

func runWindow(context.Context, io.Writer, io.Writer, []string) error {
	return errors.New("this interviewtray was built without windows (-tags nowindow)")
}
