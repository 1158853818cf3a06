//go:build linux

package proctree

import (
	"os"
	"os/exec"
	"slices"
	"testing"
	"time"
)

func TestChildAndItsCommandLine(t *testing.T) {
	cmd := exec.Command("sh", "-c", "sleep 5; :", "an argument with spaces")
	if err := cmd.Start(); err != nil {
		t.Skipf("no sh: %v", err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	pid := cmd.Process.Pid
	deadline := time.Now().Add(5 * time.Second)
	want := []string{"sh", "-c", "sleep 5; :", "an argument with spaces"}
	for { // until the child has exec'd
		parents := Parents()
		got := Cmdline(pid)
		if parents[pid] == os.Getpid() && Descends(pid, os.Getpid(), parents) && slices.Equal(got, want) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the child %d: parent %d (want %d), command line %q (want %q)", pid, parents[pid], os.Getpid(), got, want)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if Descends(os.Getpid(), pid, Parents()) {
		t.Error("the parent descends from its child")
	}
	if Cmdline(1<<30) != nil {
		t.Error("a command line for a process that does not exist")
	}
}
