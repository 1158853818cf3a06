package zoomfolder

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestParseName(t *testing.T) {
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
			f, ok := ParseName(tt.in, ny)
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
		f    Folder
		want bool
	}{
		{"sanitised", Folder{Time: start.Add(time.Minute), Topic: "Interview_ Ada Lovelace _ Backend"}, true},
		{"truncated", Folder{Time: start.Add(time.Minute), Topic: "Interview_ Ada Lov"}, true},
		{"other topic", Folder{Time: start.Add(time.Minute), Topic: "Team standup"}, false},
		{"too early", Folder{Time: start.Add(-2 * time.Hour), Topic: topic}, false},
		{"too late", Folder{Time: end.Add(2 * time.Hour), Topic: topic}, false},
		{"meeting ID wins", Folder{Time: start, Topic: "whatever", ID: 85512345678}, true},
		{"other meeting ID", Folder{Time: start, Topic: topic, ID: 1234567890}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Matches(tt.f, 85512345678, topic, start, end); got != tt.want {
				t.Errorf("Matches = %v, want %v", got, tt.want)
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

func TestScan(t *testing.T) {
	tests := []struct {
		name       string
		files      map[string]string
		converting bool
		nFile      int
	}{
		{"empty: recording still running", nil, true, 0},
		{"double click to convert", map[string]string{"double_click_to_convert_01.zoom": "x"}, true, 0},
		{"partial mp4", map[string]string{"video1.mp4.tmp": "x", "audio1.m4a": "x"}, true, 1},
		{"conf below 100", map[string]string{"recording.conf": `{"items":[{"process":40}]}`, "video1.mp4": "x"}, true, 1},
		{"conf at 100", map[string]string{"recording.conf": `{"items":[{"process":100}]}`, "video1.mp4": "x", "audio1.m4a": "x"}, false, 2},
		{"unreadable conf ignored", map[string]string{"recording.conf": `{`, "zoom_0.mp4": "x"}, false, 1},
		{"ready", map[string]string{"video1234.mp4": "x", "audio1234.m4a": "x", "chat.txt": "x"}, false, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for n, d := range tt.files {
				write(t, filepath.Join(dir, n), d)
			}
			s, err := Scan(dir)
			if err != nil {
				t.Fatal(err)
			}
			if s.Converting != tt.converting || len(s.Files) != tt.nFile {
				t.Errorf("converting %v with %d files %v, want %v with %d", s.Converting, len(s.Files), s.Files, tt.converting, tt.nFile)
			}
		})
	}
}
