package sync

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	stdsync "sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/sync/internal/cloudlist"
	"github.com/interviewtray/interviewtray/sync/internal/zoomfolder"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// The engine's files are its own, but a crash, a disk error, an old or a
// newer version, a restore or a hand edit can leave anything in them that
// is well-formed JSON. Whatever they hold, the engine starts (and runs):
// TestHostileFiles takes the files of a realistic day (seedFiles), and for
// every field of every file writes documents that still parse but do not
// hold together: null in every map and slice and in place of every value,
// wrong types, huge and negative numbers, empty objects, entries with a
// null value added to every object.

// seedStart is when the seed day begins; seedEnd when its files are taken.
var (
	seedStart = time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC)
	seedEnd   = time.Date(2026, 3, 3, 12, 35, 0, 0, time.UTC)
)

// seedMeetings are the seed day's meetings (the cases' simulators have them
// too, so that fresh answers meet the cached data).
func seedMeetings(v *env) []zoomsim.SimMeeting {
	day := func(hh, mm int) time.Time { return time.Date(2026, 3, 3, hh, mm, 0, 0, time.UTC) }
	return []zoomsim.SimMeeting{
		v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: day(9, 0)}),
		v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Bob", StartTime: day(10, 0), Host: "other", Invited: true}),
		v.meeting(zoomsim.MeetingSpec{Topic: "Team sync", StartTime: day(11, 0)}),
		v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Cy", StartTime: day(12, 40)}),
		v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Dee", StartTime: day(15, 0)}),
	}
}

var seed struct {
	once  stdsync.Once
	files map[string][]byte // by path relative to the env's root: state/state.json ...
}

// seedFiles runs the seed day once and returns its files.
func seedFiles(t *testing.T) map[string][]byte {
	seed.once.Do(func() {
		synctest.Test(t, func(t *testing.T) {
			v := newEnv(t, zoomsim.Options{AutoEnd: true, RecordingDelay: 10 * time.Minute}, seedStart, time.UTC)
			ms := seedMeetings(v)
			e := v.start()
			dir := filepath.Join(v.folder, ms[1].StartTime.Add(time.Minute).Format(zoomfolder.TimeLayout)+" Interview_ Bob")
			write(t, filepath.Join(dir, "recording.conf"), `{"items":[{"process":100}]}`)
			write(t, filepath.Join(dir, "audio.m4a"), "x")
			v.until(time.Date(2026, 3, 3, 10, 50, 0, 0, time.UTC))
			if err := e.Include(ms[2].ID); err != nil {
				t.Fatal(err)
			}
			s := e.Settings()
			s.ManualChecksDone = []string{"x"}
			if err := e.UpdateSettings(s); err != nil {
				t.Fatal(err)
			}
			v.until(time.Date(2026, 3, 3, 12, 31, 0, 0, time.UTC))
			for _, r := range e.Snapshot().Reminders {
				_ = e.Snooze(r.Key, time.Minute)
			}
			if _, err := e.FixSettings(t.Context()); err != nil {
				t.Fatal(err)
			}
			v.stop()
			// A fresh list of the week, with the day's cloud recording.
			os.Remove(filepath.Join(v.dirs[2], cloudlist.IndexName))
			v.start()
			v.until(time.Date(2026, 3, 3, 12, 35, 0, 0, time.UTC))
			v.stop()
			seed.files = map[string][]byte{}
			root := filepath.Dir(v.dirs[0])
			for _, d := range v.dirs {
				names, _ := filepath.Glob(filepath.Join(d, "*.json"))
				for _, n := range names {
					data, err := os.ReadFile(n)
					if err != nil {
						t.Fatal(err)
					}
					rel, _ := filepath.Rel(root, n)
					seed.files[rel] = data
				}
			}
		})
	})
	if seed.files == nil {
		t.Fatal("no seed files")
	}
	return seed.files
}

// hostileValues replace a value in a hostile document.
var hostileValues = []any{nil, "x", 9223372036854775807, -9223372036854775808, -1, 1e308, map[string]any{}, []any{nil}}

// hostileDocs returns, for one file, documents that parse but may not hold
// together, each with a name saying what was changed. Array elements past
// the first and object keys that name things (IDs, keys, dates) rather
// than fields are mutated once per shape, which keeps the count in the
// hundreds rather than the thousands.
func hostileDocs(t *testing.T, data []byte) map[string][]byte {
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	seen := map[string]bool{}
	var walk func(path []string, shape string, set func(any), v any)
	add := func(name string, set func(any), v any) {
		set(v)
		b, err := json.Marshal(doc)
		if err != nil {
			panic(err)
		}
		out[name] = b
	}
	walk = func(path []string, shape string, set func(any), v any) {
		if seen[shape] {
			return
		}
		seen[shape] = true
		name := "/" + strings.Join(path, "/")
		for _, h := range hostileValues {
			add(fmt.Sprintf("%s=%v", name, h), set, h)
		}
		set(v)
		switch v := v.(type) {
		case map[string]any:
			for _, extra := range []string{"x", "1"} { // a map entry without its value
				if _, ok := v[extra]; !ok {
					v[extra] = nil
					add(fmt.Sprintf("%s/%s=null(added)", name, extra), func(any) {}, nil)
					delete(v, extra)
				}
			}
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				ks := k
				if namedKey.MatchString(k) {
					ks = "*"
				}
				walk(append(slices.Clone(path), k), shape+"/"+ks, func(x any) { v[k] = x }, v[k])
			}
		case []any:
			if len(v) > 0 {
				walk(append(slices.Clone(path), "0"), shape+"/[]", func(x any) { v[0] = x }, v[0])
			}
		}
	}
	walk(nil, "", func(x any) { doc = x }, doc)
	return out
}

// namedKey matches map keys that are data (meeting IDs, reminder and
// occurrence keys, dates, recording keys), not field names.
var namedKey = regexp.MustCompile(`[0-9:@]`)

// TestHostileFiles: for each kept file and each hostile document, an engine
// on the seed day's files with that one file replaced starts, runs its
// clock and sync loops for a few (fake) minutes, publishes snapshots that
// encode, and closes. A document newer than the engine may stop it with
// an error saying so; nothing else may.
func TestHostileFiles(t *testing.T) {
	files := seedFiles(t)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) < 5 {
		t.Fatalf("seed files %v: want state, settings, snapshot, recordings and a date file", names)
	}
	total := 0
	for _, name := range names {
		docs := hostileDocs(t, files[name])
		total += len(docs)
		t.Run(filepath.Base(name), func(t *testing.T) {
			cases := make([]string, 0, len(docs))
			for c := range docs {
				cases = append(cases, c)
			}
			sort.Strings(cases)
			// One simulated account per file, its clock going on from case
			// to case; every other case is offline, which keeps to what
			// the files say (and is cheaper).
			synctest.Test(t, func(t *testing.T) {
				v := newEnv(t, zoomsim.Options{AutoEnd: true, RecordingDelay: 10 * time.Minute}, seedEnd, time.UTC)
				seedMeetings(v)
				for i, c := range cases {
					if step := hostileSample(); i%step != len(name)%step {
						continue
					}
					if (i/hostileSample())%2 == 1 {
						v.sw.set(offlineErr())
					} else {
						v.sw.set(nil)
					}
					runHostile(t, v, files, name, c, docs[c])
				}
			})
		})
	}
	t.Logf("%d hostile documents in %d files", total, len(names))
}

// hostileSample is 1 (every case) or, under the race detector or -short,
// the step of the sample of cases that runs.
func hostileSample() int {
	switch {
	case testing.Short():
		return 16
	case raceEnabled:
		return 6
	}
	return 1
}

// runHostile runs one engine on files with name replaced by doc, for a
// few minutes of v's clock.
func runHostile(t *testing.T, v *env, files map[string][]byte, name, what string, doc []byte) {
	t.Helper()
	root := filepath.Dir(v.dirs[0])
	for _, d := range v.dirs {
		os.RemoveAll(d)
	}
	for n, data := range files {
		if n == name {
			data = doc
		}
		write(t, filepath.Join(root, n), string(data))
	}
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("%s %s: panic %v", name, what, r)
			}
		}()
		opts := Options{Client: v.client, StateDir: v.dirs[0], ConfigDir: v.dirs[1], CacheDir: v.dirs[2],
			Now: v.now, Location: v.loc, DefaultRecordingFolder: v.folder}
		e, err := New(opts)
		if err != nil {
			if strings.Contains(err.Error(), "newer Interview Tray") {
				return
			}
			t.Errorf("%s %s: New: %v", name, what, err)
			return
		}
		ch, stop := e.Subscribe()
		defer stop()
		if err := e.Start(t.Context()); err != nil {
			t.Fatal(err)
		}
		go func() {
			for range e.Events() {
			}
		}()
		time.Sleep(time.Minute)
		synctest.Wait()
		e.Wake()
		synctest.Wait()
		if _, err := json.Marshal(e.Snapshot()); err != nil {
			t.Errorf("%s %s: snapshot does not encode: %v", name, what, err)
		}
		for len(ch) > 0 {
			<-ch
		}
		e.Close()
	}()
}

// TestNullEntriesSetAside: the two documents that crashed the agent at
// every start (a null past occurrence in state.json, null meeting details
// in snapshot.json) are set aside as NAME.bad-TIMESTAMP with a problem in
// the snapshot, and the engine starts with what is good in them: the
// override survives, the good state is written back at once.
func TestNullEntriesSetAside(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		m := v.meeting(zoomsim.MeetingSpec{Topic: "Team sync", StartTime: v.at(0, 11, 0)})
		write(t, filepath.Join(v.dirs[0], stateFile), fmt.Sprintf(
			`{"version":1,"past":{"x":null},"overrides":{"%d":{"mode":"include","set_at":"2026-03-03T07:00:00Z"}}}`, m.ID))
		write(t, filepath.Join(v.dirs[2], cacheFile), `{"version":1,"snapshot":{},"details":{"1":null}}`)
		e := v.start()
		v.until(v.at(0, 8, 5))
		for _, f := range []string{filepath.Join(v.dirs[0], stateFile), filepath.Join(v.dirs[2], cacheFile)} {
			if bad, _ := filepath.Glob(f + ".bad-*"); len(bad) != 1 {
				t.Errorf("%s set aside as %v", f, bad)
			}
		}
		if iv, ok := interview(e.Snapshot(), m.ID); !ok || !iv.IsInterview || iv.Override != OverrideInclude {
			t.Errorf("the override was lost: %+v", iv)
		}
		var n int
		for _, p := range e.Snapshot().Problems {
			if strings.Contains(p.Message, "could not be read") && strings.Contains(p.Message, ".bad-") {
				n++
			}
		}
		if n != 2 {
			t.Errorf("problems %+v: want one for each file set aside", e.Snapshot().Problems)
		}
		v.stop()
		var st persistState
		if _, err := readJSON(filepath.Join(v.dirs[0], stateFile), &st); err != nil || st.Overrides[m.ID].Mode != OverrideInclude {
			t.Errorf("state written back: %+v, %v", st, err)
		}
	})
}

// TestSetAsideKeepsEarlierCopies: a file set aside twice in one second
// keeps both copies.
func TestSetAsideKeepsEarlierCopies(t *testing.T) {
	path := filepath.Join(t.TempDir(), stateFile)
	now := time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC)
	var kept []string
	for _, body := range []string{"first", "second"} {
		write(t, path, body)
		kept = append(kept, setAside(path, now))
	}
	for i, body := range []string{"first", "second"} {
		if data, err := os.ReadFile(kept[i]); err != nil || string(data) != body {
			t.Errorf("copy %d %s: %q, %v", i, kept[i], data, err)
		}
	}
}

// TestSeedFilesLoadClean: a day's own files set nothing aside (validation
// finds no fault in what the engine writes).
func TestSeedFilesLoadClean(t *testing.T) {
	files := seedFiles(t)
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{AutoEnd: true, RecordingDelay: 10 * time.Minute}, seedEnd, time.UTC)
		seedMeetings(v)
		root := filepath.Dir(v.dirs[0])
		for n, data := range files {
			write(t, filepath.Join(root, n), string(data))
		}
		e := v.start()
		defer v.stop()
		for _, p := range e.Snapshot().Problems {
			if strings.Contains(p.Message, "could not be read") {
				t.Errorf("problem on the engine's own files: %s", p.Message)
			}
		}
		if bad, _ := filepath.Glob(filepath.Join(root, "*", "*.bad-*")); len(bad) > 0 {
			t.Errorf("set aside: %v", bad)
		}
	})
}
