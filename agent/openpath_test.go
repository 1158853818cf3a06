package agent

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

func TestCheckOpenPath(t *testing.T) {
	// Given a recording folder (reached through a symbolic link, as
	// ~/Documents/Zoom may be) with one recording the engine found...
	base := t.TempDir()
	realRoot := filepath.Join(base, "data", "zoom")
	root := filepath.Join(base, "Zoom")
	mkdir(t, realRoot)
	if err := os.Symlink(realRoot, root); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(root, "2026-12-04 10.00.00 Interview #2 Ada 100%")
	mkdir(t, folder)
	video := filepath.Join(folder, "video1234.mp4")
	write(t, video)
	// ...and ones that are not what they claim: a folder that links out of
	// the recording folder, a "video" that links to a program, a folder
	// the engine never reported, a reported file that became a folder.
	outside := filepath.Join(base, "elsewhere")
	mkdir(t, outside)
	linkedOut := filepath.Join(root, "2026-12-04 11.00.00 Linked")
	if err := os.Symlink(outside, linkedOut); err != nil {
		t.Fatal(err)
	}
	program := filepath.Join(outside, "run.sh")
	write(t, program)
	fakeVideo := filepath.Join(folder, "audio.m4a")
	if err := os.Symlink(program, fakeVideo); err != nil {
		t.Fatal(err)
	}
	unreported := filepath.Join(root, "2026-12-04 12.00.00 Other")
	mkdir(t, unreported)
	nowDir := filepath.Join(folder, "converted.mp4")
	mkdir(t, nowDir)
	snap := &meetingsync.Snapshot{Recordings: []meetingsync.Recording{
		{Kind: meetingsync.KindCloud, Links: meetingsync.Links{Folder: "/usr/bin"}}, // not local: ignored
		{Kind: meetingsync.KindLocal, Links: meetingsync.Links{Folder: folder}, Files: []string{video, fakeVideo, nowDir}},
		{Kind: meetingsync.KindLocal, Links: meetingsync.Links{Folder: linkedOut}, Files: []string{filepath.Join(linkedOut, "run.sh")}},
		{Kind: meetingsync.KindLocal, Links: meetingsync.Links{Folder: "/usr/bin"}, Files: []string{"/usr/bin/id"}},
		{Kind: meetingsync.KindLocal, Links: meetingsync.Links{Folder: root}},
	}}
	resolvedFolder, _ := filepath.EvalSymlinks(folder)
	resolvedVideo, _ := filepath.EvalSymlinks(video)
	tests := []struct {
		name, path, want string
	}{
		{"reported folder", folder, resolvedFolder},
		{"reported video", video, resolvedVideo},
		{"a program", "/usr/bin/id", ""},
		{"a reported folder outside the recording folder", "/usr/bin", ""},
		{"a folder linking out", linkedOut, ""},
		{"a file in a folder linking out", filepath.Join(linkedOut, "run.sh"), ""},
		{"a video linking to a program", fakeVideo, ""},
		{"a file that became a folder", nowDir, ""},
		{"an unreported folder inside", unreported, ""},
		{"the recording folder itself", root, ""},
		{"dot-dot out of a reported folder", folder + "/../../elsewhere", ""},
		{"relative", "Zoom/x", ""},
		{"empty", "", ""},
		{"a cloud recording's folder", "/usr/bin/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := checkOpenPath(tt.path, root, snap)
			if tt.want == "" {
				if err == nil {
					t.Errorf("checkOpenPath(%q) = %q, want it refused", tt.path, got)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("checkOpenPath(%q) = %q, %v; want %q", tt.path, got, err, tt.want)
			}
		})
	}
	if _, err := checkOpenPath(folder, "", snap); err == nil {
		t.Error("opened with no recording folder set")
	}
}

// TestOpenFolderRefusesWhatTheEngineDidNotReport: open_folder from the
// local API (and the tray, and a notification) opens no program, nor any
// folder the engine did not report.
func TestOpenFolderRefusesWhatTheEngineDidNotReport(t *testing.T) {
	a, desk, _ := newTestAgent(t)
	dir := t.TempDir()
	for _, p := range []string{"/usr/bin/id", "/usr/bin", dir, a.engine.RecordingFolder()} {
		_, err := a.Do(context.Background(), localapi.Command{Name: localapi.CmdOpenFolder, Path: p})
		var apiErr *localapi.Error
		if !errors.As(err, &apiErr) || apiErr.Status != 400 {
			t.Errorf("open_folder %q: err = %v, want a 400 refusal", p, err)
		}
	}
	a.onTrayAction(localapi.Command{Name: localapi.CmdOpenFolder, Path: "/usr/bin/id"})
	a.onNotificationAction("x", "open") // unknown key: nothing
	a.notes["rec"] = noteCommands{"open": {Name: localapi.CmdOpenFolder, Path: "/usr/bin"}}
	a.onNotificationAction("rec", "open")
	if len(desk.paths) != 0 {
		t.Errorf("opened %q", desk.paths)
	}
}

func mkdir(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(p, 0o700); err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, p string) {
	t.Helper()
	if err := os.WriteFile(p, []byte("x"), 0o700); err != nil {
		t.Fatal(err)
	}
}

// TestCreateRecordingFolder: create_folder makes the folder the engine
// watches, and only that one.
func TestCreateRecordingFolder(t *testing.T) {
	a, _, _ := newTestAgent(t)
	dir := filepath.Join(t.TempDir(), "Documents", "Zoom")
	s := a.engine.Settings()
	s.RecordingFolder = dir
	if err := a.engine.UpdateSettings(s); err != nil {
		t.Fatal(err)
	}
	res, err := a.Do(context.Background(), localapi.Command{Name: localapi.CmdCreateFolder, Path: "/tmp/elsewhere"})
	if err != nil || !strings.Contains(res.Message, dir) {
		t.Fatalf("create_folder = %+v, %v", res, err)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Errorf("the folder was not made: %v", err)
	}
	if _, err := os.Stat("/tmp/elsewhere"); err == nil {
		t.Error("create_folder made the path it was given")
	}
}
