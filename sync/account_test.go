package sync

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/zoom"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// TestCacheOfBeforeTheAccountUser: a snapshot.json written before the
// account's user was saved beside the snapshot (testdata/cache-v1, written
// by that version) loads whole: the user comes from the snapshot, the
// followed recordings from their list. Written again, it holds the user,
// and it loads back to the same account.
func TestCacheOfBeforeTheAccountUser(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{}, time.Date(2026, 3, 3, 8, 10, 0, 0, time.UTC), time.UTC)
		old, err := os.ReadFile(filepath.Join("testdata", "cache-v1", cacheFile))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(v.dirs[2], cacheFile)
		write(t, path, string(old))
		open := func() *Engine {
			e, err := New(Options{Client: v.client, StateDir: v.dirs[0], ConfigDir: v.dirs[1], CacheDir: v.dirs[2], Now: v.now, Location: time.UTC})
			if err != nil {
				t.Fatal(err)
			}
			return e
		}
		e := open()
		a := e.acct
		const id, uuid = int64(87311964563), "Qm9vbGUgYWxnZWJyYQ=="
		if a.User == nil || a.User.ID != "wGcR5hL8kY0IbAYv6ENeVw" || a.UserAt.IsZero() {
			t.Errorf("user %+v at %v", a.User, a.UserAt)
		}
		if len(a.Upcoming) != 1 || len(a.Hosted) != 1 || a.UpcomingAt.IsZero() || a.HostedAt.IsZero() {
			t.Errorf("meetings %+v %+v", a.Upcoming, a.Hosted)
		}
		if d := a.Details[id]; d == nil || d.Passcode != "ayfRei" {
			t.Errorf("details %+v", a.Details)
		}
		if r, ok := a.Tracked["cloud:"+uuid]; !ok || r.State != RecProcessing || len(a.Tracked) != 1 {
			t.Errorf("tracked %+v", a.Tracked)
		}
		s := e.Snapshot()
		if iv, ok := interview(s, id); !ok || iv.Passcode != "ayfRei" || !iv.HostedByMe {
			t.Errorf("interview %+v", iv)
		}
		if len(s.Recordings) != 1 || s.Recordings[0].MeetingUUID != uuid {
			t.Errorf("recordings %+v", s.Recordings)
		}
		if len(s.Problems) != 0 {
			t.Errorf("problems %+v", s.Problems)
		}
		before, _ := json.Marshal(e.acct.cacheCopy())
		e.acct.UserAt = e.acct.UserAt.Add(time.Minute) // something to write
		e.mu.Lock()
		e.changedLocked()
		e.mu.Unlock()
		e.Close()

		var saved map[string]json.RawMessage
		data, err := os.ReadFile(path)
		if err != nil || json.Unmarshal(data, &saved) != nil {
			t.Fatalf("saved cache: %v", err)
		}
		if _, ok := saved["user"]; !ok {
			t.Error("the saved cache has no user")
		}
		e = open()
		defer e.Close()
		e.acct.UserAt = e.acct.UserAt.Add(-time.Minute)
		if after, _ := json.Marshal(e.acct.cacheCopy()); string(after) != string(before) {
			t.Errorf("account after a save and a load:\n%s\nbefore:\n%s", after, before)
		}
	})
}

// TestAccountIsTheCache: every exported field of account is saved in
// snapshot.json and read back, and a new account has none of the old
// one's data; so the cache, a change of user and a sign-out each handle
// the account's data as one value.
func TestAccountIsTheCache(t *testing.T) {
	now := time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC)
	a := newAccount()
	a.User = &User{ID: "u1"}
	a.UserAt, a.UpcomingAt, a.HostedAt = now, now, now
	a.Upcoming = []zoom.Meeting{{ID: 1, Topic: "Interview: A", StartTime: now}}
	a.Hosted = []zoom.Meeting{{ID: 2, Topic: "Interview: B", StartTime: now}}
	a.Details[1] = &detailRec{Passcode: "p", FetchedAt: now}
	r := Recording{MeetingUUID: "x", MeetingID: 1, Kind: KindCloud, State: RecReady, StartTime: now}
	a.Tracked[r.Key()] = r
	rv := reflect.ValueOf(a)
	for i := range rv.NumField() {
		if f := rv.Type().Field(i); f.IsExported() && rv.Field(i).IsZero() {
			t.Errorf("the test sets no %s", f.Name)
		}
	}
	data, err := json.Marshal(cacheData{Version: cacheVersion, Snapshot: &Snapshot{}, account: a.cacheCopy()})
	if err != nil {
		t.Fatal(err)
	}
	var c cacheData
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.account, a.cacheCopy()) {
		t.Errorf("read back %+v\nwant %+v", c.account, a.cacheCopy())
	}
	if !reflect.DeepEqual(newAccount(), account{Details: map[int64]*detailRec{}, Tracked: trackedRecordings{}}) {
		t.Error("a new account is not empty")
	}
}
