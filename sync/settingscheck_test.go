package sync

import (
	"strings"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/zoom"
)

func settingsWith(local, cloud bool) *zoom.Settings {
	return &zoom.Settings{Recording: zoom.RecordingSettings{
		LocalRecording:                     zoom.Bool(local),
		CloudRecording:                     zoom.Bool(cloud),
		AutoRecording:                      zoom.String("none"),
		RecordingDisclaimer:                zoom.Bool(true),
		AskParticipantsToConsentDisclaimer: zoom.Bool(true),
		RecordAudioFile:                    zoom.Bool(true),
		RecordingAudioTranscript:           zoom.Bool(false),
	}}
}

func stateOf(c *SettingsCheck, key string) string {
	for _, s := range c.Settings {
		if s.Key == key {
			return s.State
		}
	}
	return "absent"
}

func TestEvaluateSettings(t *testing.T) {
	tests := []struct {
		name       string
		s          *zoom.Settings
		locked     map[string]lockedSetting
		wantOK     bool
		wantLocal  string
		wantTransc string
		wantAdmin  bool
	}{
		{"all fine but transcript", settingsWith(true, true), nil, true, SettingOK, SettingNeedsChange, false},
		{"local recording off", settingsWith(false, true), nil, false, SettingNeedsChange, SettingNeedsChange, false},
		{"local recording locked", settingsWith(false, false), map[string]lockedSetting{"recording.local_recording": {Value: false}}, false, SettingLocked, "absent", true},
		{"lock at another value no longer applies", settingsWith(false, false), map[string]lockedSetting{"recording.local_recording": {Value: true}}, false, SettingNeedsChange, "absent", false},
		{"unknown", &zoom.Settings{}, nil, false, SettingUnknown, "absent", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := evaluateSettings(tt.s, nil, tt.locked, []string{"recording_folder"}, "maya@example.com", t0)
			if c.OK != tt.wantOK {
				t.Errorf("OK = %v, want %v", c.OK, tt.wantOK)
			}
			if got := stateOf(c, "recording.local_recording"); got != tt.wantLocal {
				t.Errorf("local_recording %s, want %s", got, tt.wantLocal)
			}
			if got := stateOf(c, "recording.recording_audio_transcript"); got != tt.wantTransc {
				t.Errorf("transcript %s, want %s", got, tt.wantTransc)
			}
			if (c.AdminMessage != "") != tt.wantAdmin {
				t.Errorf("admin message %q", c.AdminMessage)
			}
			if tt.wantAdmin && (!strings.Contains(c.AdminMessage, "Record to computer files") || !strings.Contains(c.AdminMessage, "maya@example.com")) {
				t.Errorf("admin message lacks the setting or the account: %q", c.AdminMessage)
			}
			if len(c.ManualChecks) != len(manualChecks) || c.SettingsURL != SettingsURL {
				t.Errorf("manual checks %d, url %q", len(c.ManualChecks), c.SettingsURL)
			}
			for _, m := range c.ManualChecks {
				if m.Confirmed != (m.Key == "recording_folder") {
					t.Errorf("manual check %s confirmed=%v", m.Key, m.Confirmed)
				}
			}
		})
	}
}

func TestEvaluateSettingsReportsChange(t *testing.T) {
	prev := evaluateSettings(settingsWith(true, false), nil, nil, nil, "", t0)
	now := evaluateSettings(settingsWith(false, false), prev, nil, nil, "", t0.Add(24*time.Hour))
	if len(now.Changed) != 1 || now.Changed[0] != "Record to computer files" {
		t.Fatalf("changed = %v", now.Changed)
	}
	in := &buildInput{loc: time.UTC, check: now}
	ps := problemsOf(in, nil)
	if len(ps) != 1 || ps[0].Action != ActionFixSettings || !strings.Contains(ps[0].Message, "changed") {
		t.Errorf("problems %+v, want one fix_settings problem about the change", ps)
	}
}

func TestSettingsPatch(t *testing.T) {
	p, keys := settingsPatch(settingsWith(false, true))
	if p.Recording == nil || p.Recording.LocalRecording == nil || !*p.Recording.LocalRecording {
		t.Fatalf("patch %+v does not turn local recording on", p.Recording)
	}
	if p.Recording.CloudRecording != nil || p.Recording.AutoRecording != nil {
		t.Error("patch touches informational settings")
	}
	if len(keys) != 2 { // local_recording and the transcript
		t.Errorf("keys %v", keys)
	}
	if _, keys := settingsPatch(settingsWith(true, false)); len(keys) != 0 {
		t.Errorf("nothing to change, yet keys %v", keys)
	}
}

func TestNextSettingsCheck(t *testing.T) {
	loc := time.FixedZone("X", -5*3600)
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, loc)
	ivs := []span{
		{start: day.Add(9 * time.Hour)},
		{start: day.Add(33 * time.Hour)}, // tomorrow 09:00
	}
	// Tomorrow's first interview just after midnight, then one the day after
	early := []span{
		{start: day.Add(24*time.Hour + 10*time.Minute)},
		{start: day.Add(26 * time.Hour)},
		{start: day.Add(57 * time.Hour)}, // the day after, 09:00
	}
	tests := []struct {
		name      string
		last, now time.Time
		ivs       []span
		want      time.Time
	}{
		{"never checked", time.Time{}, day.Add(time.Hour), ivs, day.Add(time.Hour)},
		{"stale", day.Add(-25 * time.Hour), day.Add(time.Hour), ivs, day.Add(time.Hour)},
		{"checked today: tomorrow's first interview", day.Add(7 * time.Hour), day.Add(8 * time.Hour), ivs, day.Add(32 * time.Hour)},
		{"checked yesterday evening: today's first", day.Add(-2 * time.Hour), day.Add(time.Hour), ivs, day.Add(8 * time.Hour)},
		{"just after midnight: due an hour before", day.Add(20 * time.Hour), day.Add(22 * time.Hour), early, day.Add(23*time.Hour + 10*time.Minute)},
		{"just after midnight: checked in that hour, the next day's is next", day.Add(23*time.Hour + 30*time.Minute), day.Add(23*time.Hour + 31*time.Minute), early, day.Add(56 * time.Hour)},
		{"just after midnight: checked, nothing later", day.Add(23*time.Hour + 30*time.Minute), day.Add(23*time.Hour + 31*time.Minute), early[:2], time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nextSettingsCheck(tt.last, tt.ivs, tt.now, loc); !got.Equal(tt.want) {
				t.Errorf("next check %v, want %v", got, tt.want)
			}
		})
	}
}
