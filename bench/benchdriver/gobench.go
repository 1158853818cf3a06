//go:build linux

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// benchResult is one Go benchmark: the median of each metric over its
// runs (-count), by unit ("ns/op", "B/op", "cpu-ms/op", ...).
type benchResult struct {
	Runs    int
	Metrics map[string]float64
}

// dayFigures mirrors the JSON sync.TestBenchDayFigures writes.
type dayFigures struct {
	Calls          map[string]int `json:"calls"`
	CallsTotal     int            `json:"calls_total"`
	TokenRefreshes int            `json:"token_refreshes"`
	Reminders      int            `json:"reminders"`
	MaxLate        time.Duration  `json:"max_late_ns"`
	WakeLate       time.Duration  `json:"wake_late_ns"`
	NoWakeLate     time.Duration  `json:"no_wake_late_ns"`
}

// goBenchmarks runs the sync package's benchmarks and the day scenario
// from one compiled test binary.
func (r *runner) goBenchmarks(ctx context.Context) {
	r.res.Bench = map[string]benchResult{}
	r.logf("compiling the sync package's tests")
	test := filepath.Join(r.cfg.work, "sync.test")
	if out, err := goCmd(ctx, r.cfg.repo, nil, "test", "-c", "-o", test, "./sync/"); err != nil {
		r.res.note("The sync package's tests did not compile, so parts 3 to 5 (but the real agent's reminders) are not measured:\n\n```\n%s\n```", firstLines(out, 10))
		return
	}
	count := "3"
	if r.cfg.quick {
		count = "1"
	}
	runs := []struct {
		what string
		args []string
	}{
		{"the pure full-sync benchmark", []string{"-test.bench", "^BenchmarkFullSync$", "-test.count", count}},
		{"the engine full-sync benchmark", []string{"-test.bench", "^BenchmarkEngineFullSync$", "-test.benchtime", "3x", "-test.count", count}},
		{"the engine steady-sync benchmark", []string{"-test.bench", "^BenchmarkEngineSteadySync$", "-test.benchtime", "3x", "-test.count", count}},
		{"the recordings decode benchmark", []string{"-test.bench", "^BenchmarkRecordingsDecode$", "-test.benchtime", "3x", "-test.count", "1"}},
	}
	for _, run := range runs {
		if ctx.Err() != nil {
			return
		}
		r.logf("running %s", run.what)
		args := append([]string{"-test.run", "^$", "-test.benchmem"}, run.args...)
		cmd := exec.CommandContext(ctx, test, args...)
		cmd.Dir = filepath.Join(r.cfg.repo, "sync")
		out, err := cmd.CombinedOutput()
		writeLog(r.cfg.work, "gobench.log", out)
		if err != nil {
			r.res.note("%s failed: %v\n\n```\n%s\n```", run.what, err, firstLines(string(out), 12))
			continue
		}
		for name, b := range parseBench(string(out)) {
			r.res.Bench[name] = b
		}
	}

	if ctx.Err() == nil {
		r.logf("profiling the engine full-sync benchmark")
		shares, err := r.profileEngine(ctx, test)
		if err != nil {
			r.res.note("Profiling BenchmarkEngineFullSync failed: %v", err)
		}
		r.res.EngineProfile = shares
	}

	r.calendarBenchmarks(ctx, count)

	r.logf("running the day of eight interviews (synctest)")
	dayOut := filepath.Join(r.cfg.work, "day.json")
	os.Remove(dayOut)
	cmd := exec.CommandContext(ctx, test, "-test.run", "^TestBenchDayFigures$", "-test.count", "1", "-test.v")
	cmd.Dir = filepath.Join(r.cfg.repo, "sync")
	cmd.Env = append(os.Environ(), "INTERVIEWTRAY_BENCH_DAY_OUT="+dayOut)
	out, err := cmd.CombinedOutput()
	writeLog(r.cfg.work, "day.log", out)
	if err != nil {
		r.res.note("The day scenario (TestBenchDayFigures) failed; its figures below may be missing or partial:\n\n```\n%s\n```", firstLines(string(out), 15))
	}
	data, rerr := os.ReadFile(dayOut)
	if rerr != nil {
		return
	}
	var d dayFigures
	if err := json.Unmarshal(data, &d); err != nil {
		r.res.note("The day scenario wrote unreadable figures: %v", err)
		return
	}
	r.res.Day = &d
}

// parseBench reads `go test -bench` output: "BenchmarkName-2  N  v unit  v unit ...".
// Sub-benchmarks keep their "/sub" part; the -GOMAXPROCS suffix is dropped.
func parseBench(out string) map[string]benchResult {
	samples := map[string]map[string][]float64{}
	for line := range strings.Lines(out) {
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		name := f[0]
		if i := strings.LastIndex(name, "-"); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		if samples[name] == nil {
			samples[name] = map[string][]float64{}
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			samples[name][f[i+1]] = append(samples[name][f[i+1]], v)
		}
	}
	out2 := map[string]benchResult{}
	for name, units := range samples {
		b := benchResult{Metrics: map[string]float64{}}
		for unit, vs := range units {
			b.Runs = max(b.Runs, len(vs))
			b.Metrics[unit] = median(vs)
		}
		out2[name] = b
	}
	return out2
}

func median(vs []float64) float64 {
	if len(vs) == 0 {
		return 0
	}
	s := slices.Clone(vs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func writeLog(work, name string, data []byte) {
	f, err := os.OpenFile(filepath.Join(work, "logs", name), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	fmt.Fprintf(f, "==== %s\n", time.Now().Format(time.RFC3339))
	f.Write(data)
}

// profileShare is the share of a full sync's CPU time or allocated bytes
// spent in (under) one function, from a pprof profile.
type profileShare struct {
	Label string
	CPU   float64 // percent; -1 when absent
	Alloc float64
}

// profiledFuncs are the functions whose shares the report shows, by the
// suffix of their pprof name.
var profiledFuncs = []struct{ suffix, label string }{
	{"zoom.(*RecordingsScanner).Page", "the recordings list: fetch and decode, a page per pass (zoom.RecordingsScanner.Page)"},
	{"zoom.readCapped", "reading answer bodies into memory (zoom.readCapped, into reused buffers)"},
	{"encoding/json.Unmarshal", "JSON decoding of every answer (encoding/json.Unmarshal)"},
	{"zoom.(*Client).ListUpcomingMeetings", "the hosted meetings list (zoom.Client.ListUpcomingMeetings)"},
	{"sync.(*Engine).publishLocked", "building and publishing the snapshot (Engine.publishLocked)"},
	{"sync.(*Engine).saveCache", "writing the caches after a pass with news (Engine.saveCache)"},
	{"sync.(*Engine).saveListCache", "of which the kept recordings list, a date's file and recordings.json as each date is merged (Engine.saveListCache)"},
}

// profileEngine profiles BenchmarkEngineFullSync (in a run of its own, so
// that profiling does not touch the measured figures) and returns the
// shares of profiledFuncs.
func (r *runner) profileEngine(ctx context.Context, test string) ([]profileShare, error) {
	cpu, mem := filepath.Join(r.cfg.work, "engine.cpu.prof"), filepath.Join(r.cfg.work, "engine.mem.prof")
	cmd := exec.CommandContext(ctx, test, "-test.run", "^$", "-test.bench", "^BenchmarkEngineFullSync$", "-test.benchtime", "3x",
		"-test.count", "1", "-test.cpuprofile", cpu, "-test.memprofile", mem, "-test.memprofilerate", "65536")
	cmd.Dir = filepath.Join(r.cfg.repo, "sync")
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("%v\n%s", err, firstLines(string(out), 10))
	}
	cum := func(args ...string) (map[string]float64, error) {
		args = append([]string{"tool", "pprof", "-top", "-cum", "-nodecount=1000",
			"-focus=BenchmarkEngineFullSync", "-ignore=newHeavyAccount"}, args...)
		out, err := goCmd(ctx, r.cfg.repo, nil, args...)
		if err != nil {
			return nil, fmt.Errorf("go tool pprof: %v\n%s", err, firstLines(out, 5))
		}
		return pprofCum(out), nil
	}
	c, err := cum(test, cpu)
	if err != nil {
		return nil, err
	}
	m, err := cum("-sample_index=alloc_space", test, mem)
	if err != nil {
		return nil, err
	}
	var shares []profileShare
	for _, f := range profiledFuncs {
		shares = append(shares, profileShare{Label: f.label, CPU: share(c, f.suffix), Alloc: share(m, f.suffix)})
	}
	return shares, nil
}

// pprofCum reads `go tool pprof -top -cum` output into cumulative
// percentages by function name.
func pprofCum(out string) map[string]float64 {
	res := map[string]float64{}
	for line := range strings.Lines(out) {
		f := strings.Fields(line)
		if len(f) < 6 || !strings.HasSuffix(f[4], "%") {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSuffix(f[4], "%"), 64)
		if err != nil {
			continue
		}
		name := f[5]
		res[name] = max(res[name], v)
	}
	return res
}

// share returns the cumulative share of the function whose name ends in
// suffix, relative to the benchmark's own (the focus root), or -1.
func share(cum map[string]float64, suffix string) float64 {
	root, v := 0.0, -1.0
	for name, pct := range cum {
		if strings.HasSuffix(name, "sync.BenchmarkEngineFullSync") {
			root = pct
		}
		if strings.HasSuffix(name, suffix) {
			v = max(v, pct)
		}
	}
	if root <= 0 || v < 0 {
		return -1
	}
	return 100 * v / root
}

// calendarBenchmarks runs the calendar package's benchmarks: a feed of
// 5,000 events with 200 series over 5 years fetched, parsed and expanded,
// and the 304 of an unchanged feed.
func (r *runner) calendarBenchmarks(ctx context.Context, count string) {
	r.logf("compiling the calendar package's tests")
	test := filepath.Join(r.cfg.work, "calendar.test")
	if out, err := goCmd(ctx, r.cfg.repo, nil, "test", "-c", "-o", test, "./calendar/"); err != nil {
		r.res.note("The calendar package's tests did not compile, so the calendar feed is not measured:\n\n```\n%s\n```", firstLines(out, 10))
		return
	}
	r.logf("running the calendar benchmarks")
	cmd := exec.CommandContext(ctx, test, "-test.run", "^$", "-test.benchmem", "-test.bench", "^Benchmark(FetchParse|NotModified)$", "-test.count", count)
	cmd.Dir = filepath.Join(r.cfg.repo, "calendar")
	out, err := cmd.CombinedOutput()
	writeLog(r.cfg.work, "calendar-bench.log", out)
	if err != nil {
		r.res.note("The calendar benchmarks failed: %v\n\n```\n%s\n```", err, firstLines(string(out), 12))
		return
	}
	for name, b := range parseBench(string(out)) {
		r.res.Bench[name] = b
	}
}
