// Package tray is the resident agent's user interface: the system tray icon
// and menu (through fyne.io/systray, with no GL driver) and system
// notifications. It renders snapshots from the sync engine and turns clicks
// into commands; it holds no state of its own beyond what it shows.
package tray
