package zoom

// Wire types: the shapes Zoom sends, with lenient leaf types (flexTime,
// flexInt64) in place of time.Time and int64. A page is decoded into these
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
	Timezone  string    `json:"timezone"`
	Agenda    string    `json:"agenda"`
	CreatedAt flexTime  `json:"created_at"`
	JoinURL   string    `json:"join_url"`
}

func (w wireMeeting) meeting() Meeting {
	return Meeting{ID: int64(w.ID), UUID: w.UUID, HostID: w.HostID, Topic: w.Topic, Type: int(w.Type),
		StartTime: w.StartTime.utc(), Duration: int(w.Duration), Timezone: w.Timezone, Agenda: w.Agenda,
		CreatedAt: w.CreatedAt.utc(), JoinURL: w.JoinURL}
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
	Password    string           `json:"password"`
	Settings    MeetingSettings  `json:"settings"`
	Occurrences []wireOccurrence `json:"occurrences"`
}

func (w wireMeetingDetail) detail() MeetingDetail {
	return MeetingDetail{Meeting: w.meeting(), HostEmail: w.HostEmail, Status: w.Status, Password: w.Password, Settings: w.Settings,
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
	ID                flexInt64 `json:"id"`
	UUID              string    `json:"uuid"`
	HostID            string    `json:"host_id"`
	Topic             string    `json:"topic"`
	Type              flexInt   `json:"type"`
	StartTime         flexTime  `json:"start_time"`
	EndTime           flexTime  `json:"end_time"`
	Duration          flexInt   `json:"duration"`
	TotalMinutes      flexInt   `json:"total_minutes"`
	ParticipantsCount flexInt   `json:"participants_count"`
	UserName          string    `json:"user_name"`
	UserEmail         string    `json:"user_email"`
}

func (w wirePastMeeting) pastMeeting() PastMeeting {
	return PastMeeting{ID: int64(w.ID), UUID: w.UUID, HostID: w.HostID, Topic: w.Topic, Type: int(w.Type),
		StartTime: w.StartTime.utc(), EndTime: w.EndTime.utc(), Duration: int(w.Duration), TotalMinutes: int(w.TotalMinutes),
		ParticipantsCount: int(w.ParticipantsCount), UserName: w.UserName, UserEmail: w.UserEmail}
}

type wireRecordingMeeting struct {
	UUID                  string                        `json:"uuid"`
	ID                    flexInt64                     `json:"id"`
	AccountID             string                        `json:"account_id"`
	HostID                string                        `json:"host_id"`
	Topic                 string                        `json:"topic"`
	Type                  flexInt                       `json:"type"`
	StartTime             flexTime                      `json:"start_time"`
	Duration              flexInt                       `json:"duration"`
	TotalSize             flexInt64                     `json:"total_size"`
	RecordingCount        flexInt                       `json:"recording_count"`
	ShareURL              string                        `json:"share_url"`
	RecordingPlayPasscode string                        `json:"recording_play_passcode"`
	Password              string                        `json:"password"`
	RecordingFiles        []listItem[wireRecordingFile] `json:"recording_files"` // a file that cannot be read is left out
}

func (w wireRecordingMeeting) recordingMeeting() RecordingMeeting {
	return RecordingMeeting{UUID: w.UUID, ID: int64(w.ID), AccountID: w.AccountID, HostID: w.HostID, Topic: w.Topic,
		Type: int(w.Type), StartTime: w.StartTime.utc(), Duration: int(w.Duration), TotalSize: int64(w.TotalSize),
		RecordingCount: int(w.RecordingCount), ShareURL: w.ShareURL, RecordingPlayPasscode: w.RecordingPlayPasscode,
		Password: w.Password, RecordingFiles: goodFiles(w.RecordingFiles)}
}

// goodFiles converts the files that could be read; a missing list stays nil.
func goodFiles(in []listItem[wireRecordingFile]) []RecordingFile {
	if in == nil {
		return nil
	}
	out := make([]RecordingFile, 0, len(in))
	for i := range in {
		if !in[i].bad {
			out = append(out, in[i].v.recordingFile())
		}
	}
	return out
}

type wireRecordingFile struct {
	ID             string    `json:"id"`
	MeetingID      string    `json:"meeting_id"`
	RecordingStart looseTime `json:"recording_start"`
	RecordingEnd   looseTime `json:"recording_end"`
	FileType       string    `json:"file_type"`
	FileExtension  string    `json:"file_extension"`
	FileSize       flexSize  `json:"file_size"`
	PlayURL        string    `json:"play_url"`
	DownloadURL    string    `json:"download_url"`
	Status         string    `json:"status"`
	RecordingType  string    `json:"recording_type"`
}

func (w wireRecordingFile) recordingFile() RecordingFile {
	return RecordingFile{ID: w.ID, MeetingID: w.MeetingID, RecordingStart: w.RecordingStart.utc(),
		RecordingEnd: w.RecordingEnd.utc(), FileType: w.FileType, FileExtension: w.FileExtension,
		FileSize: int64(w.FileSize), PlayURL: w.PlayURL, DownloadURL: w.DownloadURL, Status: w.Status,
		RecordingType: w.RecordingType}
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
