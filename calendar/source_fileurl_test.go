package calendar

import (
	"net/url"
	"runtime"
	"testing"
)

func TestFileURLPathOnWindows(t *testing.T) {
	// A file: URL names a path with its drive, or a network share, on
	// Windows; elsewhere its path as it is.
	for _, tc := range []struct{ goos, in, want string }{
		{"windows", "file:///C:/Users/maya/work.ics", `C:\Users\maya\work.ics`},
		{"windows", "file://C:/Users/maya/work.ics", `C:\Users\maya\work.ics`},
		{"windows", "file://localhost/C:/Users/maya/work.ics", `C:\Users\maya\work.ics`},
		{"windows", "file://server/share/work.ics", `\\server\share\work.ics`},
		{"linux", "file:///home/maya/work.ics", "/home/maya/work.ics"},
	} {
		if tc.goos == "windows" && runtime.GOOS != "windows" {
			continue // filepath.Clean is the running platform's
		}
		if tc.goos == "linux" && runtime.GOOS == "windows" {
			continue
		}
		u, err := url.Parse(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := fileURLPath(u, tc.goos); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.in, got, tc.want)
		}
	}
}
