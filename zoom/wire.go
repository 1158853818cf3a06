package zoom

// Wire types: the parts of what Zoom sends that the app uses (encoding/json
// skips the rest unread, so a field the app ignores can never fail an
// answer), with lenient leaf types (flexTime, flexInt64, flexInt) in place
// of time.Time and the integers. A page is decoded into these
// in one pass of encoding/json and then converted; the public types'
// UnmarshalJSON methods use them too. (Custom UnmarshalJSON methods that
// call json.Unmarshal again would make every nesting level scan its bytes
// again.)

type wireMeeting struct {
	ID        flexInt64 `json:"id"`
	UUID      string    `json:"uuid"`
	HostID    string    `json:"host_id"`
	Topic     string    `json:"topic"`
	Type      flexInt   `json:"type"`
	StartTime flexTime  `json:"start_time"`
	Duration  flexInt   `json:"duration"`
	JoinURL   string    `json:"join_url"`
}

func (w wireMeeting) meeting() Meeting {
	return Meeting{ID: int64(w.ID), UUID: w.UUID, HostID: w.HostID, Topic: w.Topic, Type: int(w.Type),
		StartTime: w.StartTime.utc(), Duration: int(w.Duration), JoinURL: w.JoinURL}
}

// convert maps each element of in with f; nil stays nil (Zoom's missing
// list and its empty one stay apart).
func convert[W, T any](in []W, f func(W) T) []T {
	if in == nil {
		return nil
	}
	out := make([]T, len(in))
	for i, w := range in {
		out[i] = f(w)
	}
	return out
}

type wireMeetingDetail struct {
	wireMeeting
	HostEmail   string           `json:"host_email"`
	Status      string           `json:"status"`
	Timezone    string           `json:"timezone"`
	Agenda      string           `json:"agenda"`
	Password    string           `json:"password"`
	Settings    MeetingSettings  `json:"settings"`
	Occurrences []wireOccurrence `json:"occurrences"`
}

func (w wireMeetingDetail) detail() MeetingDetail {
	return MeetingDetail{Meeting: w.meeting(), HostEmail: w.HostEmail, Status: w.Status,
		Timezone: w.Timezone, Agenda: w.Agenda, Password: w.Password, Settings: w.Settings,
		Occurrences: convert(w.Occurrences, wireOccurrence.occurrence)}
}

type wireOccurrence struct {
	OccurrenceID string   `json:"occurrence_id"`
	StartTime    flexTime `json:"start_time"`
	Duration     flexInt  `json:"duration"`
	Status       string   `json:"status"`
}

func (w wireOccurrence) occurrence() Occurrence {
	return Occurrence{OccurrenceID: w.OccurrenceID, StartTime: w.StartTime.utc(), Duration: int(w.Duration), Status: w.Status}
}

type wirePastMeeting struct {
	ID        flexInt64 `json:"id"`
	UUID      string    `json:"uuid"`
	HostID    string    `json:"host_id"`
	Topic     string    `json:"topic"`
	Type      flexInt   `json:"type"`
	StartTime flexTime  `json:"start_time"`
	EndTime   flexTime  `json:"end_time"`
	Duration  flexInt   `json:"duration"`
}

func (w wirePastMeeting) pastMeeting() PastMeeting {
	return PastMeeting{ID: int64(w.ID), UUID: w.UUID, HostID: w.HostID, Topic: w.Topic, Type: int(w.Type),
		StartTime: w.StartTime.utc(), EndTime: w.EndTime.utc(), Duration: int(w.Duration)}
}

type wireRecordingMeeting struct {
	UUID           string                    `json:"uuid"`
	ID             flexInt64                 `json:"id"`
	HostID         string                    `json:"host_id"`
	Topic          string                    `json:"topic"`
	Type           flexInt                   `json:"type"`
	StartTime      flexTime                  `json:"start_time"`
	Duration       flexInt                   `json:"duration"`
	ShareURL       string                    `json:"share_url"`
	Password       string                    `json:"password"`
	RecordingFiles []listItem[RecordingFile] `json:"recording_files"` // a file that cannot be read is left out
}

func (w wireRecordingMeeting) recordingMeeting() RecordingMeeting {
	return RecordingMeeting{UUID: w.UUID, ID: int64(w.ID), HostID: w.HostID, Topic: w.Topic,
		Type: int(w.Type), StartTime: w.StartTime.utc(), Duration: int(w.Duration), ShareURL: w.ShareURL,
		Password: w.Password, RecordingFiles: goodFiles(w.RecordingFiles)}
}

// goodFiles converts the files that could be read; a missing list stays nil.
func goodFiles(in []listItem[RecordingFile]) []RecordingFile {
	if in == nil {
		return nil
	}
	out := make([]RecordingFile, 0, len(in))
	for i := range in {
		if !in[i].bad {
			out = append(out, in[i].v)
		}
	}
	return out
}

// wireRecordingSummary is the part of a recordings list item that
// RecordingSummary holds; encoding/json skips the rest (the files' times
// and sizes are neither parsed nor checked).
type wireRecordingSummary struct {
	UUID      string                 `json:"uuid"`
	ID        flexInt64              `json:"id"`
	Topic     string                 `json:"topic"`
	StartTime flexTime               `json:"start_time"`
	ShareURL  string                 `json:"share_url"`
	Password  string                 `json:"password"`
	Files     []RecordingFileSummary `json:"recording_files"` // only text: a file that is not makes the recording unreadable
}

func (w *wireRecordingSummary) summary(s *RecordingSummary) {
	*s = RecordingSummary{UUID: w.UUID, ID: int64(w.ID), Topic: w.Topic, StartTime: w.StartTime.utc(),
		ShareURL: w.ShareURL, Password: w.Password, Files: w.Files}
}
