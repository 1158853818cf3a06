package userdirs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/registry"
)

func TestDocumentsFollowsAMovedFolder(t *testing.T) {
	// Given a Documents folder moved out of the profile, as OneDrive's
	// folder backup does (it rewrites the "Personal" user shell folder),
	// the recordings are looked for in the moved folder, not in
	// %USERPROFILE%\Documents.
	if !underWine() {
		t.Skip("moves the Documents folder: only in Wine's throw-away prefix")
	}
	const key = `Software\Microsoft\Windows\CurrentVersion\Explorer\User Shell Folders`
	k, err := registry.OpenKey(registry.CURRENT_USER, key, registry.QUERY_VALUE|registry.SET_VALUE)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	old, typ, err := k.GetStringValue("Personal")
	if err != nil {
		t.Fatal(err)
	}
	moved := filepath.Join(t.TempDir(), "OneDrive", "Documents")
	if err := os.MkdirAll(moved, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := k.SetStringValue("Personal", moved); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if typ == registry.EXPAND_SZ {
			k.SetExpandStringValue("Personal", old)
		} else {
			k.SetStringValue("Personal", old)
		}
	})
	got := ZoomRecordings()
	if !strings.EqualFold(got, filepath.Join(moved, "Zoom")) {
		t.Errorf("ZoomRecordings = %q, want %q", got, filepath.Join(moved, "Zoom"))
	}
}

func TestDocumentsIsTheKnownFolder(t *testing.T) {
	docs, err := Documents()
	if err != nil || docs == "" {
		t.Fatalf("Documents = %q, %v", docs, err)
	}
	if !filepath.IsAbs(docs) {
		t.Errorf("Documents = %q, not absolute", docs)
	}
}

// underWine reports whether Wine runs this test: its ntdll exports
// wine_get_version.
func underWine() bool {
	return windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}
