package sync

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/sync/internal/cloudlist"
	"github.com/interviewtray/interviewtray/zoom"
)

var update = flag.Bool("update", false, "rewrite testdata golden files")

// TestSnapshotJSON pins the snapshot's JSON form: the agent's local API and
// `interviewtray status --json` serve it as-is, so a change of a field name
// must be deliberate (go test -run SnapshotJSON -update).
func TestSnapshotJSON(t *testing.T) {
	now := time.Date(2026, 3, 2, 13, 55, 0, 0, time.UTC)
	start := time.Date(2026, 3, 2, 14, 0, 0, 0, time.UTC)
	other := start.Add(2 * time.Hour)
	st := newPersistState()
	st.Reminders.Fired[reminderKey(85512345678, start, -10*time.Minute)] = start.Add(-10 * time.Minute)
	st.Overrides[85500000002] = overrideRec{Mode: OverrideInclude, SetAt: now}
	check := evaluateSettings(settingsWith(false, true), nil, map[string]lockedSetting{}, []string{"recording_folder"}, "maya@example.com", now)
	in := &buildInput{
		now:  now,
		loc:  time.FixedZone("EST", -5*3600),
		user: &User{ID: "u1", Email: "maya@example.com", Name: "Maya Lindqvist"},
		meetings: mergeMeetings([]zoom.Meeting{
			{ID: 85512345678, Topic: "Interview: Ada Lovelace", Type: 2, StartTime: start, Duration: 45, JoinURL: "https://us05web.zoom.us/j/85512345678?pwd=abc.1"},
			{ID: 85500000002, Topic: "Candidate sync", Type: 2, StartTime: other, Duration: 30, JoinURL: "https://us05web.zoom.us/j/85500000002?pwd=def.1"},
		}, now, nil, time.Time{}),
		details: map[int64]*detailRec{
			85512345678: {UUID: "kq3Ny0C5T1+zcM3kDQzGZw==", HostID: "u1", Passcode: "aB3dE9", FetchedAt: now},
			85500000002: {NotVisible: true, FetchedAt: now},
		},
		past:      st.Past,
		matcher:   compileRules(DefaultSettings().Rules),
		overrides: st.Overrides,
		reminders: &st.Reminders,
		offsets:   DefaultSettings().ReminderOffsets,
		nags:      DefaultSettings().StartedNags,
		listed: recordingsFromList(cloudlist.CompactList([]zoom.RecordingMeeting{{
			UUID: "/abc//def==", ID: 85511111111, Topic: "Interview: Grace Hopper", StartTime: now.Add(-24 * time.Hour),
			ShareURL: "https://us05web.zoom.us/rec/share/xyz", Password: "Rec0rd",
			RecordingFiles: []zoom.RecordingFile{
				{FileType: "MP4", Status: "completed", PlayURL: "https://us05web.zoom.us/rec/play/mp4"},
				{FileType: "M4A", Status: "completed", PlayURL: "https://us05web.zoom.us/rec/play/m4a"},
				{FileType: "TRANSCRIPT", Status: "completed", PlayURL: "https://us05web.zoom.us/rec/play/vtt"},
			},
		}}), compileRules(DefaultSettings().Rules), nil),
		tracked: map[string]Recording{
			"local:/home/maya/Documents/Zoom/2026-03-01 09.01.00 Interview_ Grace Hopper": {
				MeetingID: 85511111111, Topic: "Interview: Grace Hopper", StartTime: now.Add(-24*time.Hour + time.Minute),
				Kind: KindLocal, State: RecReady, ReadyAt: now.Add(-23 * time.Hour),
				Links: Links{Folder: "/home/maya/Documents/Zoom/2026-03-01 09.01.00 Interview_ Grace Hopper"},
				Files: []string{"/home/maya/Documents/Zoom/2026-03-01 09.01.00 Interview_ Grace Hopper/video1.mp4"},
			},
		},
		check:  check,
		health: Health{LastSync: now.Add(-time.Minute)},
	}
	v := classifyMeetings(in)
	s := buildSnapshot(in, v, activeReminders(v.occs, in.reminders, in.offsets, in.nags, now))
	got, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := filepath.Join("testdata", "snapshot.json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("snapshot JSON changed; if deliberate, run go test -run SnapshotJSON -update\n%s", got)
	}
	// The cache round-trips it.
	var back Snapshot
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatal(err)
	}
	again, _ := json.MarshalIndent(&back, "", "  ")
	if !bytes.Equal(append(again, '\n'), got) {
		t.Error("snapshot JSON does not round-trip")
	}
}
