package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// argvSampler records the command lines of every descendant of one process
// by reading /proc every few milliseconds, to check that no secret is ever
// passed on a command line.
type argvSampler struct {
	root int
	stop chan struct{}
	done chan struct{}
	once sync.Once

	mu   sync.Mutex      // guards seen
	seen map[string]bool // command lines, arguments joined by spaces
}

func startArgvSampler(root int) *argvSampler {
	s := &argvSampler{root: root, stop: make(chan struct{}), done: make(chan struct{}), seen: map[string]bool{}}
	go s.loop()
	return s
}

func (s *argvSampler) loop() {
	defer close(s.done)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		s.sample()
		select {
		case <-s.stop:
			return
		case <-tick.C:
		}
	}
}

// sample reads the process tree once.
func (s *argvSampler) sample() {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return
	}
	parent := map[int]int{}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...; comm may hold spaces and parentheses.
		i := bytes.LastIndexByte(stat, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(stat[i+1:]))
		if len(f) < 2 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		parent[pid] = ppid
	}
	for pid := range parent {
		if !s.descends(pid, parent) {
			continue
		}
		raw, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "cmdline"))
		if err != nil || len(raw) == 0 {
			continue
		}
		line := strings.TrimRight(strings.ReplaceAll(string(raw), "\x00", " "), " ")
		s.mu.Lock()
		s.seen[line] = true
		s.mu.Unlock()
	}
}

func (s *argvSampler) descends(pid int, parent map[int]int) bool {
	for range 64 {
		p, ok := parent[pid]
		if !ok || p <= 1 {
			return false
		}
		if p == s.root {
			return true
		}
		pid = p
	}
	return false
}

// Close stops sampling; it is safe to call more than once.
func (s *argvSampler) Close() {
	s.once.Do(func() { close(s.stop) })
	<-s.done
}

// Cmdlines returns every command line seen.
func (s *argvSampler) Cmdlines() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.seen))
	for l := range s.seen {
		out = append(out, l)
	}
	return out
}
