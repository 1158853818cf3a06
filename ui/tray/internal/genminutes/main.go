// Command genminutes writes the tray's countdown icons (package
// minutesicon) into a directory, one PNG per number: minutes/1.png to
// minutes/60.png. It is run by `go generate ./ui/tray`.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/interviewtray/interviewtray/ui/tray/internal/minutesicon"
)

func main() {
	dir := "minutes"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	if err := write(dir); err != nil {
		fmt.Fprintln(os.Stderr, "genminutes:", err)
		os.Exit(1)
	}
}

func write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for n := 1; n <= minutesicon.Max; n++ {
		data, err := minutesicon.Draw(n)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, strconv.Itoa(n)+".png"), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
