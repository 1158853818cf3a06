package view

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/interviewtray/interviewtray/internal/safetext"
	"github.com/interviewtray/interviewtray/model"
)

// Hidden is what shows instead of a topic when names are hidden (or the
// topic is empty).
const Hidden = "Interview"

// Topic is the topic to show: cleaned to one line of plain text, or Hidden
// when hide is set (Settings.HideNames) or there is none. Topics name the
// candidate ("Interview with Ada"): every surface that can show them with
// names hidden goes through Topic.
func Topic(topic string, hide bool) string {
	t := safetext.Clean(topic)
	if hide || strings.TrimSpace(t) == "" {
		return Hidden
	}
	return t
}

// Shorten cuts s to at most max characters, ending in "…": at a space
// when one is near the end, so that words stay whole.
func Shorten(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	if max < 1 {
		return ""
	}
	cut := max - 1
	for i := cut; i > cut-12 && i > 0; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ,;:—-") + "…"
}

// Runes is the length of s in characters.
func Runes(s string) int { return utf8.RuneCountInString(s) }

// Countdown says when a meeting starts relative to now: "in 12 min",
// "in 2 h 5 min", "starting now", "started 4 min ago". It is empty for a
// meeting more than a day away (the day heading says when) and for one
// that ended. Minutes round up before the start ("in 12 min" at 10:18:10
// for 10:30) and down after it, so the text changes only at minute
// boundaries.
func Countdown(iv model.Interview, now time.Time) string {
	if iv.State == model.StateEnded || (!iv.EndTime.IsZero() && !now.Before(iv.EndTime)) {
		return ""
	}
	if iv.State == model.StateInProgress && now.Before(iv.StartTime) {
		return "starting now" // Zoom says it started early
	}
	if m := MinutesUntil(iv.StartTime, now); m >= 24*60 {
		return ""
	}
	return StartsIn(iv.StartTime, now)
}

// MinutesUntil is how many minutes from now to t, rounded up: at
// 14:48:10 an interview at 15:00 is 12 minutes away.
func MinutesUntil(t, now time.Time) int {
	return int((t.Sub(now) + time.Minute - 1) / time.Minute)
}

// StartsIn says when start is relative to now: "in 12 min", "starting
// now", "started 4 min ago". Minutes round up before the start and down
// after it, so the text changes only at minute boundaries.
func StartsIn(start, now time.Time) string {
	if !now.Before(start) {
		m := int(now.Sub(start) / time.Minute)
		if m <= 0 {
			return "starting now"
		}
		return "started " + Duration(time.Duration(m)*time.Minute) + " ago"
	}
	return "in " + Duration(time.Duration(MinutesUntil(start, now))*time.Minute)
}

// ReminderHeadline is a reminder's title at now: "Interview with Ada in
// 9 min", "... starting now", "... started 3 min ago". With hideNames the
// topic becomes "Interview".
func ReminderHeadline(r model.Reminder, hideNames bool, now time.Time) string {
	return ReminderTopic(r, hideNames) + " " + StartsIn(r.StartTime, now)
}

// ReminderTopic is a reminder's topic as Topic shows it, but "Meeting"
// instead of Hidden for a meeting that is not an interview (the alert for
// all meetings).
func ReminderTopic(r model.Reminder, hideNames bool) string {
	t := Topic(r.Topic, hideNames)
	if t == Hidden && r.Meeting {
		return "Meeting"
	}
	return t
}

// Duration writes a whole number of minutes for people: "1 min",
// "45 min", "2 h", "2 h 5 min", "3 days".
func Duration(d time.Duration) string {
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

// Since says how long ago t was: "just now", "12 min ago".
func Since(t, now time.Time) string {
	d := now.Sub(t)
	if d < time.Minute {
		return "just now"
	}
	return Duration(d) + " ago"
}

// DayStart is midnight of t's day in loc.
func DayStart(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// DayTitle names a day: "Today · Monday 14 September", "Tomorrow · ...",
// or just the date.
func DayTitle(day, now time.Time, loc *time.Location) string {
	today := DayStart(now, loc)
	date := day.In(loc).Format("Monday 2 January")
	switch DayStart(day, loc) {
	case today:
		return "Today · " + date
	case today.AddDate(0, 0, 1):
		return "Tomorrow · " + date
	case today.AddDate(0, 0, -1):
		return "Yesterday · " + date
	}
	return date
}

// Day is one day's items, in their order.
type Day[T any] struct {
	Start time.Time // midnight in the user's zone
	Items []T
}

// ByDay groups items (in start order, either way) into days in loc:
// consecutive items of one day share a Day.
func ByDay[T any](items []T, start func(T) time.Time, loc *time.Location) []Day[T] {
	var out []Day[T]
	for _, it := range items {
		d := DayStart(start(it), loc)
		if n := len(out); n == 0 || !out[n-1].Start.Equal(d) {
			out = append(out, Day[T]{Start: d})
		}
		out[len(out)-1].Items = append(out[len(out)-1].Items, it)
	}
	return out
}

// Clock is a time of day in loc, 24-hour.
func Clock(t time.Time, loc *time.Location) string { return t.In(loc).Format("15:04") }

// GroupID formats a meeting number as the Copy buttons write it: 857 4606
// 5432.
func GroupID(id int64) string {
	s := strconv.FormatInt(id, 10)
	if len(s) < 10 {
		return s
	}
	head := len(s) - 8
	return s[:head] + " " + s[head:head+4] + " " + s[head+4:]
}

// MeetingCopyText is what "Copy meeting ID and passcode" puts on the
// clipboard.
func MeetingCopyText(iv model.Interview) string {
	text := "Meeting ID: " + GroupID(iv.ID)
	if iv.Passcode != "" {
		text += "\nPasscode: " + iv.Passcode
	}
	return text
}

// ShareCopyText is what "Copy share link" puts on the clipboard.
func ShareCopyText(r model.Recording) string {
	text := r.Links.Share
	if r.Passcode != "" {
		text += "\nPasscode: " + r.Passcode
	}
	return text
}
