package zoomsim

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// zoomWebHost is the host of every join, start and recording link. Links
// never point at the simulator: the app opens only Zoom links.
const zoomWebHost = "us05web.zoom.us"

// account is the Zoom account all simulated users belong to.
type account struct {
	id     string
	number int64
}

// user is a Zoom user of the account.
type user struct {
	id, firstName, lastName, email string
	timezone, dept, roleName       string
	pmi                            int64
	created                        time.Time
}

func (u *user) displayName() string { return u.firstName + " " + u.lastName }

// meeting is a scheduled meeting (type 2) with a single instance.
type meeting struct {
	id       int64
	uuid     string // the instance UUID
	topic    string
	agenda   string
	start    time.Time // scheduled start
	duration int       // scheduled length, minutes
	timezone string
	created  time.Time
	host     *user
	// invited records that the signed-in user is invited to a meeting
	// someone else hosts (Zoom learns it from calendar invitations).
	invited        bool
	altHosts       string // semicolon-separated emails
	passcode       string
	pwdToken       string // the encoded passcode in join_url
	cloudRecording bool   // the host records to the cloud
	deleted        bool
	// set holds the settings a meeting was created with through the REST
	// API (schedule.go); nil for seeded and control-API meetings, which
	// show the defaults of meetingSettings.
	set *meetingSet

	endedAt   time.Time // set by an explicit end; zero otherwise
	readyAt   time.Time // set when the recording is made ready explicitly
	fileTypes []string  // the recording's file types; nil means the default
	recording *recording
}

// recording is a meeting's cloud recording, created the first time it is
// seen ready so its identifiers stay stable.
type recording struct {
	start, end time.Time
	shareID    string
	passcode   string // recording password
	playPass   string // recording_play_passcode
	files      []recordingFile
}

type recordingFile struct {
	id, fileType, extension, recordingType string
	size                                   int64
	playID, downloadID                     string
}

func (m *meeting) joinURL() string {
	return fmt.Sprintf("https://%s/j/%d?pwd=%s", zoomWebHost, m.id, m.pwdToken)
}

func (m *meeting) startURL() string {
	return fmt.Sprintf("https://%s/s/%d?zak=%s", zoomWebHost, m.id, randomString(alnum+"-_", 300))
}

// scheduledEnd is the scheduled start plus the scheduled duration.
func (m *meeting) scheduledEnd() time.Time {
	return m.start.Add(time.Duration(m.duration) * time.Minute)
}

// ended reports whether the meeting has ended at now and when.
func (s *Sim) ended(m *meeting, now time.Time) (time.Time, bool) {
	if !m.endedAt.IsZero() {
		return m.endedAt, true
	}
	if s.opts.AutoEnd && !now.Before(m.scheduledEnd()) {
		return m.scheduledEnd(), true
	}
	return time.Time{}, false
}

// actualStart is when the instance began: its scheduled start, or the end
// when it was ended before its scheduled start (opened and closed at once).
func (s *Sim) actualStart(m *meeting, now time.Time) time.Time {
	if end, ok := s.ended(m, now); ok && end.Before(m.start) {
		return end
	}
	return m.start
}

// live reports whether the meeting is running: in the simulator the host
// starts every meeting at its scheduled time, and it runs until it ends.
func (s *Sim) live(m *meeting, now time.Time) bool {
	_, ended := s.ended(m, now)
	return !ended && !now.Before(m.start)
}

// status is the meeting's status field: "started" while live, else "waiting".
func (s *Sim) status(m *meeting, now time.Time) string {
	if s.live(m, now) {
		return "started"
	}
	return "waiting"
}

// hostedByMe reports whether the signed-in user hosts m.
func (s *Sim) hostedByMe(m *meeting) bool { return m.host == s.me }

// isAltHost reports whether the signed-in user is one of m's alternative hosts.
func (s *Sim) isAltHost(m *meeting) bool {
	for _, e := range strings.Split(m.altHosts, ";") {
		if strings.EqualFold(strings.TrimSpace(e), s.me.email) {
			return true
		}
	}
	return false
}

// recordingFor returns m's cloud recording when it is ready at now, creating
// it on first sight. A recording exists only for a meeting that recorded to
// the cloud on a paid plan, and is ready after an explicit MakeRecordingReady
// or RecordingDelay after the meeting ended.
func (s *Sim) recordingFor(m *meeting, now time.Time) *recording {
	if m.recording != nil {
		return m.recording
	}
	if !m.cloudRecording || s.opts.Plan == "free" {
		return nil
	}
	end, ended := s.ended(m, now)
	if !ended {
		return nil
	}
	ready := !m.readyAt.IsZero() && !now.Before(m.readyAt)
	if !ready && s.opts.RecordingDelay > 0 {
		ready = !now.Before(end.Add(s.opts.RecordingDelay))
	}
	if !ready {
		return nil
	}
	m.recording = newRecording(s.actualStart(m, now), end, m.fileTypes)
	return m.recording
}

// defaultFileTypes are the files of a recording made with Zoom's usual
// settings: the video, the audio and the audio transcript.
var defaultFileTypes = []string{"MP4", "M4A", "TRANSCRIPT"}

// fileKinds maps a file_type to its file_extension, recording_type and
// approximate bytes per second.
var fileKinds = map[string]struct {
	extension, recordingType string
	bytesPerSecond           int64
}{
	"MP4":        {"MP4", "shared_screen_with_speaker_view", 60_000},
	"M4A":        {"M4A", "audio_only", 16_000},
	"TRANSCRIPT": {"VTT", "audio_transcript", 25},
	"CHAT":       {"TXT", "chat_file", 2},
}

func newRecording(start, end time.Time, types []string) *recording {
	if len(types) == 0 {
		types = defaultFileTypes
	}
	rec := &recording{
		start:    start,
		end:      end,
		shareID:  randomString(alnum+"-_", 64) + "." + randomString(alnum+"-_", 16),
		passcode: randomString(alnum, 8),
		playPass: randomString(alnum, 32),
	}
	seconds := int64(end.Sub(start) / time.Second)
	for _, t := range types {
		k := fileKinds[t]
		rec.files = append(rec.files, recordingFile{
			id:            newFileID(),
			fileType:      t,
			extension:     k.extension,
			recordingType: k.recordingType,
			size:          1024 + seconds*k.bytesPerSecond,
			playID:        randomString(alnum+"-_", 96),
			downloadID:    randomString(alnum+"-_", 96),
		})
	}
	return rec
}

// findMeeting resolves a REST path's meeting ID: a meeting number or an
// instance UUID. Deleted meetings are found too; callers decide.
func (s *Sim) findMeeting(idOrUUID string) *meeting {
	if m, ok := s.byUUID[idOrUUID]; ok {
		return m
	}
	if id, err := strconv.ParseInt(idOrUUID, 10, 64); err == nil {
		return s.meetings[id]
	}
	return nil
}

// sortedMeetings returns the meetings accepted by keep, by start time.
func (s *Sim) sortedMeetings(keep func(*meeting) bool) []*meeting {
	var ms []*meeting
	for _, m := range s.meetings {
		if keep(m) {
			ms = append(ms, m)
		}
	}
	sort.Slice(ms, func(i, j int) bool {
		if !ms[i].start.Equal(ms[j].start) {
			return ms[i].start.Before(ms[j].start)
		}
		return ms[i].id < ms[j].id
	})
	return ms
}
