package zoomsim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The simulator's JSON answers are checked against Zoom's OpenAPI schema of
// our endpoints, ../shared/zoom-openapi-subset.json beside the repository
// (never copied into it). The test skips when the file is absent.
//
// The check is stricter than JSON Schema: a field the schema does not
// declare is an error unless the schema allows additionalProperties, or the
// field is a deliberate deviation listed in schemaDeviations.

const openAPIPath = "../../../shared/zoom-openapi-subset.json"

// schemaDeviations are the places where the simulator knowingly differs from
// the 2023 schema, by JSON path, with the reason.
var schemaDeviations = map[string]string{
	// users/me
	"$.display_name":    "in Zoom's 2026 SDK types (zoom-api.md 3.1), newer than the 2023 schema",
	"$.user_created_at": "in Zoom's 2026 SDK types (zoom-api.md 3.1), newer than the 2023 schema",
	// recordings
	"$.share_url":                          "present in real responses, absent from the schema (zoom-api.md 3.7)",
	"$.meetings[].share_url":               "present in real responses, absent from the schema (zoom-api.md 3.7)",
	"$.meetings[].recording_play_passcode": "a list field in Zoom's 2026 SDK types (zoom-api.md 3.7)",
	"$.type type":                          "the schema says string but lists numbers; responses carry the number",
	"$.meetings[].type type":               "the schema says string but lists numbers; responses carry the number",
}

// schemaCheck validates decoded JSON (numbers as json.Number) against an
// OpenAPI 3.0 schema, for the features the subset uses: type, properties,
// required, items, enum, oneOf, additionalProperties, maxLength, maximum and
// the formats date-time, date and email.
type schemaCheck struct {
	errs       []string
	deviations map[string]string
	used       map[string]bool // deviations that were needed
}

func (c *schemaCheck) failf(path, format string, args ...any) {
	c.errs = append(c.errs, path+": "+fmt.Sprintf(format, args...))
}

// deviation reports whether key (a path, or a path and " type") is a listed
// deviation, and records its use.
func (c *schemaCheck) deviation(key string) bool {
	if _, ok := c.deviations[key]; ok {
		c.used[key] = true
		return true
	}
	return false
}

func (c *schemaCheck) check(s map[string]any, v any, path string) {
	if variants, ok := s["oneOf"].([]any); ok {
		matched := 0
		for _, variant := range variants {
			sub := &schemaCheck{deviations: c.deviations, used: map[string]bool{}}
			sub.check(variant.(map[string]any), v, path)
			if len(sub.errs) == 0 {
				matched++
				for k := range sub.used {
					c.used[k] = true
				}
			}
		}
		if matched != 1 {
			c.failf(path, "matches %d of the %d oneOf variants, want exactly 1", matched, len(variants))
		}
		return
	}
	typ, _ := s["type"].(string)
	if typ != "" && jsonType(v) != typ && !(typ == "number" && jsonType(v) == "integer") {
		if !c.deviation(path + " type") {
			c.failf(path, "is %s, want %s", jsonType(v), typ)
		}
		return
	}
	if enum, ok := s["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || fmt.Sprint(e) == fmt.Sprint(v)
		}
		if !found {
			c.failf(path, "%v is not one of %v", v, enum)
		}
	}
	switch v := v.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for _, r := range asStrings(s["required"]) {
			if _, ok := v[r]; !ok {
				c.failf(path, "lacks required %q", r)
			}
		}
		extraOK := props == nil || s["additionalProperties"] != nil && s["additionalProperties"] != false
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			p, ok := props[k].(map[string]any)
			switch {
			case ok:
				c.check(p, v[k], path+"."+k)
			case extraOK || c.deviation(path+"."+k):
			default:
				c.failf(path, "has %q, which the schema does not declare", k)
			}
		}
	case []any:
		if items, ok := s["items"].(map[string]any); ok {
			for _, item := range v {
				c.check(items, item, path+"[]")
			}
		}
	case string:
		if max, ok := s["maxLength"].(float64); ok && float64(len([]rune(v))) > max {
			c.failf(path, "is longer than %v", max)
		}
		var err error
		switch s["format"] {
		case "date-time":
			_, err = time.Parse(time.RFC3339, v)
		case "date":
			_, err = time.Parse(dateLayout, v)
		case "email":
			if !strings.Contains(v, "@") {
				err = fmt.Errorf("no @")
			}
		}
		if err != nil {
			c.failf(path, "%q is not a valid %v: %v", v, s["format"], err)
		}
	case json.Number:
		if max, ok := s["maximum"].(float64); ok {
			if f, _ := v.Float64(); f > max {
				c.failf(path, "%v exceeds the maximum %v", v, max)
			}
		}
	}
}

func jsonType(v any) string {
	switch v := v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "boolean"
	case json.Number:
		if _, err := strconv.ParseInt(string(v), 10, 64); err == nil {
			return "integer"
		}
		return "number"
	}
	return "null"
}

func asStrings(v any) []string {
	var out []string
	if l, ok := v.([]any); ok {
		for _, s := range l {
			out = append(out, fmt.Sprint(s))
		}
	}
	return out
}

// validate checks body against s and returns the errors and the deviations
// used.
func validate(s map[string]any, body []byte, deviations map[string]string) ([]string, map[string]bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return []string{"not JSON: " + err.Error()}, nil
	}
	c := &schemaCheck{deviations: deviations, used: map[string]bool{}}
	c.check(s, v, "$")
	return c.errs, c.used
}

func TestSchemaCheckFindsProblems(t *testing.T) {
	s := map[string]any{
		"type":     "object",
		"required": []any{"id"},
		"properties": map[string]any{
			"id":    map[string]any{"type": "integer"},
			"when":  map[string]any{"type": "string", "format": "date-time"},
			"kind":  map[string]any{"type": "string", "enum": []any{"a", "b"}},
			"size":  map[string]any{"type": "integer", "maximum": 300.0},
			"items": map[string]any{"type": "array", "items": map[string]any{"type": "boolean"}},
			"free":  map[string]any{"type": "object"},
			"pick":  map[string]any{"oneOf": []any{map[string]any{"type": "string"}, map[string]any{"type": "integer"}}},
		},
	}
	tests := []struct {
		body    string
		wantErr string // substring of the first error; "" for valid
	}{
		{`{"id":1,"when":"2026-01-02T03:04:05Z","kind":"a","size":300,"items":[true],"free":{"x":1},"pick":"s"}`, ""},
		{`{"when":"2026-01-02T03:04:05Z"}`, `lacks required "id"`},
		{`{"id":"1"}`, "$.id: is string, want integer"},
		{`{"id":1.5}`, "$.id: is number, want integer"},
		{`{"id":1,"extra":true}`, `has "extra"`},
		{`{"id":1,"kind":"c"}`, "not one of"},
		{`{"id":1,"when":"2026-01-02 03:04"}`, "not a valid date-time"},
		{`{"id":1,"size":301}`, "exceeds the maximum"},
		{`{"id":1,"items":[1]}`, "$.items[]: is integer"},
		{`{"id":1,"pick":true}`, "matches 0 of the 2 oneOf"},
		{`{"id":1,"share_url":"https://x"}`, ""}, // a listed deviation
	}
	for _, tt := range tests {
		errs, _ := validate(s, []byte(tt.body), map[string]string{"$.share_url": "test"})
		switch {
		case tt.wantErr == "" && len(errs) > 0:
			t.Errorf("%s: unexpected errors %v", tt.body, errs)
		case tt.wantErr != "" && (len(errs) == 0 || !strings.Contains(errs[0], tt.wantErr)):
			t.Errorf("%s: errors %v, want %q", tt.body, errs, tt.wantErr)
		}
	}
}

func TestResponsesMatchZoomSchema(t *testing.T) {
	raw, err := os.ReadFile(filepath.FromSlash(openAPIPath))
	if os.IsNotExist(err) {
		t.Skipf("%s not present", openAPIPath)
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
		t.Fatalf("parse %s: %v", openAPIPath, err)
	}
	responseSchema := func(method, path string) map[string]any {
		s := spec.Paths[path][method].Responses["200"].Content["application/json"].Schema
		if s == nil {
			t.Fatalf("no 200 schema for %s %s", method, path)
		}
		return s
	}

	eachMode(t, func(t *testing.T, mode string) {
		e, tok := signedIn(t, mode, Options{Seed: "demo"})
		var hosted, recorded SimMeeting
		for _, m := range e.sim.Meetings() {
			if m.Recording == "ready" {
				recorded = m
			}
			if m.AlternativeHosts != "" && m.Host == "me" {
				hosted = m
			}
		}
		twice := url.PathEscape(url.PathEscape(recorded.UUID))
		from := recorded.StartTime.Format(dateLayout)
		// upcoming_meetings is not in the subset; its fields are checked in
		// TestUpcomingMeetings.
		tests := []struct {
			name, method, specPath, call string
		}{
			{"user", "get", "/users/{userId}", "/users/me"},
			{"upcoming list", "get", "/users/{userId}/meetings", "/users/me/meetings?type=upcoming"},
			{"previous list", "get", "/users/{userId}/meetings", "/users/me/meetings?type=previous_meetings"},
			{"meeting", "get", "/meetings/{meetingId}", fmt.Sprintf("/meetings/%d", hosted.ID)},
			{"past meeting", "get", "/past_meetings/{meetingId}", "/past_meetings/" + twice},
			{"settings", "get", "/users/{userId}/settings", "/users/me/settings"},
			{"recordings list", "get", "/users/{userId}/recordings", "/users/me/recordings?from=" + from},
			{"meeting recordings", "get", "/meetings/{meetingId}/recordings", "/meetings/" + twice + "/recordings"},
		}
		used := map[string]bool{}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := e.call(strings.ToUpper(tt.method), tt.call, tok, nil)
				wantStatus(t, r, http.StatusOK)
				errs, u := validate(responseSchema(tt.method, tt.specPath), r.body, schemaDeviations)
				for _, err := range errs {
					t.Error(err)
				}
				for k := range u {
					used[k] = true
				}
			})
		}
		// The schema subset has no POST users/{userId}/meetings; Zoom
		// documents its 201 answer as the meeting in the shape of GET
		// meetings/{meetingId}, so both are checked against that schema.
		t.Run("created meeting", func(t *testing.T) {
			r := e.call("POST", "/users/me/meetings", tok, interviewBody(e.sim.Now().Add(48*time.Hour)))
			wantStatus(t, r, http.StatusCreated)
			created := decode[wireMeeting](t, r)
			for _, body := range [][]byte{r.body, e.call("GET", fmt.Sprintf("/meetings/%d", created.ID), tok, nil).body} {
				errs, u := validate(responseSchema("get", "/meetings/{meetingId}"), body, schemaDeviations)
				for _, err := range errs {
					t.Error(err)
				}
				for k := range u {
					used[k] = true
				}
			}
		})
		// Every listed deviation is still needed.
		for k := range schemaDeviations {
			if !used[k] {
				t.Errorf("deviation %q is no longer needed", k)
			}
		}
	})
}
