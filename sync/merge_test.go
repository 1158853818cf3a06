package sync

import (
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/zoom"
)

var t0 = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

func mt(id int64, start time.Time, topic string) zoom.Meeting {
	return zoom.Meeting{ID: id, Topic: topic, Type: 2, StartTime: start, Duration: 45, JoinURL: "https://zoom.us/j/1"}
}

func ids(ms []meetingRec) []int64 {
	var out []int64
	for _, m := range ms {
		out = append(out, m.ID)
	}
	return out
}

func TestMergeMeetings(t *testing.T) {
	h := time.Hour
	hosted := func(m zoom.Meeting) zoom.Meeting { m.UUID, m.HostID = "uuid-"+itoa(m.ID), "me"; return m }
	tests := []struct {
		name     string
		up       []zoom.Meeting
		upAt     time.Time
		hosted   []zoom.Meeting
		hostedAt time.Time
		want     []int64
	}{
		{
			name:   "union without duplicates, in start order",
			up:     []zoom.Meeting{mt(2, t0.Add(2*h), "b"), mt(1, t0.Add(h), "a")},
			upAt:   t0,
			hosted: []zoom.Meeting{hosted(mt(1, t0.Add(h), "a")), hosted(mt(3, t0.Add(48*h), "c"))}, hostedAt: t0.Add(-time.Minute),
			want: []int64{1, 2, 3},
		},
		{
			name:   "hosted meeting inside the window missing from fresher upcoming is gone",
			up:     []zoom.Meeting{mt(1, t0.Add(h), "a")},
			upAt:   t0,
			hosted: []zoom.Meeting{hosted(mt(1, t0.Add(h), "a")), hosted(mt(4, t0.Add(3*h), "cancelled"))}, hostedAt: t0.Add(-time.Hour),
			want: []int64{1},
		},
		{
			name:   "hosted list fresher than upcoming keeps a new meeting",
			up:     []zoom.Meeting{mt(1, t0.Add(h), "a")},
			upAt:   t0,
			hosted: []zoom.Meeting{hosted(mt(1, t0.Add(h), "a")), hosted(mt(5, t0.Add(3*h), "new"))}, hostedAt: t0.Add(time.Second),
			want: []int64{1, 5},
		},
		{
			name:   "no upcoming list yet: hosted list alone",
			hosted: []zoom.Meeting{hosted(mt(6, t0.Add(h), "x"))}, hostedAt: t0,
			want: []int64{6},
		},
		{
			name:   "rescheduled meeting appears once, at its new time",
			up:     []zoom.Meeting{mt(7, t0.Add(5*h), "moved")},
			upAt:   t0,
			hosted: []zoom.Meeting{hosted(mt(7, t0.Add(2*h), "moved"))}, hostedAt: t0.Add(-time.Hour),
			want: []int64{7},
		},
		{
			name: "no fixed start time is left out",
			up:   []zoom.Meeting{{ID: 8, Type: 3, Topic: "recurring"}},
			upAt: t0,
			want: nil,
		},
		{
			name: "duplicate in one list",
			up:   []zoom.Meeting{mt(9, t0.Add(h), "a"), mt(9, t0.Add(h), "a")},
			upAt: t0,
			want: []int64{9},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mergeMeetings(tt.up, tt.upAt, tt.hosted, tt.hostedAt)
			if g := ids(got); !equalInt64(g, tt.want) {
				t.Fatalf("merged IDs = %v, want %v", g, tt.want)
			}
		})
	}
}

func TestMergeFillsUUIDAndHost(t *testing.T) {
	up := []zoom.Meeting{mt(1, t0.Add(time.Hour), "a")}
	h := mt(1, t0.Add(time.Hour), "a")
	h.UUID, h.HostID = "abc==", "me"
	got := mergeMeetings(up, t0, []zoom.Meeting{h}, t0.Add(-time.Minute))
	if len(got) != 1 || got[0].UUID != "abc==" || got[0].HostID != "me" {
		t.Fatalf("merged = %+v, want uuid and host_id from the hosted list", got)
	}
}

func TestMergeRescheduledKeepsNewStart(t *testing.T) {
	up := []zoom.Meeting{mt(7, t0.Add(5*time.Hour), "moved")}
	got := mergeMeetings(up, t0, []zoom.Meeting{mt(7, t0.Add(2*time.Hour), "moved")}, t0.Add(-time.Hour))
	if len(got) != 1 || !got[0].Start.Equal(t0.Add(5*time.Hour)) {
		t.Fatalf("merged = %+v, want the new start only", got)
	}
}

func equalInt64(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
