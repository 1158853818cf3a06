package sync

import (
	"testing"

	"github.com/interviewtray/interviewtray/sync/internal/cloudlist"
	"github.com/interviewtray/interviewtray/zoom"
)

func TestCloudRecordingLinks(t *testing.T) {
	rm := &zoom.RecordingMeeting{
		UUID: "u1", ID: 7, Topic: "Interview", StartTime: t0, ShareURL: "https://zoom.us/rec/share/x", Password: "pw",
		RecordingFiles: []zoom.RecordingFile{
			{FileType: "MP4", RecordingType: "gallery_view", PlayURL: "https://zoom.us/rec/play/gallery", Status: "completed"},
			{FileType: "MP4", RecordingType: "shared_screen_with_speaker_view", PlayURL: "https://zoom.us/rec/play/speaker", Status: "completed"},
			{FileType: "M4A", PlayURL: "https://zoom.us/rec/play/audio", Status: "completed"},
			{FileType: "TRANSCRIPT", DownloadURL: "https://zoom.us/rec/download/vtt", Status: "completed"},
			{FileType: "CC"},
		},
	}
	r := cloudRecording(rm, nil, t0)
	want := Links{Watch: "https://zoom.us/rec/play/speaker", Listen: "https://zoom.us/rec/play/audio",
		Transcript: "https://zoom.us/rec/download/vtt", Share: "https://zoom.us/rec/share/x"}
	if r.Links != want || r.State != RecReady || r.Passcode != "pw" || !r.ReadyAt.Equal(t0) {
		t.Errorf("recording %+v, want links %+v, ready, passcode", r, want)
	}
	rm.RecordingFiles[2].Status = "processing"
	if r := cloudRecording(rm, nil, t0); r.State != RecProcessing || !r.ReadyAt.IsZero() {
		t.Errorf("a file still processing: state %s ready_at %v", r.State, r.ReadyAt)
	}
}

func TestRecordingsFromList(t *testing.T) {
	list := []zoom.RecordingMeeting{
		{UUID: "a", ID: 1, Topic: "Interview: Ada"},
		{UUID: "b", ID: 2, Topic: "Team standup"},
		{UUID: "c", ID: 3, Topic: "Team sync"},
		{UUID: "d", ID: 4, Topic: "Interview: Bob"},
		{ID: 5, Topic: "Interview without uuid"},
	}
	got := recordingsFromList(cloudlist.CompactList(list), compileRules(DefaultSettings().Rules), map[int64]Override{3: OverrideInclude, 4: OverrideExclude})
	var uuids []string
	for _, r := range got {
		uuids = append(uuids, r.MeetingUUID)
	}
	if len(uuids) != 2 || uuids[0] != "a" || uuids[1] != "c" {
		t.Errorf("interview recordings %v, want [a c]", uuids)
	}
}
