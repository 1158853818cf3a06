package zoomsim

// Wire structs: the REST API's JSON with Zoom's field names. They belong to
// the simulator alone (the client package has its own), so a disagreement
// between client and simulator shows up in tests instead of being hidden by
// a shared type.

type wireUser struct {
	ID                 string   `json:"id"`
	FirstName          string   `json:"first_name"`
	LastName           string   `json:"last_name"`
	DisplayName        string   `json:"display_name"`
	Email              string   `json:"email"`
	Type               int      `json:"type"`
	RoleName           string   `json:"role_name"`
	PMI                int64    `json:"pmi"`
	UsePMI             bool     `json:"use_pmi"`
	PersonalMeetingURL string   `json:"personal_meeting_url"`
	Timezone           string   `json:"timezone"`
	Verified           int      `json:"verified"`
	Dept               string   `json:"dept"`
	CreatedAt          string   `json:"created_at"`
	UserCreatedAt      string   `json:"user_created_at"`
	LastLoginTime      string   `json:"last_login_time"`
	LastClientVersion  string   `json:"last_client_version"`
	PicURL             string   `json:"pic_url"`
	Language           string   `json:"language"`
	PhoneNumber        string   `json:"phone_number"`
	Status             string   `json:"status"`
	RoleID             string   `json:"role_id"`
	AccountID          string   `json:"account_id"`
	AccountNumber      int64    `json:"account_number"`
	Cluster            string   `json:"cluster"`
	GroupIDs           []string `json:"group_ids"`
	LoginTypes         []int    `json:"login_types"`
	JID                string   `json:"jid"`
	ZoomOneType        int      `json:"zoom_one_type"`
}

// wireMeetingList is GET /users/{userId}/meetings.
type wireMeetingList struct {
	PageCount     int               `json:"page_count"`
	PageNumber    int               `json:"page_number"`
	PageSize      int               `json:"page_size"`
	TotalRecords  int               `json:"total_records"`
	NextPageToken string            `json:"next_page_token"`
	Meetings      []wireMeetingItem `json:"meetings"`
}

// wireMeetingItem is a list entry: no password, agenda cut to 250 characters.
type wireMeetingItem struct {
	UUID      string `json:"uuid"`
	ID        int64  `json:"id"`
	HostID    string `json:"host_id"`
	Topic     string `json:"topic"`
	Type      int    `json:"type"`
	StartTime string `json:"start_time"`
	Duration  int    `json:"duration"`
	Timezone  string `json:"timezone"`
	Agenda    string `json:"agenda,omitempty"`
	CreatedAt string `json:"created_at"`
	JoinURL   string `json:"join_url"`
}

// wireUpcomingList is GET /users/{userId}/upcoming_meetings.
type wireUpcomingList struct {
	TotalRecords int                `json:"total_records"`
	Meetings     []wireUpcomingItem `json:"meetings"`
}

type wireUpcomingItem struct {
	ID        int64  `json:"id"`
	Topic     string `json:"topic"`
	Type      int    `json:"type"`
	StartTime string `json:"start_time"`
	Duration  int    `json:"duration"`
	Timezone  string `json:"timezone"`
	CreatedAt string `json:"created_at"`
	JoinURL   string `json:"join_url"`
}

// wireMeeting is GET /meetings/{meetingId}.
type wireMeeting struct {
	UUID              string              `json:"uuid"`
	ID                int64               `json:"id"`
	HostID            string              `json:"host_id"`
	HostEmail         string              `json:"host_email"`
	Topic             string              `json:"topic"`
	Type              int                 `json:"type"`
	Status            string              `json:"status"`
	StartTime         string              `json:"start_time"`
	Duration          int                 `json:"duration"`
	Timezone          string              `json:"timezone"`
	Agenda            string              `json:"agenda,omitempty"`
	CreatedAt         string              `json:"created_at"`
	StartURL          string              `json:"start_url,omitempty"`
	JoinURL           string              `json:"join_url"`
	Password          string              `json:"password"`
	H323Password      string              `json:"h323_password"`
	EncryptedPassword string              `json:"encrypted_password"`
	PreSchedule       bool                `json:"pre_schedule"`
	Settings          wireMeetingSettings `json:"settings"`
}

type wireMeetingSettings struct {
	HostVideo                         bool   `json:"host_video"`
	ParticipantVideo                  bool   `json:"participant_video"`
	JoinBeforeHost                    bool   `json:"join_before_host"`
	JBHTime                           int    `json:"jbh_time"`
	MuteUponEntry                     bool   `json:"mute_upon_entry"`
	Watermark                         bool   `json:"watermark"`
	UsePMI                            bool   `json:"use_pmi"`
	ApprovalType                      int    `json:"approval_type"`
	Audio                             string `json:"audio"`
	AutoRecording                     string `json:"auto_recording"`
	EnforceLogin                      bool   `json:"enforce_login"`
	WaitingRoom                       bool   `json:"waiting_room"`
	AlternativeHosts                  string `json:"alternative_hosts"`
	AlternativeHostsEmailNotification bool   `json:"alternative_hosts_email_notification"`
	MeetingAuthentication             bool   `json:"meeting_authentication"`
	EncryptionType                    string `json:"encryption_type"`
	EmailNotification                 bool   `json:"email_notification"`
	PrivateMeeting                    bool   `json:"private_meeting"`
}

// wirePastMeeting is GET /past_meetings/{meetingId}.
type wirePastMeeting struct {
	UUID              string `json:"uuid"`
	ID                int64  `json:"id"`
	HostID            string `json:"host_id"`
	Type              int    `json:"type"`
	Topic             string `json:"topic"`
	UserName          string `json:"user_name"`
	UserEmail         string `json:"user_email"`
	StartTime         string `json:"start_time"`
	EndTime           string `json:"end_time"`
	Duration          int    `json:"duration"`
	TotalMinutes      int    `json:"total_minutes"`
	ParticipantsCount int    `json:"participants_count"`
	Dept              string `json:"dept"`
	Source            string `json:"source"`
}

// wireRecordingList is GET /users/{userId}/recordings.
type wireRecordingList struct {
	From          string                 `json:"from"`
	To            string                 `json:"to"`
	PageCount     int                    `json:"page_count"`
	PageSize      int                    `json:"page_size"`
	TotalRecords  int                    `json:"total_records"`
	NextPageToken string                 `json:"next_page_token"`
	Meetings      []wireRecordingMeeting `json:"meetings"`
}

// wireRecordingMeeting is a meeting's recording, alone (GET
// /meetings/{meetingId}/recordings, with password) or in the list (without).
type wireRecordingMeeting struct {
	UUID                  string              `json:"uuid"`
	ID                    int64               `json:"id"`
	AccountID             string              `json:"account_id"`
	HostID                string              `json:"host_id"`
	Topic                 string              `json:"topic"`
	Type                  int                 `json:"type"`
	StartTime             string              `json:"start_time"`
	Duration              int                 `json:"duration"`
	TotalSize             int64               `json:"total_size"`
	RecordingCount        int                 `json:"recording_count"`
	ShareURL              string              `json:"share_url"`
	RecordingPlayPasscode string              `json:"recording_play_passcode"`
	Password              string              `json:"password,omitempty"`
	RecordingFiles        []wireRecordingFile `json:"recording_files"`
}

type wireRecordingFile struct {
	ID             string `json:"id"`
	MeetingID      string `json:"meeting_id"`
	RecordingStart string `json:"recording_start"`
	RecordingEnd   string `json:"recording_end"`
	FileType       string `json:"file_type"`
	FileExtension  string `json:"file_extension"`
	FileSize       int64  `json:"file_size"`
	PlayURL        string `json:"play_url"`
	DownloadURL    string `json:"download_url"`
	Status         string `json:"status"`
	RecordingType  string `json:"recording_type"`
}

// wireToken is the OAuth token endpoint's answer.
type wireToken struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	RefreshToken string `json:"refresh_token"`
	ExpiresIn    int    `json:"expires_in"`
	Scope        string `json:"scope"`
}
