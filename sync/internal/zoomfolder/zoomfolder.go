// Package zoomfolder reads the Zoom app's recording folder, where local
// recordings ("Record to computer files") go: the Zoom app makes one folder
// per recording named "YYYY-MM-DD HH.MM.SS Topic" in local time (older
// apps add " <meeting ID>"), and converts the recording into it when the
// meeting ends. A folder is converting while it holds
// double_click_to_convert*.zoom files, *.tmp partial files or a
// recording.conf whose "process" is below 100; it is ready once it has
// its .mp4 or .m4a files and none of those.
package zoomfolder

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/interviewtray/interviewtray/sync/internal/safefile"
)

// TimeLayout is the date and time at the start of a folder name.
const TimeLayout = "2006-01-02 15.04.05"

// Folder is a recording folder name taken apart.
type Folder struct {
	Name string
	Time time.Time // capture start, UTC
	// Alt is the other reading of a local time that occurs twice (the
	// hour repeated when daylight saving time ends); zero otherwise.
	Alt   time.Time
	Topic string // as written in the name, with any meeting ID removed
	ID    int64  // the meeting ID when the name ends with one
}

// ParseName reads "YYYY-MM-DD HH.MM.SS Topic[ ID]" in loc.
func ParseName(name string, loc *time.Location) (Folder, bool) {
	if len(name) < len(TimeLayout) {
		return Folder{}, false
	}
	t, err := time.ParseInLocation(TimeLayout, name[:len(TimeLayout)], loc)
	if err != nil {
		return Folder{}, false
	}
	f := Folder{Name: name, Time: t.UTC()}
	for _, d := range []time.Duration{-time.Hour, time.Hour} {
		if o := t.Add(d); o.In(loc).Format(TimeLayout) == name[:len(TimeLayout)] {
			f.Alt = o.UTC()
		}
	}
	rest := strings.TrimSpace(name[len(TimeLayout):])
	if i := strings.LastIndexByte(rest, ' '); i >= 0 {
		tail := rest[i+1:]
		if len(tail) >= 9 && len(tail) <= 12 && allDigits(tail) {
			if id, err := strconv.ParseInt(tail, 10, 64); err == nil {
				f.ID, rest = id, strings.TrimSpace(rest[:i])
			}
		}
	} else if len(rest) >= 9 && len(rest) <= 12 && allDigits(rest) {
		if id, err := strconv.ParseInt(rest, 10, 64); err == nil {
			f.ID, rest = id, ""
		}
	}
	f.Topic = rest
	return f, true
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// foldTopic reduces a topic to lower-case letters and digits, so that
// "Interview: Ada / Backend" and the sanitised folder name
// "Interview_ Ada _ Backend" compare equal.
func foldTopic(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Folder times are matched to an occurrence from Early before its
// start to Late after its end.
const (
	Early = 30 * time.Minute
	Late  = time.Hour
)

// Matches reports whether a folder belongs to a meeting's occurrence
// (start to end): its time falls in the occurrence's window and its topic is the meeting's
// topic, possibly cut short (the app truncates long names) or with
// characters the file system does not allow replaced; or the name ends
// with the meeting ID.
func Matches(f Folder, id int64, topic string, start, end time.Time) bool {
	in := func(t time.Time) bool {
		return !t.IsZero() && !t.Before(start.Add(-Early)) && !t.After(end.Add(Late))
	}
	if !in(f.Time) && !in(f.Alt) {
		return false
	}
	if f.ID != 0 {
		return f.ID == id
	}
	ft, mt := foldTopic(f.Topic), foldTopic(topic)
	if ft == "" || mt == "" {
		return ft == mt
	}
	return strings.HasPrefix(mt, ft) || strings.HasPrefix(ft, mt)
}

// Contents is what a recording folder holds.
type Contents struct {
	Converting bool     // the app is still writing or converting the recording
	Files      []string // the .mp4 and .m4a files, full paths, sorted
}

// maxConfBytes caps how much of recording.conf is read.
const maxConfBytes = 64 << 10

// Scan looks into a recording folder.
func Scan(dir string) (Contents, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return Contents{}, err
	}
	var s Contents
	converting := false
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		name := e.Name()
		lower := strings.ToLower(name)
		switch {
		case strings.HasPrefix(lower, "double_click_to_convert") && strings.HasSuffix(lower, ".zoom"),
			strings.HasSuffix(lower, ".tmp"):
			converting = true
		case lower == "recording.conf":
			if p, ok := confProgress(filepath.Join(dir, name)); ok && p < 100 {
				converting = true
			}
		case strings.HasSuffix(lower, ".mp4"), strings.HasSuffix(lower, ".m4a"):
			s.Files = append(s.Files, filepath.Join(dir, name))
		}
	}
	slices.Sort(s.Files)
	s.Converting = converting || len(s.Files) == 0
	return s, nil
}

// confProgress reads the lowest "process" of recording.conf's items. Only
// a regular file is read (safefile.OpenRegular: a FIFO in its place is
// refused, not waited on), at most maxConfBytes of it.
func confProgress(path string) (int, bool) {
	f, err := safefile.OpenRegular(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	var conf struct {
		Items []struct {
			Process *float64 `json:"process"`
		} `json:"items"`
	}
	if err := json.NewDecoder(io.LimitReader(f, maxConfBytes)).Decode(&conf); err != nil {
		return 0, false
	}
	low, found := 100.0, false
	for _, it := range conf.Items {
		if it.Process != nil {
			low, found = min(low, *it.Process), true
		}
	}
	return int(low), found
}

// List lists root's recording folders, parsed. A missing root is
// reported as fs.ErrNotExist.
func List(root string, loc *time.Location) ([]Folder, error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, err
	}
	out := make([]Folder, 0, len(entries))
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if f, ok := ParseName(e.Name(), loc); ok {
			out = append(out, f)
		}
	}
	return out, nil
}
