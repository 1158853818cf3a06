package sync

import (
	"math/rand/v2"
	"time"
)

// The polling schedule (see the package documentation for the arithmetic).
const (
	// pollSoon: an interview starts within soonWindow.
	pollSoon   = time.Minute
	soonWindow = 15 * time.Minute
	// pollLive: an interview is in progress (and none starts soon).
	pollLive = 20 * time.Minute
	// pollNear: an interview starts within nearWindow.
	pollNear   = 5 * time.Minute
	nearWindow = time.Hour
	// pollDay: an interview starts within dayWindow.
	pollDay   = 10 * time.Minute
	dayWindow = 3 * time.Hour
	// pollIdle: nothing within dayWindow, in the day (morningHour to
	// nightHour, local time).
	pollIdle = 15 * time.Minute
	// pollNight: nothing within dayWindow, at night.
	pollNight   = time.Hour
	nightHour   = 21
	morningHour = 7

	// hostedEvery is how often the hosted list (meetings beyond 24 hours)
	// is fetched, besides at start, on Refresh and after signing in.
	hostedEvery = 3 * time.Hour
	// meEvery: the user. The recordings list starts a round every
	// cloudlist.Every.
	meEvery = 24 * time.Hour
	// detailAhead: GetMeeting is asked for interviews starting within it,
	// again when what it said is older than detailMaxAge.
	detailAhead  = 24 * time.Hour
	detailMaxAge = 24 * time.Hour
	// settingsBefore: the recording settings are re-checked this long
	// before the first interview of a local day.
	settingsBefore = time.Hour
	// settingsMaxAge: a check older than this is redone at start.
	settingsMaxAge = 24 * time.Hour
	// settingsRetry: after Zoom refused to show the settings (a 4xx).
	settingsRetry = 6 * time.Hour

	// keepConnsFor: when the next pass is further away than this, the
	// HTTP connections are closed at the end of a pass: net/http's default
	// transport would close them unused after its 90 s idle timeout anyway,
	// in a wake-up of its own.
	keepConnsFor = 90 * time.Second

	// maxSleep bounds every sleep of the default Options.WaitUntil: its
	// timers are monotonic and stop while a laptop sleeps, so at most this
	// long after waking everything is re-evaluated against the wall clock,
	// even without Engine.Wake. A WaitUntil that follows the wall clock
	// (internal/walltimer on Linux) sleeps until the due time uncapped.
	maxSleep = 30 * time.Second
)

// span is an interview's scheduled time.
type span struct{ start, end time.Time }

// pollTier returns the upcoming-list interval at t and its name.
func pollTier(t time.Time, ivs []span, loc *time.Location) (time.Duration, string) {
	next := time.Time{}
	live := false
	for _, s := range ivs {
		if !t.Before(s.start) && t.Before(s.end) {
			live = true
		}
		if s.start.After(t) && (next.IsZero() || s.start.Before(next)) {
			next = s.start
		}
	}
	until := time.Duration(1<<63 - 1)
	if !next.IsZero() {
		until = next.Sub(t)
	}
	switch {
	case until <= soonWindow:
		return pollSoon, "soon"
	case live:
		return pollLive, "live"
	case until <= nearWindow:
		return pollNear, "near"
	case until <= dayWindow:
		return pollDay, "day"
	case isNight(t, loc):
		return pollNight, "night"
	default:
		return pollIdle, "idle"
	}
}

func isNight(t time.Time, loc *time.Location) bool {
	h := t.In(loc).Hour()
	return h >= nightHour || h < morningHour
}

// nextUpcomingPoll returns when to poll the upcoming list after a poll at
// last. The interval of the tier at last is jittered (±10% from five
// minutes up) and cut short at the next moment a faster tier begins: 15
// minutes, an hour and three hours before each interview, and the local
// morning.
func nextUpcomingPoll(last time.Time, ivs []span, loc *time.Location, jit func(time.Duration) time.Duration) time.Time {
	iv, _ := pollTier(last, ivs, loc)
	next := last.Add(jit(iv))
	cut := func(b time.Time) {
		if b.After(last) && b.Before(next) {
			next = b
		}
	}
	for _, s := range ivs {
		cut(s.start.Add(-soonWindow))
		cut(s.start.Add(-nearWindow))
		cut(s.start.Add(-dayWindow))
	}
	if isNight(last, loc) {
		cut(nextMorning(last, loc))
	}
	return next
}

// nextMorning returns the next morningHour:00 local after t.
func nextMorning(t time.Time, loc *time.Location) time.Time {
	lt := t.In(loc)
	m := time.Date(lt.Year(), lt.Month(), lt.Day(), morningHour, 0, 0, 0, loc)
	if !m.After(t) {
		m = time.Date(lt.Year(), lt.Month(), lt.Day()+1, morningHour, 0, 0, 0, loc)
	}
	return m.UTC()
}

// jitter spreads intervals of five minutes and more by ±10%, so that the
// users of one account (who share its rate limits) do not poll in step.
func jitter(d time.Duration) time.Duration {
	if d < pollNear {
		return d
	}
	spread := d / 10
	return d - spread + rand.N(2*spread+1)
}

// noJitter is jitter for tests that count calls exactly.
func noJitter(d time.Duration) time.Duration { return d }

// Error backoff.
const (
	offlineFirst = 30 * time.Second
	offlineMax   = 5 * time.Minute
	errorFirst   = time.Minute
	errorMax     = 15 * time.Minute
	keychainWait = 5 * time.Minute
)

// backoffDelay returns how long to wait after the level-th failure in a row
// (level 1 is the first) of the given class. A rate limit waits at least
// Retry-After.
func backoffDelay(c errClass, level int, retryAfter time.Duration) time.Duration {
	first, most := errorFirst, errorMax
	switch c {
	case classOffline:
		first, most = offlineFirst, offlineMax
	case classKeychain:
		return keychainWait
	}
	d := first << min(max(level-1, 0), 10)
	d = min(d, most)
	// ±20% so that a storm's victims do not come back together.
	spread := d / 5
	d = d - spread + rand.N(2*spread+1)
	if c == classRateLimited {
		d = max(d, retryAfter) // never earlier than Zoom asked
	}
	return d
}

// pastMeetingWait is how long to wait before asking past_meetings again
// after the attempt-th "not ended yet" (attempt 1 is the first): 5, 10, 15,
// 30 minutes, then hourly.
func pastMeetingWait(attempt int) time.Duration {
	steps := []time.Duration{5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute}
	if attempt-1 < len(steps) {
		return steps[max(attempt-1, 0)]
	}
	return time.Hour
}

// recordingWait is how long to wait before the attempt-th ask for a cloud
// recording (attempt 1 is the first, counted from the meeting's end):
// 10 minutes, then doubling (20, 40, 80 ...) up to 4 hours. Over 24 hours
// that is at most 10 calls; a recording ready an hour after the end is
// found by the third.
func recordingWait(attempt int) time.Duration {
	d := 10 * time.Minute << min(max(attempt-1, 0), 10)
	return min(d, 4*time.Hour)
}

// Cloud and local recordings are followed for this long after the end.
const followFor = 24 * time.Hour

// localScanWait is how long to wait before scanning the local recording
// folder again, sinceEnd after the interview's end. Scanning is a
// directory listing, no Zoom call.
func localScanWait(sinceEnd time.Duration, converting bool) time.Duration {
	switch {
	case converting || sinceEnd < 30*time.Minute:
		return time.Minute
	case sinceEnd < 3*time.Hour:
		return 5 * time.Minute
	default:
		return 30 * time.Minute
	}
}
