package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestUsageErrors: an unknown command, an unknown flag or a stray argument
// is a usage error (exit status 2) that names the problem, before any
// command does anything (no keychain, no network, no agent).
func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"login", "now"}, `interviewtray login: usage: unexpected argument "now"`},
		{[]string{"logout", "--all"}, "flag provided but not defined: -all"},
		{[]string{"status", "--json", "extra"}, `interviewtray status: usage: unexpected argument "extra"`},
		{[]string{"doctor", "everything"}, `interviewtray doctor: usage: unexpected argument "everything"`},
		{[]string{"window"}, "want one window name"},
		{[]string{"window", "agenda", "--bogus"}, "flag provided but not defined: -bogus"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), &stdout, &stderr, tt.args); code != 2 {
				t.Errorf("exit %d, want 2 (stderr %q)", code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr %q, want %q", stderr.String(), tt.want)
			}
		})
	}
}
