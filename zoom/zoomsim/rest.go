package zoomsim

import (
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// api wraps a REST handler: a valid bearer token is required (oauth.go),
// then the account's rate limit for the endpoint's category is taken
// (ratelimit.go), then h answers.
func (s *Sim) api(cat category, h handler) handler {
	return func(c *call) reply {
		if rep, ok := s.authenticate(c); !ok {
			return rep
		}
		headers, rep, ok := s.limiter.take(s.limits, cat, c.now)
		if !ok {
			s.stats.RateLimited++
			return rep
		}
		rep = h(c)
		for k, v := range headers {
			rep = rep.withHeader(k, v)
		}
		return rep
	}
}

func (s *Sim) getMe(c *call) reply {
	u := s.me
	typ := 2 // licensed
	if s.opts.Plan == "free" {
		typ = 1 // basic
	}
	return jsonReply(http.StatusOK, wireUser{
		ID:                 u.id,
		FirstName:          u.firstName,
		LastName:           u.lastName,
		DisplayName:        u.displayName(),
		Email:              u.email,
		Type:               typ,
		RoleName:           u.roleName,
		PMI:                u.pmi,
		PersonalMeetingURL: fmt.Sprintf("https://%s/j/%d", zoomWebHost, u.pmi),
		Timezone:           u.timezone,
		Verified:           1,
		Dept:               u.dept,
		CreatedAt:          zoomTime(u.created),
		UserCreatedAt:      zoomTime(u.created),
		LastLoginTime:      zoomTime(c.now.Add(-3 * time.Hour).Truncate(time.Second)),
		LastClientVersion:  "6.5.3.61234(mac)",
		PicURL:             fmt.Sprintf("https://%s/p/v2/%s/avatar.png", zoomWebHost, u.id),
		Language:           "en-US",
		Status:             "active",
		RoleID:             "2",
		AccountID:          s.account.id,
		AccountNumber:      s.account.number,
		Cluster:            "us05",
		GroupIDs:           []string{},
		LoginTypes:         []int{100},
		JID:                u.id + "@xmpp.zoom.us",
		ZoomOneType:        16,
	})
}

// meetingFilter returns the meetings a users/me/meetings listing of type typ
// holds: only meetings the user hosts, never deleted ones.
func (s *Sim) meetingFilter(typ string, now time.Time) (func(*meeting) bool, bool) {
	var f func(m *meeting, ended bool) bool
	switch typ {
	case "", "scheduled":
		f = func(*meeting, bool) bool { return true }
	case "live":
		f = func(m *meeting, _ bool) bool { return s.live(m, now) }
	case "upcoming", "upcoming_meetings":
		f = func(_ *meeting, ended bool) bool { return !ended }
	case "previous_meetings":
		f = func(_ *meeting, ended bool) bool { return ended }
	default:
		return nil, false
	}
	return func(m *meeting) bool {
		_, ended := s.ended(m, now)
		return !m.deleted && s.hostedByMe(m) && f(m, ended)
	}, true
}

func (s *Sim) listMeetings(c *call) reply {
	pr, rep, ok := s.pageRequest(c, "meetings", "type")
	if !ok {
		return rep
	}
	keep, ok := s.meetingFilter(pr.filter.Get("type"), c.now)
	if !ok {
		return validationFailed([]fieldError{{Field: "type", Message: "Invalid field."}})
	}
	ms := s.sortedMeetings(keep)
	lo, hi, next := s.page(c, pr, len(ms))
	out := wireMeetingList{
		PageCount:     pageCount(len(ms), pr.size),
		PageNumber:    pr.offset/pr.size + 1,
		PageSize:      pr.size,
		TotalRecords:  len(ms),
		NextPageToken: next,
		Meetings:      []wireMeetingItem{},
	}
	for _, m := range ms[lo:hi] {
		agenda := m.agenda
		if r := []rune(agenda); len(r) > 250 {
			agenda = string(r[:250])
		}
		out.Meetings = append(out.Meetings, wireMeetingItem{
			UUID:      m.uuid,
			ID:        m.id,
			HostID:    m.host.id,
			Topic:     m.topic,
			Type:      2,
			StartTime: zoomTime(m.start),
			Duration:  m.duration,
			Timezone:  m.timezone,
			Agenda:    agenda,
			CreatedAt: zoomTime(m.created),
			JoinURL:   m.joinURL(),
		})
	}
	return jsonReply(http.StatusOK, out)
}

// listUpcoming answers users/me/upcoming_meetings: meetings the user hosts,
// is an alternative host of or is invited to that have not ended and start
// within the next 24 hours (running ones included).
func (s *Sim) listUpcoming(c *call) reply {
	horizon := c.now.Add(24 * time.Hour)
	ms := s.sortedMeetings(func(m *meeting) bool {
		_, ended := s.ended(m, c.now)
		mine := s.hostedByMe(m) || s.isAltHost(m) || m.invited
		return !m.deleted && mine && !ended && m.start.Before(horizon)
	})
	out := wireUpcomingList{TotalRecords: len(ms), Meetings: []wireUpcomingItem{}}
	for _, m := range ms {
		out.Meetings = append(out.Meetings, wireUpcomingItem{
			ID:        m.id,
			Topic:     m.topic,
			Type:      2,
			StartTime: zoomTime(m.start),
			Duration:  m.duration,
			Timezone:  m.timezone,
			CreatedAt: zoomTime(m.created),
			JoinURL:   m.joinURL(),
		})
	}
	return jsonReply(http.StatusOK, out)
}

func meetingNotFound(id string) reply {
	return zoomError(http.StatusNotFound, 3001, fmt.Sprintf("Meeting %s is not found or has expired.", id))
}

// getMeeting answers meetings/{meetingId} for a meeting number. The user
// sees meetings they host or are an alternative host of; start_url goes to
// the host only.
func (s *Sim) getMeeting(c *call) reply {
	m := s.findMeeting(c.param)
	if m == nil || m.uuid == c.param || m.deleted || !(s.hostedByMe(m) || s.isAltHost(m)) {
		return meetingNotFound(c.param)
	}
	return jsonReply(http.StatusOK, s.wireDetail(m, c.now))
}

// wireDetail is m as meetings/{meetingId} (and the create answer) shows it.
func (s *Sim) wireDetail(m *meeting, now time.Time) wireMeeting {
	out := wireMeeting{
		UUID:              m.uuid,
		ID:                m.id,
		HostID:            m.host.id,
		HostEmail:         m.host.email,
		Topic:             m.topic,
		Type:              2,
		Status:            s.status(m, now),
		StartTime:         zoomTime(m.start),
		Duration:          m.duration,
		Timezone:          m.timezone,
		Agenda:            m.agenda,
		CreatedAt:         zoomTime(m.created),
		JoinURL:           m.joinURL(),
		Password:          m.passcode,
		H323Password:      passcodeDigits(m.passcode),
		EncryptedPassword: m.pwdToken[:len(m.pwdToken)-2],
		Settings:          s.meetingSettings(m),
	}
	if s.hostedByMe(m) {
		out.StartURL = m.startURL()
	}
	return out
}

// passcodeDigits is the numeric passcode Zoom derives for phone and H.323
// participants; the simulator maps each character to a digit.
func passcodeDigits(p string) string {
	b := []byte(p)
	for i, c := range b {
		b[i] = '0' + c%10
	}
	return string(b)
}

// getPastMeeting answers past_meetings/{meetingId}: for a meeting number the
// latest (here: only) instance, else the instance UUID. 404 code 3001 until
// the meeting has ended; a paid-plan feature.
func (s *Sim) getPastMeeting(c *call) reply {
	if s.opts.Plan == "free" {
		return zoomError(http.StatusBadRequest, 200, "Only available for paid account: "+s.account.id)
	}
	m := s.findMeeting(c.param)
	if m == nil || !(s.hostedByMe(m) || s.isAltHost(m)) {
		return zoomError(http.StatusNotFound, 3001, fmt.Sprintf("Meeting does not exist: %s.", c.param))
	}
	end, ended := s.ended(m, c.now)
	if !ended {
		return zoomError(http.StatusNotFound, 3001, "The meeting ID is invalid or the meeting has not ended.")
	}
	start := s.actualStart(m, c.now)
	minutes := minutesCeil(end.Sub(start))
	participants := 2 + int(m.id%3)
	return jsonReply(http.StatusOK, wirePastMeeting{
		UUID:              m.uuid,
		ID:                m.id,
		HostID:            m.host.id,
		Type:              2,
		Topic:             m.topic,
		UserName:          m.host.displayName(),
		UserEmail:         m.host.email,
		StartTime:         zoomTime(start),
		EndTime:           zoomTime(end),
		Duration:          minutes,
		TotalMinutes:      minutes * participants,
		ParticipantsCount: participants,
		Dept:              m.host.dept,
		Source:            "Zoom",
	})
}

func minutesCeil(d time.Duration) int { return int((d + time.Minute - 1) / time.Minute) }

// getRecording answers meetings/{meetingId}/recordings: 404 code 3301 until
// the recording is ready. Only the host sees it.
func (s *Sim) getRecording(c *call) reply {
	m := s.findMeeting(c.param)
	var rec *recording
	if m != nil && s.hostedByMe(m) {
		rec = s.recordingFor(m, c.now)
	}
	if rec == nil {
		return zoomError(http.StatusNotFound, 3301, "There is no recording for this meeting.")
	}
	out := s.wireRecording(m, rec)
	out.Password = rec.passcode
	return jsonReply(http.StatusOK, out)
}

func (s *Sim) wireRecording(m *meeting, rec *recording) wireRecordingMeeting {
	out := wireRecordingMeeting{
		UUID:                  m.uuid,
		ID:                    m.id,
		AccountID:             s.account.id,
		HostID:                m.host.id,
		Topic:                 m.topic,
		Type:                  2,
		StartTime:             zoomTime(rec.start),
		Duration:              minutesCeil(rec.end.Sub(rec.start)),
		RecordingCount:        len(rec.files),
		ShareURL:              fmt.Sprintf("https://%s/rec/share/%s", zoomWebHost, rec.shareID),
		RecordingPlayPasscode: rec.playPass,
		RecordingFiles:        []wireRecordingFile{},
	}
	for _, f := range rec.files {
		out.TotalSize += f.size
		out.RecordingFiles = append(out.RecordingFiles, wireRecordingFile{
			ID:             f.id,
			MeetingID:      m.uuid,
			RecordingStart: zoomTime(rec.start),
			RecordingEnd:   zoomTime(rec.end),
			FileType:       f.fileType,
			FileExtension:  f.extension,
			FileSize:       f.size,
			PlayURL:        fmt.Sprintf("https://%s/rec/play/%s", zoomWebHost, f.playID),
			DownloadURL:    fmt.Sprintf("https://%s/rec/download/%s", zoomWebHost, f.downloadID),
			Status:         "completed",
			RecordingType:  f.recordingType,
		})
	}
	return out
}

// listRecordings answers users/me/recordings: the user's ready cloud
// recordings whose meeting started between from and to (UTC dates, both
// included), newest first. from defaults to today and to to tomorrow; a
// range over one month (see monthAfter) is refused.
func (s *Sim) listRecordings(c *call) reply {
	pr, rep, ok := s.pageRequest(c, "recordings", "from", "to")
	if !ok {
		return rep
	}
	from, to, rep, ok := recordingRange(pr.filter, c.now)
	if !ok {
		return rep
	}
	var ms []*meeting
	for _, m := range s.sortedMeetings(s.hostedByMe) {
		rec := s.recordingFor(m, c.now)
		if rec != nil && !rec.start.Before(from) && rec.start.Before(to.AddDate(0, 0, 1)) {
			ms = append(ms, m)
		}
	}
	// Newest first.
	for i, j := 0, len(ms)-1; i < j; i, j = i+1, j-1 {
		ms[i], ms[j] = ms[j], ms[i]
	}
	lo, hi, next := s.page(c, pr, len(ms))
	out := wireRecordingList{
		From:          from.Format(dateLayout),
		To:            to.Format(dateLayout),
		PageCount:     pageCount(len(ms), pr.size),
		PageSize:      pr.size,
		TotalRecords:  len(ms),
		NextPageToken: next,
		Meetings:      []wireRecordingMeeting{},
	}
	for _, m := range ms[lo:hi] {
		out.Meetings = append(out.Meetings, s.wireRecording(m, m.recording))
	}
	return jsonReply(http.StatusOK, out)
}

// recordingRange parses the recordings list's from and to.
func recordingRange(q url.Values, now time.Time) (from, to time.Time, rep reply, ok bool) {
	from, to = day(now), day(now).AddDate(0, 0, 1)
	var errs []fieldError
	for _, f := range []struct {
		name string
		dst  *time.Time
	}{{"from", &from}, {"to", &to}} {
		v := q.Get(f.name)
		if v == "" {
			continue
		}
		t, err := time.Parse(dateLayout, v)
		if err != nil {
			errs = append(errs, fieldError{Field: f.name, Message: "Invalid field."})
			continue
		}
		*f.dst = t
	}
	switch {
	case len(errs) > 0:
		return from, to, validationFailed(errs), false
	case to.Before(from):
		return from, to, zoomError(http.StatusBadRequest, 300, "The to date cannot be earlier than the from date."), false
	case to.After(monthAfter(from)):
		return from, to, zoomError(http.StatusBadRequest, 300, "The date range cannot exceed one month."), false
	}
	return from, to, reply{}, true
}
