//go:build !linux

package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "benchdriver: the benchmarks read /proc and drive an X display: Linux only")
	os.Exit(2)
}
