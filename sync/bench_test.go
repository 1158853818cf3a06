package sync

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/sync/internal/cloudlist"
	"github.com/interviewtray/interviewtray/zoom"
)

// benchData is a heavy account: 1,000 upcoming meetings over two weeks
// (those in the next 24 hours also in upcoming_meetings), details for the
// interviews among them, 10,000 cloud recordings with three files each,
// and a reminder history.
type benchData struct {
	now      time.Time
	upcoming []zoom.Meeting
	hosted   []zoom.Meeting
	details  map[int64]*detailRec
	list     []zoom.RecordingMeeting
	kept     []cloudlist.Recording // list as the engine keeps it (compacted when listed, not per sync)
	st       persistState
	user     *User
}

func newBenchData(nMeetings, nRecordings int) *benchData {
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	d := &benchData{now: now, details: map[int64]*detailRec{}, st: newPersistState(),
		user: &User{ID: "me", Email: "maya@example.com", Name: "Maya"}}
	topics := []string{"Interview: candidate %d", "Team sync %d", "Technical interview %d", "1:1 %d", "Phone screen (interview) %d"}
	for i := range nMeetings {
		start := now.Add(time.Duration(i) * 20 * time.Minute).Truncate(time.Minute)
		m := zoom.Meeting{
			ID: 80000000000 + int64(i), UUID: fmt.Sprintf("uuid-%d==", i), HostID: "me",
			Topic: fmt.Sprintf(topics[i%len(topics)], i), Type: 2, StartTime: start, Duration: 45,
			JoinURL: fmt.Sprintf("https://us05web.zoom.us/j/%d?pwd=abcdefghijklmnopqrstuvwxyz.1", 80000000000+int64(i)),
		}
		d.hosted = append(d.hosted, m)
		if start.Before(now.Add(24 * time.Hour)) {
			u := m
			u.UUID, u.HostID = "", ""
			d.upcoming = append(d.upcoming, u)
			d.details[m.ID] = &detailRec{UUID: m.UUID, HostID: "me", Passcode: "123456", FetchedAt: now}
		}
	}
	for i := range nRecordings {
		start := now.Add(-time.Duration(i) * time.Minute)
		uuid := fmt.Sprintf("rec-%d==", i)
		rm := zoom.RecordingMeeting{UUID: uuid, ID: 70000000000 + int64(i), HostID: "me",
			Topic: fmt.Sprintf(topics[i%len(topics)], i), StartTime: start, Duration: 45,
			ShareURL: "https://us05web.zoom.us/rec/share/" + uuid, Password: "pw"}
		for _, ft := range []string{"MP4", "M4A", "TRANSCRIPT"} {
			rm.RecordingFiles = append(rm.RecordingFiles, zoom.RecordingFile{
				ID: uuid + ft, MeetingID: uuid, FileType: ft, Status: "completed", RecordingType: "shared_screen_with_speaker_view",
				PlayURL: "https://us05web.zoom.us/rec/play/" + uuid + ft})
		}
		d.list = append(d.list, rm)
	}
	// A day's worth of fired reminders.
	for i := range min(50, len(d.hosted)) {
		m := d.hosted[i]
		for _, off := range []time.Duration{-10 * time.Minute, -time.Minute, 0} {
			d.st.Reminders.Fired[reminderKey(m.ID, m.StartTime, off)] = now.Add(-time.Hour)
		}
	}
	d.kept = cloudlist.CompactList(d.list)
	return d
}

// fullSync is the pure work behind one full sync, as the engine does it
// once Zoom has answered: merge both lists, filter the recordings list by
// the rules, classify, plan reminders and the next poll, build the
// snapshot, its change key and the cache file.
func (d *benchData) fullSync() (*Snapshot, int) {
	s := DefaultSettings()
	m := compileRules(s.Rules)
	meetings := mergeMeetings(d.upcoming, d.now, d.hosted, d.now.Add(-time.Hour))
	listed := recordingsFromList(d.kept, m, nil)
	in := &buildInput{
		now: d.now, loc: time.UTC, user: d.user, meetings: meetings, details: d.details, past: d.st.Past,
		matcher: m, overrides: d.st.Overrides, reminders: &d.st.Reminders, offsets: s.ReminderOffsets,
		nags: s.StartedNags, listed: listed, tracked: map[string]Recording{}, health: Health{LastSync: d.now},
	}
	v := classifyMeetings(in)
	plan := planReminders(v.occs, in.reminders, in.offsets, in.nags, d.now)
	active := activeReminders(v.occs, in.reminders, in.offsets, in.nags, d.now)
	_ = nextUpcomingPoll(d.now, v.spans, time.UTC, noJitter)
	snap := buildSnapshot(in, v, active)
	key := stableJSON(snap)
	cache, err := json.Marshal(&cacheData{Version: cacheVersion, Snapshot: snap, account: account{User: d.user, Upcoming: d.upcoming, Hosted: d.hosted, Details: d.details}})
	if err != nil {
		panic(err)
	}
	return snap, len(key) + len(cache) + len(plan.fire)
}

func TestFullSyncShape(t *testing.T) {
	d := newBenchData(1000, 10000)
	s, _ := d.fullSync()
	if len(s.Interviews) != 1000 || len(s.Recordings) != maxSnapshotRecordings {
		t.Fatalf("%d interviews, %d recordings", len(s.Interviews), len(s.Recordings))
	}
	if !s.Recordings[0].StartTime.After(s.Recordings[1].StartTime) {
		t.Error("recordings not newest first")
	}
}

// BenchmarkFullSync measures one full sync over 1,000 upcoming meetings and
// 10,000 recordings (issue 7's budget: 50 ms and 20 MB per sync).
func BenchmarkFullSync(b *testing.B) {
	d := newBenchData(1000, 10000)
	b.ReportAllocs()
	var n int
	for b.Loop() {
		_, n = d.fullSync()
	}
	b.ReportMetric(float64(n)/1024, "KiB-out")
}

// BenchmarkFullSyncTypical is a typical user: 40 meetings, 300 recordings.
func BenchmarkFullSyncTypical(b *testing.B) {
	d := newBenchData(40, 300)
	b.ReportAllocs()
	for b.Loop() {
		d.fullSync()
	}
}
