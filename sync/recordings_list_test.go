package sync

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	stdsync "sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/zoom"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestListRange(t *testing.T) {
	now := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	lastWeek := listCoverage{From: date("2026-03-02"), To: date("2026-03-09"), At: time.Date(2026, 3, 9, 7, 30, 0, 0, time.UTC)}
	processing := func(start time.Time) []listedRecording {
		return []listedRecording{{UUID: "a", Start: now.Add(-time.Hour)}, {UUID: "p", Start: start, Processing: true}}
	}
	for _, tt := range []struct {
		name     string
		cov      listCoverage
		kept     []listedRecording
		from, to string
	}{
		{"nothing kept: the week", listCoverage{}, nil, "2026-03-03", "2026-03-10"},
		{"listed yesterday: a day before it, to today", lastWeek, nil, "2026-03-08", "2026-03-10"},
		{"listed just after midnight: the day before that too",
			listCoverage{From: date("2026-03-03"), To: date("2026-03-10"), At: time.Date(2026, 3, 10, 0, 5, 0, 0, time.UTC)}, nil, "2026-03-09", "2026-03-10"},
		{"listed ten days ago: the week",
			listCoverage{From: date("2026-02-21"), To: date("2026-02-28"), At: time.Date(2026, 2, 28, 9, 0, 0, 0, time.UTC)}, nil, "2026-03-03", "2026-03-10"},
		{"kept list does not reach back a week: the week",
			listCoverage{From: date("2026-03-06"), To: date("2026-03-09"), At: lastWeek.At}, nil, "2026-03-03", "2026-03-10"},
		{"a recording still processing: from its day",
			lastWeek, processing(time.Date(2026, 3, 5, 23, 0, 0, 0, time.UTC)), "2026-03-05", "2026-03-10"},
		{"one processing before the week: ignored",
			lastWeek, processing(time.Date(2026, 3, 1, 23, 0, 0, 0, time.UTC)), "2026-03-08", "2026-03-10"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			from, to := listRange(tt.cov, tt.kept, now)
			if got := from.Format(time.DateOnly) + ".." + to.Format(time.DateOnly); got != tt.from+".."+tt.to {
				t.Errorf("range %s, want %s..%s", got, tt.from, tt.to)
			}
		})
	}
}

func TestMergeListed(t *testing.T) {
	now := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	at := func(d string, hh int) time.Time { return date(d).Add(time.Duration(hh) * time.Hour) }
	rm := func(uuid, topic string, start time.Time, status string) zoom.RecordingMeeting {
		return zoom.RecordingMeeting{UUID: uuid, ID: int64(len(uuid)), Topic: topic, StartTime: start, ShareURL: "https://zoom.us/rec/share/" + uuid,
			RecordingFiles: []zoom.RecordingFile{{FileType: "MP4", Status: status, PlayURL: "https://zoom.us/rec/play/" + uuid}}}
	}
	kept := compactList([]zoom.RecordingMeeting{
		rm("old", "Interview: out of the week", at("2026-03-02", 10), "completed"),
		rm("keep", "Interview: before the range", at("2026-03-07", 10), "completed"),
		rm("first", "Interview: first day asked", at("2026-03-08", 1), "completed"),
		rm("gone", "Interview: deleted in Zoom", at("2026-03-09", 9), "completed"),
		rm("proc", "Interview: was processing", at("2026-03-09", 8), "processing"),
	})
	before := slices.Clone(kept)
	list := []zoom.RecordingMeeting{
		rm("proc", "Interview: was processing", at("2026-03-09", 8), "completed"),
		rm("new", "Interview: new", at("2026-03-10", 7), "completed"),
		rm("new", "Interview: new", at("2026-03-10", 7), "completed"), // a repeat across pages
	}
	got := mergeListed(kept, list, date("2026-03-08"), date("2026-03-10"), now)
	var uuids []string
	for _, r := range got {
		uuids = append(uuids, r.UUID)
		if r.UUID == "proc" && (r.Processing || r.Links.Watch == "") {
			t.Errorf("the processing recording was not updated: %+v", r)
		}
	}
	// Newest first; "first" stays (the first day asked only adds), "gone"
	// goes (a later day Zoom answered for), "old" is out of the week.
	if want := []string{"new", "proc", "first", "keep"}; !slices.Equal(uuids, want) {
		t.Errorf("kept %v, want %v", uuids, want)
	}
	if !slices.Equal(kept, before) {
		t.Error("mergeListed modified the kept list")
	}
}

// TestListedKeepsWhatIsShown: the kept form gives the same recordings as
// Zoom's answer did (links chosen, processing, passcode).
func TestListedKeepsWhatIsShown(t *testing.T) {
	rm := zoom.RecordingMeeting{UUID: "u1", ID: 7, Topic: "Interview: Ada", StartTime: t0, ShareURL: "https://zoom.us/rec/share/x", Password: "pw",
		RecordingFiles: []zoom.RecordingFile{
			{FileType: "MP4", RecordingType: "gallery_view", PlayURL: "https://zoom.us/rec/play/gallery", Status: "completed"},
			{FileType: "MP4", RecordingType: "shared_screen_with_speaker_view", PlayURL: "https://zoom.us/rec/play/speaker", Status: "completed"},
			{FileType: "M4A", PlayURL: "https://zoom.us/rec/play/audio", Status: "processing"},
			{FileType: "TRANSCRIPT", DownloadURL: "https://zoom.us/rec/download/vtt", Status: "completed"},
		}}
	got := recordingsFromList(compactList([]zoom.RecordingMeeting{rm}), compileRules(DefaultSettings().Rules), nil)
	want := cloudRecording(&rm, nil, t0)
	want.ReadyAt = time.Time{}
	if len(got) != 1 || !reflect.DeepEqual(got[0], want) {
		t.Errorf("from the kept list %+v\nfrom Zoom's answer  %+v", got, want)
	}
}

// listSpy records the from and to of every recordings list request.
type listSpy struct {
	base http.RoundTripper
	mu   stdsync.Mutex
	asks []string // "from..to"
}

func (s *listSpy) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Path == "/v2/users/me/recordings" {
		q := r.URL.Query()
		s.mu.Lock()
		if q.Get("next_page_token") == "" {
			s.asks = append(s.asks, q.Get("from")+".."+q.Get("to"))
		}
		s.mu.Unlock()
	}
	return s.base.RoundTrip(r)
}

func (s *listSpy) lists() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.asks)
}

func shownRecording(s *Snapshot, topic string) (Recording, bool) {
	for _, r := range s.Recordings {
		if r.Topic == topic {
			return r, true
		}
	}
	return Recording{}, false
}

// TestRecordingsListIncremental follows the recordings list over three
// days and a restart: the week is listed once, then only the days since
// the last list (with a day of overlap); a recording that Zoom finishes
// processing after a list is found by the next; one that leaves the week
// is dropped; a change of the rules applies to what is kept without
// asking Zoom.
func TestRecordingsListIncremental(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Given a week of recordings the engine never saw happen.
		v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		spy := &listSpy{base: v.sw.base}
		v.sw.base = spy
		day0 := v.at(0, 0, 0)
		at := func(days, hh int) time.Time { return day0.AddDate(0, 0, days).Add(time.Duration(hh) * time.Hour) }
		ready := func(topic string, start time.Time) zoomsim.SimMeeting {
			m := v.meeting(zoomsim.MeetingSpec{Topic: topic, StartTime: start})
			if _, err := v.sim.MakeRecordingReady(m.ID); err != nil {
				t.Fatal(err)
			}
			return m
		}
		ready("Interview: aging", at(-6, 10))
		ready("Interview: old", at(-3, 10))
		ready("Team sync", at(-1, 10))

		// When the engine starts, it lists the whole week.
		e := v.start()
		defer v.stop()
		s := e.Snapshot()
		if want := []string{"2026-02-24..2026-03-03"}; !slices.Equal(spy.lists(), want) {
			t.Fatalf("first lists %v, want %v", spy.lists(), want)
		}
		for _, topic := range []string{"Interview: aging", "Interview: old"} {
			if _, ok := shownRecording(s, topic); !ok {
				t.Errorf("%q not shown after the first list: %+v", topic, s.Recordings)
			}
		}
		if _, ok := shownRecording(s, "Team sync"); ok {
			t.Error("a recording that is not an interview is shown")
		}

		// An interview late in the evening while the agent is not running;
		// Zoom has not processed it by the next morning's list.
		v.until(at(0, 9))
		v.stop()
		late := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: late", StartTime: at(0, 23)})
		v.until(at(1, 8))
		e = v.start()
		if got := spy.lists(); len(got) != 2 || got[1] != "2026-03-02..2026-03-04" {
			t.Fatalf("lists after the restart %v, want the second from a day before the first (2026-03-02..2026-03-04)", got)
		}
		if _, ok := shownRecording(e.Snapshot(), "Interview: old"); !ok {
			t.Error("a recording kept from before the restart is not shown")
		}
		v.until(at(1, 10))
		if _, err := v.sim.MakeRecordingReady(late.ID); err != nil {
			t.Fatal(err)
		}

		// The next day's list asks from the day before the last list: the
		// late interview's day, so its recording is found.
		v.until(at(2, 8).Add(30 * time.Minute))
		if got := spy.lists(); len(got) != 3 || got[2] != "2026-03-03..2026-03-05" {
			t.Fatalf("lists %v, want a third of 2026-03-03..2026-03-05", got)
		}
		s = e.Snapshot()
		if r, ok := shownRecording(s, "Interview: late"); !ok || r.Links.Watch == "" || r.State != RecReady {
			t.Errorf("the late interview's recording: %+v, %v", r, ok)
		}
		if _, ok := shownRecording(s, "Interview: aging"); ok {
			t.Error("a recording older than the week is still shown")
		}
		if _, ok := shownRecording(s, "Interview: old"); !ok {
			t.Error("a recording of the week was dropped")
		}
		e.mu.Lock()
		for _, r := range e.listedRaw {
			if r.Topic == "Interview: aging" {
				t.Error("a recording older than the week is still kept")
			}
		}
		e.mu.Unlock()

		// A rule that makes "Team sync" an interview shows its recording
		// from the kept list, without a call.
		st := e.Settings()
		st.Rules.Patterns = append(st.Rules.Patterns, "sync")
		if err := e.UpdateSettings(st); err != nil {
			t.Fatal(err)
		}
		synctest.Wait()
		if r, ok := shownRecording(e.Snapshot(), "Team sync"); !ok || r.Links.Watch == "" || r.Links.Share == "" {
			t.Errorf("after the rules change: %+v, %v", r, ok)
		}
		if n := len(spy.lists()); n != 3 {
			t.Errorf("%d lists after the rules change, want still 3", n)
		}
	})
}

// TestListCacheOtherUser: a kept list of another user, or of an unknown
// version, is not used: the next list asks for the whole week.
func TestListCacheOtherUser(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		spy := &listSpy{base: v.sw.base}
		v.sw.base = spy
		v.start()
		v.stop()
		path := filepath.Join(v.dirs[2], listCacheFile)
		info, err := os.Stat(path)
		if err != nil || info.Mode().Perm() != 0o600 {
			t.Fatalf("recordings list cache: %v %v", info, err)
		}
		var c listCache
		data, err := os.ReadFile(path)
		if err != nil || json.Unmarshal(data, &c) != nil || c.UserID == "" || c.Cover.At.IsZero() {
			t.Fatalf("recordings list cache %s: %v", data, err)
		}
		for i, edit := range []func(*listCache){
			func(c *listCache) { c.UserID = "someone-else" },
			func(c *listCache) { c.Version = 99 },
		} {
			bad := c
			edit(&bad)
			data, _ := json.Marshal(&bad)
			write(t, path, string(data))
			v.until(v.now().Add(time.Hour))
			v.start()
			v.stop()
			got := spy.lists()
			if want := "2026-02-24..2026-03-03"; got[len(got)-1] != want {
				t.Errorf("case %d: list %v, want the whole week %s", i, got, want)
			}
		}
	})
}
