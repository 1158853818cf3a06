//go:build linux

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// procSample is what /proc says of one process at one moment. Only this
// process (the driver) reads /proc: the measured process is never woken.
type procSample struct {
	At       time.Time
	CPU      time.Duration // on-CPU time of every live thread (schedstat)
	Switches int64         // voluntary + involuntary context switches of every live thread
	Threads  int
	RSS      int64 // bytes (VmRSS)
	RSSAnon  int64
	RSSFile  int64
	PSS      int64 // proportional set size (smaps_rollup): shared pages split between their users
}

// sampleProc reads /proc/PID. Counters of threads that have exited are
// lost; Go processes seldom end threads, and the thread count is reported
// so that a change shows.
func sampleProc(pid int) (procSample, error) {
	s := procSample{At: time.Now()}
	dir := filepath.Join("/proc", strconv.Itoa(pid))
	tasks, err := os.ReadDir(filepath.Join(dir, "task"))
	if err != nil {
		return s, fmt.Errorf("process %d: %w", pid, err)
	}
	for _, t := range tasks {
		tdir := filepath.Join(dir, "task", t.Name())
		if data, err := os.ReadFile(filepath.Join(tdir, "schedstat")); err == nil {
			if f := strings.Fields(string(data)); len(f) > 0 {
				ns, _ := strconv.ParseInt(f[0], 10, 64)
				s.CPU += time.Duration(ns)
			}
		}
		st, err := readStatus(filepath.Join(tdir, "status"))
		if err != nil {
			continue // the thread ended meanwhile
		}
		s.Switches += st["voluntary_ctxt_switches"] + st["nonvoluntary_ctxt_switches"]
		s.Threads++
	}
	st, err := readStatus(filepath.Join(dir, "status"))
	if err != nil {
		return s, fmt.Errorf("process %d: %w", pid, err)
	}
	s.RSS, s.RSSAnon, s.RSSFile = st["VmRSS"]*1024, st["RssAnon"]*1024, st["RssFile"]*1024
	if roll, err := readStatus(filepath.Join(dir, "smaps_rollup")); err == nil {
		s.PSS = roll["Pss"] * 1024
	}
	return s, nil
}

// readStatus reads "Key: number ..." lines (status, smaps_rollup).
func readStatus(path string) (map[string]int64, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]int64{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		f := strings.Fields(v)
		if len(f) == 0 {
			continue
		}
		if n, err := strconv.ParseInt(f[0], 10, 64); err == nil {
			out[k] = n
		}
	}
	return out, nil
}

// mapping is the resident memory of one mapped file (or of anonymous
// memory, Name "[anon]").
type mapping struct {
	Name string
	RSS  int64
}

// topMappings returns the n largest resident mappings of pid, by file.
func topMappings(pid, n int) []mapping {
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "smaps"))
	if err != nil {
		return nil
	}
	by := map[string]int64{}
	name := ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		f := strings.Fields(line)
		if len(f) >= 5 && strings.Contains(f[0], "-") && !strings.HasSuffix(f[0], ":") {
			name = "[anon]"
			if len(f) >= 6 {
				name = f[5]
				if !strings.HasPrefix(name, "/") {
					name = "[anon]"
				}
			}
			continue
		}
		if len(f) >= 2 && f[0] == "Rss:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			by[name] += kb * 1024
		}
	}
	out := make([]mapping, 0, len(by))
	for k, v := range by {
		out = append(out, mapping{Name: k, RSS: v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].RSS > out[j].RSS })
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// usage is a process's cost between two samples.
type usage struct {
	Window     time.Duration
	CPUPercent float64 // of one core
	Wakeups    float64 // context switches per second
	Threads    int
	End        procSample // the later sample (memory figures)
	MaxRSS     int64      // the highest RSS seen while sampling
}

func usageBetween(a, b procSample, maxRSS int64) usage {
	w := b.At.Sub(a.At)
	u := usage{Window: w, Threads: b.Threads, End: b, MaxRSS: max(maxRSS, b.RSS)}
	if w > 0 {
		u.CPUPercent = 100 * float64(b.CPU-a.CPU) / float64(w)
		u.Wakeups = float64(b.Switches-a.Switches) / w.Seconds()
	}
	return u
}
