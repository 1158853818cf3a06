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
