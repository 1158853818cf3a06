package calendar

import (
	"testing"

	"github.com/interviewtray/interviewtray/zoom"
)

func TestFindZoom(t *testing.T) {
	res := parseFile(t, "zoom_links.ics", marchOpt)
	got := map[string]*ZoomLink{}
	for _, o := range res.Occurrences {
		got[o.UID] = o.Zoom
	}
	for _, tc := range []struct {
		uid  string
		want *ZoomLink
	}{
		{"location", &ZoomLink{MeetingID: "1234567890", PWD: "LocPwd", JoinURL: "https://zoom.us/j/1234567890?pwd=LocPwd", Kind: LinkMeeting}},
		{"url", &ZoomLink{MeetingID: "81234567890", PWD: "UrlPwd", JoinURL: "https://us06web.zoom.us/j/81234567890?pwd=UrlPwd", Kind: LinkMeeting}},
		{"plain-description", &ZoomLink{MeetingID: "98765432109", Passcode: "s3cret", JoinURL: "https://acme.zoom.us/j/98765432109", Kind: LinkMeeting}},
		{"html-wbr", &ZoomLink{MeetingID: "55566677788", PWD: "Wbr", JoinURL: "https://acme.zoom.us/j/55566677788?pwd=Wbr", Kind: LinkMeeting}},
		{"html-href", &ZoomLink{MeetingID: "44455566677", PWD: "Href", JoinURL: "https://acme.zoom.us/j/44455566677?pwd=Href&from=addon", Kind: LinkMeeting}},
		{"x-alt-desc", &ZoomLink{MeetingID: "33344455566", JoinURL: "https://zoom.com/j/33344455566", Kind: LinkMeeting}},
		{"conference", &ZoomLink{MeetingID: "1611234567", PWD: "Gov", JoinURL: "https://zoomgov.com/j/1611234567?pwd=Gov", Kind: LinkMeeting}},
		{"google-conference", &ZoomLink{MeetingID: "22233344455", JoinURL: "https://acme.zoom.us/j/22233344455", Kind: LinkMeeting}},
		{"webinar", &ZoomLink{MeetingID: "88301474380", PWD: "Web", JoinURL: "https://us06web.zoom.us/w/88301474380?tk=abc&pwd=Web", Kind: LinkWebinar}},
		{"start-link", &ZoomLink{MeetingID: "96655544433", JoinURL: "https://zoom.us/s/96655544433", Kind: LinkMeeting}},
		{"personal", &ZoomLink{JoinURL: "https://acme.zoom.us/my/jane.doe", Kind: LinkPersonal}},
		{"personal-with-id", &ZoomLink{MeetingID: "1234567890", Passcode: "pw1", JoinURL: "https://acme.zoom.us/my/jane.doe", Kind: LinkPersonal}},
		{"zoommtg", &ZoomLink{MeetingID: "77788899900", PWD: "Mtg", JoinURL: "zoommtg://zoom.us/join?action=join&confno=77788899900&pwd=Mtg", Kind: LinkMeeting}},
		{"id-only", &ZoomLink{MeetingID: "91234567890", Passcode: "8675309", JoinURL: "https://zoom.us/j/91234567890", Kind: LinkMeeting}},
		{"lookalike", nil},
		{"http", &ZoomLink{MeetingID: "1112223334", JoinURL: "https://zoom.us/j/1112223334", Kind: LinkMeeting}},
		{"none", nil},
	} {
		t.Run(tc.uid, func(t *testing.T) {
			g, ok := got[tc.uid]
			if !ok {
				t.Fatalf("no occurrence (unreadable %v)", res.Unreadable)
			}
			switch {
			case tc.want == nil && g != nil:
				t.Errorf("found %+v, want none", *g)
			case tc.want != nil && g == nil:
				t.Errorf("found none, want %+v", *tc.want)
			case tc.want != nil && *g != *tc.want:
				t.Errorf("found %+v\n want %+v", *g, *tc.want)
			}
			if g != nil {
				if err := zoom.CheckLink(g.JoinURL); err != nil {
					t.Errorf("JoinURL %q fails CheckLink: %v", g.JoinURL, err)
				}
			}
		})
	}
}
