//go:build linux

package main

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseBench(t *testing.T) {
	out := `goos: linux
BenchmarkEngineFullSync-2   	       3	 358000000 ns/op	        21.58 MB-json/op	       294.0 cpu-ms/op	        10.21 max-pass-MB	        57.98 max-pass-cpu-ms	         8.000 passes/op	109000000 B/op	  616327 allocs/op
BenchmarkEngineFullSync-2   	       3	 300000000 ns/op	        21.58 MB-json/op	       250.0 cpu-ms/op	        10.50 max-pass-MB	        45.00 max-pass-cpu-ms	         8.000 passes/op	110000000 B/op	  616300 allocs/op
BenchmarkEngineFullSync-2   	       3	 400000000 ns/op	        21.58 MB-json/op	       310.0 cpu-ms/op	         9.80 max-pass-MB	        61.00 max-pass-cpu-ms	         8.000 passes/op	111000000 B/op	  616400 allocs/op
BenchmarkRecordingsDecode/zoom-client-2         	       3	 211000000 ns/op	 105.5 MB/s	106015818 B/op	  582987 allocs/op
--- FAIL: BenchmarkBroken-2
PASS
ok  	github.com/interviewtray/interviewtray/sync	9.1s
`
	got := parseBench(out)
	tests := []struct {
		name, unit string
		want       float64
		runs       int
	}{
		{"BenchmarkEngineFullSync", "ns/op", 358000000, 3},
		{"BenchmarkEngineFullSync", "cpu-ms/op", 294, 3},
		{"BenchmarkEngineFullSync", "B/op", 110000000, 3},
		{"BenchmarkEngineFullSync", "max-pass-cpu-ms", 57.98, 3},
		{"BenchmarkEngineFullSync", "max-pass-MB", 10.21, 3},
		{"BenchmarkEngineFullSync", "passes/op", 8, 3},
		{"BenchmarkRecordingsDecode/zoom-client", "MB/s", 105.5, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name+" "+tt.unit, func(t *testing.T) {
			b, ok := got[tt.name]
			if !ok {
				t.Fatalf("no %s in %v", tt.name, got)
			}
			if b.Metrics[tt.unit] != tt.want || b.Runs != tt.runs {
				t.Errorf("%s = %v over %d runs, want %v over %d", tt.unit, b.Metrics[tt.unit], b.Runs, tt.want, tt.runs)
			}
		})
	}
	if len(got) != 2 {
		t.Errorf("parsed %d benchmarks, want 2: %v", len(got), got)
	}
}

func TestPprofShare(t *testing.T) {
	out := `File: sync.test
Showing nodes accounting for 1.2s, 60% of 2s total
      flat  flat%   sum%        cum   cum%
         0     0%     0%      1.20s 60.00%  github.com/interviewtray/interviewtray/sync.BenchmarkEngineFullSync
     0.01s  0.5%   0.5%      0.90s 45.00%  github.com/interviewtray/interviewtray/zoom.(*RecordingsScanner).Page
     0.02s  1.0%   1.5%      0.60s 30.00%  encoding/json.Unmarshal
     0.02s  1.0%   2.5%      0.30s 15.00%  io.ReadAll (inline)
`
	cum := pprofCum(out)
	tests := []struct {
		suffix string
		want   float64
	}{
		{"zoom.(*RecordingsScanner).Page", 75},
		{"encoding/json.Unmarshal", 50},
		{"io.ReadAll", 25},
		{"sync.(*Engine).saveCache", -1},
	}
	for _, tt := range tests {
		if got := share(cum, tt.suffix); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("share(%s) = %v, want %v", tt.suffix, got, tt.want)
		}
	}
}

func TestWakeEvents(t *testing.T) {
	sec := func(s int) time.Duration { return time.Duration(s) * time.Second }
	var tl []idleTick
	for s := 1; s <= 60; s++ {
		var n int64
		switch s {
		case 20:
			n = 50
		case 21:
			n = 9 // the same event, spilling over
		case 50:
			n = 7
		}
		tl = append(tl, idleTick{At: sec(s), Switches: n})
	}
	w := wakeEvents(tl)
	if len(w.at) != 2 || w.at[0] != sec(20) || w.at[1] != sec(50) {
		t.Errorf("events at %v, want 20 s and 50 s", w.at)
	}
	if w.spacing != sec(30) || w.maxSwitches != 59 || w.restSwitches != 7 {
		t.Errorf("spacing %v, largest %d, others %d; want 30 s, 59, 7", w.spacing, w.maxSwitches, w.restSwitches)
	}
	if w := wakeEvents(nil); len(w.at) != 0 || w.maxSwitches != 0 {
		t.Errorf("no ticks: %+v", w)
	}
}

func TestJudge(t *testing.T) {
	tests := []struct {
		name            string
		measured, limit float64
		verdict         string
		ratio           float64
	}{
		{"under", 10, 20, verdictMeets, 0.5},
		{"at the limit", 20, 20, verdictMeets, 1},
		{"over", 30, 20, verdictMisses, 1.5},
		{"no limit", 30, 0, verdictNotMeasured, math.NaN()},
		{"no figure", math.NaN(), 20, verdictNotMeasured, math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := judge(row{}, tt.measured, tt.limit)
			if r.Verdict != tt.verdict || (r.Ratio != tt.ratio && !(math.IsNaN(r.Ratio) && math.IsNaN(tt.ratio))) {
				t.Errorf("judge(%v, %v) = %s %v, want %s %v", tt.measured, tt.limit, r.Verdict, r.Ratio, tt.verdict, tt.ratio)
			}
		})
	}
}

// TestReportNamesEveryMiss renders a report whose figures miss and checks
// that every miss gets a cause and a fix, and that unmeasured parts say so.
func TestReportNamesEveryMiss(t *testing.T) {
	sample := func(rss int64) procSample { return procSample{RSS: rss, RSSAnon: rss / 4, RSSFile: rss * 3 / 4} }
	res := &results{
		Started: time.Now(), Source: "the working tree", IdleWindow: time.Minute,
		Idle: idleResult{Usage: map[string]usage{
			labelAgent:   {Window: time.Minute, CPUPercent: 0.2, Wakeups: 3, Threads: 10, End: sample(30 * mib)},
			labelSystray: {Window: time.Minute, End: sample(7 * mib)},
			labelLinked:  {Window: time.Minute, End: sample(19 * mib)},
		}, AgentTimeline: []idleTick{{At: 20 * time.Second, Switches: 60}, {At: 50 * time.Second, Switches: 8}}},
		Bench: map[string]benchResult{
			"BenchmarkEngineFullSync": {Runs: 3, Metrics: map[string]float64{"ns/op": 3e8, "cpu-ms/op": 300, "B/op": 100 * mib,
				"allocs/op": 6e5, "retained-MB": 25, "MB-json/op": 21.6, "calls/op": 84, "listed/op": 10000,
				"passes/op": 8, "max-pass-cpu-ms": 58, "max-pass-MB": 10}},
			"BenchmarkEngineSteadySync/daily": {Runs: 3, Metrics: map[string]float64{"ns/op": 1.2e8, "cpu-ms/op": 130, "B/op": 32 * mib,
				"allocs/op": 2.7e5, "retained-MB": 10, "MB-json/op": 8.7, "calls/op": 22, "listed/op": 3930,
				"passes/op": 3, "max-pass-cpu-ms": 60, "max-pass-MB": 12}},
			"BenchmarkEngineSteadySync/refresh": {Runs: 3, Metrics: map[string]float64{"ns/op": 1.5e7, "cpu-ms/op": 17, "B/op": 5 * mib,
				"allocs/op": 2.5e4, "MB-json/op": 0.34, "calls/op": 5}},
		},
		Day: &dayFigures{CallsTotal: 350, Calls: map[string]int{"GET /v2/users/me/upcoming_meetings": 300}, Reminders: 36},
		Window: &windowResult{Name: "agenda",
			App:   []launch{{Frame: frameTimes{Mapped: 300 * time.Millisecond, Painted: 320 * time.Millisecond}, RSS: 160 * mib}},
			Floor: []launch{{Frame: frameTimes{Mapped: 180 * time.Millisecond, Painted: 190 * time.Millisecond}, RSS: 128 * mib}},
			About: []launch{{Frame: frameTimes{Mapped: 290 * time.Millisecond, Painted: 330 * time.Millisecond}, RSS: 150 * mib}},
		},
	}
	rows := res.rows()
	md := res.markdown(rows)
	misses := 0
	for _, r := range rows {
		if r.Verdict == verdictMisses {
			misses++
			if !strings.Contains(r.Why, "**Cause.**") || !strings.Contains(r.Why, "**Fix") {
				t.Errorf("%s misses without a cause and a fix: %q", r.What, r.Why)
			}
			if !strings.Contains(md, "### "+r.What) {
				t.Errorf("the report has no section for the miss %q", r.What)
			}
		}
	}
	// RSS, CPU, wakeups, window time and RSS; fresh sync: whole CPU and
	// allocated, largest pass CPU, kept; daily sync: whole CPU and
	// allocated, largest pass CPU; calls.
	if misses != 13 {
		t.Errorf("%d misses, want 13", misses)
	}
	for _, want := range []string{"Regular pass (both meeting lists), CPU time", syncDaily + ", heap kept afterwards",
		syncFresh + syncPass + ", allocated", syncDaily + syncPass + ", allocated"} {
		found := false
		for _, r := range rows {
			if strings.HasPrefix(r.What, want) {
				found = true
				if r.Verdict != verdictMeets {
					t.Errorf("%s: %s, want it to meet", r.What, r.Verdict)
				}
			}
		}
		if !found {
			t.Errorf("no row %q", want)
		}
	}
	// The whole syncs and their largest passes are told apart, with their
	// own causes.
	for _, r := range rows {
		switch {
		case strings.HasPrefix(r.What, syncFresh+syncWhole+", CPU time"):
			if !strings.Contains(r.Why, "cannot fit in 50 ms") && !strings.Contains(r.Why, "passes one after the other") {
				t.Errorf("whole first sync's why: %q", r.Why)
			}
		case strings.HasPrefix(r.What, syncFresh+syncPass+", CPU time"), strings.HasPrefix(r.What, syncDaily+syncPass+", CPU time"):
			if !strings.Contains(r.Why, "at most one page of one UTC date") || !strings.Contains(r.Why, "The largest pass took") ||
				strings.Contains(r.Why, "list a date's pages over several passes") {
				t.Errorf("%s: why %q", r.What, r.Why)
			}
		}
	}
	for _, want := range []string{"Reminder lateness, real agent", "Agent binary (go build"} {
		found := false
		for _, r := range rows {
			if strings.HasPrefix(r.What, want) && r.Verdict == verdictNotMeasured {
				found = true
			}
		}
		if !found {
			t.Errorf("no not-measured row for %q", want)
		}
	}
}

func TestExportHead(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if err := exec.Command("git", "-C", repo, "rev-parse", "HEAD").Run(); err != nil {
		t.Skip("not in a git checkout")
	}
	dir, err := exportHead(t.Context(), repo, filepath.Join(t.TempDir(), "head"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"go.mod", "cmd/interviewtray/main.go", "scripts/package.sh"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("HEAD's files lack %s: %v", f, err)
		}
	}
}

func TestSampleProcSelf(t *testing.T) {
	a, err := sampleProc(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(50 * time.Millisecond)
	for time.Now().Before(deadline) { // burn some CPU
	}
	time.Sleep(10 * time.Millisecond) // and switch at least once
	b, err := sampleProc(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	u := usageBetween(a, b, 0)
	if b.RSS <= 0 || b.Threads < 1 || u.CPUPercent <= 0 || b.Switches <= a.Switches {
		t.Errorf("sample of this process: %+v, usage %+v", b, u)
	}
}

func TestInitTime(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// The test binary itself: its initialisers run, then it runs no test.
	d, err := initTime(t.Context(), self, "-test.run", "^$")
	if err != nil || d <= 0 || d > 10*time.Second {
		t.Errorf("initTime = %v, %v", d, err)
	}
}

func TestFmtCount(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 999: "999", 1000: "1,000", 10000: "10,000", 1234567: "1,234,567", -1500: "-1,500"} {
		if got := fmtCount(v); got != want {
			t.Errorf("fmtCount(%v) = %q, want %q", v, got, want)
		}
	}
}
