package window

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/localapi"
	"github.com/interviewtray/interviewtray/model"
)

func TestPlayFile(t *testing.T) {
	tests := []struct {
		files []string
		want  string
	}{
		{[]string{"/r/audio.m4a", "/r/video.MP4"}, "/r/video.MP4"},
		{[]string{"/r/audio.m4a"}, "/r/audio.m4a"},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := playFile(model.Recording{Files: tt.files}); got != tt.want {
			t.Errorf("playFile(%q) = %q, want %q", tt.files, got, tt.want)
		}
	}
}

func TestOffsets(t *testing.T) {
	m := func(n int) model.Duration { return model.Duration(time.Duration(n) * time.Minute) }
	tests := []struct {
		in      string
		want    []model.Duration
		wantErr string
	}{
		{"10, 1", []model.Duration{m(10), m(1)}, ""},
		{" 15,5 ;1 ", []model.Duration{m(15), m(5), m(1)}, ""},
		{"90s 1h", []model.Duration{model.Duration(90 * time.Second), m(60)}, ""},
		{"", []model.Duration{}, ""},
		{"10, soon", nil, `"soon" is not a number of minutes`},
		{"0", nil, `"0": reminders come before the start`},
		{"-5", nil, `"-5": reminders come before the start`},
	}
	for _, tt := range tests {
		got, err := parseOffsets(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseOffsets(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("parseOffsets(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		// What the field shows reads back the same.
		if back, err := parseOffsets(formatOffsets(got)); err != nil || fmt.Sprint(back) != fmt.Sprint(got) {
			t.Errorf("parseOffsets(formatOffsets(%v)) = %v, %v", got, back, err)
		}
	}
	if got := formatOffsets([]model.Duration{m(10), model.Duration(90 * time.Second)}); got != "10, 1m30s" {
		t.Errorf("formatOffsets = %q", got)
	}
}

func TestParsePatterns(t *testing.T) {
	got := parsePatterns("interview\n\n  screening call \r\n*panel*\n")
	want := []string{"interview", "screening call", "*panel*"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("parsePatterns = %q, want %q", got, want)
	}
	if got := parsePatterns(" \n "); got == nil || len(got) != 0 {
		t.Errorf("parsePatterns(blank) = %#v, want an empty list", got)
	}
}

func TestErrText(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{fmt.Errorf("%w (/run/x.sock)", localapi.ErrNoAgent), "Interview Tray is not running"},
		{fmt.Errorf("local API: %w", context.DeadlineExceeded), "Interview Tray did not answer in time"},
		{&localapi.Error{Status: 400, Message: "Zoom gave no join link for \"x\""}, "Zoom gave no join link for \"x\""},
		{errors.New(""), "unknown error"},
	}
	for _, tt := range tests {
		if got := errText(tt.err); got != tt.want {
			t.Errorf("errText(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
	if got := sentence("ünknown"); got != "Ünknown" {
		t.Errorf("sentence = %q", got)
	}
}
