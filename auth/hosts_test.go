package auth

import (
	"net/url"
	"testing"
)

func TestAPIRootContains(t *testing.T) {
	root := parseAPIRoot("https://api.zoom.us/v2")
	for _, tt := range []struct {
		url  string
		want bool
	}{
		{"https://api.zoom.us/v2", true},
		{"https://api.zoom.us/v2/", true},
		{"https://api.zoom.us/v2/users/me", true},
		{"https://API.Zoom.US/v2/users/me", true},
		{"https://api.zoom.us:443/v2/users/me", true},
		{"https://api.zoom.us/v2/meetings/%2F%2Fabc%3D%3D/recordings", true}, // a double-encoded UUID
		{"http://api.zoom.us/v2/users/me", false},                            // scheme
		{"https://api.zoom.us:8443/v2/users/me", false},                      // port
		{"https://zoom.us/v2/users/me", false},                               // the OAuth host
		{"https://api.zoom.us.elsewhere.example/v2/users/me", false},
		{"https://elsewhere.example/v2/users/me", false},
		{"https://api.zoom.us@elsewhere.example/v2/users/me", false},
		{"https://user@api.zoom.us/v2/users/me", false},
		{"https://api.zoom.us/v2x/users/me", false},
		{"https://api.zoom.us/v1/users/me", false},
		{"https://api.zoom.us/", false},
		{"https://api.zoom.us/v2/../oauth/token", false},
		{"https://api.zoom.us/v2/%2e%2e/oauth/token", false},
		{"https://api.zoom.us/v2/..%2Foauth/token", false},
		{"https://api.zoom.us/v2/..\\oauth/token", false},
		{"https://api.zoom.us/v2/./users/me", false},
	} {
		u, err := url.Parse(tt.url)
		if err != nil {
			t.Fatal(err)
		}
		if got := root.contains(u); got != tt.want {
			t.Errorf("contains(%s) = %v, want %v", tt.url, got, tt.want)
		}
	}
}

func TestAPIRootOfOtherShapes(t *testing.T) {
	for _, tt := range []struct {
		root, url string
		want      bool
	}{
		{"http://127.0.0.1:47652/v2", "http://127.0.0.1:47652/v2/users/me", true}, // the demo simulator
		{"http://127.0.0.1:47652/v2", "http://127.0.0.1:47653/v2/users/me", false},
		{"http://[::1]:47652/v2", "http://[::1]:47652/v2/users/me", true},
		{"https://api.zoom.us", "https://api.zoom.us/users/me", true},
		{"https://api.zoom.us/", "https://api.zoom.us/users/me", true},
		{"https://api.zoom.us:443/v2/", "https://api.zoom.us/v2/users/me", true},
		{"not a url", "https://api.zoom.us/v2/users/me", false},
		{"https://api.zoom.us/v2/../x", "https://api.zoom.us/x/users/me", false},
		{"", "https://api.zoom.us/v2/users/me", false},
	} {
		u, _ := url.Parse(tt.url)
		if got := parseAPIRoot(tt.root).contains(u); got != tt.want {
			t.Errorf("root %q contains(%s) = %v, want %v", tt.root, tt.url, got, tt.want)
		}
	}
	if (apiRoot{}).contains(nil) {
		t.Error("the zero root contains nil")
	}
}
