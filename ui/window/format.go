package window

import (
	"errors"
	"fmt"
	"net/mail"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// Pure text helpers, table-tested without Fyne.

// countdown says when a meeting starts relative to now: "in 12 min",
// "in 2 h 5 min", "starting now", "started 4 min ago". It is empty for a
// meeting more than a day away (the day heading says when) and for one
// that ended. Minutes round up before the start ("in 12 min" at 10:18:10
// for 10:30) and down after it, so the text changes only at minute
// boundaries.
func countdown(iv meetingsync.Interview, now time.Time) string {
	if iv.State == meetingsync.StateEnded || (!iv.EndTime.IsZero() && !now.Before(iv.EndTime)) {
		return ""
	}
	if iv.State == meetingsync.StateInProgress && now.Before(iv.StartTime) {
		return "starting now" // Zoom says it started early
	}
	if m := int((iv.StartTime.Sub(now) + time.Minute - 1) / time.Minute); m >= 24*60 {
		return ""
	}
	return startsIn(iv.StartTime, now)
}

// startsIn says when start is relative to now: "in 12 min", "starting
// now", "started 4 min ago". Minutes round up before the start and down
// after it, so the text changes only at minute boundaries.
func startsIn(start, now time.Time) string {
	if !now.Before(start) {
		m := int(now.Sub(start) / time.Minute)
		if m <= 0 {
			return "starting now"
		}
		return "started " + duration(time.Duration(m)*time.Minute) + " ago"
	}
	m := int((start.Sub(now) + time.Minute - 1) / time.Minute)
	return "in " + duration(time.Duration(m)*time.Minute)
}

// reminderHeadline is a reminder's title at now: "Interview with Ada in
// 9 min", "... starting now", "... started 3 min ago". With hideNames the
// topic becomes "Interview".
func reminderHeadline(r meetingsync.Reminder, hideNames bool, now time.Time) string {
	topic := r.Topic
	if hideNames || topic == "" {
		topic = "Interview"
	}
	return topic + " " + startsIn(r.StartTime, now)
}

// duration writes a whole number of minutes for people: "1 min",
// "45 min", "2 h", "2 h 5 min", "3 days".
func duration(d time.Duration) string {
	m := int(d / time.Minute)
	switch {
	case m < 60:
		return fmt.Sprintf("%d min", max(m, 0))
	case m < 48*60:
		h, rest := m/60, m%60
		if rest == 0 {
			return fmt.Sprintf("%d h", h)
		}
		return fmt.Sprintf("%d h %d min", h, rest)
	}
	return fmt.Sprintf("%d days", m/(24*60))
}

// since says how long ago t was: "just now", "12 min ago".
func since(t, now time.Time) string {
	d := now.Sub(t)
	if d < time.Minute {
		return "just now"
	}
	return duration(d) + " ago"
}

// dayStart is midnight of t's day in loc.
func dayStart(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// dayTitle names a day: "Today · Monday 14 September", "Tomorrow · ...",
// or just the date.
func dayTitle(day, now time.Time, loc *time.Location) string {
	today := dayStart(now, loc)
	date := day.In(loc).Format("Monday 2 January")
	switch dayStart(day, loc) {
	case today:
		return "Today · " + date
	case today.AddDate(0, 0, 1):
		return "Tomorrow · " + date
	case today.AddDate(0, 0, -1):
		return "Yesterday · " + date
	}
	return date
}

// clock is a time of day in loc, 24-hour.
func clock(t time.Time, loc *time.Location) string { return t.In(loc).Format("15:04") }

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// groupID formats a meeting number as Zoom shows it: 857 4606 5432.
func groupID(id int64) string {
	s := strconv.FormatInt(id, 10)
	if len(s) < 10 {
		return s
	}
	head := len(s) - 8
	return s[:head] + " " + s[head:head+4] + " " + s[head+4:]
}

// meetingCopyText is what "Copy ID + passcode" puts on the clipboard.
func meetingCopyText(iv meetingsync.Interview) string {
	text := "Meeting ID: " + groupID(iv.ID)
	if iv.Passcode != "" {
		text += "\nPasscode: " + iv.Passcode
	}
	return text
}

// shareCopyText is what "Copy share link" puts on the clipboard.
func shareCopyText(r meetingsync.Recording) string {
	text := r.Links.Share
	if r.Passcode != "" {
		text += "\nPasscode: " + r.Passcode
	}
	return text
}

// playFile is the file Play opens: the first video, else the first file.
func playFile(r meetingsync.Recording) string {
	for _, f := range r.Files {
		if strings.EqualFold(filepath.Ext(f), ".mp4") {
			return f
		}
	}
	if len(r.Files) > 0 {
		return r.Files[0]
	}
	return ""
}

// formatOffsets writes reminder offsets as the settings field shows them:
// whole minutes as numbers ("10, 1"), anything else as a Go duration.
func formatOffsets(ds []meetingsync.Duration) string {
	parts := make([]string, 0, len(ds))
	for _, d := range ds {
		if d.D()%time.Minute == 0 {
			parts = append(parts, strconv.Itoa(int(d.D()/time.Minute)))
		} else {
			parts = append(parts, d.D().String())
		}
	}
	return strings.Join(parts, ", ")
}

// parseOffsets reads the reminder field: numbers are minutes, and a Go
// duration ("90s", "1h") is accepted too; commas or spaces separate them.
// It checks the agent's limits too, so that the field can say so at once.
func parseOffsets(s string) ([]meetingsync.Duration, error) {
	return parseMinutes(s, "reminders come before the start, so give a positive number of minutes", maxReminders, 24*time.Hour, "before the start")
}

// parseNags reads the field of the reminders after the start, like
// parseOffsets; empty means none.
func parseNags(s string) ([]meetingsync.Duration, error) {
	return parseMinutes(s, "give a positive number of minutes after the start", maxReminders, 2*time.Hour, "after the start")
}

// parseSnooze reads the snooze field: one number of minutes (or a Go
// duration), from 1 minute to 2 hours.
func parseSnooze(s string) (meetingsync.Duration, error) {
	ds, err := parseMinutes(s, "give a positive number of minutes", 1, 2*time.Hour, "of snooze")
	switch {
	case err != nil:
		return 0, err
	case len(ds) == 0:
		return 0, errors.New("give a number of minutes")
	case ds[0].D() < time.Minute:
		return 0, errors.New("snooze at least 1 min")
	}
	return ds[0], nil
}

// maxReminders is how many reminder times the agent takes in a list.
const maxReminders = 6

// parseMinutes reads a list of minutes (or Go durations), each positive
// and at most most, at most n of them.
func parseMinutes(s, nonPositive string, n int, most time.Duration, where string) ([]meetingsync.Duration, error) {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\t' })
	if len(fields) > n {
		if n == 1 {
			return nil, errors.New("give one number of minutes")
		}
		return nil, fmt.Errorf("at most %d times, not %d", n, len(fields))
	}
	out := make([]meetingsync.Duration, 0, len(fields))
	for _, f := range fields {
		var d time.Duration
		if n, err := strconv.Atoi(f); err == nil {
			d = time.Duration(n) * time.Minute
		} else if d, err = time.ParseDuration(f); err != nil {
			return nil, fmt.Errorf("%q is not a number of minutes", f)
		}
		if d <= 0 {
			return nil, fmt.Errorf("%q: %s", f, nonPositive)
		}
		if d > most {
			return nil, fmt.Errorf("%q: at most %s %s", f, duration(most), where)
		}
		out = append(out, meetingsync.Duration(d))
	}
	return out, nil
}

// parsePatterns reads the interview patterns field, one per line.
func parsePatterns(s string) []string {
	out := []string{}
	for line := range strings.Lines(s) {
		if p := strings.TrimSpace(line); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// maxAddresses is how many other e-mail addresses the settings keep (as
// package sync allows).
const maxAddresses = 20

// parseAddresses reads "My other e-mail addresses": addresses separated by
// commas, spaces or semicolons; empty for none.
func parseAddresses(s string) ([]string, error) {
	out := []string{}
	for a := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) }) {
		m, err := mail.ParseAddress(a)
		if err != nil || m.Address != a || m.Name != "" {
			return nil, fmt.Errorf("%q is not an e-mail address", a)
		}
		if !slices.Contains(out, strings.ToLower(a)) {
			out = append(out, strings.ToLower(a))
		}
	}
	if len(out) > maxAddresses {
		return nil, fmt.Errorf("at most %d addresses", maxAddresses)
	}
	return out, nil
}
