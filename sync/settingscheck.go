package sync

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/interviewtray/interviewtray/zoom"
)

// settingDef is one Zoom setting the check looks at.
type settingDef struct {
	key      string // Zoom's dotted field name
	label    string // as Zoom's settings page words it
	why      string
	required bool
	wanted   any // true, false or a string; nil: informational, any value is fine
	// cloudOnly settings matter only when cloud recording is on.
	cloudOnly bool
	get       func(*zoom.RecordingSettings) any
	set       func(*zoom.RecordingSettings)
}

func boolVal(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

func strVal(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

// settingDefs are the recording settings that matter for interviews (see
// zoom-api.md section 3.6), required ones first.
var settingDefs = []settingDef{
	{
		key: "recording.local_recording", label: "Record to computer files", required: true, wanted: true,
		why: "Needed to record interviews to your computer; Interview Tray then finds the recording folder.",
		get: func(r *zoom.RecordingSettings) any { return boolVal(r.LocalRecording) },
		set: func(r *zoom.RecordingSettings) { r.LocalRecording = zoom.Bool(true) },
	},
	{
		key: "recording.recording_disclaimer", label: "Recording disclaimer", wanted: true,
		why: "Tells candidates that the interview is recorded.",
		get: func(r *zoom.RecordingSettings) any { return boolVal(r.RecordingDisclaimer) },
		set: func(r *zoom.RecordingSettings) { r.RecordingDisclaimer = zoom.Bool(true) },
	},
	{
		key: "recording.ask_participants_to_consent_disclaimer", label: "Ask participants for consent when a recording starts", wanted: true,
		why: "Candidates agree to the recording before it starts.",
		get: func(r *zoom.RecordingSettings) any { return boolVal(r.AskParticipantsToConsentDisclaimer) },
		set: func(r *zoom.RecordingSettings) { r.AskParticipantsToConsentDisclaimer = zoom.Bool(true) },
	},
	{
		key: "recording.cloud_recording", label: "Cloud recording",
		why: "With it, Watch, Listen and Transcript links appear after interviews you host (paid plans).",
		get: func(r *zoom.RecordingSettings) any { return boolVal(r.CloudRecording) },
	},
	{
		key: "recording.auto_recording", label: "Automatic recording",
		why: "\"local\" or \"cloud\" starts recording by itself; with \"none\" press Record in each interview.",
		get: func(r *zoom.RecordingSettings) any { return strVal(r.AutoRecording) },
	},
	{
		key: "recording.record_audio_file", label: "Record an audio-only file", wanted: true, cloudOnly: true,
		why: "Gives cloud recordings the audio file behind the Listen link.",
		get: func(r *zoom.RecordingSettings) any { return boolVal(r.RecordAudioFile) },
		set: func(r *zoom.RecordingSettings) { r.RecordAudioFile = zoom.Bool(true) },
	},
	{
		key: "recording.recording_audio_transcript", label: "Create audio transcript", wanted: true, cloudOnly: true,
		why: "Gives cloud recordings the transcript behind the Transcript link.",
		get: func(r *zoom.RecordingSettings) any { return boolVal(r.RecordingAudioTranscript) },
		set: func(r *zoom.RecordingSettings) { r.RecordingAudioTranscript = zoom.Bool(true) },
	},
}

// manualChecks are the settings Zoom's API does not show.
var manualChecks = []ManualCheck{
	{
		Key:   "request_local_recording",
		Label: "Participants can request permission to record locally (under Record to computer files)",
		Why:   "For interviews someone else hosts: you ask the host for permission to record from the meeting.",
		URL:   SettingsURL,
	},
	{
		Key:   "host_allows_recording",
		Label: "In interviews you don't host, the host allows you to record (Participants > More > Allow Record)",
		Why:   "Zoom's API cannot see this in-meeting toggle; ask the host at the start of the interview.",
		URL:   SettingsURL,
	},
	{
		Key:   "recording_folder",
		Label: "The Zoom app saves local recordings in the folder Interview Tray watches (Zoom app: Settings > Recording > Location)",
		Why:   "Interview Tray looks for recordings in that folder.",
	},
}

// lockedSetting remembers that a fix found a setting locked, and at which
// value, so that later plain checks keep saying "locked" until it changes.
type lockedSetting struct {
	Value any       `json:"value"`
	Since time.Time `json:"since"`
}

// evaluateSettings builds the check from Zoom's settings. prev is the
// previous check (for Changed), locked the settings a fix found locked,
// done the manual checks the user confirmed. It is pure.
func evaluateSettings(s *zoom.Settings, prev *SettingsCheck, locked map[string]lockedSetting, done []string, email string, now time.Time) *SettingsCheck {
	rec := &s.Recording
	cloudOn := rec.CloudRecording != nil && *rec.CloudRecording
	c := &SettingsCheck{CheckedAt: now, OK: true, SettingsURL: SettingsURL, Settings: []SettingState{}, ManualChecks: []ManualCheck{}}
	var lockedLabels []string
	for _, d := range settingDefs {
		if d.cloudOnly && !cloudOn {
			continue
		}
		st := SettingState{Key: d.key, Label: d.label, Why: d.why, Required: d.required, Wanted: d.wanted, Current: d.get(rec)}
		switch {
		case st.Current == nil:
			st.State = SettingUnknown
		case d.wanted == nil || st.Current == d.wanted:
			st.State = SettingOK
		default:
			st.State = SettingNeedsChange
			if l, ok := locked[d.key]; ok && l.Value == st.Current {
				st.State = SettingLocked
				lockedLabels = append(lockedLabels, d.label)
			}
		}
		if d.required && st.State != SettingOK {
			c.OK = false
		}
		c.Settings = append(c.Settings, st)
	}
	for _, m := range manualChecks {
		m.Confirmed = slices.Contains(done, m.Key)
		c.ManualChecks = append(c.ManualChecks, m)
	}
	if len(lockedLabels) > 0 {
		c.AdminMessage = adminMessage(lockedLabels, email)
	}
	if prev != nil {
		for _, p := range prev.Settings {
			if p.State != SettingOK {
				continue
			}
			for _, n := range c.Settings {
				if n.Key == p.Key && n.State != SettingOK && n.State != SettingUnknown {
					c.Changed = append(c.Changed, n.Label)
				}
			}
		}
	}
	return c
}

// adminMessage is a ready-to-send request for the Zoom admin.
func adminMessage(labels []string, email string) string {
	var b strings.Builder
	b.WriteString("Hello,\n\nI record the interviews I run in Zoom. ")
	if len(labels) == 1 {
		b.WriteString("This recording setting is locked for my account")
	} else {
		b.WriteString("These recording settings are locked for my account")
	}
	if email != "" {
		fmt.Fprintf(&b, " (%s)", email)
	}
	b.WriteString(", so I cannot turn it on myself:\n\n")
	for _, l := range labels {
		fmt.Fprintf(&b, "- %s (Settings > Recording)\n", l)
	}
	b.WriteString("\nCould you turn it on for me, or unlock it? Thank you.\n")
	return b.String()
}

// settingsPatch returns the patch that sets every setting with a wanted
// value that differs, and the keys it touches.
func settingsPatch(s *zoom.Settings) (zoom.SettingsPatch, []string) {
	rec := &s.Recording
	cloudOn := rec.CloudRecording != nil && *rec.CloudRecording
	var r zoom.RecordingSettings
	var keys []string
	for _, d := range settingDefs {
		if d.set == nil || (d.cloudOnly && !cloudOn) {
			continue
		}
		if cur := d.get(rec); cur != d.wanted {
			d.set(&r)
			keys = append(keys, d.key)
		}
	}
	if len(keys) == 0 {
		return zoom.SettingsPatch{}, nil
	}
	return zoom.SettingsPatch{Recording: &r}, keys
}

func defByKey(key string) settingDef {
	for _, d := range settingDefs {
		if d.key == key {
			return d
		}
	}
	return settingDef{}
}

// fixSettings patches what needs changing and reads the settings back. A
// setting still not as wanted is locked by an admin (Zoom answers 204 to a
// PATCH of a locked setting and changes nothing). When Zoom refuses the
// whole patch as invalid, each setting is tried alone and the refused ones
// count as locked too. It returns the settings read back and the newly
// locked ones with their values.
func fixSettings(ctx context.Context, c *zoom.Client, now time.Time) (*zoom.Settings, map[string]lockedSetting, error) {
	s, err := c.GetSettings(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("read settings: %w", err)
	}
	patch, keys := settingsPatch(s)
	if len(keys) == 0 {
		return s, nil, nil
	}
	refused := map[string]bool{}
	if err := c.UpdateSettings(ctx, patch); err != nil {
		ze, ok := zoom.AsError(err)
		if !ok || ze.StatusCode != http.StatusBadRequest {
			return nil, nil, fmt.Errorf("update settings: %w", err)
		}
		for _, k := range keys {
			var r zoom.RecordingSettings
			defByKey(k).set(&r)
			if err := c.UpdateSettings(ctx, zoom.SettingsPatch{Recording: &r}); err != nil {
				if ze, ok := zoom.AsError(err); ok && ze.StatusCode == http.StatusBadRequest {
					refused[k] = true
					continue
				}
				return nil, nil, fmt.Errorf("update setting %s: %w", k, err)
			}
		}
	}
	back, err := c.GetSettings(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("read settings back: %w", err)
	}
	locked := map[string]lockedSetting{}
	for _, k := range keys {
		d := defByKey(k)
		if cur := d.get(&back.Recording); cur != d.wanted || refused[k] {
			locked[k] = lockedSetting{Value: cur, Since: now}
		}
	}
	return back, locked, nil
}

// nextSettingsCheck returns when the recording settings are due for a
// check: at once when never checked or the last check is older than
// settingsMaxAge, else settingsBefore the first interview of the next
// local day that has not been checked yet. A day counts as checked by a
// check on it, or by one within settingsBefore of its first interview
// (which may be the evening before: an interview at 00:10 is covered by a
// check at 23:30). Zero means not before the next interview shows up.
func nextSettingsCheck(last time.Time, ivs []span, now time.Time, loc *time.Location) time.Time {
	if last.IsZero() || now.Sub(last) >= settingsMaxAge {
		return now
	}
	checkedDay := localDay(last, loc)
	for _, s := range ivs { // in start order
		if !s.start.After(now) {
			continue
		}
		day := localDay(s.start, loc)
		if day <= checkedDay {
			continue
		}
		due := s.start.Add(-settingsBefore)
		if !last.Before(due) {
			checkedDay = day // its first interview's check is done
			continue
		}
		return maxTime(now, due)
	}
	return time.Time{}
}

// localDay is t's calendar date in loc as yyyymmdd, comparable as a number.
func localDay(t time.Time, loc *time.Location) int {
	y, m, d := t.In(loc).Date()
	return y*10000 + int(m)*100 + d
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
