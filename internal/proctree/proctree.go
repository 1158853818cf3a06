// Package proctree reads the process tree from Linux's /proc: who is whose
// parent, and command lines. Tests and the benchmark driver use it to find
// the processes a program started. Elsewhere it finds nothing.
package proctree

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Parents maps every process's ID to its parent's, as /proc shows them at
// this moment (processes that end meanwhile are left out).
func Parents() map[int]int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
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
		if ppid, err := strconv.Atoi(f[1]); err == nil {
			parent[pid] = ppid
		}
	}
	return parent
}

// Descends reports whether pid is a descendant of root in parents.
func Descends(pid, root int, parents map[int]int) bool {
	for range 64 {
		p, ok := parents[pid]
		if !ok || p <= 1 {
			return false
		}
		if p == root {
			return true
		}
		pid = p
	}
	return false
}

// Cmdline returns pid's arguments, or nil when it has ended or is a
// kernel thread.
func Cmdline(pid int) []string {
	raw, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "cmdline"))
	if err != nil || len(raw) == 0 {
		return nil
	}
	return strings.Split(strings.TrimRight(string(raw), "\x00"), "\x00")
}
