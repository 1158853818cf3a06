package sync

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestScanLocalAssignsBackToBackFolders(t *testing.T) {
	root := t.TempDir()
	loc := time.UTC
	a := &pastOcc{ID: 1, Topic: "Interview", Start: time.Date(2026, 3, 2, 10, 0, 0, 0, loc), Duration: 45}
	b := &pastOcc{ID: 2, Topic: "Interview", Start: time.Date(2026, 3, 2, 10, 45, 0, 0, loc), Duration: 45}
	write(t, filepath.Join(root, "2026-03-02 10.01.00 Interview", "video1.mp4"), "x")
	write(t, filepath.Join(root, "2026-03-02 10.46.00 Interview", "double_click_to_convert_01.zoom"), "x")
	write(t, filepath.Join(root, "2026-03-02 12.00.00 Team standup", "video1.mp4"), "x")
	res, err := scanLocal(root, loc, []*pastOcc{a, b}, time.Date(2026, 3, 2, 11, 40, 0, 0, loc))
	if err != nil {
		t.Fatal(err)
	}
	ra, rb := res.recordings[a.key()], res.recordings[b.key()]
	if len(ra) != 1 || ra[0].State != RecReady || filepath.Base(ra[0].Links.Folder) != "2026-03-02 10.01.00 Interview" {
		t.Errorf("first interview: %+v", ra)
	}
	if len(rb) != 1 || rb[0].State != RecConverting {
		t.Errorf("second interview: %+v", rb)
	}
	if !slices.Equal(ra[0].Files, []string{filepath.Join(ra[0].Links.Folder, "video1.mp4")}) {
		t.Errorf("files %v", ra[0].Files)
	}
	res, _ = scanLocal(filepath.Join(root, "missing"), loc, []*pastOcc{a}, time.Now())
	if !res.missing {
		t.Error("missing folder not reported")
	}
}
