package zoomsim

import (
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// Zoom pages lists with an opaque next_page_token that expires after 15
// minutes; page_size defaults to 30 and is capped at 300. The older
// page_number parameter still works when no token is given.
const (
	defaultPageSize = 30
	maxPageSize     = 300
	pageTokenTTL    = 15 * time.Minute
)

// pageCursor is what a next_page_token stands for.
type pageCursor struct {
	list    string     // which listing issued it
	filter  url.Values // the listing's filter parameters when it began
	offset  int
	expires time.Time
}

// pageRequest is a list request's paging state.
type pageRequest struct {
	list   string
	filter url.Values // filter parameters: from the request, or from its token
	offset int
	size   int
}

// invalidPageToken is the answer to an unknown or expired next_page_token.
// Zoom documents no code for it; the simulator uses 300, its generic
// invalid-request code, with a message in Zoom's style.
func invalidPageToken() reply {
	return zoomError(http.StatusBadRequest, 300, "The next page token is invalid or expired.")
}

// pageRequest reads page_size, page_number and next_page_token for the
// listing named list, whose filter is the query parameters filterKeys.
func (s *Sim) pageRequest(c *call, list string, filterKeys ...string) (pageRequest, reply, bool) {
	q := c.r.URL.Query()
	pr := pageRequest{list: list, size: defaultPageSize, filter: url.Values{}}
	if v := q.Get("page_size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return pr, validationFailed([]fieldError{{Field: "page_size", Message: "Invalid field."}}), false
		}
		switch {
		case n <= 0:
			pr.size = defaultPageSize
		case n > maxPageSize:
			pr.size = maxPageSize
		default:
			pr.size = n
		}
	}
	if tok := q.Get("next_page_token"); tok != "" {
		cur, ok := s.pages[tok]
		if !ok || cur.list != list || !c.now.Before(cur.expires) {
			return pr, invalidPageToken(), false
		}
		pr.filter, pr.offset = cur.filter, cur.offset
		return pr, reply{}, true
	}
	for _, k := range filterKeys {
		if v, ok := q[k]; ok {
			pr.filter[k] = v
		}
	}
	if v := q.Get("page_number"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return pr, validationFailed([]fieldError{{Field: "page_number", Message: "Invalid field."}}), false
		}
		pr.offset = (n - 1) * pr.size
	}
	return pr, reply{}, true
}

// page returns the slice bounds of the requested page of total items and the
// token for the next page ("" on the last page).
func (s *Sim) page(c *call, pr pageRequest, total int) (lo, hi int, next string) {
	lo = min(pr.offset, total)
	hi = min(lo+pr.size, total)
	if hi >= total {
		return lo, hi, ""
	}
	s.prunePages(c.now)
	next = randomString(alnum, 35)
	s.pages[next] = &pageCursor{list: pr.list, filter: pr.filter, offset: hi, expires: c.now.Add(pageTokenTTL)}
	return lo, hi, next
}

// prunePages forgets expired page tokens.
func (s *Sim) prunePages(now time.Time) {
	for k, cur := range s.pages {
		if !now.Before(cur.expires) {
			delete(s.pages, k)
		}
	}
}

func pageCount(total, size int) int { return (total + size - 1) / size }
