package zoom

import (
	"errors"
	"testing"
)

func TestCheckLink(t *testing.T) {
	tests := []struct {
		url string
		ok  bool
	}{
		{"https://us05web.zoom.us/j/85746065432?pwd=abc.1", true},
		{"https://zoom.us/profile/setting?tab=recording", true},
		{"https://company.zoom.us/j/1", true},
		{"https://zoom.com/", true},
		{"https://app.zoomgov.com/j/1", true},
		{"HTTPS://US05WEB.ZOOM.US/j/1", true},
		{"https://zoom.us:443/j/1", true},
		{"zoommtg://zoom.us/join?confno=85746065432&pwd=abc", true},
		{"zoommtg://zoom.us/join?action=join&confno=85746065432&pwd=abc.1", true},
		{"zoommtg://zoom.us/join?action=join&confno=85746065432", true},
		{"ZOOMMTG://ZOOM.US/join?action=join&confno=85746065432", true},
		// Client links of any other shape are refused.
		{"zoommtg://elsewhere.example/join?action=join&confno=1", false},
		{"zoommtg://zoom.us.elsewhere.example/join?confno=1", false},
		{"zoommtg://evil@zoom.us/join?confno=1", false},
		{"zoommtg://zoom.us:8443/join?confno=1", false},
		{"zoommtg:$(id)", false},
		{"zoommtg:zoom.us/join?confno=1", false},
		{"zoommtg://$(id)", false},
		{"zoommtg://zoom.us", false},
		{"zoommtg://zoom.us/", false},
		{"zoommtg://zoom.us/start?action=start&confno=1", false},
		{"zoommtg://zoom.us/join/../start?confno=1", false},
		{"zoommtg://zoom.us/%6Aoin?confno=1", false},
		{"zoommtg://zoom.us/join", false},
		{"zoommtg://zoom.us/join?action=join", false},
		{"zoommtg://zoom.us/join?action=start&confno=1", false},
		{"zoommtg://zoom.us/join?confno=$(id)", false},
		{"zoommtg://zoom.us/join?confno=1e5", false},
		{"zoommtg://zoom.us/join?confno=-1", false},
		{"zoommtg://zoom.us/join?confno=", false},
		{"zoommtg://zoom.us/join?confno=12345678901234567890", false},
		{"zoommtg://zoom.us/join?confno=1&confno=2", false},
		{"zoommtg://zoom.us/join?confno=1&pwd=a;id", false},
		{"zoommtg://zoom.us/join?confno=1&pwd=a%20b", false},
		{"zoommtg://zoom.us/join?confno=1&pwd=%24(id)", false},
		{"zoommtg://zoom.us/join?confno=1&pwd=", false},
		{"zoommtg://zoom.us/join?confno=1&uname=Ada&browser=chrome", false},
		{"zoommtg://zoom.us/join?confno=1&zc=0&stype=100&token=abc", false},
		{"zoommtg://zoom.us/join?confno=1#frag", false},
		{"zoommtg://zoom.us/join?confno=1#", false},
		{"zoommtg://zoom.us/join?confno=1%0Aaction=start", false},
		{"http://zoom.us/j/1", false},
		{"https://zoom.us.evil.example/j/1", false},
		{"https://evilzoom.us/j/1", false},
		{"https://zoom.us@evil.example/j/1", false},
		{"https://user:pw@zoom.us/j/1", false},
		{"https://zoom.us:8443/j/1", false},
		{"https://127.0.0.1:47652/j/1", false},
		{"file:///etc/passwd", false},
		{"javascript:alert(1)", false},
		{"zoommtg:", false},
		{"", false},
		{"https://", false},
		{"https://zoom.us%2eevil.example/", false},
	}
	for _, tt := range tests {
		err := CheckLink(tt.url)
		if (err == nil) != tt.ok {
			t.Errorf("CheckLink(%q) = %v, want ok=%v", tt.url, err, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrNotZoomLink) {
			t.Errorf("CheckLink(%q) error does not wrap ErrNotZoomLink: %v", tt.url, err)
		}
	}
}
