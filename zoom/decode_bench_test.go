package zoom

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// recordingsPageJSON is a users/me/recordings page of n meetings with three
// files each, as Zoom sends it.
func recordingsPageJSON(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"from":"2026-11-01","to":"2026-11-22","page_size":300,"next_page_token":"","meetings":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"uuid":"u%d==","id":%d,"account_id":"acc","host_id":"h","topic":"Interview: Candidate %d","type":2,`+
			`"start_time":"2026-11-20T15:00:00Z","duration":45,"total_size":123456789,"recording_count":3,`+
			`"share_url":"https://us05web.zoom.us/rec/share/abc%d","recording_play_passcode":"pc%d","recording_files":[`, i, 85000000000+i, i, i, i)
		for j, ft := range []string{"MP4", "M4A", "TRANSCRIPT"} {
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"id":"f%d-%d","meeting_id":"u%d==","recording_start":"2026-11-20T15:00:05Z","recording_end":"2026-11-20T15:44:55Z",`+
				`"file_type":"%s","file_extension":"%s","file_size":100000000,"play_url":"https://us05web.zoom.us/rec/play/%d-%d",`+
				`"download_url":"https://us05web.zoom.us/rec/download/%d-%d","status":"completed","recording_type":"shared_screen_with_speaker_view"}`,
				i, j, i, ft, ft, i, j, i, j)
		}
		b.WriteString(`]}`)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

// answerHeader dates the benchmarks' and fuzzers' answers the day
// recordingsPageJSON's recordings are from.
var answerHeader = http.Header{"Date": {"Fri, 20 Nov 2026 18:00:00 GMT"}}

func BenchmarkDecodeRecordingsPage(b *testing.B) {
	data := recordingsPageJSON(300)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var p recordingsPage
		if err := decodeAnswer(data, answerHeader, &p); err != nil || len(p.list) != 300 {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeRecordingSummariesPage(b *testing.B) {
	data := recordingsPageJSON(300)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var p recordingSummariesPage
		if err := decodeAnswer(data, answerHeader, &p); err != nil || len(p.Meetings) != 300 {
			b.Fatal(err)
		}
	}
}
