// Package view is the text the tray and the windows share, without Fyne:
// countdowns ("in 12 min"), day titles and grouping by day, the texts the
// Copy buttons put on the clipboard, and the rule that hides candidates'
// names. The agent works out what to show (localapi.View); this package
// says it in words, the same in every surface.
package view
