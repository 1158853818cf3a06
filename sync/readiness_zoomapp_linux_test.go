//go:build linux

package sync

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/interviewtray/interviewtray/internal/testenv"
)

func TestXDGZoomApp(t *testing.T) {
	tests := []struct {
		name string
		out  string
		err  error
		want string
	}{
		{name: "registered", out: "Zoom.desktop\n", want: AppInstalled},
		{name: "none", out: "\n", want: AppMissing},
		{name: "xdg-mime missing", err: exec.ErrNotFound, want: AppUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var args []string
			x := xdgZoomApp{run: func(_ context.Context, name string, a ...string) ([]byte, error) {
				args = append([]string{name}, a...)
				return []byte(tt.out), tt.err
			}}
			got, err := x.ZoomApp(context.Background())
			if got != tt.want || (err != nil) != (tt.err != nil) {
				t.Errorf("ZoomApp = %q, %v; want %q", got, err, tt.want)
			}
			if want := []string{"xdg-mime", "query", "default", "x-scheme-handler/zoommtg"}; !slices.Equal(args, want) {
				t.Errorf("ran %q, want %q", args, want)
			}
		})
	}
}

// TestSystemZoomAppReal runs the real xdg-mime over a private XDG
// configuration: first without a zoommtg: handler, then with Zoom's.
func TestSystemZoomAppReal(t *testing.T) {
	testenv.RequireCommands(t, "xdg-mime")
	home := t.TempDir()
	cfg, data := filepath.Join(home, "config"), filepath.Join(home, "data")
	for k, v := range map[string]string{"HOME": home, "XDG_CONFIG_HOME": cfg, "XDG_DATA_HOME": data, "XDG_DATA_DIRS": data,
		"XDG_CONFIG_DIRS": cfg, "XDG_CURRENT_DESKTOP": "", "DESKTOP_SESSION": "", "KDE_FULL_SESSION": "", "GNOME_DESKTOP_SESSION_ID": ""} {
		t.Setenv(k, v)
	}
	ctx := context.Background()
	if got, err := SystemZoomApp().ZoomApp(ctx); got != AppMissing || err != nil {
		t.Fatalf("without Zoom: %q, %v", got, err)
	}
	write := func(path, s string) {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(data, "applications", "Zoom.desktop"), "[Desktop Entry]\nType=Application\nName=Zoom\nExec=zoom %U\nMimeType=x-scheme-handler/zoommtg;\n")
	write(filepath.Join(cfg, "mimeapps.list"), "[Default Applications]\nx-scheme-handler/zoommtg=Zoom.desktop\n")
	got, err := SystemZoomApp().ZoomApp(ctx)
	if got != AppInstalled || err != nil {
		t.Fatalf("with Zoom: %q, %v", got, err)
	}
	if _, err := (xdgZoomApp{run: func(context.Context, string, ...string) ([]byte, error) { return nil, errors.New("boom") }}).ZoomApp(ctx); err == nil {
		t.Error("no error")
	}
}
