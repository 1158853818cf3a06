package sync

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestBundleZoomApp: the macOS rule, over a fake file system and a real
// folder.
func TestBundleZoomApp(t *testing.T) {
	tests := []struct {
		name  string
		paths []string
		want  string
	}{
		{name: "for everyone", paths: []string{"/Applications/zoom.us.app"}, want: AppInstalled},
		{name: "for one user", paths: []string{"/Users/ada/Applications/zoom.us.app"}, want: AppInstalled},
		{name: "not installed", paths: []string{"/Applications/Safari.app"}, want: AppMissing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := bundleZoomApp{home: "/Users/ada", exists: func(p string) bool {
				for _, q := range tt.paths {
					if filepath.ToSlash(p) == q {
						return true
					}
				}
				return false
			}}
			if got, err := b.ZoomApp(context.Background()); got != tt.want || err != nil {
				t.Errorf("ZoomApp = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, "Applications", "zoom.us.app", "Contents"), 0o700); err != nil {
		t.Fatal(err)
	}
	if got, _ := (bundleZoomApp{home: home, exists: pathExists}).ZoomApp(context.Background()); got != AppInstalled {
		t.Errorf("a real bundle: %q", got)
	}
}
