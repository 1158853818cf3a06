package zoom

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The committed seed corpus lives in testdata/fuzz/<FuzzName>/. Run a fuzzer
// with, for example: go test ./zoom -run '^$' -fuzz FuzzDecodeMeetingsPage -fuzztime 30s

// fuzzDecode checks one decoder: it never panics, fails only with
// ErrMalformedResponse, and what it accepts survives a JSON round trip
// (after view turns the wire value into the public one).
func fuzzDecode[W, T any](t *testing.T, data []byte, view func(W) T) {
	var w W
	err := decodeAnswer(data, answerHeader, &w)
	if err != nil {
		if !errors.Is(err, ErrMalformedResponse) {
			t.Fatalf("error does not wrap ErrMalformedResponse: %v", err)
		}
		return
	}
	v := view(w)
	again, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("re-encode: %v", err)
	}
	var u T
	if err := decodeJSON(again, &u); err != nil {
		t.Fatalf("decoding our own encoding failed: %v\n%s", err, again)
	}
	if !reflect.DeepEqual(v, u) {
		t.Fatalf("round trip changed the value:\n first %+v\nsecond %+v", v, u)
	}
}

func same[T any](v T) T { return v }

func FuzzDecodeUser(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDecode(t, data, same[User]) })
}

func FuzzDecodeMeetingsPage(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDecode(t, data, func(p meetingsPage) []Meeting { return p.list.Meetings })
	})
}

func FuzzDecodeMeetingDetail(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDecode(t, data, same[MeetingDetail]) })
}

func FuzzDecodePastMeeting(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDecode(t, data, same[PastMeeting]) })
}

func FuzzDecodeRecordings(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDecode(t, data, func(p recordingsPage) []RecordingMeeting { return append([]RecordingMeeting{}, p.list...) })
	})
}

// FuzzDecodeRecordingSummaries checks ScanRecordings' lean decoding
// against the full one: it fails only with ErrMalformedResponse, accepts
// every page and every recording the full decoding accepts without leaving
// a file out, and agrees with it on what it keeps when nothing was left
// out. (It may accept more: it does not read the files' IDs.)
func FuzzDecodeRecordingSummaries(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDecode(t, data, summaries)
		var lean recordingSummariesPage
		leanErr := decodeAnswer(data, answerHeader, &lean)
		var full recordingsPage
		if err := decodeAnswer(data, answerHeader, &full); err != nil {
			return
		}
		if leanErr != nil {
			t.Fatalf("the full decoding accepts what the lean one refuses: %v", leanErr)
		}
		if len(lean.Meetings) != len(full.Meetings) {
			t.Fatalf("lean decoding has %d items, the full one %d", len(lean.Meetings), len(full.Meetings))
		}
		filesLeftOut := false
		for i := range full.Meetings {
			fileLeftOut := false
			for _, f := range full.Meetings[i].v.RecordingFiles {
				fileLeftOut = fileLeftOut || f.bad
			}
			if !full.Meetings[i].bad && !fileLeftOut && lean.Meetings[i].bad {
				t.Fatalf("item %d: the full decoding reads what the lean one cannot", i)
			}
			filesLeftOut = filesLeftOut || fileLeftOut
		}
		if filesLeftOut || full.skipped > 0 {
			return
		}
		want := make([]RecordingSummary, len(full.list))
		for i := range full.list {
			want[i] = full.list[i].Summary()
		}
		if got := summaries(lean); !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Fatalf("lean decoding differs:\n lean %+v\n full %+v", got, want)
		}
	})
}

// summaries is what RecordingsScanner.Page hands over of a page.
func summaries(p recordingSummariesPage) []RecordingSummary {
	out := []RecordingSummary{}
	for i := range p.Meetings {
		if p.Meetings[i].bad {
			continue
		}
		var s RecordingSummary
		p.Meetings[i].v.summary(&s)
		if s.usable(p.now) {
			out = append(out, s)
		}
	}
	return out
}

func FuzzDecodeSettings(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDecode(t, data, same[Settings]) })
}

func FuzzDecodeError(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte, status int) {
		if status < 100 || status > 599 {
			return
		}
		ze := decodeError(data, status)
		if ze.StatusCode != status || strings.TrimSpace(ze.Message) == "" || utf8.RuneCountInString(ze.Message) > maxMessageRunes {
			t.Fatalf("decodeError = %+v", ze)
		}
		checkErrorText(t, ze)
		ze.Method, ze.Path = "GET", "/users/me"
		checkErrorText(t, ze)
	})
}

// checkErrorText: the error's text names the status, says something after
// it, and holds no control character.
func checkErrorText(t *testing.T, ze *Error) {
	t.Helper()
	msg := ze.Error()
	if !strings.Contains(msg, fmt.Sprintf("HTTP %d", ze.StatusCode)) || !strings.HasSuffix(msg, ": "+ze.Message) || strings.Contains(msg, "  ") {
		t.Fatalf("error text %q does not say the status and what it means", msg)
	}
	for _, r := range msg {
		if unicode.IsControl(r) || isBidiControl(r) {
			t.Fatalf("error text %q holds %U", msg, r)
		}
	}
}
