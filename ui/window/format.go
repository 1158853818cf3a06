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

	"github.com/interviewtray/interviewtray/model"
	"github.com/interviewtray/interviewtray/ui/view"
)

// Pure text helpers, table-tested without Fyne.

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// playFile is the file Play opens: the first video, else the first file.
func playFile(r model.Recording) string {
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
func formatOffsets(ds []model.Duration) string {
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
func parseOffsets(s string) ([]model.Duration, error) {
	return parseMinutes(s, "reminders come before the start, so give a positive number of minutes", maxReminders, 24*time.Hour, "before the start")
}

// parseNags reads the field of the reminders after the start, like
// parseOffsets; empty means none.
func parseNags(s string) ([]model.Duration, error) {
	return parseMinutes(s, "give a positive number of minutes after the start", maxReminders, 2*time.Hour, "after the start")
}

// parseSnooze reads the snooze field: one number of minutes (or a Go
// duration), from 1 minute to 2 hours.
func parseSnooze(s string) (model.Duration, error) {
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
func parseMinutes(s, nonPositive string, n int, most time.Duration, where string) ([]model.Duration, error) {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\t' })
	if len(fields) > n {
		if n == 1 {
			return nil, errors.New("give one number of minutes")
		}
		return nil, fmt.Errorf("at most %d times, not %d", n, len(fields))
	}
	out := make([]model.Duration, 0, len(fields))
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
			return nil, fmt.Errorf("%q: at most %s %s", f, view.Duration(most), where)
		}
		out = append(out, model.Duration(d))
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
