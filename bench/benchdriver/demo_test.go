//go:build linux

package main

import (
	"strings"
	"testing"
	"time"
)

// TestReportDemoRow: the agent in demo mode is reported beside the verdict
// (which is the real mode's), as information; when it could not be
// measured the row says why; the RSS cause speaks of the agent's own code,
// as it links no Fyne.
func TestReportDemoRow(t *testing.T) {
	sample := func(rss int64) procSample { return procSample{RSS: rss, RSSAnon: rss / 4, RSSFile: rss * 3 / 4} }
	demo := usage{Window: time.Minute, End: sample(18 * mib)}
	usages := map[string]usage{
		labelAgent:   {Window: time.Minute, End: sample(16 * mib)},
		labelSystray: {Window: time.Minute, End: sample(7 * mib)},
	}
	find := func(rows []row, prefix string) *row {
		for i := range rows {
			if strings.HasPrefix(rows[i].What, prefix) {
				return &rows[i]
			}
		}
		return nil
	}

	res := &results{Started: time.Now(), IdleWindow: time.Minute, Idle: idleResult{Usage: usages, Demo: &demo}}
	rows := res.idleRows()
	rss := find(rows, "Agent RSS, idle")
	if rss == nil || rss.What != "Agent RSS, idle" || rss.Verdict != verdictMisses {
		t.Fatalf("agent RSS row: %+v", rss)
	}
	if !strings.Contains(rss.Why, "links neither Fyne nor cgo") || strings.Contains(rss.Why, "proposed rather than made") {
		t.Errorf("cause and fix:\n%s", rss.Why)
	}
	d := find(rows, "Agent RSS, idle, demo mode")
	if d == nil || d.Verdict != verdictInfo || !strings.HasPrefix(d.Measured, fmtMiB(18*mib)) || !strings.Contains(d.Measured, "ratio 1.29") {
		t.Fatalf("demo row: %+v", d)
	}

	res = &results{Idle: idleResult{Usage: usages, DemoNote: "it could not be signed in: timeout"}}
	d = find(res.idleRows(), "Agent RSS, idle, demo mode")
	if d == nil || !strings.Contains(d.Why+d.Measured, "it could not be signed in: timeout") {
		t.Errorf("demo row without the measurement: %+v", d)
	}

	res = &results{Idle: idleResult{Usage: map[string]usage{
		labelAgent:   {Window: time.Minute, End: sample(13 * mib)},
		labelSystray: {Window: time.Minute, End: sample(7 * mib)},
	}}}
	rows = res.idleRows()
	if r := find(rows, "Agent RSS, idle"); r == nil || r.Verdict != verdictMeets {
		t.Errorf("13 MiB against a 7 MiB floor: %+v", r)
	}
	if find(rows, "Agent RSS, idle, demo mode") != nil {
		t.Errorf("a demo row with no demo measured")
	}
}
