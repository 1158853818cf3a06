package sync

import (
	"testing"
	"time"
)

func TestJoinTarget(t *testing.T) {
	at := func(hh, mm int) time.Time { return time.Date(2026, 12, 7, hh, mm, 0, 0, time.UTC) }
	iv := func(id int64, hh, mm, minutes int, mod ...func(*Interview)) Interview {
		v := rdIV(id, 0, minutes)
		v.StartTime, v.EndTime = at(hh, mm), at(hh, mm).Add(time.Duration(minutes)*time.Minute)
		for _, m := range mod {
			m(&v)
		}
		return v
	}
	joined := func(v *Interview) { v.Joined = true }
	ended := func(v *Interview) { v.State = StateEnded }
	noLink := func(v *Interview) { v.JoinURL = "" }
	meeting := func(v *Interview) { v.IsInterview = false }

	tests := []struct {
		name string
		ivs  []Interview
		now  time.Time
		want int64 // 0: none
	}{
		{name: "nothing", now: at(10, 0)},
		{name: "only the next", ivs: []Interview{iv(1, 11, 0, 60)}, now: at(10, 0), want: 1},
		{name: "in progress before the next, even when the next is sooner", ivs: []Interview{iv(1, 10, 0, 60), iv(2, 10, 55, 30)}, now: at(10, 50), want: 1},
		{name: "in progress until its last minute", ivs: []Interview{iv(1, 10, 0, 60), iv(2, 11, 0, 30)}, now: at(10, 59), want: 1},
		{name: "at its end, the next", ivs: []Interview{iv(1, 10, 0, 60), iv(2, 11, 0, 30)}, now: at(11, 0), want: 2},
		{name: "at the start, this one", ivs: []Interview{iv(1, 10, 0, 60)}, now: at(10, 0), want: 1},
		{name: "overrunning: the next (the schedule says it ended)", ivs: []Interview{iv(1, 10, 0, 30), iv(2, 11, 0, 30)}, now: at(10, 40), want: 2},
		{name: "Zoom said it ended early: the next", ivs: []Interview{iv(1, 10, 0, 60, ended), iv(2, 11, 0, 30)}, now: at(10, 20), want: 2},
		{name: "overlapping, the first not joined yet", ivs: []Interview{iv(1, 10, 0, 60, joined), iv(2, 10, 30, 60)}, now: at(10, 35), want: 2},
		{name: "overlapping, both joined: the first", ivs: []Interview{iv(1, 10, 0, 60, joined), iv(2, 10, 30, 60, joined)}, now: at(10, 35), want: 1},
		{name: "overlapping, neither joined: the first", ivs: []Interview{iv(1, 10, 0, 60), iv(2, 10, 30, 60)}, now: at(10, 35), want: 1},
		{name: "joined and in progress still beats the next", ivs: []Interview{iv(1, 10, 0, 60, joined), iv(2, 10, 50, 30)}, now: at(10, 45), want: 1},
		{name: "no join link: skipped", ivs: []Interview{iv(1, 10, 0, 60, noLink), iv(2, 11, 0, 30)}, now: at(10, 10), want: 2},
		{name: "not an interview: skipped", ivs: []Interview{iv(1, 10, 0, 60, meeting), iv(2, 11, 0, 30)}, now: at(10, 10), want: 2},
		{name: "all over", ivs: []Interview{iv(1, 9, 0, 30), iv(2, 9, 30, 30)}, now: at(10, 10)},
		{name: "the soonest next", ivs: []Interview{iv(1, 14, 0, 30), iv(2, 11, 0, 30)}, now: at(10, 10), want: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := JoinTarget(&Snapshot{Interviews: tt.ivs}, tt.now)
			if ok != (tt.want != 0) || got.ID != tt.want {
				t.Errorf("JoinTarget = %d, %v; want %d", got.ID, ok, tt.want)
			}
		})
	}
	if _, ok := JoinTarget(nil, at(10, 0)); ok {
		t.Error("JoinTarget(nil) found one")
	}
}
