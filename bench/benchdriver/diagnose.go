//go:build linux

package main

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// The causes and fixes of misses. Each names its evidence from this run's
// figures; the fixes are for the product's owners (the driver changes
// nothing outside bench/).

func (r *results) whyIdle(what string) string {
	a := r.Idle.Usage[labelAgent]
	sys := r.Idle.Usage[labelSystray]
	linked, hasLinked := r.Idle.Usage[labelLinked]
	var b strings.Builder
	switch {
	case strings.Contains(what, "RSS"):
		fmt.Fprintf(&b, "**Cause.** The agent is %s (%s anonymous, %s file-backed) against the bare systray tray's %s. ",
			fmtMiB(a.End.RSS), fmtMiB(a.End.RSSAnon), fmtMiB(a.End.RSSFile), fmtMiB(sys.End.RSS))
		b.WriteString("The agent links neither Fyne nor cgo (its windows are the separate interviewtray-window executable), so what is over the floor is its own code and data: " +
			"the sync engine's snapshot and kept lists, net/http and TLS, godbus, the keychain client, the calendar parser. ")
		if hasLinked {
			fmt.Fprintf(&b, "For scale, the bare tray with Fyne merely linked in (bench/linkedfloor) is %s. ", fmtMiB(linked.End.RSS))
		}
		if len(r.Idle.AgentTop) > 0 {
			var parts []string
			for _, m := range r.Idle.AgentTop[:min(4, len(r.Idle.AgentTop))] {
				parts = append(parts, shortName(m.Name)+" "+fmtMiB(m.RSS))
			}
			fmt.Fprintf(&b, "Largest resident mappings: %s. ", strings.Join(parts, ", "))
		}
		b.WriteString("\n\n**Fix.** Look at the agent's heap profile and its file-backed pages (a smaller binary faults in less): " +
			"packages initialised at start that the idle agent never uses, tables built at init, and buffers kept after the first sync.")
	case strings.Contains(what, "CPU"), strings.Contains(what, "wakeups"):
		fmt.Fprintf(&b, "**Cause.** Over %v the agent used %.3f %% of a core and woke %.2f times a second (%d threads); the bare systray tray: %.3f %%, %.2f /s",
			a.Window.Round(time.Second), a.CPUPercent, a.Wakeups, a.Threads, sys.CPUPercent, sys.Wakeups)
		if hasLinked {
			fmt.Fprintf(&b, ", and with Fyne linked %.2f /s", linked.Wakeups)
		}
		b.WriteString(". ")
		if r.Idle.ZoomCalls >= 0 {
			fmt.Fprintf(&b, "It made %d Zoom calls from its settling through the window. ", r.Idle.ZoomCalls)
		}
		ev := wakeEvents(r.Idle.AgentTimeline)
		if len(ev.at) > 0 {
			fmt.Fprintf(&b, "Second by second (part 1 below) it woke in %d separate seconds", len(ev.at))
			if ev.spacing > 0 {
				fmt.Fprintf(&b, ", %v apart (median)", ev.spacing.Round(time.Second))
			}
			fmt.Fprintf(&b, ", with %d context switches in the largest and %d in the others (median). ", ev.maxSwitches, ev.restSwitches)
		}
		b.WriteString("What the agent itself schedules while idle: on Linux the sync engine's two loops wait on a CLOCK_REALTIME timerfd until their next due time " +
			"(internal/walltimer: no 30 s cap, it fires across a suspend and on clock changes), the sync loop closes its HTTP connections at the end of a pass when the next is over 90 s away " +
			"(else net/http's idle timer would wake it 90 s later), and the tray redraws on change and at minute boundaries only within an hour of an interview. " +
			"So the wake-ups left in an idle window are the Zoom polls (every 15 minutes to an hour when no interview is near, every minute in the 15 minutes before one), " +
			"each costing a few dozen context switches (the request, the Go runtime handing goroutines between threads, sysmon's polling after activity), " +
			"and the Go runtime's own forced GC every 2 minutes. ")
		if ev.spacing > 0 && len(ev.at) > 1 {
			fmt.Fprintf(&b, "Without the largest burst the rate is about %.2f /s (%d switches every %v). ", float64(ev.restSwitches)/ev.spacing.Seconds(), ev.restSwitches, ev.spacing.Round(time.Second))
		}
		b.WriteString("\n\n**Fix.** Look at the log (logs/agent.log) for a poll in the window: with an interview within 15 minutes the 1-minute polls are by design, " +
			"and the demo's interviews due within 20 minutes are cancelled before measuring for that reason. A burst with no poll is the runtime's (GC, sysmon): " +
			"perf's sched_switch call stacks tell whose; the runtime's forced GC period (2 minutes) cannot be changed from the program.")
	}
	return b.String()
}

func (r *results) whyWindow(what string) string {
	w := r.Window
	med := func(ls []launch, pick func(launch) time.Duration) time.Duration {
		d, _ := medianDur(ls, pick)
		return d
	}
	rss := func(l launch) time.Duration { return time.Duration(l.RSS) }
	mapped := func(l launch) time.Duration { return l.Frame.Mapped }
	painted := func(l launch) time.Duration { return l.Frame.Painted }
	var b strings.Builder
	hasAbout := len(w.About) > 0
	if strings.Contains(what, "RSS") {
		anon := func(l launch) time.Duration { return time.Duration(l.RSSAnon) }
		file := func(l launch) time.Duration { return time.Duration(l.RSSFile) }
		split := func(ls []launch) string {
			return fmt.Sprintf("%s (%s anonymous, %s file-backed)", fmtMiB(int64(med(ls, rss))), fmtMiB(int64(med(ls, anon))), fmtMiB(int64(med(ls, file))))
		}
		fmt.Fprintf(&b, "**Cause.** One second after its first frame the %s window process holds %s against the bare window's %s. ", w.Name, split(w.App), split(w.Floor))
		if hasAbout {
			fmt.Fprintf(&b, "The about window, the same binary with next to no content, holds %s: the part of the difference it shares is the interviewtray process itself, the rest the %s window's content. ", split(w.About), w.Name)
		}
		b.WriteString("File-backed pages are the executable and libraries the process touched (interviewtray-window links Fyne and the local API client); " +
			"anonymous ones are its heap and stacks, and the buffers and textures of Mesa's software renderer under Xvfb, which grow with the window's size and images.")
		b.WriteString("\n\n**Fix.** Keep the window executable's dependencies to ui/window, the shared view types and the local API client (cmd/interviewtray's deps test checks it); " +
			"in the window, build only the visible part of long lists (widget.List, not a VBox of every row) and load images at the size they are shown.")
		return b.String()
	}
	fmt.Fprintf(&b, "**Cause.** The %s window is mapped after %s and painted after %s; the bare window after %s and %s: ",
		w.Name, fmtMs(med(w.App, mapped)), fmtMs(med(w.App, painted)), fmtMs(med(w.Floor, mapped)), fmtMs(med(w.Floor, painted)))
	gapApp, gapFloor := med(w.App, painted)-med(w.App, mapped), med(w.Floor, painted)-med(w.Floor, mapped)
	fmt.Fprintf(&b, "from mapping to frame %s against %s, so the difference is in starting up, before the window is mapped. ", fmtMs(gapApp), fmtMs(gapFloor))
	contentMatters := true
	if hasAbout {
		am := med(w.About, mapped)
		fmt.Fprintf(&b, "The about window (the same binary, next to no content) is mapped after %s", fmtMs(am))
		if am*10 >= med(w.App, mapped)*9 {
			contentMatters = false
			b.WriteString(", as late: the agenda's content is not what delays it. ")
		} else {
			b.WriteString(": the rest is the window's content, built before Show. ")
		}
	}
	if w.AppInit > 0 && w.FloorInit > 0 {
		fmt.Fprintf(&b, "Package initialisers take %s in interviewtray and %s in the bare window (GODEBUG=inittrace=1), so they are not it either. ", fmtMs(w.AppInit), fmtMs(w.FloorInit))
	}
	b.WriteString("What is left is interviewtray-window's own path from exec to Show (main, window.Run: the Fyne app with the real app ID and its preferences, the window's construction); " +
		"the driver does not break that down. With a target of 1.2 × a bare window of about 0.2 s, the margin is some 40 ms, within the run-to-run noise of a shared machine: see the launches in part 2.")
	b.WriteString("\n\n**Fix.** Profile the window process from exec to its first frame (a CPU profile written at the first frame, or `strace -r -f`), and move whatever is not needed for the first view after Show")
	if contentMatters {
		b.WriteString("; build the first view from what is at hand and fill it when the agent's state arrives")
	}
	b.WriteString(".")
	return b.String()
}

func (r *results) whySync(what string) string {
	var b strings.Builder
	e := r.Bench[benchFresh]
	daily, okDaily := r.Bench[benchDaily]
	refresh, okRefresh := r.Bench[benchRefresh]
	scanDec, okS := r.Bench["BenchmarkRecordingsDecode/zoom-scan"]
	zoomDec, okZ := r.Bench["BenchmarkRecordingsDecode/zoom-client"]
	plainDec, okP := r.Bench["BenchmarkRecordingsDecode/plain-structs"]
	pure, okPure := r.Bench["BenchmarkFullSync"]
	mbps := 0.0
	if okP {
		mbps = plainDec.Metrics["MB/s"]
	}
	// decodeMs is how long encoding/json alone takes for mb MB here.
	decodeMs := func(mb float64) string {
		if mbps <= 0 {
			return ""
		}
		return fmt.Sprintf(" (about %.0f ms of encoding/json alone at this machine's %.0f MB/s)", 1000*mb/mbps, mbps)
	}
	// fixedWork says what a pass does besides its Zoom calls.
	fixedWork := func() string {
		s := "Besides its calls, a pass that brings news rebuilds the snapshot, publishes it and writes snapshot.json if it changed"
		if okRefresh {
			s += fmt.Sprintf(" (the regular pass, which does that after both meeting lists, takes %.0f ms)", refresh.Metrics["cpu-ms/op"])
		}
		return s + "; the pass that reads a date's last page also merges the date into the kept week and writes that date's file of the kept list (recordings-YYYY-MM-DD.json) and recordings.json, " +
			"while a pass that reads any other page only keeps it aside (no merge and no file; the snapshot only if the health shown changed). "
	}
	// decodeFix is what is left to make decoding cheaper.
	const decodeFix = "the list is already decoded straight into the few fields the engine keeps (zoom.RecordingsScanner, a page at a time: no file times parsed, no full copy), " +
		"so what remains is encoding/json's own pace, which scans every answer twice (a validity check, then the decoding): " +
		"only a decoder that reads each page once (encoding/json/v2 once it is not experimental, or a hand-written reader for the list's pages) would cut it much further"
	// passFix is what would bound a single pass further.
	const passFix = "a pass already reads at most one page of the list, merges at most one date, and writes snapshot.json only when the snapshot changed; " +
		"the largest pass is then usually the first, with every other call that is due: in package sync, leave the list's first page to the next pass when the meeting lists were fetched, " +
		"and make the regular pass cheaper (row \"" + syncRefresh + "\")"
	switch {
	case strings.Contains(what, "kept"):
		fmt.Fprintf(&b, "**Cause.** The engine keeps the meetings it knows, their details, the followed recordings, the snapshot and the recordings list of the past week, "+
			"in a compact form (per recording its IDs, topic, start, passcode and chosen links: see sync/recordings_list.go) so that a change of the rules can be re-applied without asking Zoom. "+
			"After the fresh sync that is %.1f MiB live", e.Metrics["retained-MB"])
		if okDaily {
			fmt.Fprintf(&b, ", after a daily sync %.1f MiB", daily.Metrics["retained-MB"])
		}
		b.WriteString(".\n\n**Fix.** Profile the heap after a sync (go test -memprofile with -memprofilerate=1 on the benchmark) and shrink the largest kept part; " +
			"keeping only the recordings whose topic could match a rule (and listing again when the rules change) would shrink the recordings list by the share that are not interviews.")
		return b.String()

	case strings.Contains(what, syncPass):
		bench := e
		if strings.HasPrefix(what, syncDaily) {
			bench = daily
		}
		passes := max(bench.Metrics["passes/op"], 1)
		fmt.Fprintf(&b, "**Cause.** A pass reads at most one page of one UTC date of the cloud recordings list: 300 recordings, about 0.65 MB of JSON%s; "+
			"on this account a whole day is about 1,570 recordings, six pages, and this sync's %.0f passes decode %.1f MB in all. The first pass also makes every other call that is due (the user, both meeting lists with 1,000 meetings, the details, the settings). ",
			decodeMs(0.65), passes, bench.Metrics["MB-json/op"])
		b.WriteString(fixedWork())
		fmt.Fprintf(&b, "The largest pass took %.0f ms and allocated %.1f MiB (the whole sync %.0f ms and %s).",
			bench.Metrics["max-pass-cpu-ms"], bench.Metrics["max-pass-MB"], bench.Metrics["cpu-ms/op"], fmtMiB(int64(bench.Metrics["B/op"])))
		b.WriteString("\n\n**Fix.** " + upperFirst(decodeFix) + ". To bound a pass further: " + passFix + ".")
		return b.String()

	case strings.HasPrefix(what, syncDaily):
		fmt.Fprintf(&b, "**Cause.** A day later the engine lists again the dates not final at its last list: today, yesterday and the day before (Zoom's from and to are UTC dates, "+
			"and a recording of a meeting that started just before midnight may be processed after a list, so a date is final only once listed two dates after it), a page per pass. "+
			"At noon UTC that is two and a half days of recordings: %s on this account, which has about 1,570 a day, in %.1f MB of JSON%s. "+
			"With the user, both meeting lists (1,000 meetings) and the due cloud checks, the sync makes %.0f calls in %.0f passes. ",
			fmtCount(daily.Metrics["listed/op"]), daily.Metrics["MB-json/op"], decodeMs(daily.Metrics["MB-json/op"]), daily.Metrics["calls/op"], max(daily.Metrics["passes/op"], 1))
		b.WriteString(fixedWork())
		if pc, ok := daily.Metrics["max-pass-cpu-ms"]; ok {
			fmt.Fprintf(&b, "Its largest single pass took %.0f ms and allocated %.1f MiB (row \"%s%s\"). ", pc, daily.Metrics["max-pass-MB"], syncDaily, syncPass)
		}
		b.WriteString("\n\n**Fix.** The list's cost follows the recordings of those dates: an account with a few hundred recordings a week lists a page a date. " +
			"For a heavy account: (1) " + decodeFix + "; (2) in package sync, make a date final sooner than a day after it (listFinalAfter: the hours Zoom takes to process a recording), " +
			"so that the day before is not listed again, a third less.")
		return b.String()

	case strings.HasPrefix(what, syncRefresh):
		fmt.Fprintf(&b, "**Cause.** The pass makes %.0f calls (upcoming_meetings and every page of the 1,000 hosted meetings), decodes %.2f MB of JSON, merges both lists, classifies the meetings and builds the snapshot.",
			refresh.Metrics["calls/op"], refresh.Metrics["MB-json/op"])
		b.WriteString("\n\n**Fix.** Profile BenchmarkEngineSteadySync/refresh (-cpuprofile) and cut what dominates; this pass runs many times a day.")
		return b.String()
	}

	fmt.Fprintf(&b, "**Cause.** With nothing kept yet, a fresh engine's first sync must list the whole week of cloud recordings once: "+
		"the recordings of interviews it did not see happen come only from that list. It reads the list a page per pass (300 recordings), a date's pages in turn, newest date first, %.0f passes one after the other, "+
		"and makes %.0f Zoom calls in all; it decodes %.1f MB of JSON%s, almost all of it the recordings list "+
		"(users/me/recordings, 300 recordings a page, for the 8 UTC dates of the past 7 days: %s recordings of three files each). ",
		max(e.Metrics["passes/op"], 1), e.Metrics["calls/op"], e.Metrics["MB-json/op"], decodeMs(e.Metrics["MB-json/op"]), fmtCount(e.Metrics["listed/op"]))
	prof := map[string]profileShare{}
	for _, p := range r.EngineProfile {
		prof[p.Label] = p
	}
	if p, ok := prof[profiledFuncs[0].label]; ok && p.CPU >= 0 {
		fmt.Fprintf(&b, "In the profile of the benchmark, fetching and decoding that list takes %.0f %% of the sync's CPU and %.0f %% of its allocated bytes", p.CPU, p.Alloc)
		if j, ok := prof[profiledFuncs[2].label]; ok && j.CPU >= 0 {
			fmt.Fprintf(&b, "; encoding/json.Unmarshal of all answers %.0f %% of the CPU", j.CPU)
		}
		if rd, ok := prof[profiledFuncs[1].label]; ok && rd.Alloc >= 0 {
			fmt.Fprintf(&b, "; reading the answer bodies (into reused buffers) %.0f %% of the bytes", rd.Alloc)
		}
		b.WriteString(". ")
	}
	if okS && okP {
		fmt.Fprintf(&b, "The engine's decoding of the list (ScanRecordings into the kept form) takes %s and allocates %s for the week",
			fmtDur(time.Duration(scanDec.Metrics["ns/op"])), fmtMiB(int64(scanDec.Metrics["B/op"])))
		if okZ {
			fmt.Fprintf(&b, " (the full ListRecordings: %s and %s)", fmtDur(time.Duration(zoomDec.Metrics["ns/op"])), fmtMiB(int64(zoomDec.Metrics["B/op"])))
		}
		fmt.Fprintf(&b, "; encoding/json into plain structs with every field takes %s and %s. ",
			fmtDur(time.Duration(plainDec.Metrics["ns/op"])), fmtMiB(int64(plainDec.Metrics["B/op"])))
		fmt.Fprintf(&b, "encoding/json itself decodes %.0f MB/s on this machine, so %.1f MB of JSON cannot fit in 50 ms however it is decoded. ", mbps, e.Metrics["MB-json/op"])
	}
	b.WriteString(fixedWork())
	if okPure {
		fmt.Fprintf(&b, "The snapshot build alone (BenchmarkFullSync) takes %.1f ms and allocates %s. ", pure.Metrics["ns/op"]/1e6, fmtMiB(int64(pure.Metrics["B/op"])))
	}
	if pc, ok := e.Metrics["max-pass-cpu-ms"]; ok {
		fmt.Fprintf(&b, "What one wake-up of the agent costs is the largest pass: %.0f ms and %.1f MiB (row \"%s%s\"). ", pc, e.Metrics["max-pass-MB"], syncFresh, syncPass)
	}
	b.WriteString("This happens once per account and machine: the engine keeps the list (recordings.json) and later lists ask only for the dates not final yet (rows \"" + syncDaily + "\").")
	b.WriteString("\n\n**Fix.** Not within the target as a whole while the first sync lists the whole week: decoding its JSON alone is over 50 ms here, and the passes' fixed work comes on top of it. " +
		upperFirst(decodeFix) + ". A shorter first look-back would decode less but show fewer recordings; the work is already spread over passes, a page each, newest date first " +
		"(which bounds a pass, not the whole: each pass adds its scheduling, and each date its merge, its snapshot and its files).")
	return b.String()
}

// upperFirst returns s with its first letter upper case (s is ASCII).
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// fmtCount writes a count with thousands separators: 10,000.
func fmtCount(v float64) string {
	s := fmt.Sprintf("%.0f", v)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func (r *results) whyDay() string {
	d := r.Day
	top, n := "", 0
	for k, v := range d.Calls {
		if v > n {
			top, n = k, v
		}
	}
	return fmt.Sprintf("**Cause.** %d calls, of which %d are `%s`; the polling schedule in sync/doc.go expects about 238. "+
		"\n\n**Fix.** Check the schedule (sync/schedule.go) against TestScheduleArithmetic: a tier that polls faster than documented, or a poll repeated after every event, shows here.", d.CallsTotal, n, top)
}

func (r *results) whyReminder(what string) string {
	if strings.Contains(what, "real agent") {
		var parts []string
		for _, rl := range r.RealReminders {
			if rl.Err != "" {
				parts = append(parts, rl.Topic+": "+rl.Err)
			} else {
				parts = append(parts, fmt.Sprintf("%s late by %s, shown %d times", rl.Topic, fmtDur(rl.Late), rl.Shown))
			}
		}
		return "**Cause.** " + strings.Join(parts, "; ") + ". The path is: the engine's clock loop fires at the due time (after the refresh brought the meeting), " +
			"the agent's announce loop starts the reminder window process and then calls Notify over D-Bus. A late Notify points at that order (starting the popup before notifying) or at a busy announce loop." +
			"\n\n**Fix.** In agent/announce.go, notify first and start the reminder window after (or in its own goroutine), so that a slow fork or window start cannot delay the notification."
	}
	return "**Cause.** The engine's clock loop fired a reminder after its due time in fake time, which means a timer was set past the due time or a wake-up was missed (sync/clock.go)." +
		"\n\n**Fix.** Compare the clock loop's next-due computation (evaluateLocked) with the reminders' due times; TestBackToBack and TestDSTSwitch assert exact times."
}

// wakeStats summarises the seconds of the idle window in which the agent
// woke.
type wakeStats struct {
	at           []time.Duration
	spacing      time.Duration // median time between them
	maxSwitches  int64
	restSwitches int64 // median of the others (all of them when there is one)
}

func wakeEvents(tl []idleTick) wakeStats {
	var w wakeStats
	var sw []float64
	for i, t := range tl {
		switch {
		case t.Switches == 0:
		case i > 0 && tl[i-1].Switches > 0: // one event spilling over into the next second
			sw[len(sw)-1] += float64(t.Switches)
		default:
			w.at = append(w.at, t.At)
			sw = append(sw, float64(t.Switches))
		}
	}
	for _, v := range sw {
		w.maxSwitches = max(w.maxSwitches, int64(v))
	}
	var gaps []float64
	for i := 1; i < len(w.at); i++ {
		gaps = append(gaps, float64(w.at[i]-w.at[i-1]))
	}
	w.spacing = time.Duration(median(gaps))
	if i := slices.Index(sw, float64(w.maxSwitches)); i >= 0 && len(sw) > 1 {
		sw = slices.Delete(slices.Clone(sw), i, i+1)
	}
	w.restSwitches = int64(median(sw))
	return w
}
