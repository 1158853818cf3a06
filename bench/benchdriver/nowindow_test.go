//go:build linux

package main

import (
	"strings"
	"testing"
	"time"
)

// TestReportNowindowWhatIf: the agent built without Fyne is reported as a
// what-if row beside the verdict, and the RSS cause says whether a second
// executable would be the whole fix.
func TestReportNowindowWhatIf(t *testing.T) {
	sample := func(rss int64) procSample { return procSample{RSS: rss, RSSAnon: rss / 4, RSSFile: rss * 3 / 4} }
	for _, tt := range []struct {
		name     string
		nowindow int64
		want     string
	}{
		{"within", 12 * mib, "the second executable is the whole fix"},
		{"over", 16 * mib, "still 2.0 MiB over the 14.0 MiB target"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			nw := usage{Window: time.Minute, End: sample(tt.nowindow)}
			res := &results{Started: time.Now(), IdleWindow: time.Minute, Idle: idleResult{
				Usage: map[string]usage{
					labelAgent:   {Window: time.Minute, End: sample(25 * mib)},
					labelSystray: {Window: time.Minute, End: sample(7 * mib)},
					labelLinked:  {Window: time.Minute, End: sample(17 * mib)},
				},
				Nowindow: &nw,
			}}
			var rss, whatIf *row
			rows := res.idleRows()
			for i := range rows {
				switch {
				case rows[i].What == "Agent RSS, idle":
					rss = &rows[i]
				case strings.HasPrefix(rows[i].What, "Agent RSS, idle, built without Fyne"):
					whatIf = &rows[i]
				}
			}
			if rss == nil || rss.Verdict != verdictMisses {
				t.Fatalf("agent RSS row: %+v", rss)
			}
			if whatIf == nil || whatIf.Verdict != verdictInfo || !strings.HasPrefix(whatIf.Measured, fmtMiB(tt.nowindow)) {
				t.Fatalf("what-if row: %+v", whatIf)
			}
			if !strings.Contains(rss.Why, tt.want) || !strings.Contains(rss.Why, "proposed rather than made") {
				t.Errorf("cause and fix:\n%s\nwant %q", rss.Why, tt.want)
			}
		})
	}

	// Not measured: the cause says why
	res := &results{Idle: idleResult{Usage: map[string]usage{
		labelAgent:   {Window: time.Minute, End: sample(25 * mib)},
		labelSystray: {Window: time.Minute, End: sample(7 * mib)},
	}, NowindowNote: "it could not be signed in: timeout"}}
	if why := res.whyIdle("Agent RSS, idle"); !strings.Contains(why, "was not measured: it could not be signed in") {
		t.Errorf("cause without the measurement:\n%s", why)
	}
}
