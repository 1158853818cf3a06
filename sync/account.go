package sync

import (
	"encoding/json"
	"maps"
	"slices"
	"time"

	"github.com/interviewtray/interviewtray/sync/internal/cloudlist"
	"github.com/interviewtray/interviewtray/zoom"
)

// account is what the engine knows of the signed-in Zoom account
// (guarded by Engine.mu): the one place that lists it. Its exported
// fields are snapshot.json beside the snapshot (cacheData embeds it), so
// saving the cache marshals a copy of it; switching to another Zoom user
// or signing out starts a new one (newAccount). The unexported fields are
// worked out from the others or kept in other files (the recordings list,
// recordings*.json).
type account struct {
	User       *User                `json:"user,omitempty"` // absent from older files: the snapshot's user then (loadCache)
	UserAt     time.Time            `json:"user_at,omitzero"`
	Upcoming   []zoom.Meeting       `json:"upcoming"` // last users/me/upcoming_meetings; replaced, never mutated
	UpcomingAt time.Time            `json:"upcoming_at,omitzero"`
	Hosted     []zoom.Meeting       `json:"hosted"` // last users/me/meetings?type=upcoming; replaced, never mutated
	HostedAt   time.Time            `json:"hosted_at,omitzero"`
	Details    map[int64]*detailRec `json:"details"` // by meeting ID; a record is replaced, never mutated
	Tracked    trackedRecordings    `json:"tracked"` // followed recordings

	meetings  []meetingRec          // merged from Upcoming and Hosted (mergedLocked)
	listedRaw []cloudlist.Recording // users/me/recordings as kept (package cloudlist); replaced, never mutated
	listCov   cloudlist.Coverage    // the dates listedRaw covers
	listPart  *cloudlist.Partial    // the date being listed a page per pass, if any
	listed    []Recording           // listedRaw filtered by the rules
	unread    unreadCounts          // items of Zoom's last lists that could not be read (health.go)
}

// newAccount returns an account with nothing known yet.
func newAccount() account {
	return account{Details: map[int64]*detailRec{}, Tracked: trackedRecordings{}}
}

// fillNil makes the maps of an account read from a file usable.
func (a *account) fillNil() {
	if a.Details == nil {
		a.Details = map[int64]*detailRec{}
	}
	if a.Tracked == nil {
		a.Tracked = trackedRecordings{}
	}
}

// cacheCopy returns what snapshot.json saves of a: a copy to marshal
// without the lock (the lists are replaced, never mutated; the maps are
// cloned). JSON leaves out the unexported fields.
func (a *account) cacheCopy() account {
	c := *a
	c.Details, c.Tracked = maps.Clone(a.Details), maps.Clone(a.Tracked)
	return c
}

// trackedRecordings are the followed recordings by key (Recording.key).
// In JSON they are a list, in key order.
type trackedRecordings map[string]Recording

func (t trackedRecordings) MarshalJSON() ([]byte, error) {
	list := make([]Recording, 0, len(t))
	for _, k := range slices.Sorted(maps.Keys(t)) {
		list = append(list, t[k])
	}
	return json.Marshal(list)
}

func (t *trackedRecordings) UnmarshalJSON(data []byte) error {
	var list []Recording
	if err := json.Unmarshal(data, &list); err != nil {
		return err
	}
	m := make(trackedRecordings, len(list))
	for _, r := range list {
		m[r.Key()] = r
	}
	*t = m
	return nil
}
