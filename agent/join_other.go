//go:build !windows

package agent

func zoomHandlerRegistered() bool { return false } // xdg-mime is asked instead
