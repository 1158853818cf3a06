package zoom

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/internal/testenv"
)

// The property test below generates, from Zoom's OpenAPI schema of the
// endpoints the client calls (../shared/zoom-openapi-subset.json beside
// the repository, never copied into it), random answers the schema allows:
// optional fields absent or null, strings where the schema says string
// (the recordings' meeting type "2"), every enumeration's values, unknown
// extra fields, empty and long lists, unicode text, times near and far.
// Each must decode without error, and what the engine uses must come out
// as sent (tidied as tidy.go says).

const schemaFile = "../../shared/zoom-openapi-subset.json"

// schemaCases is how many answers are generated per endpoint.
const schemaCases = 500

// schemaSeed makes the answers reproducible; ZOOM_SCHEMA_SEED picks others.
func schemaSeed(t *testing.T) uint64 {
	if s := os.Getenv("ZOOM_SCHEMA_SEED"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("ZOOM_SCHEMA_SEED=%q: %v", s, err)
		}
		return n
	}
	return 20261204
}

// schemaNow is the Date of every generated answer.
var schemaNow = time.Date(2026, 12, 4, 15, 0, 0, 0, time.UTC)

// loadResponseSchemas returns the 200 schema of each "METHOD path" of the
// schema file, or skips (fails under CI=true) when the file is missing.
func loadResponseSchemas(t *testing.T) map[string]map[string]any {
	t.Helper()
	raw, err := os.ReadFile(filepath.FromSlash(schemaFile))
	if os.IsNotExist(err) {
		testenv.Missing(t, "Zoom's OpenAPI schema "+schemaFile)
	}
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Paths map[string]map[string]struct {
			Responses map[string]struct {
				Content map[string]struct {
					Schema map[string]any `json:"schema"`
				} `json:"content"`
			} `json:"responses"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatalf("parse %s: %v", schemaFile, err)
	}
	out := map[string]map[string]any{}
	for path, ops := range spec.Paths {
		for method, op := range ops {
			if s := op.Responses["200"].Content["application/json"].Schema; s != nil {
				out[strings.ToUpper(method)+" "+path] = s
			}
		}
	}
	return out
}

// gen generates JSON values (as Go values for encoding/json) that a schema
// allows.
type gen struct {
	r   *rand.Rand
	now time.Time
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *gen) value(s map[string]any, depth int) any {
	if variants, ok := s["oneOf"].([]any); ok && len(variants) > 0 {
		return g.value(variants[g.r.IntN(len(variants))].(map[string]any), depth)
	}
	if enum, ok := s["enum"].([]any); ok && len(enum) > 0 {
		v := enum[g.r.IntN(len(enum))]
		if s["type"] == "string" {
			return fmt.Sprint(v) // the recordings' meeting type: [1, 2, ...] declared as strings
		}
		return v
	}
	typ := s["type"]
	if typ == nil && s["properties"] != nil {
		typ = "object"
	}
	switch typ {
	case "object":
		return g.object(s, depth)
	case "array":
		return g.array(s, depth)
	case "string":
		return g.string(s)
	case "integer":
		return g.integer(s)
	case "number":
		return g.number()
	case "boolean":
		return g.chance(0.5)
	}
	return g.anyValue(depth)
}

func (g *gen) object(s map[string]any, depth int) map[string]any {
	out := map[string]any{}
	props, _ := s["properties"].(map[string]any)
	required := map[string]bool{}
	for _, r := range asList(s["required"]) {
		required[fmt.Sprint(r)] = true
	}
	for k, p := range props {
		switch {
		case required[k] || g.chance(0.7):
			out[k] = g.value(p.(map[string]any), depth+1)
		case g.chance(0.5):
			out[k] = nil // optional and null
		}
	}
	if g.chance(0.3) {
		for i := range 1 + g.r.IntN(3) {
			out[fmt.Sprintf("x_unknown_%d_%s", i, g.text(8))] = g.anyValue(depth + 1)
		}
	}
	return out
}

func (g *gen) array(s map[string]any, depth int) []any {
	items, _ := s["items"].(map[string]any)
	var n int
	switch x := g.r.Float64(); {
	case x < 0.2:
		n = 0
	case x < 0.85 || depth > 1:
		n = 1 + g.r.IntN(4)
	default:
		n = 20 + g.r.IntN(130) // a long list
	}
	if maxItems, ok := s["maxItems"].(float64); ok {
		n = min(n, int(maxItems))
	}
	out := make([]any, n)
	for i := range out {
		if items == nil {
			out[i] = g.anyValue(depth + 1)
		} else {
			out[i] = g.value(items, depth+1)
		}
	}
	return out
}

func (g *gen) string(s map[string]any) string {
	switch s["format"] {
	case "date-time":
		return g.dateTime()
	case "date":
		return g.now.AddDate(0, 0, g.r.IntN(60)-30).Format(time.DateOnly)
	case "email":
		return g.text(1+g.r.IntN(10)) + "@" + "example.com"
	}
	n := g.r.IntN(30)
	if g.chance(0.05) {
		n = 200 + g.r.IntN(3000) // longer than any topic kept
	}
	if maxLen, ok := s["maxLength"].(float64); ok {
		n = min(n, int(maxLen))
	}
	return g.text(n)
}

// dateTime is an RFC 3339 time: mostly within a year of now, in UTC or an
// offset, with or without fractions; sometimes centuries away.
func (g *gen) dateTime() string {
	t := g.now.Add(time.Duration(g.r.Int64N(int64(2*365*24*time.Hour))) - 365*24*time.Hour).Truncate(time.Second)
	if g.chance(0.05) {
		t = time.Date(1900+g.r.IntN(8000), time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28), 0, 0, 0, 0, time.UTC)
	}
	switch g.r.IntN(4) {
	case 0:
		return t.UTC().Format("2006-01-02T15:04:05Z")
	case 1:
		return t.In(time.FixedZone("", (g.r.IntN(27)-12)*3600+g.r.IntN(2)*1800)).Format(time.RFC3339)
	case 2:
		return t.Add(time.Duration(g.r.IntN(1e9))).UTC().Format(time.RFC3339Nano)
	default:
		return t.UTC().Format(time.RFC3339)
	}
}

// runes the text is drawn from: ASCII, accents, CJK, emoji, right-to-left,
// combining marks, controls and the bidirectional overrides.
var textRunes = []rune("abcXYZ019 -_:/#%?&\"'\\<>éüßçñ中文日本語한국어🙂👩‍💻🎉עבריתالعربية\u0301\u200d\u202e\u2066\t\n\x00\x1b")

func (g *gen) text(n int) string {
	var b strings.Builder
	for range n {
		b.WriteRune(textRunes[g.r.IntN(len(textRunes))])
	}
	return b.String()
}

func (g *gen) integer(s map[string]any) int64 {
	lo, hi := int64(math.MinInt64/2), int64(math.MaxInt64/2)
	if v, ok := s["minimum"].(float64); ok {
		lo = int64(v)
	}
	if v, ok := s["maximum"].(float64); ok {
		hi = int64(v)
	}
	var v int64
	switch x := g.r.Float64(); {
	case x < 0.5:
		v = g.r.Int64N(1000)
	case x < 0.8:
		v = 1e9 + g.r.Int64N(1e11) // meeting numbers
	case x < 0.9:
		v = g.r.Int64N(math.MaxInt64/2) - g.r.Int64N(math.MaxInt64/2)
	default:
		v = -g.r.Int64N(1000)
	}
	return min(max(v, lo), hi)
}

func (g *gen) number() any {
	switch g.r.IntN(3) {
	case 0:
		return g.r.Int64N(1 << 40)
	case 1:
		return float64(g.r.Int64N(1<<30)) + 0.5
	default:
		return json.Number(fmt.Sprintf("%d.0e3", g.r.IntN(1000)))
	}
}

// anyValue is an unknown field's value: any JSON.
func (g *gen) anyValue(depth int) any {
	k := g.r.IntN(7)
	if depth > 3 {
		k %= 5
	}
	switch k {
	case 0:
		return nil
	case 1:
		return g.chance(0.5)
	case 2:
		return g.r.NormFloat64() * 1e6
	case 3:
		return g.text(g.r.IntN(20))
	case 4:
		return g.r.Int64N(1 << 53)
	case 5:
		return []any{g.anyValue(depth + 1), g.anyValue(depth + 1)}
	default:
		return map[string]any{"id": g.anyValue(depth + 1), "type": g.anyValue(depth + 1)}
	}
}

func asList(v any) []any { l, _ := v.([]any); return l }

// Reading the generated value the way the schema says (nil, absent and
// null alike).

func gStr(m map[string]any, k string) string { s, _ := m[k].(string); return s }

func gObj(m map[string]any, k string) map[string]any { o, _ := m[k].(map[string]any); return o }

func gList(m map[string]any, k string) []any { l, _ := m[k].([]any); return l }

func gInt(m map[string]any, k string) int64 {
	switch v := m[k].(type) {
	case int64:
		return v
	case float64:
		return int64(v)
	case string:
		n, _ := strconv.ParseInt(v, 10, 64)
		return n
	case json.Number:
		f, _ := v.Float64()
		return int64(f)
	}
	return 0
}

func gTime(m map[string]any, k string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, gStr(m, k))
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}

func gBool(m map[string]any, k string) *bool {
	if b, ok := m[k].(bool); ok {
		return &b
	}
	return nil
}

// The tidying the client promises (tidy.go), stated again for the test.

func wantTime(t time.Time) time.Time {
	if !plausible(t, schemaNow) {
		return time.Time{}
	}
	return t
}

func wantDuration(m map[string]any, k string) int {
	return int(min(max(gInt(m, k), 0), 24*60))
}

func wantMeeting(m map[string]any) (Meeting, bool) {
	if gInt(m, "id") <= 0 || !plausible(gTime(m, "start_time"), schemaNow) {
		return Meeting{}, false
	}
	return Meeting{ID: gInt(m, "id"), UUID: gStr(m, "uuid"), HostID: gStr(m, "host_id"), Topic: tidyTopic(gStr(m, "topic")),
		Type: int(gInt(m, "type")), StartTime: gTime(m, "start_time"), Duration: wantDuration(m, "duration"),
		JoinURL: gStr(m, "join_url")}, true
}

// engineMeeting is what the engine reads of a meeting.
func engineMeeting(m Meeting) Meeting {
	return Meeting{ID: m.ID, UUID: m.UUID, HostID: m.HostID, Topic: m.Topic, Type: m.Type, StartTime: m.StartTime,
		Duration: m.Duration, JoinURL: m.JoinURL}
}

// wantSummary is a listed recording's summary; false when the list leaves
// it out.
func wantSummary(m map[string]any) (RecordingSummary, bool) {
	if (gStr(m, "uuid") == "" && gInt(m, "id") <= 0) || !plausible(gTime(m, "start_time"), schemaNow) {
		return RecordingSummary{}, false
	}
	return summaryOf(m), true
}

func summaryOf(m map[string]any) RecordingSummary {
	s := RecordingSummary{UUID: gStr(m, "uuid"), ID: gInt(m, "id"), Topic: tidyTopic(gStr(m, "topic")),
		StartTime: wantTime(gTime(m, "start_time")), ShareURL: gStr(m, "share_url"), Password: gStr(m, "password")}
	if _, ok := m["recording_files"].([]any); ok {
		s.Files = []RecordingFileSummary{}
	}
	for _, f := range gList(m, "recording_files") {
		f := f.(map[string]any)
		s.Files = append(s.Files, RecordingFileSummary{FileType: gStr(f, "file_type"), RecordingType: gStr(f, "recording_type"),
			Status: gStr(f, "status"), PlayURL: gStr(f, "play_url"), DownloadURL: gStr(f, "download_url")})
	}
	return s
}

// schemaEndpoint is one endpoint the client calls, with the check of one
// generated answer.
type schemaEndpoint struct {
	name   string
	schema string // "METHOD path" in the schema file
	check  func(t *testing.T, c *Client, body map[string]any)
}

var schemaEndpoints = []schemaEndpoint{
	{"Me", "GET /users/{userId}", func(t *testing.T, c *Client, b map[string]any) {
		u, err := c.Me(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		want := User{ID: gStr(b, "id"), Email: gStr(b, "email"), FirstName: gStr(b, "first_name"), LastName: gStr(b, "last_name"),
			Type: int(gInt(b, "type")), Timezone: gStr(b, "timezone"), AccountID: gStr(b, "account_id")}
		got := User{ID: u.ID, Email: u.Email, FirstName: u.FirstName, LastName: u.LastName, Type: u.Type, Timezone: u.Timezone, AccountID: u.AccountID}
		if got != want {
			t.Fatalf("user %+v, want %+v", got, want)
		}
	}},
	{"ListUpcomingMeetings", "GET /users/{userId}/meetings", func(t *testing.T, c *Client, b map[string]any) {
		checkMeetingList(t, b, func() (MeetingList, error) { return c.ListUpcomingMeetings(context.Background()) })
	}},
	// users/me/upcoming_meetings is not in the schema file: its items are
	// the meetings list's (zoom-api.md 3.3), so that schema stands in.
	{"ListUpcomingInvited", "GET /users/{userId}/meetings", func(t *testing.T, c *Client, b map[string]any) {
		checkMeetingList(t, b, func() (MeetingList, error) { return c.ListUpcomingInvited(context.Background()) })
	}},
	{"GetMeeting", "GET /meetings/{meetingId}", func(t *testing.T, c *Client, b map[string]any) {
		d, err := c.GetMeeting(context.Background(), 85000000001)
		if err != nil {
			t.Fatal(err)
		}
		want := Meeting{ID: gInt(b, "id"), UUID: gStr(b, "uuid"), HostID: gStr(b, "host_id"), Topic: tidyTopic(gStr(b, "topic")),
			Type: int(gInt(b, "type")), StartTime: wantTime(gTime(b, "start_time")), Duration: wantDuration(b, "duration"), JoinURL: gStr(b, "join_url")}
		if got := engineMeeting(d.Meeting); got != want {
			t.Fatalf("meeting %+v, want %+v", got, want)
		}
		settings := gObj(b, "settings")
		if d.HostEmail != gStr(b, "host_email") || d.Password != gStr(b, "password") || d.Status != gStr(b, "status") ||
			d.Settings.AlternativeHosts != gStr(settings, "alternative_hosts") || len(d.Occurrences) != len(gList(b, "occurrences")) {
			t.Fatalf("detail %+v", d)
		}
		for i, o := range gList(b, "occurrences") {
			o := o.(map[string]any)
			if got := d.Occurrences[i]; got.OccurrenceID != gStr(o, "occurrence_id") || !got.StartTime.Equal(wantTime(gTime(o, "start_time"))) || got.Duration != wantDuration(o, "duration") {
				t.Fatalf("occurrence %d: %+v", i, got)
			}
		}
	}},
	{"GetPastMeeting", "GET /past_meetings/{meetingId}", func(t *testing.T, c *Client, b map[string]any) {
		p, err := c.GetPastMeeting(context.Background(), "abc==")
		if err != nil {
			t.Fatal(err)
		}
		if p.ID != gInt(b, "id") || p.UUID != gStr(b, "uuid") || p.Topic != tidyTopic(gStr(b, "topic")) ||
			!p.StartTime.Equal(wantTime(gTime(b, "start_time"))) || !p.EndTime.Equal(wantTime(gTime(b, "end_time"))) ||
			p.Duration != wantDuration(b, "duration") {
			t.Fatalf("past meeting %+v", p)
		}
	}},
	{"GetMeetingRecordings", "GET /meetings/{meetingId}/recordings", func(t *testing.T, c *Client, b map[string]any) {
		r, err := c.GetMeetingRecordings(context.Background(), "abc==")
		if err != nil {
			t.Fatal(err)
		}
		want := summaryOf(b) // one recording: kept whatever its identity
		if got := r.Summary(); !reflect.DeepEqual(got, want) {
			t.Fatalf("recording %+v,\nwant %+v", got, want)
		}
		if r.Type != int(gInt(b, "type")) || r.Duration != wantDuration(b, "duration") {
			t.Fatalf("type %d, duration %d", r.Type, r.Duration)
		}
	}},
	{"RecordingsScanner.Page", "GET /users/{userId}/recordings", func(t *testing.T, c *Client, b map[string]any) {
		sc := c.RecordingsScanner()
		var got []RecordingSummary
		day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
		next, err := sc.Page(context.Background(), day, day, "", func(s *RecordingSummary) { got = append(got, *s) })
		if err != nil {
			t.Fatal(err)
		}
		var want []RecordingSummary
		skipped := 0
		for _, m := range gList(b, "meetings") {
			if s, ok := wantSummary(m.(map[string]any)); ok {
				want = append(want, s)
			} else {
				skipped++
			}
		}
		if !reflect.DeepEqual(got, want) || sc.Skipped() != skipped || next != gStr(b, "next_page_token") {
			t.Fatalf("kept %d, skipped %d, next %q; want %d, %d, %q", len(got), sc.Skipped(), next, len(want), skipped, gStr(b, "next_page_token"))
		}
	}},
	{"GetSettings", "GET /users/{userId}/settings", func(t *testing.T, c *Client, b map[string]any) {
		s, err := c.GetSettings(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		rec, mail := gObj(b, "recording"), gObj(b, "email_notification")
		want := RecordingSettings{LocalRecording: gBool(rec, "local_recording"), CloudRecording: gBool(rec, "cloud_recording"),
			RecordAudioFile: gBool(rec, "record_audio_file"), RecordingAudioTranscript: gBool(rec, "recording_audio_transcript"),
			RecordingDisclaimer: gBool(rec, "recording_disclaimer"), AskParticipantsToConsentDisclaimer: gBool(rec, "ask_participants_to_consent_disclaimer")}
		if v, ok := rec["auto_recording"].(string); ok {
			want.AutoRecording = &v
		}
		got := RecordingSettings{LocalRecording: s.Recording.LocalRecording, CloudRecording: s.Recording.CloudRecording,
			RecordAudioFile: s.Recording.RecordAudioFile, RecordingAudioTranscript: s.Recording.RecordingAudioTranscript,
			RecordingDisclaimer: s.Recording.RecordingDisclaimer, AskParticipantsToConsentDisclaimer: s.Recording.AskParticipantsToConsentDisclaimer,
			AutoRecording: s.Recording.AutoRecording}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(s.EmailNotification.CloudRecordingAvailableReminder, gBool(mail, "cloud_recording_available_reminder")) {
			t.Fatalf("settings %+v, want %+v", got, want)
		}
		if days, ok := rec["auto_delete_cmr_days"]; ok && days != nil && (s.Recording.AutoDeleteCMRDays == nil || int64(*s.Recording.AutoDeleteCMRDays) != gInt(rec, "auto_delete_cmr_days")) {
			t.Fatalf("auto_delete_cmr_days %v, want %v", s.Recording.AutoDeleteCMRDays, days)
		}
	}},
}

func checkMeetingList(t *testing.T, b map[string]any, list func() (MeetingList, error)) {
	t.Helper()
	l, err := list()
	if err != nil {
		t.Fatal(err)
	}
	var want []Meeting
	skipped := 0
	for _, m := range gList(b, "meetings") {
		if w, ok := wantMeeting(m.(map[string]any)); ok {
			want = append(want, w)
		} else {
			skipped++
		}
	}
	var got []Meeting
	for _, m := range l.Meetings {
		got = append(got, engineMeeting(m))
	}
	if !reflect.DeepEqual(got, want) || l.Skipped != skipped {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Errorf("meeting %d: %+v,\nwant %+v", i, got[i], want[i])
				break
			}
		}
		t.Fatalf("kept %d, skipped %d; want %d, %d", len(got), l.Skipped, len(want), skipped)
	}
}

// bodyTransport answers a request with body, dated schemaNow, and the
// request for a next page with an empty last page.
type bodyTransport struct{ body *[]byte }

func (b bodyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	h := http.Header{"Content-Type": {"application/json"}, "Date": {schemaNow.Format(http.TimeFormat)}}
	body := string(*b.body)
	if r.URL.Query().Get("next_page_token") != "" {
		body = `{"meetings":[]}`
	}
	return &http.Response{StatusCode: http.StatusOK, Header: h, Body: io.NopCloser(strings.NewReader(body)),
		ContentLength: int64(len(body)), Request: r}, nil
}

func TestDecodesEverythingZoomsSchemaAllows(t *testing.T) {
	schemas := loadResponseSchemas(t)
	seed := schemaSeed(t)
	for i, ep := range schemaEndpoints {
		t.Run(ep.name, func(t *testing.T) {
			s := schemas[ep.schema]
			if s == nil {
				t.Fatalf("%s: no 200 schema in %s", ep.schema, schemaFile)
			}
			g := &gen{r: rand.New(rand.NewPCG(seed, uint64(i))), now: schemaNow}
			var body []byte
			c := New(Options{BaseURL: "https://api.zoom.us/v2", HTTPClient: &http.Client{Transport: bodyTransport{&body}}, MaxAttempts: 1})
			for n := range schemaCases {
				v, _ := g.value(s, 0).(map[string]any)
				var err error
				if body, err = json.Marshal(v); err != nil {
					t.Fatal(err)
				}
				// Round trip, so the check reads what the client reads
				// (json.Number and int64 become float64 and back).
				var back map[string]any
				dec := json.NewDecoder(strings.NewReader(string(body)))
				dec.UseNumber()
				if err := dec.Decode(&back); err != nil {
					t.Fatal(err)
				}
				ok := t.Run(strconv.Itoa(n), func(t *testing.T) { ep.check(t, c, normalizeNumbers(back).(map[string]any)) })
				if !ok {
					shown := string(body)
					if len(shown) > 4000 {
						shown = shown[:4000] + "…"
					}
					t.Fatalf("case %d of seed %d (ZOOM_SCHEMA_SEED=%d reproduces it): %s", n, seed, seed, shown)
				}
			}
		})
	}
}

// normalizeNumbers turns json.Number into int64 when whole, else float64.
func normalizeNumbers(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = normalizeNumbers(x)
		}
	case []any:
		for i, x := range v {
			v[i] = normalizeNumbers(x)
		}
	case json.Number:
		if n, err := v.Int64(); err == nil {
			return n
		}
		f, _ := v.Float64()
		return f
	}
	return v
}
