package zoom

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// MaxPageSize is the largest page Zoom serves for list endpoints.
const MaxPageSize = 300

// maxPages stops a pagination loop that would never end (a server that keeps
// returning a next_page_token).
const maxPages = 1000

// Me returns the signed-in user (GET /users/me).
func (c *Client) Me(ctx context.Context) (*User, error) {
	var u User
	if err := c.do(ctx, call{method: http.MethodGet, path: "/users/me"}, &u); err != nil {
		return nil, err
	}
	return &u, nil
}

// MeetingList is a list of meetings as Zoom answered it.
type MeetingList struct {
	Meetings []Meeting
	// Skipped counts the meetings Zoom listed that could not be read (see
	// the package doc): they are left out of Meetings.
	Skipped int
}

// meetingsPage is a page of GET /users/me/meetings (and the one page of
// users/me/upcoming_meetings). Only the fields the client uses are decoded.
type meetingsPage struct {
	NextPageToken string                  `json:"next_page_token"`
	Meetings      []listItem[wireMeeting] `json:"meetings"`

	list MeetingList // the page's meetings, tidied
}

func (p *meetingsPage) tidy(now time.Time) {
	p.list.Meetings, p.list.Skipped = keepItems(p.Meetings, now, listedMeeting)
}

// ListUpcomingMeetings returns every upcoming (and live) meeting the user
// hosts (GET /users/me/meetings?type=upcoming), through every page.
func (c *Client) ListUpcomingMeetings(ctx context.Context) (MeetingList, error) {
	var all MeetingList
	err := paginate(ctx, func(ctx context.Context, token string) (string, error) {
		q := url.Values{"type": {"upcoming"}, "page_size": {strconv.Itoa(MaxPageSize)}}
		if token != "" {
			q.Set("next_page_token", token)
		}
		var p meetingsPage
		if err := c.do(ctx, call{method: http.MethodGet, path: "/users/me/meetings", query: q}, &p); err != nil {
			return "", err
		}
		all.Meetings = append(all.Meetings, p.list.Meetings...)
		all.Skipped += p.list.Skipped
		return p.NextPageToken, nil
	})
	if err != nil {
		return MeetingList{}, err
	}
	return all, nil
}

// ListUpcomingInvited returns the user's meetings in the next 24 hours,
// including those they are only invited to (GET /users/me/upcoming_meetings).
func (c *Client) ListUpcomingInvited(ctx context.Context) (MeetingList, error) {
	var p meetingsPage
	if err := c.do(ctx, call{method: http.MethodGet, path: "/users/me/upcoming_meetings"}, &p); err != nil {
		return MeetingList{}, err
	}
	return p.list, nil
}

// GetMeeting returns one meeting with its passcode and host (GET /meetings/{id}).
func (c *Client) GetMeeting(ctx context.Context, id int64) (*MeetingDetail, error) {
	var m MeetingDetail
	path := "/meetings/" + strconv.FormatInt(id, 10)
	if err := c.do(ctx, call{method: http.MethodGet, path: path}, &m); err != nil {
		return nil, err
	}
	return &m, nil
}

// GetPastMeeting returns an ended meeting instance by UUID, or the latest
// instance for a numeric ID (GET /past_meetings/{uuid}). A meeting that has
// not ended yet answers IsMeetingNotFound.
func (c *Client) GetPastMeeting(ctx context.Context, uuid string) (*PastMeeting, error) {
	if uuid == "" {
		return nil, errNoID
	}
	var p PastMeeting
	if err := c.do(ctx, call{method: http.MethodGet, path: "/past_meetings/" + escapeUUID(uuid)}, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// GetMeetingRecordings returns a meeting instance's cloud recording by UUID
// (GET /meetings/{uuid}/recordings). Until Zoom has processed it the answer
// is IsNoRecording.
func (c *Client) GetMeetingRecordings(ctx context.Context, uuid string) (*RecordingMeeting, error) {
	if uuid == "" {
		return nil, errNoID
	}
	var r RecordingMeeting
	if err := c.do(ctx, call{method: http.MethodGet, path: "/meetings/" + escapeUUID(uuid) + "/recordings"}, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// recordingsRangeEnd returns the last UTC date Zoom accepts as the to of a
// recordings list (GET /users/me/recordings) that starts on from's UTC
// date: Zoom allows "a month" at most, and its own examples (2021-10-11 to
// 2021-11-11, 2019-08-15 to 2019-09-15) show what that means: the same day
// of the next calendar month. When the next month is shorter, its last day
// (January 31 gives February 28, or 29 in a leap year). The range is the
// same whatever the month's length, daylight-saving changes play no part
// (the dates are UTC), and the simulator (zoomsim) refuses exactly the
// ranges that end after it.
func recordingsRangeEnd(from time.Time) time.Time {
	y, m, d := from.UTC().Date()
	last := time.Date(y, m+2, 0, 0, 0, 0, 0, time.UTC).Day() // the next month's last day
	return time.Date(y, m+1, min(d, last), 0, 0, 0, 0, time.UTC)
}

// recordingsWindows calls f with each from..to window (UTC dates, both
// included) of the range, in order: each as long as Zoom allows
// (recordingsRangeEnd), the last one cut at to.
func recordingsWindows(from, to time.Time, f func(start, end time.Time) error) error {
	for start := from; !start.After(to); {
		end := recordingsRangeEnd(start)
		if end.After(to) {
			end = to
		}
		if err := f(start, end); err != nil {
			return err
		}
		start = end.AddDate(0, 0, 1)
	}
	return nil
}

// recordingsPage is a page of GET /users/me/recordings.
type recordingsPage struct {
	NextPageToken string                           `json:"next_page_token"`
	Meetings      []listItem[wireRecordingMeeting] `json:"meetings"`

	list    []RecordingMeeting // the page's recordings, tidied
	skipped int                // items left out of list
}

func (p *recordingsPage) tidy(now time.Time) {
	p.list, p.skipped = keepItems(p.Meetings, now, listedRecording)
}

// ListRecordings returns the user's cloud recordings of meetings that started
// between from and to (UTC dates, inclusive), asking in windows Zoom accepts
// and following every page. Each instance is returned once; recordings that
// cannot be read are left out (a RecordingsScanner counts them, for a
// caller that needs to know).
func (c *Client) ListRecordings(ctx context.Context, from, to time.Time) ([]RecordingMeeting, error) {
	from, to = utcDate(from), utcDate(to)
	if to.Before(from) {
		return nil, fmt.Errorf("zoom: list recordings: range ends (%s) before it starts (%s)", to.Format(time.DateOnly), from.Format(time.DateOnly))
	}
	var all []RecordingMeeting
	seen := map[string]bool{}
	err := recordingsWindows(from, to, func(start, end time.Time) error {
		return paginate(ctx, func(ctx context.Context, token string) (string, error) {
			q := url.Values{
				"from":      {start.Format(time.DateOnly)},
				"to":        {end.Format(time.DateOnly)},
				"page_size": {strconv.Itoa(MaxPageSize)},
			}
			if token != "" {
				q.Set("next_page_token", token)
			}
			var p recordingsPage
			if err := c.do(ctx, call{method: http.MethodGet, path: "/users/me/recordings", query: q}, &p); err != nil {
				return "", err
			}
			for _, m := range p.list {
				key := m.UUID
				if key == "" {
					key = strconv.FormatInt(m.ID, 10) + "@" + m.StartTime.String()
				}
				if !seen[key] {
					seen[key] = true
					all = append(all, m)
				}
			}
			return p.NextPageToken, nil
		})
	})
	if err != nil {
		return nil, err
	}
	return all, nil
}

// recordingSummariesPage is a page of GET /users/me/recordings decoded
// for ScanRecordings.
type recordingSummariesPage struct {
	NextPageToken string                           `json:"next_page_token"`
	Meetings      []listItem[wireRecordingSummary] `json:"meetings"`

	now time.Time // the answer's time, for tidying the summaries
}

func (p *recordingSummariesPage) tidy(now time.Time) { p.now = now }

// ScanRecordings asks for the same list as ListRecordings (the same
// windows, pages and errors) but decodes only what RecordingSummary holds
// and hands each recording to fn as its page is read, so that a caller
// keeping a few fields of thousands of recordings does not hold them all
// in Zoom's shape first. fn must not keep s or s.Files after it returns.
// Unlike ListRecordings, an instance Zoom sends twice (on two pages or in
// two windows) is passed twice. When an error is returned, fn may have
// seen part of the list.
func (c *Client) ScanRecordings(ctx context.Context, from, to time.Time, fn func(s *RecordingSummary)) error {
	from, to = utcDate(from), utcDate(to)
	if to.Before(from) {
		return fmt.Errorf("zoom: list recordings: range ends (%s) before it starts (%s)", to.Format(time.DateOnly), from.Format(time.DateOnly))
	}
	sc := c.RecordingsScanner()
	return recordingsWindows(from, to, func(start, end time.Time) error {
		return paginate(ctx, func(ctx context.Context, token string) (string, error) {
			return sc.Page(ctx, start, end, token, fn)
		})
	})
}

// RecordingsScanner reads the recordings list (GET /users/me/recordings)
// a page at a time, as ScanRecordings does, for a caller that spreads a
// long list over several calls (the sync engine lists a heavy day's pages
// over several passes). It keeps the decoded page's buffers between
// pages. It is not safe for concurrent use.
type RecordingsScanner struct {
	c       *Client
	p       recordingSummariesPage
	s       RecordingSummary
	skipped int
}

// Skipped counts the recordings the scanner's pages listed that could not
// be read (see the package doc): they were not handed to fn.
func (sc *RecordingsScanner) Skipped() int { return sc.skipped }

// RecordingsScanner returns a scanner of the recordings list through c.
func (c *Client) RecordingsScanner() *RecordingsScanner { return &RecordingsScanner{c: c} }

// Page asks for one page of the recordings of the UTC dates from..to
// (inclusive, at most the one month Zoom allows: to no later than the same
// day of the next month, or that month's last day), the first when token
// is "" and else the one token (a previous page's next_page_token) names,
// hands each recording to fn as ScanRecordings does (one that cannot be
// read is counted in Skipped instead), and returns the next
// page's token, "" after the last page. Zoom's tokens expire after 15
// minutes: a caller that comes back later must start again from the first
// page. When an error is returned, fn may have seen part of the page.
func (sc *RecordingsScanner) Page(ctx context.Context, from, to time.Time, token string, fn func(s *RecordingSummary)) (next string, err error) {
	from, to = utcDate(from), utcDate(to)
	if to.Before(from) || to.After(recordingsRangeEnd(from)) {
		return "", fmt.Errorf("zoom: list recordings: range %s..%s is not within one month", from.Format(time.DateOnly), to.Format(time.DateOnly))
	}
	q := url.Values{
		"from":      {from.Format(time.DateOnly)},
		"to":        {to.Format(time.DateOnly)},
		"page_size": {strconv.Itoa(MaxPageSize)},
	}
	if token != "" {
		q.Set("next_page_token", token)
	}
	// The page's slice is reused; encoding/json decodes into the elements
	// already there, so they are cleared first.
	p := &sc.p
	p.NextPageToken = ""
	clear(p.Meetings[:cap(p.Meetings)])
	p.Meetings = p.Meetings[:0]
	if err := sc.c.do(ctx, call{method: http.MethodGet, path: "/users/me/recordings", query: q}, p); err != nil {
		return "", err
	}
	for i := range p.Meetings {
		it := &p.Meetings[i]
		if !it.bad {
			it.v.summary(&sc.s)
		}
		if it.bad || !sc.s.usable(p.now) {
			sc.skipped++
			continue
		}
		fn(&sc.s)
	}
	if p.NextPageToken != "" && p.NextPageToken == token {
		return "", fmt.Errorf("%w: next_page_token %q repeats", ErrMalformedResponse, token)
	}
	return p.NextPageToken, nil
}

// GetSettings returns the user's settings (GET /users/me/settings).
func (c *Client) GetSettings(ctx context.Context) (*Settings, error) {
	var s Settings
	if err := c.do(ctx, call{method: http.MethodGet, path: "/users/me/settings"}, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// UpdateSettings sends a partial settings update (PATCH /users/me/settings).
// Zoom answers 204 even when an admin has locked a setting and nothing
// changed: read the settings back to know.
func (c *Client) UpdateSettings(ctx context.Context, patch SettingsPatch) error {
	return c.do(ctx, call{method: http.MethodPatch, path: "/users/me/settings", body: patch}, nil)
}

// paginate calls page with "" and then each next_page_token until the
// token is empty.
func paginate(ctx context.Context, page func(ctx context.Context, token string) (string, error)) error {
	token := ""
	seen := map[string]bool{}
	for range maxPages {
		next, err := page(ctx, token)
		if err != nil {
			return err
		}
		if next == "" {
			return nil
		}
		if seen[next] {
			return fmt.Errorf("%w: next_page_token %q repeats", ErrMalformedResponse, next)
		}
		seen[next] = true
		token = next
	}
	return fmt.Errorf("%w: more than %d pages", ErrMalformedResponse, maxPages)
}

func utcDate(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
