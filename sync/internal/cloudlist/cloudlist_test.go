package cloudlist

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/zoom"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func dates(ds []time.Time) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Format(time.DateOnly))
	}
	return out
}

// listedAll is a coverage whose dates from..to were all listed at at.
func listedAll(from, to string, at time.Time) Coverage {
	c := Coverage{Listed: map[string]time.Time{}}
	for d := date(from); !d.After(date(to)); d = d.AddDate(0, 0, 1) {
		c.Listed[d.Format(time.DateOnly)] = at
	}
	return c
}

func TestDue(t *testing.T) {
	now := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	lastWeek := listedAll("2026-03-02", "2026-03-09", time.Date(2026, 3, 9, 7, 30, 0, 0, time.UTC))
	processing := func(start time.Time) []Recording {
		return []Recording{{UUID: "a", Start: now.Add(-time.Hour)}, {UUID: "p", Start: start, Processing: true}}
	}
	week := []string{"2026-03-10", "2026-03-09", "2026-03-08", "2026-03-07", "2026-03-06", "2026-03-05", "2026-03-04", "2026-03-03"}
	inRound := listedAll("2026-03-02", "2026-03-09", time.Date(2026, 3, 9, 7, 30, 0, 0, time.UTC))
	inRound.Listed["2026-03-10"] = now.Add(-time.Minute)
	inRound.Listed["2026-03-09"] = now.Add(-time.Minute)
	for _, tt := range []struct {
		name  string
		cov   Coverage
		kept  []Recording
		round time.Time
		want  []string
	}{
		{"nothing listed: the week, newest first", Coverage{}, nil, now, week},
		{"listed yesterday: today, yesterday and the day before", lastWeek, nil, now, []string{"2026-03-10", "2026-03-09", "2026-03-08"}},
		{"listed just after midnight: today and the day before",
			listedAll("2026-03-03", "2026-03-10", time.Date(2026, 3, 10, 0, 5, 0, 0, time.UTC)), nil, now, []string{"2026-03-10", "2026-03-09"}},
		{"listed ten days ago: the week", listedAll("2026-02-21", "2026-02-28", time.Date(2026, 2, 28, 9, 0, 0, 0, time.UTC)), nil, now, week},
		{"listed only part of the week: the rest too",
			listedAll("2026-03-06", "2026-03-09", time.Date(2026, 3, 9, 7, 30, 0, 0, time.UTC)), nil, now,
			[]string{"2026-03-10", "2026-03-09", "2026-03-08", "2026-03-05", "2026-03-04", "2026-03-03"}},
		{"a recording still processing: its day too",
			lastWeek, processing(time.Date(2026, 3, 5, 23, 0, 0, 0, time.UTC)), now, []string{"2026-03-10", "2026-03-09", "2026-03-08", "2026-03-05"}},
		{"one processing before the week: ignored",
			lastWeek, processing(time.Date(2026, 3, 1, 23, 0, 0, 0, time.UTC)), now, []string{"2026-03-10", "2026-03-09", "2026-03-08"}},
		{"in a round: what it listed is done", inRound, nil, now.Add(-time.Hour), []string{"2026-03-08"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := dates(Due(tt.cov, tt.kept, tt.round, now)); !slices.Equal(got, tt.want) {
				t.Errorf("due %v, want %v", got, tt.want)
			}
		})
	}
}

// TestNext: a round starts when none is in progress (or the one in
// progress is a day old), goes newest first, and ends when no date is due.
func TestNext(t *testing.T) {
	now := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	cov := listedAll("2026-03-02", "2026-03-09", time.Date(2026, 3, 9, 7, 30, 0, 0, time.UTC))
	var got []string
	for range 10 {
		d, next, ok := Next(cov, nil, now)
		if !ok {
			if !next.Round.IsZero() || !next.RoundFrom.IsZero() {
				t.Errorf("a finished round is still there: %+v", next)
			}
			break
		}
		if !next.Round.Equal(time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)) || !next.RoundFrom.Equal(date("2026-03-08")) {
			t.Errorf("round %v from %v, want started at the first date and from 2026-03-08", next.Round, next.RoundFrom)
		}
		got = append(got, d.Format(time.DateOnly))
		now = now.Add(time.Second)
		cov = ListedDate(next, d, now)
	}
	if want := []string{"2026-03-10", "2026-03-09", "2026-03-08"}; !slices.Equal(got, want) {
		t.Errorf("listed %v, want %v", got, want)
	}
	if _, ok := cov.Listed["2026-03-02"]; ok {
		t.Error("a date out of the week is still covered")
	}

	// A round interrupted for a day starts again.
	cov.Round, cov.RoundFrom = time.Date(2026, 3, 9, 7, 0, 0, 0, time.UTC), date("2026-03-03")
	d, next, ok := Next(cov, nil, now)
	if !ok || !d.Equal(date("2026-03-10")) || !next.Round.Equal(now) || !next.RoundFrom.Equal(date("2026-03-09")) {
		t.Errorf("after a stale round: %v %+v %v", d, next, ok)
	}
}

func TestMerge(t *testing.T) {
	now := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	at := func(d string, hh int) time.Time { return date(d).Add(time.Duration(hh) * time.Hour) }
	rm := func(uuid, topic string, start time.Time, status string) zoom.RecordingMeeting {
		return zoom.RecordingMeeting{UUID: uuid, ID: int64(len(uuid)), Topic: topic, StartTime: start, ShareURL: "https://zoom.us/rec/share/" + uuid,
			RecordingFiles: []zoom.RecordingFile{{FileType: "MP4", Status: status, PlayURL: "https://zoom.us/rec/play/" + uuid}}}
	}
	kept := CompactList([]zoom.RecordingMeeting{
		rm("old", "Interview: out of the week", at("2026-03-02", 10), "completed"),
		rm("keep", "Interview: another day", at("2026-03-08", 10), "completed"),
		rm("gone", "Interview: deleted in Zoom", at("2026-03-09", 9), "completed"),
		rm("proc", "Interview: was processing", at("2026-03-09", 8), "processing"),
	})
	before := slices.Clone(kept)
	list := CompactList([]zoom.RecordingMeeting{
		rm("proc", "Interview: was processing", at("2026-03-09", 8), "completed"),
		rm("new", "Interview: new", at("2026-03-09", 7), "completed"),
		rm("new", "Interview: new", at("2026-03-09", 7), "completed"), // a repeat across pages
	})
	uuids := func(l []Recording) []string {
		var out []string
		for _, r := range l {
			out = append(out, r.UUID)
			if r.UUID == "proc" && (r.Processing || r.Links.Watch == "") {
				t.Errorf("the processing recording was not updated: %+v", r)
			}
		}
		return out
	}
	// Newest first; "gone" goes (Zoom answered for its day), "keep" stays
	// (another day), "old" is out of the week.
	if got, want := uuids(Merge(kept, list, date("2026-03-09"), true, now)), []string{"proc", "new", "keep"}; !slices.Equal(got, want) {
		t.Errorf("replacing: kept %v, want %v", got, want)
	}
	// The oldest date of a round only adds and updates.
	if got, want := uuids(Merge(kept, list, date("2026-03-09"), false, now)), []string{"gone", "proc", "new", "keep"}; !slices.Equal(got, want) {
		t.Errorf("adding: kept %v, want %v", got, want)
	}
	if !slices.Equal(kept, before) {
		t.Error("Merge modified the kept list")
	}
	// A kept list out of order (it never is) gives the same.
	reversed := slices.Clone(kept)
	slices.Reverse(reversed)
	if got, want := Merge(reversed, list, date("2026-03-09"), true, now), Merge(kept, list, date("2026-03-09"), true, now); !slices.Equal(got, want) {
		t.Errorf("from an unsorted kept list %v, want %v", uuids(got), uuids(want))
	}
}

// TestAppendRecording: recordings.json's hand-written encoding is
// encoding/json's, field for field (a field added to Recording or
// Links and not to AppendRecording fails here: every field is filled).
func TestAppendRecording(t *testing.T) {
	full := Recording{}
	fill := func(v reflect.Value, text string) {
		for i := range v.NumField() {
			switch f := v.Field(i); f.Kind() {
			case reflect.String:
				f.SetString(text + " " + v.Type().Field(i).Name)
			case reflect.Int64:
				f.SetInt(85746065432)
			case reflect.Bool:
				f.SetBool(true)
			}
		}
	}
	fill(reflect.ValueOf(&full).Elem(), "a")
	fill(reflect.ValueOf(&full.Links).Elem(), "https://zoom.us/rec/play/x?a=1&b=<2>")
	full.Start = time.Date(2026, 3, 2, 9, 30, 0, 123456789, time.FixedZone("x", 3600))
	for name, r := range map[string]Recording{
		"every field": full,
		"least":       {Start: time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)},
		"escapes": {UUID: "a/b+c==", ID: 1, Topic: "Interview: \"Ada\" \\ <b> & é \u2028 \x01 tab\t", Passcode: "p\xffq",
			Start: time.Date(2026, 3, 2, 23, 59, 59, 0, time.UTC), Links: Links{Share: "https://zoom.us/rec/share/é"}},
	} {
		t.Run(name, func(t *testing.T) {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(&r); err != nil {
				t.Fatal(err)
			}
			got, err := AppendRecording(nil, &r)
			if err != nil || string(got) != want.String() {
				t.Errorf("AppendRecording = %s, %v\nencoding/json  %s", got, err, want.String())
			}
		})
	}
	bad := Recording{Start: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}
	if _, err := AppendRecording(nil, &bad); err == nil {
		t.Error("a year encoding/json refuses was written")
	}
}
