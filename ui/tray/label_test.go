package tray

import "testing"

func TestMenuLabel(t *testing.T) {
	tests := []struct{ goos, in, want string }{
		{"linux", "15:00  ada_lovelace Q&A", "15:00  ada__lovelace Q&A"},
		{"linux", "__init__", "____init____"},
		{"freebsd", "_x", "__x"},
		{"windows", "15:00  ada_lovelace Q&A", "15:00  ada_lovelace Q&&A"},
		{"windows", "&&", "&&&&"},
		{"darwin", "ada_lovelace Q&A", "ada_lovelace Q&A"},
	}
	for _, tt := range tests {
		if got := menuLabel(tt.goos, tt.in); got != tt.want {
			t.Errorf("menuLabel(%s, %q) = %q, want %q", tt.goos, tt.in, got, tt.want)
		}
	}
}
