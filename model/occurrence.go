package model

import (
	"strconv"
	"strings"
	"time"
)

// OccKey names one occurrence of meeting id: its ID and its start in UTC,
// "855…@2026-03-02T15:00:00Z" (reminder keys add "/OFFSET").
func OccKey(id int64, start time.Time) string {
	var b [64]byte
	out := strconv.AppendInt(b[:0], id, 10)
	out = append(out, '@')
	out = start.UTC().AppendFormat(out, time.RFC3339)
	return string(out)
}

// OccurrenceKey is iv's occurrence key (OccKey).
func OccurrenceKey(iv Interview) string { return OccKey(iv.ID, iv.StartTime) }

// ReminderOccurrence is the occurrence part of a reminder key.
func ReminderOccurrence(key string) string {
	if i := strings.LastIndexByte(key, '/'); i >= 0 {
		return key[:i]
	}
	return key
}
