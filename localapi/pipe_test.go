package localapi

import (
	"strings"
	"testing"
)

func TestPipeNameFromSID(t *testing.T) {
	// Given a user's SID, the agent's pipe is named after it, and the demo
	// agent's differs.
	const sid = "S-1-5-21-3623811015-3361044348-30300820-1013"
	real, err := pipeName(sid, false)
	if err != nil || real != `\\.\pipe\InterviewTray-S-1-5-21-3623811015-3361044348-30300820-1013` {
		t.Fatalf("pipeName = %q, %v", real, err)
	}
	demo, err := pipeName(sid, true)
	if err != nil || demo != real+"-demo" {
		t.Fatalf("demo pipeName = %q, %v", demo, err)
	}
	other, _ := pipeName("S-1-5-21-1-2-3-1001", false)
	if other == real {
		t.Fatal("two users share a pipe name")
	}
}

func TestPipeSDDLAdmitsOnlyUserAndSystem(t *testing.T) {
	const sid = "S-1-5-21-1-2-3-1001"
	sddl, err := pipeSDDL(sid)
	if err != nil {
		t.Fatal(err)
	}
	// A protected DACL: nothing inherited from the pipe file system's default.
	if !strings.HasPrefix(sddl, "D:P") {
		t.Errorf("SDDL %q: DACL not protected", sddl)
	}
	aces := strings.Split(strings.TrimPrefix(sddl, "D:P("), ")(")
	var allowed []string
	for _, ace := range aces {
		f := strings.Split(strings.TrimSuffix(ace, ")"), ";")
		if len(f) != 6 {
			t.Fatalf("ACE %q", ace)
		}
		switch f[0] {
		case "A":
			allowed = append(allowed, f[5])
		case "D":
			if f[5] != "NU" {
				t.Errorf("unexpected deny ACE %q", ace)
			}
		default:
			t.Errorf("unexpected ACE %q", ace)
		}
	}
	if strings.Join(allowed, ",") != sid+",SY" {
		t.Errorf("allowed %v, want only the user %s and SYSTEM", allowed, sid)
	}
}

func TestPipeRefusesWhatIsNotASID(t *testing.T) {
	for _, bad := range []string{"", "S-1-", "S-1-5-", "S-1-5-21-1)(A;;GA;;;WD", `S-1-5\..\x`, "1-5-21", "S-1-5--1"} {
		if _, err := pipeName(bad, false); err == nil {
			t.Errorf("pipeName(%q) accepted", bad)
		}
		if _, err := pipeSDDL(bad); err == nil {
			t.Errorf("pipeSDDL(%q) accepted", bad)
		}
	}
}
