package calendar

import "github.com/emersion/go-ical"

// ZoomLink is the Zoom meeting found in an event.
type ZoomLink struct {
	MeetingID string
	Passcode  string
	JoinURL   string
	Kind      LinkKind
}

// LinkKind says what a Zoom link opens.
type LinkKind string

func findZoom(c *ical.Component) *ZoomLink { return nil }
