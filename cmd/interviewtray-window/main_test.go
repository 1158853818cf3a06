package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/interviewtray/interviewtray/internal/buildinfo"
)

// TestUsage: a missing or unknown window name or flag is a usage error
// (exit status 2) before any window opens; --version prints the build.
func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "want one window name"},
		{[]string{"agenda", "settings"}, 2, "want one window name"},
		{[]string{"frobnicate"}, 2, `unknown window "frobnicate"`},
		{[]string{"agenda", "--bogus"}, 2, "flag provided but not defined: -bogus"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), &stdout, &stderr, tt.args); code != tt.code || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", tt.args, code, stderr.String(), tt.code, tt.want)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), &stdout, &stderr, []string{"--version"}); code != 0 || stdout.String() != buildinfo.Version()+"\n" {
		t.Errorf("--version: exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}
