//go:build linux || freebsd || openbsd || netbsd

package window

import (
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCheckDisplay(t *testing.T) {
	// A compositor's socket that answers, and one that is gone
	dir := t.TempDir()
	ln, err := net.Listen("unix", filepath.Join(dir, "wayland-1"))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if err := os.WriteFile(filepath.Join(dir, "wayland-9"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	// An X display that is not there: a TCP port nothing listens on (an
	// ephemeral one, so above X's 6000)
	dead, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := dead.Addr().(*net.TCPAddr).Port
	dead.Close()

	tests := []struct {
		name    string
		env     map[string]string
		wantErr string
	}{
		{"none", map[string]string{}, "DISPLAY or WAYLAND_DISPLAY is unset"},
		{"empty", map[string]string{"DISPLAY": "", "WAYLAND_DISPLAY": ""}, "DISPLAY or WAYLAND_DISPLAY is unset"},
		{"wayland answers", map[string]string{"WAYLAND_DISPLAY": "wayland-1", "XDG_RUNTIME_DIR": dir}, ""},
		{"wayland by path", map[string]string{"WAYLAND_DISPLAY": filepath.Join(dir, "wayland-1")}, ""},
		{"wayland gone", map[string]string{"WAYLAND_DISPLAY": "wayland-9", "XDG_RUNTIME_DIR": dir}, "the Wayland display wayland-9 does not answer"},
		{"wayland without runtime dir", map[string]string{"WAYLAND_DISPLAY": "wayland-1"}, "XDG_RUNTIME_DIR is not"},
		{"x11 gone", map[string]string{"DISPLAY": "127.0.0.1:" + itoa(int64(port-6000))}, "does not answer"},
		{"x11 socket missing", map[string]string{"DISPLAY": ":" + "4242"}, "the X display :4242 does not answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkDisplay(func(k string) string { return tt.env[k] })
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("checkDisplay() = %v, want nil", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("checkDisplay() = %v, want an error with %q", err, tt.wantErr)
			}
		})
	}

	// The display this test runs on (scripts/with-desktop.sh) answers
	if d := os.Getenv("DISPLAY"); d != "" {
		if err := checkDisplay(os.Getenv); err != nil {
			t.Errorf("the running display %s: %v", d, err)
		}
	}
}

func TestXAddrs(t *testing.T) {
	tests := []struct {
		display string
		want    []addr
	}{
		{":0", []addr{{"unix", "/tmp/.X11-unix/X0"}, {"unix", "@/tmp/.X11-unix/X0"}}},
		{":1.0", []addr{{"unix", "/tmp/.X11-unix/X1"}, {"unix", "@/tmp/.X11-unix/X1"}}},
		{"unix:2", []addr{{"unix", "/tmp/.X11-unix/X2"}, {"unix", "@/tmp/.X11-unix/X2"}}},
		{"localhost:10.0", []addr{{"tcp", "localhost:6010"}}},
		{"::1:3", []addr{{"tcp", "[::1]:6003"}}},
		{"/private/tmp/com.apple.launchd.x/org.xquartz:0", []addr{{"unix", "/private/tmp/com.apple.launchd.x/org.xquartz:0"}}},
	}
	for _, tt := range tests {
		if got := xAddrs(tt.display); !slices.Equal(got, tt.want) {
			t.Errorf("xAddrs(%q) = %v, want %v", tt.display, got, tt.want)
		}
	}
}
