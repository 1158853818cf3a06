package zoomsim

import (
	"net/http"
	"net/url"
	"strings"
	"time"
)

// call is one request as a handler sees it. Handlers run with Sim.mu held.
type call struct {
	r     *http.Request
	param string    // the route's wildcard value, decoded (see normalisePath)
	body  []byte    // the request body, read before the lock was taken
	now   time.Time // simulator time when the request was handled
}

// handler answers a call; it runs with Sim.mu held and must not do I/O.
type handler func(c *call) reply

// route is one endpoint. A pattern has at most one wildcard segment, written
// {name}, which may span several path segments: Zoom routes
// /v2/meetings/ab/cd==/recordings to the recordings of meeting "ab/cd==".
type route struct {
	method  string
	pattern string // e.g. "/v2/meetings/{meetingId}/recordings"
	before  []string
	after   []string
	hasWild bool
	h       handler
}

// key names the route in Stats.Requests, e.g. "GET /v2/users/me".
func (rt *route) key() string { return rt.method + " " + rt.pattern }

func newRoute(method, pattern string, h handler) *route {
	rt := &route{method: method, pattern: pattern, h: h}
	for _, seg := range strings.Split(strings.Trim(pattern, "/"), "/") {
		switch {
		case strings.HasPrefix(seg, "{"):
			rt.hasWild = true
		case rt.hasWild:
			rt.after = append(rt.after, seg)
		default:
			rt.before = append(rt.before, seg)
		}
	}
	return rt
}

// matchPath reports whether segs matches the route and returns the
// wildcard's value.
func (rt *route) matchPath(segs []string) (string, bool) {
	fixed := len(rt.before) + len(rt.after)
	if !rt.hasWild {
		return "", len(segs) == fixed && equal(segs, rt.before)
	}
	if len(segs) <= fixed || !equal(segs[:len(rt.before)], rt.before) ||
		!equal(segs[len(segs)-len(rt.after):], rt.after) {
		return "", false
	}
	return strings.Join(segs[len(rt.before):len(segs)-len(rt.after)], "/"), true
}

func equal(a, b []string) bool {
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

// match finds the route for method and path segments. When several routes
// match, the one with the most literal segments wins, so
// /v2/meetings/1/recordings goes to the recordings route and not to
// /v2/meetings/{meetingId} with the value "1/recordings". A path that matches
// only routes of other methods matches nothing (Zoom answers such requests
// like unknown paths).
func (s *Sim) match(method string, segs []string) (*route, string) {
	var best *route
	var bestParam string
	for _, rt := range s.routes {
		if rt.method != method {
			continue
		}
		p, ok := rt.matchPath(segs)
		if !ok {
			continue
		}
		if best == nil || len(rt.before)+len(rt.after) > len(best.before)+len(best.after) {
			best, bestParam = rt, p
		}
	}
	if best == nil {
		return nil, ""
	}
	if strings.Contains(bestParam, "%") {
		// The value was encoded twice: the API decodes it once more.
		if v, err := url.PathUnescape(bestParam); err == nil {
			bestParam = v
		}
	}
	return best, bestParam
}

// normalisePath models Zoom's API gateway: it decodes the escaped request
// path once, then collapses empty segments ("//" becomes "/"). A UUID
// such as "/abc==" sent encoded once arrives as "abc==" and is not found; a
// UUID with "//" inside becomes a different UUID; only a double-encoded UUID
// keeps its slashes (the router decodes a wildcard value once more when it
// still holds a "%"). It returns the normalised path, its segments and
// whether the path could be decoded at all.
func normalisePath(escaped string) (string, []string, bool) {
	decoded, err := url.PathUnescape(escaped)
	if err != nil {
		return escaped, nil, false
	}
	var segs []string
	for _, seg := range strings.Split(decoded, "/") {
		if seg != "" {
			segs = append(segs, seg)
		}
	}
	return "/" + strings.Join(segs, "/"), segs, true
}

// area is the part of the simulator a path belongs to; it decides the shape
// of error bodies.
type area int

const (
	areaOther   area = iota
	areaAPI          // /v2/...: {"code":…,"message":…}
	areaOAuth        // /oauth/...: {"reason":…,"error":…}
	areaControl      // /_sim/...: {"error":…}
)

func areaOf(segs []string) area {
	if len(segs) == 0 {
		return areaOther
	}
	switch segs[0] {
	case "v2":
		return areaAPI
	case "oauth":
		return areaOAuth
	case "_sim":
		return areaControl
	}
	return areaOther
}

// newRoutes lists every endpoint.
func (s *Sim) newRoutes() []*route {
	return []*route{
		// OAuth (oauth.go).
		newRoute("GET", "/oauth/authorize", s.authorize),
		newRoute("POST", "/oauth/authorize", s.consentDecision),
		newRoute("POST", "/oauth/token", s.token),
		newRoute("POST", "/oauth/revoke", s.revoke),

		// REST API (rest.go), with Zoom's rate-limit label of each.
		newRoute("GET", "/v2/users/me", s.api(light, s.getMe)),
		newRoute("GET", "/v2/users/me/meetings", s.api(medium, s.listMeetings)),
		newRoute("GET", "/v2/users/me/upcoming_meetings", s.api(medium, s.listUpcoming)),
		newRoute("GET", "/v2/users/me/settings", s.api(medium, s.getSettings)),
		newRoute("PATCH", "/v2/users/me/settings", s.api(medium, s.patchSettings)),
		newRoute("GET", "/v2/users/me/recordings", s.api(medium, s.listRecordings)),
		newRoute("GET", "/v2/meetings/{meetingId}", s.api(light, s.getMeeting)),
		newRoute("GET", "/v2/meetings/{meetingId}/recordings", s.api(light, s.getRecording)),
		newRoute("GET", "/v2/past_meetings/{meetingId}", s.api(light, s.getPastMeeting)),
		newRoute("POST", "/v2/users/me/meetings", s.api(medium, s.needScope(scopeCreate, s.createMeetingAPI))),
		newRoute("PATCH", "/v2/meetings/{meetingId}", s.api(light, s.needScope(scopeUpdate, s.updateMeetingAPI))),
		newRoute("DELETE", "/v2/meetings/{meetingId}", s.api(light, s.needScope(scopeDelete, s.deleteMeetingAPI))),

		// A meeting's join link: the demo meeting page (joinpage.go).
		newRoute("GET", "/j/{meetingId}", s.joinMeetingPage),
		newRoute("GET", "/profile/setting", s.settingsWebPage),

		// The calendar feed, like Google's secret address (calendar.go);
		// every path below /calendar/ical/ gets Google's 404 page.
		newRoute("GET", "/calendar/ical/{feed}", s.serveCalendar),

		// Control API (control.go).
		newRoute("GET", "/_sim/meetings", s.ctlListMeetings),
		newRoute("POST", "/_sim/meetings", s.ctlCreateMeeting),
		newRoute("PATCH", "/_sim/meetings/{id}", s.ctlUpdateMeeting),
		newRoute("DELETE", "/_sim/meetings/{id}", s.ctlDeleteMeeting),
		newRoute("POST", "/_sim/meetings/{id}/end", s.ctlEndMeeting),
		newRoute("POST", "/_sim/meetings/{id}/recording", s.ctlRecording),
		newRoute("GET", "/_sim/settings", s.ctlGetSettings),
		newRoute("PUT", "/_sim/settings", s.ctlPutSettings),
		newRoute("GET", "/_sim/clock", s.ctlGetClock),
		newRoute("POST", "/_sim/clock", s.ctlAdvanceClock),
		newRoute("GET", "/_sim/tokens", s.ctlTokens),
		newRoute("POST", "/_sim/tokens/expire", s.ctlExpireTokens),
		newRoute("GET", "/_sim/faults", s.ctlListFaults),
		newRoute("POST", "/_sim/faults", s.ctlAddFault),
		newRoute("DELETE", "/_sim/faults", s.ctlClearFaults),
		newRoute("GET", "/_sim/stats", s.ctlStats),
		newRoute("GET", "/_sim/user", s.ctlUser),
		newRoute("GET", "/_sim/calendar/feed", s.ctlCalendarFeed),
		newRoute("POST", "/_sim/calendar/reset", s.ctlCalendarReset),
		newRoute("POST", "/_sim/calendar/events", s.ctlAddCalendarEvent),
	}
}
