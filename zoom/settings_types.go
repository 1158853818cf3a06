package zoom

import "encoding/json"

// Settings is the part of GET /users/me/settings the app reads.
type Settings struct {
	Recording         RecordingSettings         `json:"recording"`
	EmailNotification EmailNotificationSettings `json:"email_notification"`
}

// RecordingSettings are the user's recording settings. Every field is a
// pointer: nil means Zoom did not send it (or, in a patch, "leave as is").
type RecordingSettings struct {
	LocalRecording                     *bool   `json:"local_recording,omitempty"` // "Record to computer files"
	CloudRecording                     *bool   `json:"cloud_recording,omitempty"`
	AutoRecording                      *string `json:"auto_recording,omitempty"` // "local", "cloud" or "none"
	HostPauseStopRecording             *bool   `json:"host_pause_stop_recording,omitempty"`
	RecordSpeakerView                  *bool   `json:"record_speaker_view,omitempty"`
	RecordGalleryView                  *bool   `json:"record_gallery_view,omitempty"`
	RecordAudioFile                    *bool   `json:"record_audio_file,omitempty"`
	SaveChatText                       *bool   `json:"save_chat_text,omitempty"`
	ShowTimestamp                      *bool   `json:"show_timestamp,omitempty"`
	RecordingAudioTranscript           *bool   `json:"recording_audio_transcript,omitempty"`
	SaveCloseCaption                   *bool   `json:"save_close_caption,omitempty"`
	DisplayParticipantName             *bool   `json:"display_participant_name,omitempty"`
	RecordingDisclaimer                *bool   `json:"recording_disclaimer,omitempty"`
	AskParticipantsToConsentDisclaimer *bool   `json:"ask_participants_to_consent_disclaimer,omitempty"`
	AskHostToConfirmDisclaimer         *bool   `json:"ask_host_to_confirm_disclaimer,omitempty"`
	AutoDeleteCMR                      *bool   `json:"auto_delete_cmr,omitempty"`
	AutoDeleteCMRDays                  *int    `json:"auto_delete_cmr_days,omitempty"`
}

// UnmarshalJSON decodes the settings, auto_delete_cmr_days as a number or a
// numeric string.
func (r *RecordingSettings) UnmarshalJSON(b []byte) error {
	type plain RecordingSettings
	w := struct {
		*plain
		AutoDeleteCMRDays *flexInt `json:"auto_delete_cmr_days"`
	}{plain: (*plain)(r)}
	*r = RecordingSettings{}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	if w.AutoDeleteCMRDays != nil {
		r.AutoDeleteCMRDays = new(int(*w.AutoDeleteCMRDays))
	}
	return nil
}

// EmailNotificationSettings are the e-mail notification settings the app reads.
type EmailNotificationSettings struct {
	CloudRecordingAvailableReminder *bool `json:"cloud_recording_available_reminder,omitempty"`
}

// SettingsPatch is the body of PATCH /users/me/settings: only non-nil fields
// are sent.
type SettingsPatch struct {
	Recording *RecordingSettings `json:"recording,omitempty"`
}

// Bool returns a pointer to b, for building patches.
func Bool(b bool) *bool { return &b }

// String returns a pointer to s, for building patches.
func String(s string) *string { return &s }
