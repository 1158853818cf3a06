package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNowindowBuildLeavesFyneOut: make bench measures the agent built with
// -tags nowindow to show what linking Fyne costs it; that build must still
// compile and must not link Fyne, and the normal build must.
func TestNowindowBuildLeavesFyneOut(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	deps := func(tags ...string) string {
		args := append([]string{"list", "-deps"}, tags...)
		out, err := exec.Command("go", append(args, ".")...).CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	if !strings.Contains(deps(), "fyne.io/fyne/v2\n") {
		t.Error("the normal build does not link Fyne (the window subcommand needs it)")
	}
	if d := deps("-tags", "nowindow"); strings.Contains(d, "fyne.io/fyne/v2") {
		t.Error("the nowindow build links Fyne")
	}
	if out, err := exec.Command("go", "vet", "-tags", "nowindow", ".").CombinedOutput(); err != nil {
		t.Errorf("go vet -tags nowindow: %v\n%s", err, out)
	}
}
