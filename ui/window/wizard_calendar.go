package window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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

// calendarPage is the Calendar step: why, where to find the address, the
// calendars added so far and the fields to add one.
func (w *wizard) calendarPage() fyne.CanvasObject {
	box := container.NewVBox(
		heading("Add your calendar"),
		text("Interviews that someone else hosts on Zoom, such as those a recruiting tool schedules, reach you as "+
			"calendar invitations; Zoom shows them late or not at all. "+appName+" reads your calendar next to Zoom "+
			"and finds the Zoom link in each event."),
	)
	help := container.NewVBox()
	for _, h := range calendarHelp {
		help.Add(titled(h.service, h.how))
	}
	help.Add(note("The address lets anyone who has it read your calendar: " + appName +
		" keeps it in your system's keychain and shows it only shortened."))
	box.Add(widget.NewCard("", "Copy your calendar's private address", help))
	if len(w.st.Settings.Calendars) > 0 {
		box.Add(bold("Your calendars"))
		box.Add(w.cals.listObject())
		box.Add(bold("Add another calendar"))
	}
	for _, r := range w.cals.addRows() {
		box.Add(r)
	}
	return box
}
