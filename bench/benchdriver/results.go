//go:build linux

package main

import (
	"fmt"
	"math"
	"time"
)

// results is everything one run measured.
type results struct {
	Started       time.Time
	Quick         bool
	Env           envInfo
	Source        string // which source the agent and window were built from
	ProductBinary string // which interviewtray binary ran (empty: go build)
	Notes         []string
	Sizes         sizes
	Bench         map[string]benchResult
	EngineProfile []profileShare // where BenchmarkEngineFullSync spends
	Day           *dayFigures
	IdleWindow    time.Duration
	Idle          idleResult
	RealReminders []reminderLate
	Window        *windowResult
}

// note records something the reader of the report must know (a part not
// measured, a fallback).
func (r *results) note(format string, args ...any) {
	r.Notes = append(r.Notes, fmt.Sprintf(format, args...))
}

// Verdicts.
const (
	verdictMeets       = "meets"
	verdictMisses      = "MISSES"
	verdictInfo        = "info"
	verdictNotMeasured = "not measured"
)

// row is one line of the summary: a figure, its target and the verdict.
type row struct {
	Part     int
	What     string
	Measured string
	Target   string
	// Ratio is the measured value divided by the limit the target sets
	// (a floor times a factor, or an absolute limit): at most 1 meets.
	// NaN when there is no target or no figure.
	Ratio   float64
	Verdict string
	// Why is set for misses: the cause and the fix, in Markdown.
	Why string
}

// judge fills Ratio and Verdict from a measured value and its limit.
func judge(r row, measured, limit float64) row {
	if limit <= 0 || math.IsNaN(measured) {
		r.Ratio, r.Verdict = math.NaN(), verdictNotMeasured
		return r
	}
	r.Ratio = measured / limit
	r.Verdict = verdictMeets
	if r.Ratio > 1 {
		r.Verdict = verdictMisses
	}
	return r
}

func notMeasured(part int, what, target, why string) row {
	return row{Part: part, What: what, Measured: "—", Target: target, Ratio: math.NaN(), Verdict: verdictNotMeasured, Why: why}
}

func info(part int, what, measured string) row {
	return row{Part: part, What: what, Measured: measured, Target: "—", Ratio: math.NaN(), Verdict: verdictInfo}
}

const mib = 1 << 20

func fmtMiB(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/mib) }

func fmtMs(d time.Duration) string {
	return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
}

func fmtDur(d time.Duration) string {
	switch {
	case d == 0:
		return "0 s"
	case d < time.Second:
		return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
	default:
		return fmt.Sprintf("%.2f s", d.Seconds())
	}
}
