package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		name    string
		dir     string
		target  target
		wantN   int // packages checked, test variants included
		wantErr bool
		wantOut []string // substrings of the reported errors
		notOut  []string
	}{
		{
			name:   "cgo is faked, other platforms' files are not seen",
			dir:    "testdata/good",
			target: target{goos: "darwin", goarch: "arm64"},
			wantN:  1,
			notOut: []string{"broken_linux.go"},
		},
		{
			name:    "the same package on linux sees its linux file",
			dir:     "testdata/good",
			target:  target{goos: "linux", goarch: "amd64"},
			wantN:   1,
			wantErr: true,
			wantOut: []string{"broken_linux.go:4"},
		},
		{
			name:    "darwin files and darwin tests are checked",
			dir:     "testdata/bad",
			target:  target{goos: "darwin", goarch: "arm64"},
			wantN:   2, // the package and its test variant
			wantErr: true,
			wantOut: []string{"bad_darwin.go:4", "bad_darwin_test.go:5", "undefinedName"},
		},
		{
			name:   "darwin files are invisible to windows",
			dir:    "testdata/bad",
			target: target{goos: "windows", goarch: "amd64"},
			wantN:  1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(tt.dir)
			var out bytes.Buffer
			n, err := check(&out, tt.target, []string{"./..."})
			if (err != nil) != tt.wantErr {
				t.Fatalf("check() error = %v, want error %v; output:\n%s", err, tt.wantErr, out.String())
			}
			if n != tt.wantN {
				t.Errorf("checked %d packages, want %d", n, tt.wantN)
			}
			for _, s := range tt.wantOut {
				if !strings.Contains(out.String(), s) {
					t.Errorf("output does not mention %q:\n%s", s, out.String())
				}
			}
			for _, s := range tt.notOut {
				if strings.Contains(out.String(), s) {
					t.Errorf("output mentions %q:\n%s", s, out.String())
				}
			}
			if lines := strings.Split(strings.TrimSpace(out.String()), "\n"); len(lines) != len(uniq(lines)) {
				t.Errorf("an error is reported twice:\n%s", out.String())
			}
		})
	}
}

func uniq(lines []string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lines {
		m[l] = true
	}
	return m
}
