package zoom

import (
	"bytes"
	"encoding/json"
	"net/http"
	"time"
)

// What Zoom sends is data from outside: a meeting's topic is chosen by
// whoever scheduled it, and one odd item must not cost the user the rest of
// a list. After decoding, every answer is tidied to what the app can show:
//
//   - A list item that does not decode (an id "abc", a number where text
//     belongs) or whose start time is outside ±5 years of the answer's Date
//     is left out of the list and counted (MeetingList.Skipped,
//     RecordingsScanner.Skipped); the rest of the list is kept.
//   - Durations are clamped to 0..24 hours, topics cut to MaxTopicRunes.
//   - Other times outside ±5 years (an end time, an occurrence's start)
//     read as absent.

// MaxTopicRunes is the longest topic the client keeps (longer ones are cut
// on a rune boundary and end in "…").
const MaxTopicRunes = 200

// maxDurationMinutes is the longest meeting duration kept (24 hours).
const maxDurationMinutes = 24 * 60

// plausibleYears bounds the times kept: this many years around the answer.
const plausibleYears = 5

// tidier is an answer that can be tidied once decoded; now is the answer's
// Date (Zoom's clock), or the local clock when Zoom sent none.
type tidier interface{ tidy(now time.Time) }

// answerTime is the time an answer was made: its Date header, else now.
func answerTime(h http.Header) time.Time {
	if t, err := http.ParseTime(h.Get("Date")); err == nil {
		return t
	}
	return time.Now()
}

// plausible reports whether t is absent or within plausibleYears of now.
func plausible(t, now time.Time) bool {
	return t.IsZero() || (t.After(now.AddDate(-plausibleYears, 0, 0)) && t.Before(now.AddDate(plausibleYears, 0, 0)))
}

// tidyTime returns t, or the zero time when it is not plausible.
func tidyTime(t, now time.Time) time.Time {
	if !plausible(t, now) {
		return time.Time{}
	}
	return t
}

// tidyDuration clamps a duration in minutes to 0..24 hours.
func tidyDuration(m int) int { return min(max(m, 0), maxDurationMinutes) }

// tidyTopic cuts a topic to MaxTopicRunes.
func tidyTopic(s string) string { return truncateRunes(s, MaxTopicRunes) }

// listItem is one element of a list Zoom sent, decoded on its own: an
// element that does not decode (or is null) is marked bad instead of
// failing the whole answer.
type listItem[W any] struct {
	v   W
	bad bool
}

func (it *listItem[W]) UnmarshalJSON(b []byte) error {
	var zero W
	it.v, it.bad = zero, false
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		it.bad = true
		return nil
	}
	if err := json.Unmarshal(b, &it.v); err != nil {
		it.v, it.bad = zero, true
	}
	return nil
}

// keepItems converts the good items of a list with f, which tidies each
// and reports whether it is still usable, and counts the others. A missing
// list stays nil.
func keepItems[W, T any](in []listItem[W], now time.Time, f func(W, time.Time) (T, bool)) (out []T, skipped int) {
	if in == nil {
		return nil, 0
	}
	out = make([]T, 0, len(in))
	for i := range in {
		if in[i].bad {
			skipped++
			continue
		}
		v, ok := f(in[i].v, now)
		if !ok {
			skipped++
			continue
		}
		out = append(out, v)
	}
	return out, skipped
}

func (m *Meeting) tidy(now time.Time) {
	m.Topic, m.Duration = tidyTopic(m.Topic), tidyDuration(m.Duration)
	m.StartTime = tidyTime(m.StartTime, now)
}

// listedMeeting is a list's meeting, tidied; false when it cannot be used
// (no ID, or a start time out of range).
func listedMeeting(w wireMeeting, now time.Time) (Meeting, bool) {
	m := w.meeting()
	if m.ID <= 0 || !plausible(m.StartTime, now) {
		return Meeting{}, false
	}
	m.tidy(now)
	return m, true
}

// maxAgendaRunes is the longest agenda kept (Zoom allows 2,000 characters).
const maxAgendaRunes = 2000

func (d *MeetingDetail) tidy(now time.Time) {
	d.Meeting.tidy(now)
	d.Agenda = truncateRunes(d.Agenda, maxAgendaRunes)
	for i := range d.Occurrences {
		o := &d.Occurrences[i]
		o.StartTime, o.Duration = tidyTime(o.StartTime, now), tidyDuration(o.Duration)
	}
}

func (p *PastMeeting) tidy(now time.Time) {
	p.Topic, p.Duration = tidyTopic(p.Topic), tidyDuration(p.Duration)
	p.StartTime, p.EndTime = tidyTime(p.StartTime, now), tidyTime(p.EndTime, now)
}

func (r *RecordingMeeting) tidy(now time.Time) {
	r.Topic, r.Duration = tidyTopic(r.Topic), tidyDuration(r.Duration)
	r.StartTime = tidyTime(r.StartTime, now)
}

// listedRecording is a list's recording, tidied; false when it cannot be
// used (neither UUID nor ID, or a start time out of range).
func listedRecording(w wireRecordingMeeting, now time.Time) (RecordingMeeting, bool) {
	r := w.recordingMeeting()
	if (r.UUID == "" && r.ID <= 0) || !plausible(r.StartTime, now) {
		return RecordingMeeting{}, false
	}
	r.tidy(now)
	return r, true
}

// usable tidies a recording summary of the list and reports whether it can
// be used (as listedRecording).
func (s *RecordingSummary) usable(now time.Time) bool {
	if (s.UUID == "" && s.ID <= 0) || !plausible(s.StartTime, now) {
		return false
	}
	s.Topic = tidyTopic(s.Topic)
	return true
}
