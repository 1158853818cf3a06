package zoomsim

import (
	"net/http"
	"strconv"
	"time"
)

// Zoom limits REST calls per account (all users and apps together) by the
// endpoint's label and the account's plan: a per-second limit on every
// plan, and on the free plan a daily limit per label too (reset at 00:00
// UTC). Numbers from zoom-api.md section 4.

// category is an endpoint's rate-limit label.
type category int

const (
	light category = iota
	medium
	heavy
)

func (c category) String() string {
	return [...]string{"Light", "Medium", "Heavy"}[c]
}

// planLimits holds a plan's limits per category; a daily limit of 0 means
// none.
type planLimits struct {
	perSecond [3]int
	perDay    [3]int
}

var limitsByPlan = map[string]planLimits{
	"free":     {perSecond: [3]int{4, 2, 1}, perDay: [3]int{6000, 2000, 1000}},
	"pro":      {perSecond: [3]int{30, 20, 10}, perDay: [3]int{0, 0, 30000}},
	"business": {perSecond: [3]int{80, 60, 40}, perDay: [3]int{0, 0, 60000}},
}

// limiter counts requests in fixed windows of simulator time: the current
// second and the current UTC day, per category. Guarded by Sim.mu.
type limiter struct {
	second [3]window
	day    [3]window
}

type window struct {
	start int64 // the window's Unix second, or its Unix day
	n     int
}

// count adds one request to w for the window starting at start and returns
// the count so far, including this one.
func (w *window) count(start int64) int {
	if w.start != start {
		*w = window{start: start}
	}
	w.n++
	return w.n
}

const (
	qpsMessage   = "You have reached the maximum per-second rate limit for this API. Try again later."
	dailyMessage = "You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request."
)

// take counts a request of category cat at now. When it is within the
// limits it returns the X-RateLimit headers of a successful response; else
// the 429 reply. A refused request counts too.
func (l *limiter) take(pl planLimits, cat category, now time.Time) (map[string]string, reply, bool) {
	headers := map[string]string{"X-RateLimit-Category": cat.String()}
	if limit := pl.perDay[cat]; limit > 0 {
		n := l.day[cat].count(day(now).Unix() / 86400)
		if n > limit {
			tomorrow := day(now).AddDate(0, 0, 1)
			return nil, zoomError(http.StatusTooManyRequests, 429, dailyMessage).
				withHeader("X-RateLimit-Category", cat.String()).
				withHeader("X-RateLimit-Type", "Daily-limit").
				withHeader("X-RateLimit-Limit", strconv.Itoa(limit)).
				withHeader("X-RateLimit-Remaining", "0").
				withHeader("Retry-After", zoomTime(tomorrow)), false
		}
		headers["X-RateLimit-Limit"] = strconv.Itoa(limit)
		headers["X-RateLimit-Remaining"] = strconv.Itoa(limit - n)
	}
	limit := pl.perSecond[cat]
	if l.second[cat].count(now.Unix()) > limit {
		return nil, zoomError(http.StatusTooManyRequests, 429, qpsMessage).
			withHeader("X-RateLimit-Category", cat.String()).
			withHeader("X-RateLimit-Type", "QPS").
			withHeader("X-RateLimit-Limit", strconv.Itoa(limit)).
			withHeader("X-RateLimit-Remaining", "0"), false
	}
	return headers, reply{}, true
}
