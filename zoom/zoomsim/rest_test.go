package zoomsim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// signedIn returns an env through mode with a signed-in user's access token.
func signedIn(t *testing.T, mode string, opts Options) (*env, string) {
	t.Helper()
	opts.AutoApprove = true
	e := newEnv(t, mode, opts)
	return e, e.signIn().AccessToken
}

// joinURLRE is the shape of a Zoom join link.
var joinURLRE = regexp.MustCompile(`^https://us\d\dweb\.zoom\.us/j/\d{10,11}\?pwd=[A-Za-z0-9]{32}\.1$`)

func TestGetMe(t *testing.T) {
	eachMode(t, func(t *testing.T, mode string) {
		e, tok := signedIn(t, mode, Options{})
		r := e.call("GET", "/users/me", tok, nil)
		wantStatus(t, r, http.StatusOK)
		u := decode[wireUser](t, r)
		me := e.sim.User()
		if u.ID != me.ID || u.Email != me.Email || u.FirstName != "Maya" || u.Type != 2 ||
			u.Timezone != "America/New_York" || u.AccountID == "" || u.PMI < 1<<31 {
			t.Errorf("users/me = %+v", u)
		}
		if r.header.Get("X-RateLimit-Category") != "Light" {
			t.Errorf("X-RateLimit-Category %q", r.header.Get("X-RateLimit-Category"))
		}
	})
}

// meetingIDs returns the IDs in a meetings list.
func meetingIDs(ms []wireMeetingItem) []int64 {
	var ids []int64
	for _, m := range ms {
		ids = append(ids, m.ID)
	}
	return ids
}

func TestListMeetingsByType(t *testing.T) {
	eachMode(t, func(t *testing.T, mode string) {
		e, tok := signedIn(t, mode, Options{})
		now := e.sim.Now()
		at := func(d time.Duration) string { return now.Add(d).Format(time.RFC3339) }
		future := e.meeting(map[string]any{"topic": "Interview: future", "start_time": at(2 * time.Hour), "duration": 30})
		live := e.meeting(map[string]any{"topic": "Interview: live", "start_time": at(-10 * time.Minute), "duration": 60})
		ended := e.meeting(map[string]any{"topic": "Interview: ended", "start_time": at(-2 * time.Hour), "duration": 30})
		e.ctl("POST", fmt.Sprintf("/meetings/%d/end", ended.ID), nil, http.StatusOK)
		other := e.meeting(map[string]any{"topic": "Interview: recruiter's", "start_time": at(time.Hour), "host": "other", "invited": true})
		altHost := e.meeting(map[string]any{"topic": "Interview: co-hosted", "start_time": at(time.Hour), "host": "other",
			"alternative_hosts": "someone@example.com;" + e.sim.User().Email})
		deleted := e.meeting(map[string]any{"topic": "Interview: cancelled", "start_time": at(3 * time.Hour)})
		e.ctl("DELETE", fmt.Sprintf("/meetings/%d", deleted.ID), nil, http.StatusNoContent)
		_, _ = other, altHost

		tests := []struct {
			query string
			want  []int64 // in start-time order
		}{
			{"", []int64{ended.ID, live.ID, future.ID}},
			{"?type=scheduled", []int64{ended.ID, live.ID, future.ID}},
			{"?type=upcoming", []int64{live.ID, future.ID}},
			{"?type=upcoming_meetings", []int64{live.ID, future.ID}},
			{"?type=live", []int64{live.ID}},
			{"?type=previous_meetings", []int64{ended.ID}},
		}
		for _, tt := range tests {
			t.Run(tt.query, func(t *testing.T) {
				r := e.call("GET", "/users/me/meetings"+tt.query, tok, nil)
				wantStatus(t, r, http.StatusOK)
				list := decode[wireMeetingList](t, r)
				if got := meetingIDs(list.Meetings); !slices.Equal(got, tt.want) {
					t.Errorf("ids %v, want %v", got, tt.want)
				}
				if list.TotalRecords != len(tt.want) || list.PageSize != 30 || list.PageNumber != 1 || list.NextPageToken != "" {
					t.Errorf("list header %+v", list)
				}
			})
		}
		wantAPIError(t, e.call("GET", "/users/me/meetings?type=bogus", tok, nil), http.StatusBadRequest, 300)
	})
}

func TestListMeetingsCarriesNoPassword(t *testing.T) {
	eachMode(t, func(t *testing.T, mode string) {
		e, tok := signedIn(t, mode, Options{Seed: "demo"})
		r := e.call("GET", "/users/me/meetings?type=upcoming", tok, nil)
		wantStatus(t, r, http.StatusOK)
		var raw struct {
			Meetings []map[string]any `json:"meetings"`
		}
		if err := json.Unmarshal(r.body, &raw); err != nil {
			t.Fatal(err)
		}
		if len(raw.Meetings) == 0 {
			t.Fatal("no upcoming meetings in the demo seed")
		}
		for _, m := range raw.Meetings {
			for _, k := range []string{"password", "start_url", "encrypted_password"} {
				if _, ok := m[k]; ok {
					t.Errorf("list item has %q", k)
				}
			}
			for _, k := range []string{"uuid", "id", "host_id", "topic", "type", "start_time", "duration", "timezone", "created_at", "join_url"} {
				if _, ok := m[k]; !ok {
					t.Errorf("list item lacks %q", k)
				}
			}
			if !joinURLRE.MatchString(m["join_url"].(string)) {
				t.Errorf("join_url %q", m["join_url"])
			}
			if _, err := time.Parse(zoomTimeLayout, m["start_time"].(string)); err != nil {
				t.Errorf("start_time %q: %v", m["start_time"], err)
			}
		}
		// Meeting numbers exceed 32 bits and must be decoded as int64.
		list := decode[wireMeetingList](t, r)
		for _, m := range list.Meetings {
			if m.ID <= 1<<31 {
				t.Errorf("meeting ID %d fits in 32 bits", m.ID)
			}
		}
	})
}

func TestListMeetingsPagination(t *testing.T) {
	eachMode(t, func(t *testing.T, mode string) {
		e, tok := signedIn(t, mode, Options{})
		start := e.sim.Now().Add(time.Hour)
		const n = 650
		for i := range n {
			if _, err := e.sim.CreateMeeting(MeetingSpec{Topic: fmt.Sprintf("Interview %03d", i), StartTime: start.Add(time.Duration(i) * time.Minute)}); err != nil {
				t.Fatal(err)
			}
		}
		get := func(q url.Values) (wireMeetingList, result) {
			r := e.call("GET", "/users/me/meetings?"+q.Encode(), tok, nil)
			if r.status != http.StatusOK {
				return wireMeetingList{}, r
			}
			return decode[wireMeetingList](t, r), r
		}

		// Default page size 30.
		first, _ := get(url.Values{"type": {"upcoming"}})
		if len(first.Meetings) != 30 || first.PageSize != 30 || first.TotalRecords != n || first.PageCount != 22 || first.NextPageToken == "" {
			t.Fatalf("first page: %d meetings, header %+v", len(first.Meetings), first)
		}

		// page_size is capped at 300; walking the tokens yields every meeting once, in order.
		var all []wireMeetingItem
		q := url.Values{"type": {"upcoming"}, "page_size": {"1000"}}
		var sizes []int
		for {
			page, r := get(q)
			wantStatus(t, r, http.StatusOK)
			if page.PageSize != 300 || page.PageCount != 3 {
				t.Fatalf("page header %+v", page)
			}
			sizes = append(sizes, len(page.Meetings))
			all = append(all, page.Meetings...)
			if page.NextPageToken == "" {
				break
			}
			q = url.Values{"page_size": {"1000"}, "next_page_token": {page.NextPageToken}}
		}
		if !slices.Equal(sizes, []int{300, 300, 50}) {
			t.Fatalf("page sizes %v", sizes)
		}
		for i, m := range all {
			if want := fmt.Sprintf("Interview %03d", i); m.Topic != want {
				t.Fatalf("item %d is %q, want %q", i, m.Topic, want)
			}
		}

		// page_number still works without a token.
		p3, _ := get(url.Values{"type": {"upcoming"}, "page_size": {"300"}, "page_number": {"3"}})
		if len(p3.Meetings) != 50 || p3.PageNumber != 3 || p3.NextPageToken != "" {
			t.Fatalf("page 3: %d meetings, %+v", len(p3.Meetings), p3)
		}

		// A token can be used again within 15 minutes and not after.
		page, _ := get(url.Values{"type": {"upcoming"}, "page_size": {"300"}})
		next := url.Values{"page_size": {"300"}, "next_page_token": {page.NextPageToken}}
		e.sim.Advance(pageTokenTTL - time.Second)
		if again, r := get(next); r.status != http.StatusOK || again.Meetings[0].Topic != "Interview 300" {
			t.Fatalf("token within its lifetime: %s", r)
		}
		e.sim.Advance(time.Second)
		_, r := get(next)
		if got := wantAPIError(t, r, http.StatusBadRequest, 300); !strings.Contains(got.Message, "next page token") {
			t.Errorf("message %q", got.Message)
		}
		_, r = get(url.Values{"next_page_token": {"made-up"}})
		wantAPIError(t, r, http.StatusBadRequest, 300)
		_, r = get(url.Values{"page_size": {"ten"}})
		wantAPIError(t, r, http.StatusBadRequest, 300)
	})
}

func TestUpcomingMeetings(t *testing.T) {
	eachMode(t, func(t *testing.T, mode string) {
		e, tok := signedIn(t, mode, Options{})
		now := e.sim.Now()
		at := func(d time.Duration) string { return now.Add(d).Format(time.RFC3339) }
		hosted := e.meeting(map[string]any{"topic": "Interview: hosted", "start_time": at(time.Hour)})
		invited := e.meeting(map[string]any{"topic": "Interview: invited", "start_time": at(2 * time.Hour), "host": "other", "invited": true})
		alt := e.meeting(map[string]any{"topic": "Interview: alternative host", "start_time": at(3 * time.Hour), "host": "other",
			"alternative_hosts": e.sim.User().Email})
		live := e.meeting(map[string]any{"topic": "Interview: running", "start_time": at(-5 * time.Minute)})
		e.meeting(map[string]any{"topic": "Interview: not mine", "start_time": at(time.Hour), "host": "other"})
		e.meeting(map[string]any{"topic": "Interview: in two days", "start_time": at(48 * time.Hour)})
		ended := e.meeting(map[string]any{"topic": "Interview: over", "start_time": at(-time.Hour), "duration": 30})
		e.ctl("POST", fmt.Sprintf("/meetings/%d/end", ended.ID), nil, http.StatusOK)

		r := e.call("GET", "/users/me/upcoming_meetings", tok, nil)
		wantStatus(t, r, http.StatusOK)
		list := decode[wireUpcomingList](t, r)
		var ids []int64
		for _, m := range list.Meetings {
			ids = append(ids, m.ID)
			if !joinURLRE.MatchString(m.JoinURL) || m.Type != 2 || m.Topic == "" || m.CreatedAt == "" {
				t.Errorf("item %+v", m)
			}
		}
		if want := []int64{live.ID, hosted.ID, invited.ID, alt.ID}; !slices.Equal(ids, want) || list.TotalRecords != 4 {
			t.Errorf("upcoming ids %v (total %d), want %v", ids, list.TotalRecords, want)
		}
		if strings.Contains(string(r.body), `"password"`) {
			t.Error("upcoming_meetings carries a password")
		}
		if r.header.Get("X-RateLimit-Category") != "Medium" {
			t.Errorf("category %q", r.header.Get("X-RateLimit-Category"))
		}
	})
}

func TestGetMeeting(t *testing.T) {
	eachMode(t, func(t *testing.T, mode string) {
		e, tok := signedIn(t, mode, Options{TokenTTL: 24 * time.Hour})
		now := e.sim.Now()
		at := func(d time.Duration) string { return now.Add(d).Format(time.RFC3339) }
		mine := e.meeting(map[string]any{"topic": "Interview: mine", "start_time": at(time.Hour), "duration": 45,
			"alternative_hosts": "sam@example.com"})
		alt := e.meeting(map[string]any{"topic": "Interview: co-hosted", "start_time": at(time.Hour), "host": "other",
			"alternative_hosts": e.sim.User().Email})
		invited := e.meeting(map[string]any{"topic": "Interview: invited", "start_time": at(time.Hour), "host": "other", "invited": true})
		deleted := e.meeting(map[string]any{"topic": "Interview: cancelled", "start_time": at(time.Hour)})
		e.ctl("DELETE", fmt.Sprintf("/meetings/%d", deleted.ID), nil, http.StatusNoContent)

		r := e.call("GET", fmt.Sprintf("/meetings/%d", mine.ID), tok, nil)
		wantStatus(t, r, http.StatusOK)
		m := decode[wireMeeting](t, r)
		if m.ID != mine.ID || m.UUID != mine.UUID || m.Password != mine.Password || m.Password == "" ||
			m.HostID != e.sim.User().ID || m.HostEmail != e.sim.User().Email || m.Status != "waiting" ||
			m.Duration != 45 || m.Settings.AlternativeHosts != "sam@example.com" || m.Settings.AutoRecording != "cloud" ||
			!strings.HasPrefix(m.StartURL, "https://us05web.zoom.us/s/") || !joinURLRE.MatchString(m.JoinURL) ||
			!strings.Contains(m.JoinURL, fmt.Sprint(mine.ID)) {
			t.Errorf("meeting %+v", m)
		}

		// An alternative host sees the meeting, without the host's start link.
		r = e.call("GET", fmt.Sprintf("/meetings/%d", alt.ID), tok, nil)
		wantStatus(t, r, http.StatusOK)
		if got := decode[wireMeeting](t, r); got.StartURL != "" || got.HostID == e.sim.User().ID || got.Settings.AutoRecording != "none" {
			t.Errorf("alternative host's view %+v", got)
		}

		// It starts at its start time.
		e.sim.Advance(time.Hour)
		if got := decode[wireMeeting](t, e.call("GET", fmt.Sprintf("/meetings/%d", mine.ID), tok, nil)); got.Status != "started" {
			t.Errorf("status %q after the start time, want started", got.Status)
		}

		for _, tt := range []struct {
			name, id string
		}{
			{"unknown", "12345678901"},
			{"invited only", fmt.Sprint(invited.ID)},
			{"deleted", fmt.Sprint(deleted.ID)},
			{"uuid", url.PathEscape(url.PathEscape(mine.UUID))},
		} {
			t.Run(tt.name, func(t *testing.T) {
				got := wantAPIError(t, e.call("GET", "/meetings/"+tt.id, tok, nil), http.StatusNotFound, 3001)
				if !strings.HasSuffix(got.Message, "is not found or has expired.") {
					t.Errorf("message %q", got.Message)
				}
			})
		}
		got := wantAPIError(t, e.call("GET", "/meetings/12345678901", tok, nil), http.StatusNotFound, 3001)
		if got.Message != "Meeting 12345678901 is not found or has expired." {
			t.Errorf("message %q", got.Message)
		}
	})
}

func TestPastMeeting(t *testing.T) {
	eachMode(t, func(t *testing.T, mode string) {
		e, tok := signedIn(t, mode, Options{})
		start := e.sim.Now().Add(-30 * time.Minute).Truncate(time.Second)
		m := e.meeting(map[string]any{"topic": "Interview: past", "start_time": start.Format(time.RFC3339), "duration": 60})
		paths := []string{fmt.Sprint(m.ID), url.PathEscape(url.PathEscape(m.UUID))}

		for _, p := range paths {
			got := wantAPIError(t, e.call("GET", "/past_meetings/"+p, tok, nil), http.StatusNotFound, 3001)
			if !strings.Contains(got.Message, "has not ended") {
				t.Errorf("message %q", got.Message)
			}
		}
		e.sim.Advance(10 * time.Minute)
		ended := decode[SimMeeting](t, e.ctl("POST", fmt.Sprintf("/meetings/%d/end", m.ID), nil, http.StatusOK))
		if ended.Status != "ended" || !ended.EndTime.Equal(start.Add(40*time.Minute)) {
			t.Fatalf("ended meeting %+v", ended)
		}
		e.ctl("POST", fmt.Sprintf("/meetings/%d/end", m.ID), nil, http.StatusConflict)

		for _, p := range paths {
			r := e.call("GET", "/past_meetings/"+p, tok, nil)
			wantStatus(t, r, http.StatusOK)
			pm := decode[wirePastMeeting](t, r)
			if pm.UUID != m.UUID || pm.ID != m.ID || pm.Topic != m.Topic || pm.Duration != 40 ||
				pm.StartTime != zoomTime(start) || pm.EndTime != zoomTime(start.Add(40*time.Minute)) ||
				pm.UserEmail != e.sim.User().Email || pm.UserName != "Maya Lindqvist" ||
				pm.ParticipantsCount < 2 || pm.TotalMinutes != 40*pm.ParticipantsCount || pm.Type != 2 {
				t.Errorf("past meeting %+v", pm)
			}
		}
		wantAPIError(t, e.call("GET", "/past_meetings/98765432109", tok, nil), http.StatusNotFound, 3001)
	})
}

func TestPastMeetingWithAutoEnd(t *testing.T) {
	e, tok := signedIn(t, "transport", Options{AutoEnd: true})
	m, err := e.sim.CreateMeeting(MeetingSpec{Topic: "Interview", StartTime: e.sim.Now().Add(time.Minute), Duration: 30})
	if err != nil {
		t.Fatal(err)
	}
	e.sim.Advance(31*time.Minute - time.Second)
	wantAPIError(t, e.call("GET", fmt.Sprintf("/past_meetings/%d", m.ID), tok, nil), http.StatusNotFound, 3001)
	e.sim.Advance(time.Second)
	pm := decode[wirePastMeeting](t, e.call("GET", fmt.Sprintf("/past_meetings/%d", m.ID), tok, nil))
	if pm.Duration != 30 || pm.EndTime != zoomTime(m.StartTime.Add(30*time.Minute)) {
		t.Errorf("past meeting %+v", pm)
	}
}

func TestFreePlan(t *testing.T) {
	e, tok := signedIn(t, "transport", Options{Plan: "free"})
	m, _ := e.sim.CreateMeeting(MeetingSpec{Topic: "Interview", StartTime: e.sim.Now().Add(-time.Hour)})
	if _, err := e.sim.EndMeeting(m.ID); err != nil {
		t.Fatal(err)
	}
	got := wantAPIError(t, e.call("GET", fmt.Sprintf("/past_meetings/%d", m.ID), tok, nil), http.StatusBadRequest, 200)
	if !strings.HasPrefix(got.Message, "Only available for paid account") {
		t.Errorf("message %q", got.Message)
	}
	// No cloud recording on the free plan.
	if _, err := e.sim.MakeRecordingReady(m.ID); err == nil {
		t.Error("a recording was made on the free plan")
	}
	if u := decode[wireUser](t, e.call("GET", "/users/me", tok, nil)); u.Type != 1 {
		t.Errorf("user type %d on the free plan, want 1 (basic)", u.Type)
	}
	settings := decode[map[string]map[string]any](t, e.call("GET", "/users/me/settings", tok, nil))
	if settings["recording"]["cloud_recording"] != false {
		t.Error("cloud_recording is on for a free user")
	}
}

// wantZoomURL fails unless u is an https URL on a Zoom host with a path
// under prefix.
func wantZoomURL(t *testing.T, what, u, prefix string) {
	t.Helper()
	p, err := url.Parse(u)
	if err != nil || p.Scheme != "https" || !strings.HasSuffix(p.Host, ".zoom.us") || !strings.HasPrefix(p.Path, prefix) {
		t.Errorf("%s = %q, want https://…zoom.us%s…", what, u, prefix)
	}
}

func TestMeetingRecordings(t *testing.T) {
	eachMode(t, func(t *testing.T, mode string) {
		e, tok := signedIn(t, mode, Options{})
		start := e.sim.Now().Add(-50 * time.Minute).Truncate(time.Second)
		m := e.meeting(map[string]any{"topic": "Interview: recorded", "start_time": start.Format(time.RFC3339), "duration": 45})
		byUUID := "/meetings/" + url.PathEscape(url.PathEscape(m.UUID)) + "/recordings"
		byID := fmt.Sprintf("/meetings/%d/recordings", m.ID)

		for _, p := range []string{byUUID, byID} {
			got := wantAPIError(t, e.call("GET", p, tok, nil), http.StatusNotFound, 3301)
			if got.Message != "There is no recording for this meeting." {
				t.Errorf("message %q", got.Message)
			}
		}
		e.ctl("POST", fmt.Sprintf("/meetings/%d/end", m.ID), nil, http.StatusOK)
		wantAPIError(t, e.call("GET", byUUID, tok, nil), http.StatusNotFound, 3301) // processing
		e.sim.Advance(30 * time.Minute)
		ready := decode[SimMeeting](t, e.ctl("POST", fmt.Sprintf("/meetings/%d/recording", m.ID), nil, http.StatusOK))
		if ready.Recording != "ready" {
			t.Fatalf("recording %q after making it ready", ready.Recording)
		}

		r := e.call("GET", byUUID, tok, nil)
		wantStatus(t, r, http.StatusOK)
		rec := decode[wireRecordingMeeting](t, r)
		if rec.UUID != m.UUID || rec.ID != m.ID || rec.Topic != m.Topic || rec.StartTime != zoomTime(start) ||
			rec.Duration != 50 || rec.RecordingCount != 3 || len(rec.RecordingFiles) != 3 ||
			rec.Password == "" || rec.RecordingPlayPasscode == "" || rec.HostID != e.sim.User().ID {
			t.Fatalf("recording %+v", rec)
		}
		wantZoomURL(t, "share_url", rec.ShareURL, "/rec/share/")
		var total int64
		types := map[string]wireRecordingFile{}
		for _, f := range rec.RecordingFiles {
			total += f.FileSize
			types[f.FileType] = f
			if f.MeetingID != m.UUID || f.Status != "completed" || f.ID == "" || f.FileSize <= 0 ||
				f.RecordingStart != zoomTime(start) || f.RecordingEnd != zoomTime(start.Add(50*time.Minute)) {
				t.Errorf("file %+v", f)
			}
			wantZoomURL(t, f.FileType+" play_url", f.PlayURL, "/rec/play/")
			wantZoomURL(t, f.FileType+" download_url", f.DownloadURL, "/rec/download/")
		}
		if total != rec.TotalSize {
			t.Errorf("total_size %d, files sum to %d", rec.TotalSize, total)
		}
		for typ, want := range map[string][2]string{
			"MP4":        {"MP4", "shared_screen_with_speaker_view"},
			"M4A":        {"M4A", "audio_only"},
			"TRANSCRIPT": {"VTT", "audio_transcript"},
		} {
			if f := types[typ]; f.FileExtension != want[0] || f.RecordingType != want[1] {
				t.Errorf("%s file: extension %q type %q, want %v", typ, f.FileExtension, f.RecordingType, want)
			}
		}

		// The numeric ID gives the same (latest) instance; identifiers are stable.
		again := decode[wireRecordingMeeting](t, e.call("GET", byID, tok, nil))
		if again.UUID != rec.UUID || again.RecordingFiles[0].ID != rec.RecordingFiles[0].ID || again.ShareURL != rec.ShareURL {
			t.Error("the recording changed between calls")
		}
	})
}

func TestRecordingFilesChosenAndConflicts(t *testing.T) {
	e, tok := signedIn(t, "transport", Options{})
	now := e.sim.Now()
	m := e.meeting(map[string]any{"topic": "Interview", "start_time": now.Add(-time.Hour).Format(time.RFC3339)})
	// Making the recording ready ends a running meeting first.
	got := decode[SimMeeting](t, e.ctl("POST", fmt.Sprintf("/meetings/%d/recording", m.ID),
		map[string]any{"files": []string{"MP4", "CHAT"}}, http.StatusOK))
	if got.Status != "ended" || got.Recording != "ready" {
		t.Fatalf("meeting %+v", got)
	}
	rec := decode[wireRecordingMeeting](t, e.call("GET", fmt.Sprintf("/meetings/%d/recordings", m.ID), tok, nil))
	if len(rec.RecordingFiles) != 2 || rec.RecordingFiles[1].FileType != "CHAT" || rec.RecordingFiles[1].FileExtension != "TXT" {
		t.Errorf("files %+v", rec.RecordingFiles)
	}
	e.ctl("POST", fmt.Sprintf("/meetings/%d/recording", m.ID), map[string]any{"files": []string{"GIF"}}, http.StatusBadRequest)

	team := e.meeting(map[string]any{"topic": "Team sync", "start_time": now.Format(time.RFC3339), "cloud_recording": false})
	e.ctl("POST", fmt.Sprintf("/meetings/%d/recording", team.ID), nil, http.StatusConflict)
	other := e.meeting(map[string]any{"topic": "Interview", "start_time": now.Format(time.RFC3339), "host": "other"})
	e.ctl("POST", fmt.Sprintf("/meetings/%d/recording", other.ID), nil, http.StatusConflict)
	e.ctl("POST", "/meetings/12345678901/recording", nil, http.StatusNotFound)
}

func TestRecordingDelay(t *testing.T) {
	e, tok := signedIn(t, "transport", Options{RecordingDelay: 20 * time.Minute, AutoEnd: true})
	m, _ := e.sim.CreateMeeting(MeetingSpec{Topic: "Interview", StartTime: e.sim.Now(), Duration: 30})
	path := fmt.Sprintf("/meetings/%d/recordings", m.ID)
	e.sim.Advance(50*time.Minute - time.Second)
	wantAPIError(t, e.call("GET", path, tok, nil), http.StatusNotFound, 3301)
	if got, _ := e.sim.Meeting(m.ID); got.Recording != "processing" {
		t.Errorf("recording %q, want processing", got.Recording)
	}
	e.sim.Advance(time.Second)
	rec := decode[wireRecordingMeeting](t, e.call("GET", path, tok, nil))
	if rec.Duration != 30 || len(rec.RecordingFiles) != 3 {
		t.Errorf("recording %+v", rec)
	}
}

func TestRecordingOfOthersMeetingIsHidden(t *testing.T) {
	e, tok := signedIn(t, "transport", Options{})
	yes := true
	m, _ := e.sim.CreateMeeting(MeetingSpec{Topic: "Interview", StartTime: e.sim.Now(), Host: "other", Invited: true, CloudRecording: &yes})
	if _, err := e.sim.MakeRecordingReady(m.ID); err != nil {
		t.Fatal(err)
	}
	wantAPIError(t, e.call("GET", fmt.Sprintf("/meetings/%d/recordings", m.ID), tok, nil), http.StatusNotFound, 3301)
}

func TestUUIDPathEncoding(t *testing.T) {
	eachMode(t, func(t *testing.T, mode string) {
		e, tok := signedIn(t, mode, Options{})
		// Meetings whose UUIDs have the shapes that matter; all ended with a recording.
		shapes := map[string]func(string) bool{
			"leading slash": startsWithSlash,
			"double slash":  hasDoubleSlash,
			"inner slash": func(u string) bool {
				return !startsWithSlash(u) && !hasDoubleSlash(u) && strings.Count(u, "/") == 1
			},
			"plus, no slash": func(u string) bool { return strings.Contains(u, "+") && !strings.Contains(u, "/") },
		}
		uuids := map[string]string{}
		for name, want := range shapes {
			m, _ := e.sim.CreateMeeting(MeetingSpec{Topic: "Interview " + name, StartTime: e.sim.Now()})
			e.sim.mu.Lock()
			mm := e.sim.meetings[m.ID]
			e.sim.reidentify(mm, false, want)
			uuids[name] = mm.uuid
			e.sim.mu.Unlock()
			if _, err := e.sim.MakeRecordingReady(m.ID); err != nil {
				t.Fatal(err)
			}
		}
		once := url.PathEscape
		twice := func(s string) string { return url.PathEscape(url.PathEscape(s)) }
		tests := []struct {
			shape, encoding string
			ok              bool
		}{
			{"leading slash", "once", false},
			{"leading slash", "twice", true},
			{"double slash", "once", false},
			{"double slash", "twice", true},
			{"inner slash", "once", true},
			{"inner slash", "twice", true},
			{"plus, no slash", "once", true},
			{"plus, no slash", "twice", true},
		}
		encode := map[string]func(string) string{"once": once, "twice": twice}
		for _, tt := range tests {
			t.Run(tt.shape+" encoded "+tt.encoding, func(t *testing.T) {
				enc := encode[tt.encoding](uuids[tt.shape])
				past := e.call("GET", "/past_meetings/"+enc, tok, nil)
				rec := e.call("GET", "/meetings/"+enc+"/recordings", tok, nil)
				if !tt.ok {
					wantAPIError(t, past, http.StatusNotFound, 3001)
					// Zoom names the UUID it understood: without its slashes.
					if strings.Contains(decode[apiError](t, past).Message, uuids[tt.shape]) {
						t.Errorf("message %q names the full UUID", decode[apiError](t, past).Message)
					}
					if rec.status != http.StatusNotFound {
						t.Errorf("recordings: status %d, want 404", rec.status)
					}
					return
				}
				wantStatus(t, past, http.StatusOK)
				wantStatus(t, rec, http.StatusOK)
				if got := decode[wirePastMeeting](t, past).UUID; got != uuids[tt.shape] {
					t.Errorf("past meeting uuid %q, want %q", got, uuids[tt.shape])
				}
			})
		}
	})
}

// fixedDays are the dates the date-dependent tests run at (noon UTC): a
// month after a 30-day month (the day this test once failed on), month
// ends, February in a common and a leap year, the year's end and the
// daylight-saving days of Europe and the United States.
var fixedDays = []string{"2026-12-04", "2026-01-31", "2026-03-01", "2024-02-29", "2024-03-31",
	"2026-12-31", "2026-03-29", "2026-10-25", "2026-03-08", "2026-11-01", "2026-07-15"}

// atNoon is the UTC noon of a yyyy-mm-dd date.
func atNoon(t *testing.T, date string) time.Time {
	t.Helper()
	d, err := time.Parse(dateLayout, date)
	if err != nil {
		t.Fatal(err)
	}
	return d.Add(12 * time.Hour)
}

func TestListRecordings(t *testing.T) {
	for _, today := range fixedDays {
		t.Run(today, func(t *testing.T) { testListRecordings(t, atNoon(t, today)) })
	}
}

func testListRecordings(t *testing.T, start time.Time) {
	eachMode(t, func(t *testing.T, mode string) {
		e, tok := signedIn(t, mode, Options{Start: start})
		today := day(e.sim.Now())
		// Ready recordings on several days; one still processing.
		var ready []int64
		for _, daysAgo := range []int{0, 1, 3, 10, 40} {
			m, _ := e.sim.CreateMeeting(MeetingSpec{Topic: fmt.Sprintf("Interview %d days ago", daysAgo),
				StartTime: today.AddDate(0, 0, -daysAgo).Add(time.Minute), Duration: 30})
			if _, err := e.sim.MakeRecordingReady(m.ID); err != nil {
				t.Fatal(err)
			}
			ready = append(ready, m.ID)
		}
		processing, _ := e.sim.CreateMeeting(MeetingSpec{Topic: "Interview processing", StartTime: today.Add(time.Minute)})
		e.sim.EndMeeting(processing.ID)

		date := func(daysAgo int) string { return today.AddDate(0, 0, -daysAgo).Format(dateLayout) }
		tests := []struct {
			query    string
			want     []int64 // newest first
			from, to string
		}{
			{"", []int64{ready[0]}, date(0), date(-1)},
			{"?from=" + date(3), []int64{ready[0], ready[1], ready[2]}, date(3), date(-1)},
			{"?from=" + date(20) + "&to=" + date(1), []int64{ready[1], ready[2], ready[3]}, date(20), date(1)},
			{"?from=" + date(45) + "&to=" + date(20), []int64{ready[4]}, date(45), date(20)},
		}
		for _, tt := range tests {
			t.Run(tt.query, func(t *testing.T) {
				r := e.call("GET", "/users/me/recordings"+tt.query, tok, nil)
				wantStatus(t, r, http.StatusOK)
				list := decode[wireRecordingList](t, r)
				var ids []int64
				for _, m := range list.Meetings {
					ids = append(ids, m.ID)
					if m.Password != "" || len(m.RecordingFiles) != 3 || m.ShareURL == "" {
						t.Errorf("list item %+v", m)
					}
				}
				if !slices.Equal(ids, tt.want) || list.From != tt.from || list.To != tt.to || list.TotalRecords != len(tt.want) {
					t.Errorf("ids %v from %s to %s; want %v from %s to %s", ids, list.From, list.To, tt.want, tt.from, tt.to)
				}
			})
		}

		// Pages of two, through next_page_token.
		q := "?page_size=2&from=" + date(20)
		var ids []int64
		for {
			r := e.call("GET", "/users/me/recordings"+q, tok, nil)
			wantStatus(t, r, http.StatusOK)
			list := decode[wireRecordingList](t, r)
			for _, m := range list.Meetings {
				ids = append(ids, m.ID)
			}
			if list.NextPageToken == "" {
				break
			}
			q = "?page_size=2&next_page_token=" + url.QueryEscape(list.NextPageToken)
		}
		if want := []int64{ready[0], ready[1], ready[2], ready[3]}; !slices.Equal(ids, want) {
			t.Errorf("paged ids %v, want %v", ids, want)
		}

		// Errors.
		for _, q := range []string{
			"?from=" + date(40) + "&to=" + date(0), // over a month
			"?from=" + date(0) + "&to=" + date(2),  // to before from
		} {
			got := wantAPIError(t, e.call("GET", "/users/me/recordings"+q, tok, nil), http.StatusBadRequest, 300)
			if len(got.Errors) != 0 {
				t.Errorf("%s: unexpected field errors %+v", q, got.Errors)
			}
		}
		// 29 days (28 apart) are within a month whatever the month
		// (TestRecordingsRangeIsOneMonth has the month's exact end).
		wantStatus(t, e.call("GET", "/users/me/recordings?from="+date(28)+"&to="+date(0), tok, nil), http.StatusOK)
		got := wantAPIError(t, e.call("GET", "/users/me/recordings?from=yesterday", tok, nil), http.StatusBadRequest, 300)
		if len(got.Errors) != 1 || got.Errors[0].Field != "from" {
			t.Errorf("errors %+v", got.Errors)
		}
	})
}

// TestRecordingsRangeIsOneMonth: Zoom's "one month" is the same day of the
// next month, or that month's last day when it is shorter; to one day later
// is refused. (The simulator once counted 31 days across November as more
// than a month on some days and not on others.)
func TestRecordingsRangeIsOneMonth(t *testing.T) {
	tests := []struct{ from, lastTo string }{
		{"2026-11-03", "2026-12-03"}, // across 30-day November
		{"2026-11-04", "2026-12-04"},
		{"2026-10-11", "2026-11-11"}, // Zoom's own example
		{"2026-01-31", "2026-02-28"}, // into a shorter February
		{"2024-01-31", "2024-02-29"}, // leap year
		{"2024-01-30", "2024-02-29"},
		{"2026-01-28", "2026-02-28"},
		{"2026-02-01", "2026-03-01"},
		{"2026-02-28", "2026-03-28"},
		{"2026-03-31", "2026-04-30"},
		{"2026-12-15", "2027-01-15"}, // across the year's end
		{"2026-12-31", "2027-01-31"},
		{"2026-03-08", "2026-04-08"}, // US daylight saving starts (dates are UTC: no effect)
		{"2026-03-29", "2026-04-29"}, // EU daylight saving starts
		{"2026-10-25", "2026-11-25"}, // EU daylight saving ends
	}
	e, tok := signedIn(t, "transport", Options{Start: atNoon(t, "2027-02-01")})
	ask := func(from, to string) result {
		return e.call("GET", "/users/me/recordings?from="+from+"&to="+to, tok, nil)
	}
	for _, tt := range tests {
		t.Run(tt.from, func(t *testing.T) {
			e.sim.Advance(time.Second) // within the per-second rate limit
			wantStatus(t, ask(tt.from, tt.lastTo), http.StatusOK)
			wantStatus(t, ask(tt.from, tt.from), http.StatusOK)
			dayAfter := atNoon(t, tt.lastTo).AddDate(0, 0, 1).Format(dateLayout)
			wantAPIError(t, ask(tt.from, dayAfter), http.StatusBadRequest, 300)
		})
	}
}

func TestSettings(t *testing.T) {
	eachMode(t, func(t *testing.T, mode string) {
		e, tok := signedIn(t, mode, Options{Seed: "demo"})
		get := func() map[string]map[string]any {
			r := e.call("GET", "/users/me/settings", tok, nil)
			wantStatus(t, r, http.StatusOK)
			return decode[map[string]map[string]any](t, r)
		}
		s := get()
		for _, k := range []string{"local_recording", "cloud_recording", "auto_recording", "host_pause_stop_recording",
			"record_speaker_view", "record_gallery_view", "record_audio_file", "save_chat_text", "show_timestamp",
			"recording_audio_transcript", "save_close_caption", "save_panelist_chat", "save_poll_results",
			"display_participant_name", "recording_thumbnails", "optimize_recording_for_3rd_party_video_editor",
			"recording_highlight", "recording_disclaimer", "ask_participants_to_consent_disclaimer",
			"ask_host_to_confirm_disclaimer", "auto_delete_cmr", "auto_delete_cmr_days", "record_files_separately",
			"ip_address_access_control", "smart_recording", "recording_password_requirement"} {
			if _, ok := s["recording"][k]; !ok {
				t.Errorf("recording.%s missing", k)
			}
		}
		for _, sec := range []string{"schedule_meeting", "in_meeting", "email_notification"} {
			if len(s[sec]) < 3 {
				t.Errorf("section %s has %d fields", sec, len(s[sec]))
			}
		}
		if s["recording"]["local_recording"] != false {
			t.Fatal("demo user has local recording on")
		}

		tests := []struct {
			name       string
			body       string
			wantStatus int
			wantFields []string // fields named in a 400
			check      func(map[string]map[string]any) bool
		}{
			{"enable local recording", `{"recording":{"local_recording":true}}`, http.StatusNoContent, nil,
				func(s map[string]map[string]any) bool { return s["recording"]["local_recording"] == true }},
			{"nested and enum", `{"recording":{"auto_recording":"local","smart_recording":{"create_smart_chapters":true},"auto_delete_cmr_days":60}}`,
				http.StatusNoContent, nil, func(s map[string]map[string]any) bool {
					sr := s["recording"]["smart_recording"].(map[string]any)
					return s["recording"]["auto_recording"] == "local" && sr["create_smart_chapters"] == true &&
						sr["create_next_steps"] == false && s["recording"]["auto_delete_cmr_days"] == 60.0
				}},
			{"unknown fields ignored", `{"recording":{"no_such_setting":true},"no_such_section":{}}`, http.StatusNoContent, nil,
				func(s map[string]map[string]any) bool {
					_, ok := s["recording"]["no_such_setting"]
					return !ok && s["no_such_section"] == nil
				}},
			{"wrong type", `{"recording":{"local_recording":"yes","cloud_recording":false}}`, http.StatusBadRequest,
				[]string{"recording.local_recording"},
				func(s map[string]map[string]any) bool { return s["recording"]["cloud_recording"] == true }},
			{"two wrong", `{"recording":{"auto_recording":"tape","auto_delete_cmr_days":45}}`, http.StatusBadRequest,
				[]string{"recording.auto_delete_cmr_days", "recording.auto_recording"}, nil},
			{"number not integer", `{"recording":{"auto_delete_cmr_days":30.5}}`, http.StatusBadRequest,
				[]string{"recording.auto_delete_cmr_days"}, nil},
			{"null", `{"recording":{"local_recording":null}}`, http.StatusBadRequest, []string{"recording.local_recording"}, nil},
			{"object for bool", `{"recording":{"local_recording":{}}}`, http.StatusBadRequest, []string{"recording.local_recording"}, nil},
			{"malformed", `{"recording":`, http.StatusBadRequest, nil, nil},
			{"not an object", `[1,2]`, http.StatusBadRequest, nil, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := e.call("PATCH", "/users/me/settings", tok, tt.body)
				wantStatus(t, r, tt.wantStatus)
				if tt.wantStatus == http.StatusNoContent && len(r.body) != 0 {
					t.Errorf("204 with a body %q", r.body)
				}
				if tt.wantStatus == http.StatusBadRequest {
					ae := decode[apiError](t, r)
					var fields []string
					for _, fe := range ae.Errors {
						fields = append(fields, fe.Field)
					}
					if ae.Code != 300 || !slices.Equal(fields, tt.wantFields) {
						t.Errorf("error %s, want code 300 naming %v", r, tt.wantFields)
					}
				}
				if tt.check != nil && !tt.check(get()) {
					t.Errorf("settings after PATCH: %v", get()["recording"])
				}
			})
		}
	})
}

func TestLockedSettingIsSilentlyKept(t *testing.T) {
	eachMode(t, func(t *testing.T, mode string) {
		e, tok := signedIn(t, mode, Options{Seed: "demo"})
		st := decode[settingsState](t, e.ctl("PUT", "/settings",
			map[string]any{"recording": map[string]any{"local_recording": false}, "locked": []string{"local_recording", "in_meeting.chat"}},
			http.StatusOK))
		if !slices.Equal(st.Locked, []string{"in_meeting.chat", "recording.local_recording"}) {
			t.Fatalf("locked %v", st.Locked)
		}
		r := e.call("PATCH", "/users/me/settings", tok, `{"recording":{"local_recording":true,"save_chat_text":false},"in_meeting":{"chat":false}}`)
		wantStatus(t, r, http.StatusNoContent)
		s := decode[map[string]map[string]any](t, e.call("GET", "/users/me/settings", tok, nil))
		if s["recording"]["local_recording"] != false || s["in_meeting"]["chat"] != true || s["recording"]["save_chat_text"] != false {
			t.Errorf("after PATCH: local_recording %v, chat %v, save_chat_text %v",
				s["recording"]["local_recording"], s["in_meeting"]["chat"], s["recording"]["save_chat_text"])
		}
		// An admin still can change it, and unlocking lets the user change it.
		e.ctl("PUT", "/settings", map[string]any{"recording": map[string]any{"local_recording": true}}, http.StatusOK)
		if e.sim.Settings()["recording"].(map[string]any)["local_recording"] != true {
			t.Error("the admin's change did not apply")
		}
		e.ctl("PUT", "/settings", map[string]any{"locked": []string{}}, http.StatusOK)
		wantStatus(t, e.call("PATCH", "/users/me/settings", tok, `{"recording":{"local_recording":false}}`), http.StatusNoContent)
		if e.sim.Settings()["recording"].(map[string]any)["local_recording"] != false {
			t.Error("unlocked setting did not change")
		}
	})
}

func TestUnknownEndpoints(t *testing.T) {
	eachMode(t, func(t *testing.T, mode string) {
		e, tok := signedIn(t, mode, Options{})
		for _, tt := range []struct{ method, path string }{
			{"GET", "/users/me/webinars"},
			{"GET", "/users/someone-else"},
			{"DELETE", "/users/me"},
			{"PUT", "/users/me/meetings"},
			{"GET", "/meetings"},
		} {
			got := wantAPIError(t, e.call(tt.method, tt.path, tok, nil), http.StatusNotFound, 2300)
			if got.Message != "This API endpoint is not recognized." {
				t.Errorf("%s %s: message %q", tt.method, tt.path, got.Message)
			}
		}
		if st := e.sim.Stats(); len(st.Requests) != 2 { // the sign-in's token request and nothing else
			t.Errorf("unknown paths were counted: %v", st.Requests)
		}
	})
}

func TestOversizedBody(t *testing.T) {
	e, tok := signedIn(t, "transport", Options{})
	big := `{"recording":{"ip_address_access_control":{"ip_addresses_or_ranges":"` + strings.Repeat("1", maxBody) + `"}}}`
	wantAPIError(t, e.call("PATCH", "/users/me/settings", tok, big), http.StatusBadRequest, 300)
	wantStatus(t, e.do("PUT", e.ctlURL+"/settings", nil, big), http.StatusBadRequest)
}
