package sync

import (
	"testing"
	"time"
)

// day8 is the day the package documentation counts: eight 45-minute
// interviews (three back to back in the morning, four after lunch with the
// last two overlapping), on a local day starting at day.
func day8(day time.Time) []span {
	var out []span
	for _, hm := range [][2]int{{9, 0}, {10, 0}, {11, 0}, {13, 0}, {14, 0}, {15, 0}, {16, 0}, {16, 45}} {
		s := day.Add(time.Duration(hm[0])*time.Hour + time.Duration(hm[1])*time.Minute)
		out = append(out, span{start: s, end: s.Add(45 * time.Minute)})
	}
	return out
}

func TestPollTier(t *testing.T) {
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	ivs := []span{{start: day.Add(9 * time.Hour), end: day.Add(9*time.Hour + 45*time.Minute)}}
	tests := []struct {
		at   time.Duration // after midnight
		want time.Duration
		tier string
	}{
		{2 * time.Hour, pollNight, "night"},
		{6*time.Hour + 30*time.Minute, pollDay, "day"}, // within 3 h
		{8*time.Hour + 10*time.Minute, pollNear, "near"},
		{8*time.Hour + 45*time.Minute, pollSoon, "soon"},
		{9*time.Hour + 10*time.Minute, pollLive, "live"},
		{10 * time.Hour, pollIdle, "idle"},
		{22 * time.Hour, pollNight, "night"},
	}
	for _, tt := range tests {
		got, tier := pollTier(day.Add(tt.at), ivs, time.UTC)
		if got != tt.want || tier != tt.tier {
			t.Errorf("at %v: %v (%s), want %v (%s)", tt.at, got, tier, tt.want, tt.tier)
		}
	}
}

func TestNextUpcomingPollCutsAtTierChange(t *testing.T) {
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	ivs := []span{{start: day.Add(9 * time.Hour), end: day.Add(10 * time.Hour)}}
	// 08:40 polls every 5 minutes, but 08:45 starts the 1-minute window.
	if got, want := nextUpcomingPoll(day.Add(8*time.Hour+42*time.Minute), ivs, time.UTC, noJitter), day.Add(8*time.Hour+45*time.Minute); !got.Equal(want) {
		t.Errorf("next poll %v, want %v", got, want)
	}
	// At night the next poll is cut at 07:00 local.
	loc := time.FixedZone("X", 2*3600)
	got := nextUpcomingPoll(time.Date(2026, 3, 2, 6, 30, 0, 0, loc), nil, loc, noJitter)
	if want := time.Date(2026, 3, 2, 7, 0, 0, 0, loc); !got.Equal(want) {
		t.Errorf("night poll %v, want %v", got, want)
	}
	// Jitter stays within ±10% and is never applied to the 1-minute polls.
	for range 100 {
		if d := jitter(pollIdle); d < pollIdle*9/10 || d > pollIdle*11/10 {
			t.Fatalf("jitter(%v) = %v", pollIdle, d)
		}
	}
	if jitter(pollSoon) != pollSoon {
		t.Error("1-minute polls are jittered")
	}
}

// TestScheduleArithmetic replays the upcoming-list schedule over the day
// of the package documentation and checks the figure printed there.
func TestScheduleArithmetic(t *testing.T) {
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	ivs := day8(day)
	n := 0
	tiers := map[string]int{}
	for at := day; at.Before(day.Add(24 * time.Hour)); at = nextUpcomingPoll(at, ivs, time.UTC, noJitter) {
		_, tier := pollTier(at, ivs, time.UTC)
		tiers[tier]++
		n++
	}
	t.Logf("upcoming_meetings polls: %d %v", n, tiers)
	if n != docUpcomingPolls {
		t.Errorf("upcoming polls in the documented day = %d, the package doc says %d", n, docUpcomingPolls)
	}
}

// docUpcomingPolls is the figure in doc.go.
const docUpcomingPolls = 195

func TestBackoffDelay(t *testing.T) {
	for range 50 {
		if d := backoffDelay(classOffline, 1, 0); d < 24*time.Second || d > 36*time.Second {
			t.Fatalf("first offline backoff %v", d)
		}
		if d := backoffDelay(classOffline, 20, 0); d > offlineMax*6/5 {
			t.Fatalf("offline backoff not capped: %v", d)
		}
		if d := backoffDelay(classRateLimited, 1, 10*time.Minute); d < 8*time.Minute {
			t.Fatalf("rate-limit backoff %v ignores Retry-After", d)
		}
		if d := backoffDelay(classServer, 3, 0); d < 3*time.Minute || d > 5*time.Minute {
			t.Fatalf("third server backoff %v, want about 4m", d)
		}
	}
}

func TestRecordingWaits(t *testing.T) {
	var total time.Duration
	n := 0
	for total <= followFor {
		n++
		total += recordingWait(n)
	}
	if n > 11 {
		t.Errorf("%d recording checks in a day, want at most 11", n)
	}
	if got := cumulativeRecordingWait(3); got != 70*time.Minute {
		t.Errorf("third check %v after the end, want 70m", got)
	}
	if pastMeetingWait(1) != 5*time.Minute || pastMeetingWait(10) != time.Hour {
		t.Error("past meeting waits changed")
	}
}
