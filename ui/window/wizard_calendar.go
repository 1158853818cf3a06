package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// calendarHelp says where each calendar service shows its private address.
var calendarHelp = []struct{ service, how string }{
	{"Google Calendar", "Settings › your calendar (under “Settings for my calendars”) › Integrate calendar › " +
		"copy the “Secret address in iCal format”."},
	{"Outlook / Microsoft 365", "Settings › Calendar › Shared calendars › Publish a calendar: choose the calendar and " +
		"“Can view all details”, Publish, then copy the ICS link."},
	{"iCloud", "In the Calendar app or on icloud.com, share the calendar as a Public Calendar and copy its webcal:// link."},
}

// calendarPage is the Calendar step: why, the fields to add a calendar,
// the calendars added so far and where to find the address.
func (w *wizard) calendarPage() fyne.CanvasObject {
	box := container.NewVBox(
		heading("Add your calendar"),
		text("Interviews that someone else hosts on Zoom reach you as calendar invitations, and Zoom shows them late "+
			"or not at all. Paste your calendar's private address: "+appName+" reads it next to Zoom and finds "+
			"the Zoom link in each event."),
	)
	for _, r := range w.cals.addRows() {
		box.Add(r)
	}
	if len(w.st.Settings.Calendars) > 0 {
		box.Add(bold("Your calendars"))
		box.Add(w.cals.listObject())
	}
	help := container.NewVBox()
	for _, h := range calendarHelp {
		help.Add(helpLine(h.service, h.how))
	}
	help.Add(note("Anyone who has the address can read your calendar: " + appName +
		" keeps it in your system's keychain and shows it only shortened."))
	box.Add(widget.NewCard("", "Where to find your calendar's private address", help))
	return box
}

// helpLine is a bold title and its text in one paragraph.
func helpLine(title, how string) *widget.RichText {
	r := widget.NewRichText(
		&widget.TextSegment{Text: title + ": ", Style: widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}}},
		&widget.TextSegment{Text: how, Style: widget.RichTextStyle{Inline: true, ColorName: theme.ColorNameForeground}},
	)
	r.Wrapping = fyne.TextWrapWord
	return r
}
