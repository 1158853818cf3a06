package main

import (
	"strings"
	"sync"
	"time"

	"github.com/interviewtray/interviewtray/internal/proctree"
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
	parents := proctree.Parents()
	for pid := range parents {
		if !proctree.Descends(pid, s.root, parents) {
			continue
		}
		if args := proctree.Cmdline(pid); args != nil {
			s.mu.Lock()
			s.seen[strings.Join(args, " ")] = true
			s.mu.Unlock()
		}
	}
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
