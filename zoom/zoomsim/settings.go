package zoomsim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// The signed-in user's settings are a JSON tree (maps, bools, strings,
// int64s, arrays) shaped like GET users/me/settings. PATCH merges a partial
// tree into it: every value must have the JSON type of the value it
// replaces (and, for enumerated settings, an allowed value), else nothing
// changes and Zoom's code-300 validation error lists the fields. Unknown
// fields are ignored. A setting locked by an admin silently keeps its value
// while PATCH still answers 204: how Zoom answers a PATCH of a locked
// setting is not documented, and a silent no-op is the case a client must
// survive (it re-reads the settings to find out).

// defaultSettings returns a user's settings on plan, with "Record to
// computer files" on or off.
func defaultSettings(plan string, localRecording bool) map[string]any {
	paid := plan != "free"
	return map[string]any{
		"schedule_meeting": map[string]any{
			"host_video":                                   false,
			"participants_video":                           false,
			"audio_type":                                   "both",
			"join_before_host":                             false,
			"force_pmi_jbh_password":                       false,
			"pstn_password_protected":                      false,
			"use_pmi_for_scheduled_meetings":               false,
			"use_pmi_for_instant_meetings":                 false,
			"require_password_for_scheduling_new_meetings": true,
			"require_password_for_scheduled_meetings":      true,
			"require_password_for_instant_meetings":        true,
			"require_password_for_pmi_meetings":            "all",
			"embed_password_in_join_link":                  true,
			"personal_meeting":                             true,
		},
		"in_meeting": map[string]any{
			"chat":                         true,
			"private_chat":                 true,
			"auto_saving_chat":             false,
			"entry_exit_chime":             "none",
			"feedback":                     false,
			"co_host":                      true,
			"polling":                      true,
			"attendee_on_hold":             false,
			"annotation":                   true,
			"remote_control":               true,
			"breakout_room":                true,
			"closed_caption":               true,
			"far_end_camera_control":       false,
			"group_hd":                     true,
			"virtual_background":           true,
			"waiting_room":                 true,
			"screen_sharing":               true,
			"who_can_share_screen":         "host",
			"show_meeting_control_toolbar": false,
			"meeting_reactions":            true,
			"whiteboard":                   true,
		},
		"email_notification": map[string]any{
			"jbh_reminder":                                   true,
			"cancel_meeting_reminder":                        true,
			"alternative_host_reminder":                      true,
			"schedule_for_reminder":                          true,
			"cloud_recording_available_reminder":             paid,
			"recording_available_reminder_schedulers":        paid,
			"recording_available_reminder_alternative_hosts": false,
		},
		"recording": map[string]any{
			"local_recording":            localRecording,
			"cloud_recording":            paid,
			"record_speaker_view":        true,
			"record_gallery_view":        false,
			"record_audio_file":          true,
			"save_chat_text":             true,
			"show_timestamp":             true,
			"recording_audio_transcript": paid,
			"auto_recording":             "none",
			"host_pause_stop_recording":  true,
			"auto_delete_cmr":            false,
			"auto_delete_cmr_days":       int64(30),
			"record_files_separately": map[string]any{
				"active_speaker": false,
				"gallery_view":   false,
				"shared_screen":  false,
			},
			"display_participant_name":                      true,
			"recording_thumbnails":                          true,
			"optimize_recording_for_3rd_party_video_editor": false,
			"recording_highlight":                           false,
			"save_panelist_chat":                            false,
			"save_poll_results":                             false,
			"save_close_caption":                            false,
			"recording_disclaimer":                          true,
			"ask_participants_to_consent_disclaimer":        true,
			"ask_host_to_confirm_disclaimer":                false,
			"recording_password_requirement": map[string]any{
				"length":                 int64(8),
				"have_letter":            false,
				"have_number":            false,
				"have_special_character": false,
				"only_allow_numeric":     false,
			},
			"ip_address_access_control": map[string]any{
				"enable":                 false,
				"ip_addresses_or_ranges": "",
			},
			"smart_recording": map[string]any{
				"create_recording_highlights": false,
				"create_smart_chapters":       false,
				"create_next_steps":           false,
			},
		},
		"profile": map[string]any{
			"recording_storage_location": map[string]any{
				"allowed_values": []any{"US"},
				"value":          "US",
			},
		},
	}
}

// settingEnums lists the allowed values of enumerated settings.
var settingEnums = map[string][]string{
	"recording.auto_recording":                           {"local", "cloud", "none"},
	"recording.auto_delete_cmr_days":                     {"30", "60", "90", "120"},
	"schedule_meeting.audio_type":                        {"both", "telephony", "voip", "thirdParty"},
	"schedule_meeting.require_password_for_pmi_meetings": {"jbh_only", "all", "none"},
	"in_meeting.entry_exit_chime":                        {"host", "all", "none"},
	"in_meeting.who_can_share_screen":                    {"host", "all"},
}

func (s *Sim) getSettings(*call) reply { return jsonReply(http.StatusOK, s.settings) }

func (s *Sim) patchSettings(c *call) reply {
	patch, err := decodeTree(c.body)
	if err != nil {
		return zoomError(http.StatusBadRequest, 300, "Request Body should be a valid JSON object.")
	}
	if errs := checkSettings(s.settings, patch, ""); len(errs) > 0 {
		return validationFailed(errs)
	}
	mergeSettings(s.settings, patch, "", s.locked)
	return noContent()
}

// decodeTree decodes a JSON object with numbers kept as json.Number.
func decodeTree(b []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var tree map[string]any
	if err := dec.Decode(&tree); err != nil {
		return nil, err
	}
	if tree == nil {
		return nil, fmt.Errorf("not a JSON object")
	}
	if dec.More() {
		return nil, fmt.Errorf("trailing data after the JSON object")
	}
	return tree, nil
}

// jsonKind names v's JSON type; integral numbers are "integer".
func jsonKind(v any) string {
	switch v := v.(type) {
	case bool:
		return "boolean"
	case string:
		return "string"
	case int64:
		return "integer"
	case json.Number:
		if _, err := v.Int64(); err == nil {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "null"
}

// checkSettings validates patch against the current tree cur; prefix is
// the dotted path of cur.
func checkSettings(cur, patch map[string]any, prefix string) []fieldError {
	var errs []fieldError
	keys := make([]string, 0, len(patch))
	for k := range patch {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		old, known := cur[k]
		if !known {
			continue
		}
		path := prefix + k
		v := patch[k]
		if jsonKind(v) != jsonKind(old) {
			errs = append(errs, fieldError{Field: path, Message: "Invalid field."})
			continue
		}
		if sub, ok := v.(map[string]any); ok {
			errs = append(errs, checkSettings(old.(map[string]any), sub, path+".")...)
			continue
		}
		if allowed, ok := settingEnums[path]; ok && !slices.Contains(allowed, fmt.Sprint(v)) {
			errs = append(errs, fieldError{Field: path, Message: "Invalid field."})
		}
	}
	return errs
}

// mergeSettings applies a checked patch to cur, leaving locked paths and
// unknown fields alone.
func mergeSettings(cur, patch map[string]any, prefix string, locked map[string]bool) {
	for k, v := range patch {
		old, known := cur[k]
		path := prefix + k
		if !known || locked[path] {
			continue
		}
		switch v := v.(type) {
		case map[string]any:
			mergeSettings(old.(map[string]any), v, path+".", locked)
		case json.Number:
			n, _ := v.Int64() // checked: integral
			cur[k] = n
		default:
			cur[k] = v
		}
	}
}

// lockPath turns a lock name into a dotted settings path: a bare name
// ("local_recording") is a recording setting; a dotted one
// ("in_meeting.chat") is taken as it is. It must name an existing setting.
func (s *Sim) lockPath(name string) (string, error) {
	path := name
	if !strings.Contains(path, ".") {
		path = "recording." + path
	}
	var node any = s.settings
	for _, k := range strings.Split(path, ".") {
		m, ok := node.(map[string]any)
		if !ok {
			return "", fmt.Errorf("no setting %q", name)
		}
		if node, ok = m[k]; !ok {
			return "", fmt.Errorf("no setting %q", name)
		}
	}
	return path, nil
}

// SettingsUpdate changes the signed-in user's settings the way an admin
// would: Patch bypasses locks.
type SettingsUpdate struct {
	// Patch is a partial settings object, for example
	// {"recording": {"local_recording": false}}. Values must have the JSON
	// types of the settings they replace.
	Patch map[string]any
	// Locked, when non-nil, replaces the set of locked settings. Names are
	// recording settings ("local_recording") or dotted paths
	// ("in_meeting.chat"). An empty non-nil slice unlocks everything.
	Locked []string
}

// SetSettings applies u; on error nothing changes.
func (s *Sim) SetSettings(u SettingsUpdate) error {
	b, err := json.Marshal(u.Patch)
	if err != nil {
		return fmt.Errorf("zoomsim: encode settings patch: %w", err)
	}
	patch := map[string]any{}
	if u.Patch != nil {
		if patch, err = decodeTree(b); err != nil {
			return fmt.Errorf("zoomsim: settings patch: %w", err)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.setSettings(patch, u.Locked)
}

// setSettings is SetSettings with s.mu held and the patch decoded.
func (s *Sim) setSettings(patch map[string]any, lockNames []string) error {
	if errs := checkSettings(s.settings, patch, ""); len(errs) > 0 {
		fields := make([]string, len(errs))
		for i, e := range errs {
			fields[i] = e.Field
		}
		return fmt.Errorf("zoomsim: invalid settings: %s", strings.Join(fields, ", "))
	}
	var locked map[string]bool
	if lockNames != nil {
		locked = make(map[string]bool)
		for _, name := range lockNames {
			path, err := s.lockPath(name)
			if err != nil {
				return fmt.Errorf("zoomsim: lock: %w", err)
			}
			locked[path] = true
		}
	}
	mergeSettings(s.settings, patch, "", nil)
	if locked != nil {
		s.locked = locked
	}
	return nil
}

// Settings returns a copy of the signed-in user's settings as GET
// users/me/settings shows them, with numbers as float64.
func (s *Sim) Settings() map[string]any {
	s.mu.Lock()
	b, err := json.Marshal(s.settings)
	s.mu.Unlock()
	if err != nil {
		panic(fmt.Sprintf("zoomsim: encode settings: %v", err))
	}
	var out map[string]any
	_ = json.Unmarshal(b, &out)
	return out
}

// LockedSettings returns the dotted paths of the locked settings, sorted.
func (s *Sim) LockedSettings() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lockedList()
}

func (s *Sim) lockedList() []string {
	out := []string{}
	for p := range s.locked {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}
