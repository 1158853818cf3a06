package zoom

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

// The committed seed corpus lives in testdata/fuzz/<FuzzName>/. Run a fuzzer
// with, for example: go test ./zoom -run '^$' -fuzz FuzzDecodeMeetingsPage -fuzztime 30s

// fuzzDecode checks one decoder: it never panics, fails only with
// ErrMalformedResponse, and what it accepts survives a JSON round trip.
func fuzzDecode[T any](t *testing.T, data []byte) {
	var v T
	err := decodeJSON(data, &v)
	if err != nil {
		if !errors.Is(err, ErrMalformedResponse) {
			t.Fatalf("error does not wrap ErrMalformedResponse: %v", err)
		}
		return
	}
	again, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("re-encode: %v", err)
	}
	var w T
	if err := decodeJSON(again, &w); err != nil {
		t.Fatalf("decoding our own encoding failed: %v\n%s", err, again)
	}
	if !reflect.DeepEqual(v, w) {
		t.Fatalf("round trip changed the value:\n first %+v\nsecond %+v", v, w)
	}
}

func FuzzDecodeUser(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDecode[User](t, data) })
}

func FuzzDecodeMeetingsPage(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDecode[meetingsPage](t, data) })
}

func FuzzDecodeMeetingDetail(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDecode[MeetingDetail](t, data) })
}

func FuzzDecodePastMeeting(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDecode[PastMeeting](t, data) })
}

func FuzzDecodeRecordings(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDecode[recordingsPage](t, data) })
}

func FuzzDecodeSettings(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDecode[Settings](t, data) })
}

func FuzzDecodeError(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte, status int) {
		if status < 100 || status > 599 {
			return
		}
		ze := decodeError(data, status)
		if ze.StatusCode != status || ze.Message == "" {
			t.Fatalf("decodeError = %+v", ze)
		}
	})
}
