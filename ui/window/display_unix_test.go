//go:build linux || freebsd || openbsd || netbsd

package window

import "testing"

func TestCheckDisplay(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		wantErr bool
	}{
		{"none", map[string]string{}, true},
		{"empty", map[string]string{"DISPLAY": "", "WAYLAND_DISPLAY": ""}, true},
		{"x11", map[string]string{"DISPLAY": ":0"}, false},
		{"wayland", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkDisplay(func(k string) string { return tt.env[k] })
			if (err != nil) != tt.wantErr {
				t.Errorf("checkDisplay() = %v, want error %v", err, tt.wantErr)
			}
		})
	}
}
