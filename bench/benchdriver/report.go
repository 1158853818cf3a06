//go:build linux

package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// rows builds the summary, part by part.
func (r *results) rows() []row {
	var rows []row
	rows = append(rows, r.idleRows()...)
	rows = append(rows, r.windowRows()...)
	rows = append(rows, r.syncRows()...)
	rows = append(rows, r.dayRows()...)
	rows = append(rows, r.reminderRows()...)
	rows = append(rows, r.sizeRows()...)
	for i := range rows {
		if rows[i].Verdict == verdictMisses && rows[i].Why == "" {
			rows[i].Why = "Not diagnosed by the driver: see the details below."
		}
	}
	return rows
}

func (r *results) idleRows() []row {
	const part = 1
	a, ok := r.Idle.Usage[labelAgent]
	floor, fok := r.Idle.Usage[labelSystray]
	if !ok {
		why := "The agent was not measured idle (see the notes)."
		return []row{
			notMeasured(part, "Agent RSS, idle", "≤ 2 × systray floor", why),
			notMeasured(part, "Agent CPU, idle", "≤ 0.05 % of a core", why),
			notMeasured(part, "Agent wakeups, idle", "≤ 1 /s", why),
		}
	}
	var rows []row
	if fok {
		limit := 2 * float64(floor.End.RSS)
		rows = append(rows, judge(row{Part: part, What: "Agent RSS, idle", Measured: fmtMiB(a.End.RSS),
			Target: fmt.Sprintf("≤ 2 × systray floor (%s) = %s", fmtMiB(floor.End.RSS), fmtMiB(int64(limit)))},
			float64(a.End.RSS), limit))
	} else {
		rows = append(rows, notMeasured(part, "Agent RSS, idle", "≤ 2 × systray floor", "The systray floor was not measured."))
	}
	if d := r.Idle.Demo; d != nil && fok {
		// Trying the app: the same agent with the simulator in-process, a
		// different mode from the one users run, so information only.
		limit := 2 * float64(floor.End.RSS)
		rows = append(rows, info(part, "Agent RSS, idle, demo mode (--demo: the simulator in-process)",
			fmt.Sprintf("%s (%s anonymous, %s file-backed); ratio %s against the target above", fmtMiB(d.End.RSS), fmtMiB(d.End.RSSAnon),
				fmtMiB(d.End.RSSFile), fmtRatio(float64(d.End.RSS)/limit))))
	} else if r.Idle.DemoNote != "" {
		rows = append(rows, notMeasured(part, "Agent RSS, idle, demo mode (--demo: the simulator in-process)", "—",
			"Not measured: "+r.Idle.DemoNote+"."))
	}
	rows = append(rows, judge(row{Part: part, What: "Agent CPU, idle", Measured: fmt.Sprintf("%.3f %% of a core", a.CPUPercent),
		Target: "≤ 0.05 % of a core"}, a.CPUPercent, 0.05))
	rows = append(rows, judge(row{Part: part, What: "Agent wakeups, idle", Measured: fmt.Sprintf("%.2f /s", a.Wakeups),
		Target: "≤ 1 /s"}, a.Wakeups, 1))
	for i := range rows {
		if rows[i].Verdict == verdictMisses {
			rows[i].Why = r.whyIdle(rows[i].What)
		}
	}
	return rows
}

func (r *results) windowRows() []row {
	const part = 2
	w := r.Window
	if w == nil {
		why := "The windows were not timed (see the notes)."
		return []row{
			notMeasured(part, "Window: time to first frame", "≤ 1.2 × bare Fyne window", why),
			notMeasured(part, "Window: RSS", "≤ 1.2 × bare Fyne window", why),
		}
	}
	name := strings.ToUpper(w.Name[:1]) + w.Name[1:] + " window"
	app, na := medianDur(w.App, func(l launch) time.Duration { return l.Frame.Painted })
	floor, nf := medianDur(w.Floor, func(l launch) time.Duration { return l.Frame.Painted })
	appRSS, _ := medianDur(w.App, func(l launch) time.Duration { return time.Duration(l.RSS) })
	floorRSS, _ := medianDur(w.Floor, func(l launch) time.Duration { return time.Duration(l.RSS) })
	if na == 0 || nf == 0 {
		why := fmt.Sprintf("No successful launch of the %s (%d) or of the bare window (%d); see the details.", name, na, nf)
		return []row{
			notMeasured(part, name+": time to first frame", "≤ 1.2 × bare Fyne window", why),
			notMeasured(part, name+": RSS", "≤ 1.2 × bare Fyne window", why),
		}
	}
	rows := []row{
		judge(row{Part: part, What: name + ": time to first frame", Measured: fmtMs(app) + " (median)",
			Target: fmt.Sprintf("≤ 1.2 × bare window (%s) = %s", fmtMs(floor), fmtMs(floor*12/10))},
			float64(app), 1.2*float64(floor)),
		judge(row{Part: part, What: name + ": RSS", Measured: fmtMiB(int64(appRSS)),
			Target: fmt.Sprintf("≤ 1.2 × bare window (%s) = %s", fmtMiB(int64(floorRSS)), fmtMiB(int64(floorRSS)*12/10))},
			float64(appRSS), 1.2*float64(floorRSS)),
	}
	for i := range rows {
		if rows[i].Verdict == verdictMisses {
			rows[i].Why = r.whyWindow(rows[i].What)
		}
	}
	return rows
}

// Part 3's rows. The sync benchmarks' names, for syncRows and whySync.
const (
	benchFresh   = "BenchmarkEngineFullSync"
	benchDaily   = "BenchmarkEngineSteadySync/daily"
	benchRefresh = "BenchmarkEngineSteadySync/refresh"
)

// Part 3's row names; whySync tells them apart by these prefixes and by
// the part of the sync a row is about (syncWhole or syncPass).
const (
	syncFresh   = "First sync, fresh engine (the week, a page per pass)"
	syncDaily   = "Daily sync a day later (three dates, a page per pass)"
	syncRefresh = "Regular pass (both meeting lists)"

	syncWhole = ": whole sync (all its passes)"
	syncPass  = ": largest single pass"
)

func (r *results) syncRows() []row {
	const part = 3
	var rows []row
	// engineRows judges one engine benchmark: CPU and allocated for the
	// whole sync (ns/op, cpu-ms/op, B/op: all its passes) and, when it
	// measures it, for its largest pass (max-pass-cpu-ms, max-pass-MB), and
	// the heap kept.
	engineRows := func(name, what, account string) {
		e, ok := r.Bench[name]
		if !ok {
			why := name + " did not run (see the notes)."
			rows = append(rows, notMeasured(part, what+", CPU time", "≤ 50 ms", why),
				notMeasured(part, what+", allocated", "≤ 20 MiB", why))
			return
		}
		whole := ""
		if _, ok := e.Metrics["passes/op"]; ok {
			whole = syncWhole
		}
		cpu := e.Metrics["cpu-ms/op"]
		passes := ""
		if n, ok := e.Metrics["passes/op"]; ok {
			passes = fmt.Sprintf(", %.0f passes", n)
		}
		rows = append(rows,
			judge(row{Part: part, What: what + whole + ", CPU time" + account,
				Measured: fmt.Sprintf("%.0f ms (wall %.0f ms%s)", cpu, e.Metrics["ns/op"]/1e6, passes), Target: "≤ 50 ms"}, cpu, 50),
			judge(row{Part: part, What: what + whole + ", allocated", Measured: fmtMiB(int64(e.Metrics["B/op"])) +
				fmt.Sprintf(" in %.0fk allocations", e.Metrics["allocs/op"]/1000), Target: "≤ 20 MiB"}, e.Metrics["B/op"], 20*mib))
		if pc, ok := e.Metrics["max-pass-cpu-ms"]; ok {
			rows = append(rows, judge(row{Part: part, What: what + syncPass + ", CPU time",
				Measured: fmt.Sprintf("%.0f ms", pc), Target: "≤ 50 ms"}, pc, 50))
		}
		if pa, ok := e.Metrics["max-pass-MB"]; ok {
			rows = append(rows, judge(row{Part: part, What: what + syncPass + ", allocated",
				Measured: fmt.Sprintf("%.1f MiB", pa), Target: "≤ 20 MiB"}, pa, 20))
		}
		if kept, ok := e.Metrics["retained-MB"]; ok {
			rows = append(rows, judge(row{Part: part, What: what + ", heap kept afterwards", Measured: fmt.Sprintf("%.1f MiB", kept),
				Target: "≤ 20 MiB"}, kept, 20))
		}
	}
	engineRows(benchFresh, syncFresh, " (engine: 1,000 meetings, 10,000 recordings)")
	engineRows(benchDaily, syncDaily, "")
	engineRows(benchRefresh, syncRefresh, "")
	if p, ok := r.Bench["BenchmarkFullSync"]; ok {
		rows = append(rows,
			judge(row{Part: part, What: "Snapshot build alone (BenchmarkFullSync), time", Measured: fmt.Sprintf("%.1f ms", p.Metrics["ns/op"]/1e6),
				Target: "≤ 50 ms"}, p.Metrics["ns/op"]/1e6, 50),
			judge(row{Part: part, What: "Snapshot build alone, allocated", Measured: fmtMiB(int64(p.Metrics["B/op"])),
				Target: "≤ 20 MiB"}, p.Metrics["B/op"], 20*mib),
		)
	}
	for i := range rows {
		if rows[i].Verdict == verdictMisses {
			rows[i].Why = r.whySync(rows[i].What)
		}
	}
	return append(rows, r.calendarRows()...)
}

// calendarRows judge the calendar feed benchmarks (issue 13's targets).
func (r *results) calendarRows() []row {
	const part = 3
	var rows []row
	if b, ok := r.Bench["BenchmarkFetchParse"]; ok {
		cpu := b.Metrics["cpu-ms/op"]
		rows = append(rows,
			judge(row{Part: part, What: "Calendar feed of 5,000 events (200 series over 5 years): fetch, parse and expand the window, CPU time",
				Measured: fmt.Sprintf("%.0f ms (wall %.0f ms, %.0f occurrences)", cpu, b.Metrics["ns/op"]/1e6, b.Metrics["occurrences"]), Target: "≤ 100 ms"}, cpu, 100),
			judge(row{Part: part, What: "Calendar feed of 5,000 events, allocated", Measured: fmtMiB(int64(b.Metrics["B/op"])), Target: "≤ 30 MB"}, b.Metrics["B/op"], 30e6))
	} else {
		rows = append(rows, notMeasured(part, "Calendar feed of 5,000 events, fetch, parse and expand", "≤ 100 ms, ≤ 30 MB", "BenchmarkFetchParse did not run (see the notes)."))
	}
	if b, ok := r.Bench["BenchmarkNotModified"]; ok {
		cpu := b.Metrics["cpu-ms/op"]
		rows = append(rows, judge(row{Part: part, What: "Calendar feed unchanged (304), CPU time (client and server)",
			Measured: fmt.Sprintf("%.2f ms", cpu), Target: "< 1 ms"}, cpu, 1))
	} else {
		rows = append(rows, notMeasured(part, "Calendar feed unchanged (304), CPU time", "< 1 ms", "BenchmarkNotModified did not run (see the notes)."))
	}
	return rows
}

func (r *results) dayRows() []row {
	const part = 4
	if r.Day == nil {
		return []row{notMeasured(part, "Zoom calls, day of 8 interviews", "≤ 300", "The day scenario did not run (see the notes).")}
	}
	rw := judge(row{Part: part, What: "Zoom calls, day of 8 interviews", Measured: fmt.Sprintf("%d (+ %d token refreshes)", r.Day.CallsTotal, r.Day.TokenRefreshes),
		Target: "≤ 300"}, float64(r.Day.CallsTotal), 300)
	if rw.Verdict == verdictMisses {
		rw.Why = r.whyDay()
	}
	return []row{rw}
}

func (r *results) reminderRows() []row {
	const part = 5
	var rows []row
	if d := r.Day; d != nil {
		rows = append(rows,
			judge(row{Part: part, What: fmt.Sprintf("Reminder lateness in the day, %d reminders (fake time)", d.Reminders),
				Measured: fmtDur(d.MaxLate) + " (max)", Target: "≤ 1 s"}, d.MaxLate.Seconds(), 1),
			judge(row{Part: part, What: "Reminder after a sleep, from Wake (fake time)", Measured: fmtDur(d.WakeLate), Target: "≤ 5 s"}, d.WakeLate.Seconds(), 5),
			info(part, "Reminder after a sleep with no wake signal (fake time, the capped timer of platforms without a wall-clock one)", fmtDur(d.NoWakeLate)+" (by design ≤ 30 s; on Linux the agent's timerfd fires at the due time)"),
		)
	} else {
		rows = append(rows, notMeasured(part, "Reminder lateness in the day (fake time)", "≤ 1 s", "The day scenario did not run."),
			notMeasured(part, "Reminder after a sleep, from Wake (fake time)", "≤ 5 s", "The day scenario did not run."))
	}
	var worst time.Duration
	n, bad := 0, 0
	for _, rl := range r.RealReminders {
		if rl.Err != "" || rl.Shown != 1 {
			bad++
			continue
		}
		n++
		worst = max(worst, rl.Late)
	}
	switch {
	case n == 0:
		rows = append(rows, notMeasured(part, "Reminder lateness, real agent", "≤ 1 s", "No reminder of the real agent was timed (see the details)."))
	default:
		rw := judge(row{Part: part, What: fmt.Sprintf("Reminder lateness, real agent (%d reminders, due → Notify)", n),
			Measured: fmtDur(worst) + " (max)", Target: "≤ 1 s"}, worst.Seconds(), 1)
		if bad > 0 {
			rw.Verdict = verdictMisses
			rw.Measured += fmt.Sprintf("; %d not shown exactly once", bad)
		}
		rows = append(rows, rw)
	}
	for i := range rows {
		if rows[i].Verdict == verdictMisses {
			rows[i].Why = r.whyReminder(rows[i].What)
		}
	}
	return rows
}

func (r *results) sizeRows() []row {
	const part = 6
	s := r.Sizes
	var rows []row
	add := func(what string, n int64) {
		if n > 0 {
			rows = append(rows, info(part, what, fmt.Sprintf("%.1f MB (%d bytes)", float64(n)/1e6, n)))
		} else {
			rows = append(rows, notMeasured(part, what, "—", "Not built (see the notes)."))
		}
	}
	add("Agent binary (go build ./cmd/interviewtray, CGO_ENABLED=0)", s.Binary)
	add("Systray floor binary (go build ./bench/systrayfloor), beside it", s.SystrayFloor)
	add("Agent binary in the package (release: stripped, trimpath)", s.PackageBinary)
	add("Package (fyne package --release, tar.xz: both executables)", s.PackageTarball)
	return rows
}

// printTable writes the summary as aligned text.
func printTable(w io.Writer, rows []row) {
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tWhat\tMeasured\tTarget\tRatio\tVerdict")
	for _, r := range rows {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", r.Part, r.What, r.Measured, r.Target, fmtRatio(r.Ratio), r.Verdict)
	}
	tw.Flush()
	fmt.Fprintln(w)
}

func fmtRatio(x float64) string {
	if math.IsNaN(x) {
		return "—"
	}
	return fmt.Sprintf("%.2f", x)
}

// markdown renders the whole report.
func (r *results) markdown(rows []row) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# Benchmarks and the performance budget\n\n")
	p("Written by `make bench` (bench/benchdriver) on %s, in %s; do not edit by hand, run `make bench` again. ",
		r.Started.UTC().Format("2006-01-02 15:04 MST"), time.Since(r.Started).Round(time.Second))
	p("Targets are issue 7's. **Ratio** is the measured value divided by the limit the target sets (a floor times its factor, or an absolute limit): at most 1.00 meets it. ")
	p("The figures are one run's on the machine below; `make bench` never fails on them.\n\n")
	if r.Quick {
		p("**This run used -quick (fewer repetitions): its figures are rougher than a full run's.**\n\n")
	}
	p("Measured: the agent and the window from %s", r.Source)
	if r.ProductBinary != "" {
		p(", running %s", r.ProductBinary)
	} else {
		p(", running the `go build` binary")
	}
	p("; the sync benchmarks from the working tree.\n\n")

	p("## Summary\n\n| # | What | Measured | Target | Ratio | Verdict |\n|---|---|---|---|---|---|\n")
	for _, rw := range rows {
		v := rw.Verdict
		if v == verdictMisses {
			v = "**" + v + "**"
		}
		p("| %d | %s | %s | %s | %s | %s |\n", rw.Part, rw.What, mdCell(rw.Measured), mdCell(rw.Target), fmtRatio(rw.Ratio), v)
	}
	p("\n")

	var misses []row
	for _, rw := range rows {
		if rw.Verdict == verdictMisses {
			misses = append(misses, rw)
		}
	}
	p("## Misses: cause and fix\n\n")
	if len(misses) == 0 {
		p("None: every measured figure meets its target.\n\n")
	}
	for _, rw := range misses {
		p("### %s: %s (target %s)\n\n%s\n\n", rw.What, rw.Measured, rw.Target, rw.Why)
	}
	if len(r.Notes) > 0 {
		p("## Notes on this run\n\n")
		for _, n := range r.Notes {
			p("- %s\n", strings.ReplaceAll(n, "\n", "\n  "))
		}
		p("\n")
	}
	r.details(p)
	p("## Environment\n\n")
	p("- %s, %d cores; Linux %s\n", r.Env.CPU, r.Env.Cores, r.Env.Kernel)
	p("- %s\n", r.Env.GoVersion)
	p("- load average (1 min) %.2f when the run began, %.2f when it ended", r.Env.LoadStart, r.Env.LoadEnd)
	if max(r.Env.LoadStart, r.Env.LoadEnd) > 0.5*float64(r.Env.Cores) {
		p(": other work was running on the machine, which makes the timings (windows, benchmarks) noisier")
	}
	p("\n")
	p("- commit %s", r.Env.Commit)
	if r.Env.Dirty > 0 {
		p(", with %d changed or new files in the working tree", r.Env.Dirty)
	}
	p("\n")
	return b.String()
}

func mdCell(s string) string { return strings.ReplaceAll(s, "|", "\\|") }

// details renders each part's figures and how they were taken.
func (r *results) details(p func(string, ...any)) {
	p("## 1. The resident agent idle\n\n")
	p("Side by side for %v, under Xvfb with the driver's own StatusNotifierWatcher and notification server on a private session bus. ", r.IdleWindow)
	p("The agent runs in real mode, as users run it: `interviewtray` (the release build, without cgo, linking no Fyne) configured for a Zoom app whose OAuth and REST hosts are the Zoom simulator running as a process of its own (cmd/zoomsim, seeded like the demo), signed in through the simulator's consent page, ")
	p("after its first sync and once it had used under 5 ms of CPU in 10 s")
	if r.Idle.Usage[labelAgent].Window > 0 {
		p(" (%v after the first sync", r.Idle.Settled.Round(100*time.Millisecond))
		if !r.Idle.SettledOK {
			p("; it never got that quiet, so the window started anyway")
		}
		p(")")
	}
	if len(r.Idle.ClosedWindows) > 0 {
		p(". The windows the agent opened on its first run (%s) were closed before the window", strings.Join(r.Idle.ClosedWindows, "; "))
	}
	p(". The simulator's interviews due within 20 minutes (%d) were cancelled through the simulator before the sign-in, so that no reminder falls in the window; the next interview is hours away, so the agent polls Zoom every 10 to 60 minutes (the schedule in sync/doc.go)", r.Idle.CancelledDemo)
	if r.Idle.ZoomCalls >= 0 {
		p(" (%d Zoom calls from the settling through the window)", r.Idle.ZoomCalls)
	}
	p(". CPU is the sum of every thread's on-CPU time (/proc/PID/task/*/schedstat); wakeups are voluntary plus involuntary context switches of every thread (/proc/PID/task/*/status), per second; RSS is VmRSS at the end (anonymous and file-backed parts, and PSS, which splits shared pages between their users, beside it).\n\n")
	p("| Process | RSS | anon | file | PSS | max RSS | CPU (%% of a core) | wakeups/s | threads |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, l := range []string{labelAgent, labelSystray, labelLinked, labelFyneTray} {
		u, ok := r.Idle.Usage[l]
		if !ok {
			p("| %s | not measured | | | | | | | |\n", l)
			continue
		}
		p("| %s | %s | %s | %s | %s | %s | %.3f | %.2f | %d |\n", l, fmtMiB(u.End.RSS), fmtMiB(u.End.RSSAnon), fmtMiB(u.End.RSSFile),
			fmtMiB(u.End.PSS), fmtMiB(u.MaxRSS), u.CPUPercent, u.Wakeups, u.Threads)
	}
	if tl := r.Idle.AgentTimeline; len(tl) > 0 {
		p("\nThe agent's wakeups second by second (seconds with none left out): %s.", timeline(tl))
		if ev := wakeEvents(tl); len(ev.at) > 1 && ev.spacing > 0 {
			p(" They come every %v or so: the sync engine's loops, whose timers are capped at 30 s. ", ev.spacing.Round(time.Second))
			p("Each costs a handful of context switches in the Go runtime, but now and then one costs about sixty, when the runtime's sysmon thread stays in its fast polling phase after waking; ")
			p("one such burst in the window adds about one wake-up per second to the average, which is why this figure varies from run to run. Without the largest burst the rate here is %.2f /s.",
				float64(ev.restSwitches)/ev.spacing.Seconds())
		}
		p("\n")
	}
	p("\nThe floors (bench/): **systray floor** is a bare fyne.io/systray tray with one menu item; **systray floor + Fyne linked** is the same program with Fyne's app package linked in but never called, as the interviewtray binary links it for its windows; **Fyne tray floor** is a bare Fyne app with a tray menu (desktop.App.SetSystemTrayMenu) that never shows a window.\n\n")
	for _, t := range []struct {
		label string
		top   []mapping
	}{{labelAgent, r.Idle.AgentTop}, {labelLinked, r.Idle.LinkedTop}, {labelSystray, r.Idle.SystrayTop}} {
		if len(t.top) == 0 {
			continue
		}
		p("Largest resident mappings of the %s: ", t.label)
		var parts []string
		for _, m := range t.top {
			parts = append(parts, fmt.Sprintf("%s %s", shortName(m.Name), fmtMiB(m.RSS)))
		}
		p("%s.\n\n", strings.Join(parts, ", "))
	}

	p("## 2. A window: time to first frame and RSS\n\n")
	if w := r.Window; w != nil {
		p("`interviewtray-window %s` (the window executable, watching the agent of part 1) against bench/fynewindowfloor (a bare Fyne window with one label), started in turn, %d times each after one untimed round", w.Name, len(w.App))
		if len(w.About) > 0 {
			p("; the about window (`interviewtray-window about`: the same binary, next to no content) is timed beside them to separate the binary's cost from the content's")
		}
		p(". ")
		p("The time runs from just before the driver starts the process until the display shows the window painted: the driver polls the X server every 5 ms (Xlib, in the driver) for a viewable top-level window whose _NET_WM_PID is the process's, then reads its pixels until they hold at least %d colours (before its first frame a new window shows the two colours of Xvfb's background). ", paintedColors)
		p("The bare window also prints when Fyne first drew it (a 1×1 raster's first paint), which checks the detection. RSS is VmRSS one second after the first frame. The floors are `go build` binaries.")
		if w.AppInit > 0 && w.FloorInit > 0 {
			p(" Package initialisers (GODEBUG=inittrace=1, summed): %s in interviewtray, %s in the bare window.", fmtMs(w.AppInit), fmtMs(w.FloorInit))
		}
		p("\n\n")
		if w.Name != "agenda" {
			p("The agenda window does not exist yet in the binary measured, so the about window stands in; the driver switches to the agenda once `interviewtray help` lists it (or pass -window).\n\n")
		}
		cols := []struct {
			title string
			ls    []launch
			self  bool
		}{{w.Name, w.App, false}, {"bare window", w.Floor, true}}
		if len(w.About) > 0 {
			cols = append(cols, struct {
				title string
				ls    []launch
				self  bool
			}{"about", w.About, false})
		}
		p("| Launch |")
		for _, c := range cols {
			p(" %s: mapped | painted |", c.title)
			if c.self {
				p(" own first draw |")
			}
			p(" RSS |")
		}
		p("\n|---|")
		for _, c := range cols {
			p("---|---|---|")
			if c.self {
				p("---|")
			}
		}
		p("\n")
		n := 0
		for _, c := range cols {
			n = max(n, len(c.ls))
		}
		for i := range n {
			p("| %d |", i+1)
			for _, c := range cols {
				switch {
				case i >= len(c.ls):
					p(" | | |")
				case c.ls[i].Err != "":
					p(" failed: %s | | |", mdCell(firstLines(c.ls[i].Err, 1)))
				default:
					l := c.ls[i]
					p(" %s | %s |", fmtMs(l.Frame.Mapped), fmtMs(l.Frame.Painted))
					if c.self {
						p(" %s |", map[bool]string{true: fmtMs(l.SelfDraw), false: ""}[l.SelfDraw > 0])
					}
					p(" %s |", fmtMiB(l.RSS))
				}
				if c.self && (i >= len(c.ls) || c.ls[i].Err != "") {
					p(" |")
				}
			}
			p("\n")
		}
		p("| median |")
		for _, c := range cols {
			m, _ := medianDur(c.ls, func(l launch) time.Duration { return l.Frame.Mapped })
			pt, _ := medianDur(c.ls, func(l launch) time.Duration { return l.Frame.Painted })
			rss, _ := medianDur(c.ls, func(l launch) time.Duration { return time.Duration(l.RSS) })
			p(" %s | %s |", fmtMs(m), fmtMs(pt))
			if c.self {
				sd, _ := medianDur(c.ls, func(l launch) time.Duration { return l.SelfDraw })
				p(" %s |", fmtMs(sd))
			}
			p(" %s |", fmtMiB(int64(rss)))
		}
		p("\n")
		p("\n")
	} else {
		p("Not measured (see the notes).\n\n")
	}

	p("## 3. Sync engine benchmarks\n\n")
	p("From `go test -bench` in package sync (median of the runs), on issue 7's heavy account: 1,000 upcoming meetings and 10,000 cloud recordings of three files each over the past week. Zoom's answers are the simulator's, recorded once and replayed from memory, so neither the simulator's nor a network's work is counted. " +
		"The engine lists the cloud recordings one UTC date at a time, newest first, and a page (300 recordings) per pass, the passes following each other at once until the dates due are listed; a date is merged into the kept list, the snapshot rebuilt and the date's file written once its last page is read. SyncOnce runs them all. " +
		"BenchmarkEngineFullSync is a fresh engine's whole first sync (New, SyncOnce, Close): a first pass with every other Zoom call and the first page of today's recordings, then a pass per further page of the week's dates (nothing is kept yet, so the whole week is decoded in all). " +
		"BenchmarkEngineSteadySync is an engine that has synced before, a day later, from the files of an engine that followed the account through that day (as many meetings and recordings as the days before): `daily` is the sync in which every periodic call is due, the heaviest of the day (the user, both meeting lists, the details, the due cloud checks, and the recordings list of today, yesterday and the day before, a page per pass), timed alone (New and Close are not); `refresh` is the pass the engine makes all day, both meeting lists again with nothing new. " +
		"ns/op, cpu-ms/op and B/op are the whole sync's (all its passes); max-pass-cpu-ms and max-pass-MB are its largest single pass's (each pass measured alone, with a collection after it, median of three engines), what one wake-up of the agent costs at most; passes/op counts them. " +
		"cpu-ms/op is the process's CPU time (all threads, the GC's too; for the steady syncs, the passes and a collection after them); retained-MB is the live heap an engine keeps after the sync; listed/op the recordings the recordings list answered with. BenchmarkFullSync (bench_test.go) is the pure snapshot build on the same amount of data. BenchmarkRecordingsDecode fetches and decodes the whole week's recordings list a date at a time: `zoom-scan` as the engine decodes it (zoom.Client.ScanRecordings, which reads the pages as zoom.RecordingsScanner does, into the kept form), `zoom-client` through the full ListRecordings, and `plain-structs` decodes its pages into plain structs with every field, for comparison.\n\n")
	p("| Benchmark | runs | wall/op | cpu-ms/op | MiB allocated/op | allocs/op | other |\n|---|---|---|---|---|---|---|\n")
	names := make([]string, 0, len(r.Bench))
	for n := range r.Bench {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		b := r.Bench[n]
		var other []string
		for _, k := range []string{"passes/op", "max-pass-cpu-ms", "max-pass-MB", "retained-MB", "MB-json/op", "calls/op", "listed/op", "MB/s", "KiB-out"} {
			if v, ok := b.Metrics[k]; ok {
				other = append(other, fmt.Sprintf("%.5g %s", v, k))
			}
		}
		cpu := "—"
		if v, ok := b.Metrics["cpu-ms/op"]; ok {
			cpu = fmt.Sprintf("%.0f", v)
		}
		p("| %s | %d | %s | %s | %.1f | %.0f | %s |\n", n, b.Runs, fmtDur(time.Duration(b.Metrics["ns/op"])), cpu,
			b.Metrics["B/op"]/mib, b.Metrics["allocs/op"], strings.Join(other, ", "))
	}
	p("\n")

	if len(r.EngineProfile) > 0 {
		p("Where BenchmarkEngineFullSync spends (pprof, in a separate profiled run; cumulative shares of the whole first sync, all its passes, so nested lines overlap):\n\n| Under | CPU | bytes allocated |\n|---|---|---|\n")
		pct := func(v float64) string {
			if v < 0 {
				return "—"
			}
			return fmt.Sprintf("%.0f %%", v)
		}
		for _, s := range r.EngineProfile {
			p("| %s | %s | %s |\n", s.Label, pct(s.CPU), pct(s.Alloc))
		}
		p("\n")
	}

	p("## 4. Zoom calls in a day of eight interviews\n\n")
	if d := r.Day; d != nil {
		p("sync.TestBenchDayFigures: the day of TestDayOfEightInterviews (eight 45-minute interviews at 09:00, 10:00, 11:00, 13:00, 14:00, 15:00, 16:00 and 16:45 New York time, one hosted by a recruiter, one with the user as alternative host, a standup, four joined at their start, recordings ready an hour after each end) against the simulator in a testing/synctest bubble, midnight to midnight, poll jitter on (so the total varies by a few calls from run to run). REST calls per endpoint:\n\n| Endpoint | Calls |\n|---|---|\n")
		keys := make([]string, 0, len(d.Calls))
		for k := range d.Calls {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			p("| `%s` | %d |\n", k, d.Calls[k])
		}
		p("| **total** | **%d** |\n| token refreshes (OAuth, not counted above) | %d |\n\n", d.CallsTotal, d.TokenRefreshes)
	} else {
		p("Not measured (see the notes).\n\n")
	}

	p("## 5. Reminder lateness\n\n")
	p("In the day above, lateness is FiredAt − Due of every reminder, on the synctest bubble's fake clock: fake time stands still while the engine computes, so it shows scheduling mistakes (a timer set too late, a missed wake-up), not CPU time. The sleep runs put a laptop to sleep from 12 to 5 minutes before an interview (the wall clock and Zoom's clock jump, no timer runs) and time its 10-minute reminder from waking: once with Engine.Wake, as the agent calls it on logind's PrepareForSleep(false), once without any signal (the clock loop's capped 30-second sleep notices the jump).\n\n")
	if len(r.RealReminders) > 0 {
		p("With the real agent (after the idle window): three interviews were created through the simulator's control API (POST /_sim/meetings) so that their 10-minute reminders fall due 6, 8 and 10 seconds later, the agent was asked to refresh through its local API, and each reminder's Notify call was timed at the driver's notification server against its due time (wall clock):\n\n| Reminder | due | late | Notify calls |\n|---|---|---|---|\n")
		for _, rl := range r.RealReminders {
			if rl.Err != "" {
				p("| %s | %s | failed: %s | %d |\n", rl.Topic, rl.Due.Format("15:04:05"), mdCell(rl.Err), rl.Shown)
				continue
			}
			p("| %s | %s | %s | %d |\n", rl.Topic, rl.Due.Format("15:04:05"), fmtDur(rl.Late), rl.Shown)
		}
		p("\nA real sleep cannot be staged here: after-wake lateness is measured in fake time only.\n\n")
	}

	p("## 6. Sizes\n\n")
	s := r.Sizes
	p("The interviewtray binary as `go build` makes it: %s; as the package ships it (fyne package --release: -ldflags \"-s -w\", -trimpath): %s; the package (tar.xz with the .desktop file and icon): %s. For scale, the systray floor is %s and the Fyne tray floor %s.\n\n",
		fmtMB(s.Binary), fmtMB(s.PackageBinary), fmtMB(s.PackageTarball), fmtMB(s.SystrayFloor), fmtMB(s.FyneTrayFloor))
}

// timeline lists the seconds of the idle window in which the agent woke.
func timeline(tl []idleTick) string {
	var parts []string
	for _, t := range tl {
		if t.Switches > 0 {
			parts = append(parts, fmt.Sprintf("%.0f s: %d (%.2f ms CPU)", t.At.Seconds(), t.Switches, float64(t.CPU)/1e6))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "; ")
}

func fmtMB(n int64) string {
	if n <= 0 {
		return "not measured"
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// shortName keeps the last element of a mapped file's path.
func shortName(path string) string {
	if i := strings.LastIndex(path, "/"); i >= 0 {
		return path[i+1:]
	}
	return path
}
