package sync

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestParseFolderName(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no tz database:", err)
	}
	tests := []struct {
		name      string
		in        string
		wantOK    bool
		wantUTC   string
		wantTopic string
		wantID    int64
	}{
		{"plain", "2026-07-29 20.08.22 Personal Meeting Room", true, "2026-07-30T00:08:22Z", "Personal Meeting Room", 0},
		{"with meeting ID", "2026-03-02 10.00.05 Interview Ada 85512345678", true, "2026-03-02T15:00:05Z", "Interview Ada", 85512345678},
		{"only an ID", "2026-03-02 10.00.05 85512345678", true, "2026-03-02T15:00:05Z", "", 85512345678},
		{"number in the topic stays", "2026-03-02 10.00.05 Interview round 2", true, "2026-03-02T15:00:05Z", "Interview round 2", 0},
		{"not a recording", "Notes", false, "", "", 0},
		{"bad date", "2026-13-02 10.00.05 X", false, "", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ok := parseFolderName(tt.in, ny)
			if ok != tt.wantOK {
				t.Fatalf("ok = %v, want %v", ok, tt.wantOK)
			}
			if !ok {
				return
			}
			if got := f.Time.Format(time.RFC3339); got != tt.wantUTC || f.Topic != tt.wantTopic || f.ID != tt.wantID {
				t.Errorf("got %s %q %d, want %s %q %d", got, f.Topic, f.ID, tt.wantUTC, tt.wantTopic, tt.wantID)
			}
		})
	}
}

func TestFolderMatches(t *testing.T) {
	start := time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)
	end := start.Add(45 * time.Minute)
	topic := "Interview: Ada Lovelace / Backend"
	tests := []struct {
		name string
		f    localFolder
		want bool
	}{
		{"sanitised", localFolder{Time: start.Add(time.Minute), Topic: "Interview_ Ada Lovelace _ Backend"}, true},
		{"truncated", localFolder{Time: start.Add(time.Minute), Topic: "Interview_ Ada Lov"}, true},
		{"other topic", localFolder{Time: start.Add(time.Minute), Topic: "Team standup"}, false},
		{"too early", localFolder{Time: start.Add(-2 * time.Hour), Topic: topic}, false},
		{"too late", localFolder{Time: end.Add(2 * time.Hour), Topic: topic}, false},
		{"meeting ID wins", localFolder{Time: start, Topic: "whatever", ID: 85512345678}, true},
		{"other meeting ID", localFolder{Time: start, Topic: topic, ID: 1234567890}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := folderMatches(tt.f, 85512345678, topic, start, end); got != tt.want {
				t.Errorf("folderMatches = %v, want %v", got, tt.want)
			}
		})
	}
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestScanFolder(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
		nFile int
	}{
		{"empty: recording still running", nil, RecConverting, 0},
		{"double click to convert", map[string]string{"double_click_to_convert_01.zoom": "x"}, RecConverting, 0},
		{"partial mp4", map[string]string{"video1.mp4.tmp": "x", "audio1.m4a": "x"}, RecConverting, 1},
		{"conf below 100", map[string]string{"recording.conf": `{"items":[{"process":40}]}`, "video1.mp4": "x"}, RecConverting, 1},
		{"conf at 100", map[string]string{"recording.conf": `{"items":[{"process":100}]}`, "video1.mp4": "x", "audio1.m4a": "x"}, RecReady, 2},
		{"unreadable conf ignored", map[string]string{"recording.conf": `{`, "zoom_0.mp4": "x"}, RecReady, 1},
		{"ready", map[string]string{"video1234.mp4": "x", "audio1234.m4a": "x", "chat.txt": "x"}, RecReady, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for n, d := range tt.files {
				write(t, filepath.Join(dir, n), d)
			}
			s, err := scanFolder(dir)
			if err != nil {
				t.Fatal(err)
			}
			if s.State != tt.want || len(s.Files) != tt.nFile {
				t.Errorf("state %s with %d files %v, want %s with %d", s.State, len(s.Files), s.Files, tt.want, tt.nFile)
			}
		})
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
