package sync

import (
	"cmp"
	"slices"
	"time"

	"github.com/interviewtray/interviewtray/model"
	"github.com/interviewtray/interviewtray/zoom"
)

// upcomingWindow is how far ahead users/me/upcoming_meetings looks.
const upcomingWindow = 24 * time.Hour

// meetingRec is one occurrence of a scheduled meeting as the merged lists
// show it. Zoom's upcoming_meetings carries neither uuid nor host_id; the
// hosted list and GetMeeting fill them in.
type meetingRec struct {
	ID       int64     `json:"id"`
	UUID     string    `json:"uuid,omitempty"`
	HostID   string    `json:"host_id,omitempty"`
	Topic    string    `json:"topic"`
	Type     int       `json:"type"`
	Start    time.Time `json:"start"`
	Duration int       `json:"duration"`
	JoinURL  string    `json:"join_url,omitempty"`
	// Cal is what a calendar adds (nil: Zoom alone lists it).
	Cal *calInfo `json:"-"`
}

// end is the scheduled end.
func (m meetingRec) end() time.Time { return m.Start.Add(minutes(m.Duration)) }

// key identifies the occurrence.
func (m meetingRec) key() string { return occKey(m.ID, m.Start) }

// occKey identifies one occurrence of a meeting: its number and its
// scheduled start in UTC. A rescheduled meeting is a new occurrence.
func occKey(id int64, start time.Time) string { return model.OccKey(id, start) }

func minutes(n int) time.Duration { return time.Duration(n) * time.Minute }

// detailRec is what GetMeeting told us about a meeting. The passcode is
// kept for the agenda (and so in the 0600 cache), never logged.
type detailRec struct {
	UUID          string   `json:"uuid,omitempty"`
	HostID        string   `json:"host_id,omitempty"`
	HostEmail     string   `json:"host_email,omitempty"`
	AltHosts      []string `json:"alt_hosts,omitempty"`
	Passcode      string   `json:"passcode,omitempty"`
	AutoRecording string   `json:"auto_recording,omitempty"`
	Timezone      string   `json:"timezone,omitempty"` // the meeting's IANA zone
	// NotVisible: Zoom answered 404 or 403, so someone else hosts it and
	// the user is not an alternative host.
	NotVisible bool      `json:"not_visible,omitempty"`
	FetchedAt  time.Time `json:"fetched_at"`
}

func detailFrom(d *zoom.MeetingDetail, now time.Time) *detailRec {
	return &detailRec{
		UUID:          d.UUID,
		HostID:        d.HostID,
		HostEmail:     d.HostEmail,
		AltHosts:      d.AlternativeHosts(),
		Passcode:      d.Password,
		AutoRecording: d.Settings.AutoRecording,
		Timezone:      d.Timezone,
		FetchedAt:     now,
	}
}

// mergeMeetings merges the two listings into one list of occurrences in
// start order, without duplicates.
//
// upcoming (users/me/upcoming_meetings, fetched at upAt) is authoritative
// for the 24 hours after upAt: it includes meetings the user is invited to.
// hosted (users/me/meetings?type=upcoming, fetched at hostedAt) adds the
// meetings beyond that window, and fills uuid and host_id in. A hosted
// meeting inside the window that upcoming does not list was cancelled or
// moved, unless the hosted list is the fresher of the two (then it was
// created in between). Meetings with no fixed start (recurring, type 3)
// have nothing to remind of and are left out.
func mergeMeetings(upcoming []zoom.Meeting, upAt time.Time, hosted []zoom.Meeting, hostedAt time.Time) []meetingRec {
	out := make([]meetingRec, 0, len(upcoming)+len(hosted))
	seen := make(map[string]int, len(upcoming)+len(hosted)) // occKey -> index in out
	byID := make(map[int64]int, len(hosted))                // meeting ID -> index in hosted
	for i := range hosted {
		byID[hosted[i].ID] = i
	}
	haveUp := !upAt.IsZero()
	for i := range upcoming {
		m := &upcoming[i]
		if m.StartTime.IsZero() || m.ID == 0 {
			continue
		}
		rec := meetingRec{ID: m.ID, UUID: m.UUID, HostID: m.HostID, Topic: m.Topic, Type: m.Type,
			Start: m.StartTime, Duration: m.Duration, JoinURL: m.JoinURL}
		if j, ok := byID[m.ID]; ok {
			h := &hosted[j]
			rec.UUID = cmp.Or(rec.UUID, h.UUID)
			rec.HostID = cmp.Or(rec.HostID, h.HostID)
		}
		k := rec.key()
		if _, dup := seen[k]; dup {
			continue
		}
		seen[k] = len(out)
		out = append(out, rec)
	}
	horizon := upAt.Add(upcomingWindow)
	hostedFresher := hostedAt.After(upAt)
	for i := range hosted {
		m := &hosted[i]
		if m.StartTime.IsZero() || m.ID == 0 {
			continue
		}
		k := occKey(m.ID, m.StartTime)
		if j, dup := seen[k]; dup {
			if hostedFresher { // same occurrence: take the fresher topic and length
				out[j].Topic, out[j].Duration = m.Topic, m.Duration
				out[j].JoinURL = cmp.Or(m.JoinURL, out[j].JoinURL)
			}
			continue
		}
		if haveUp && !hostedFresher && m.StartTime.Before(horizon) {
			continue // inside upcoming's window, and upcoming is fresher: gone
		}
		seen[k] = len(out)
		out = append(out, meetingRec{ID: m.ID, UUID: m.UUID, HostID: m.HostID, Topic: m.Topic, Type: m.Type,
			Start: m.StartTime, Duration: m.Duration, JoinURL: m.JoinURL})
	}
	slices.SortFunc(out, func(a, b meetingRec) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}
