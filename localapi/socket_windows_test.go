package localapi

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"unsafe"

	"golang.org/x/sys/windows"
)

var testPipes atomic.Int64

// testAgentPath is a pipe of the test's own: pipe names are machine-wide.
func testAgentPath(t *testing.T, name string) string {
	return fmt.Sprintf(`\\.\pipe\InterviewTray-test-%d-%d-%s`, os.Getpid(), testPipes.Add(1), name)
}

func TestSocketPathIsTheUsersPipe(t *testing.T) {
	sid, err := currentSID()
	if err != nil {
		t.Fatal(err)
	}
	p, err := SocketPath(false)
	if err != nil || p != pipePrefix+sid {
		t.Fatalf("SocketPath = %q, %v; want the pipe named after %s", p, err, sid)
	}
	if d, _ := SocketPath(true); d != p+"-demo" {
		t.Errorf("demo pipe = %q", d)
	}
}

func TestPipeSingleInstance(t *testing.T) {
	path := testAgentPath(t, "agent")
	// Given a first agent serving the pipe,
	ln, err := Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	if !Alive(path) {
		t.Fatal("the first agent does not answer")
	}
	// when a second one tries, it is told an agent runs,
	if _, err := Listen(path); !errors.Is(err, ErrAgentRunning) {
		t.Fatalf("second Listen = %v, want ErrAgentRunning", err)
	}
	// and when the first closes, the next one takes over.
	ln.Close()
	ln2, err := Listen(path)
	if err != nil {
		t.Fatalf("Listen after close: %v", err)
	}
	ln2.Close()
	if Alive(path) {
		t.Error("a closed pipe still answers")
	}
}

func TestPipeSecurityDescriptor(t *testing.T) {
	// Given the agent's pipe, its DACL is the one pipeSDDL says: this user
	// and SYSTEM, nobody else.
	path := testAgentPath(t, "sd")
	ln, err := Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	c, err := dial(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	h := windows.Handle(c.(interface{ Fd() uintptr }).Fd())
	sd, err := windows.GetSecurityInfo(h, windows.SE_KERNEL_OBJECT, windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		t.Fatal(err)
	}
	dacl, _, err := sd.DACL()
	if err != nil {
		t.Fatal(err)
	}
	sid, _ := currentSID()
	var allowed []string
	for i := uint32(0); i < uint32(dacl.AceCount); i++ {
		var ace *windows.ACCESS_ALLOWED_ACE
		if err := windows.GetAce(dacl, i, &ace); err != nil {
			t.Fatal(err)
		}
		if ace.Header.AceType != windows.ACCESS_ALLOWED_ACE_TYPE {
			continue
		}
		allowed = append(allowed, (*windows.SID)(unsafe.Pointer(&ace.SidStart)).String())
	}
	if got := strings.Join(allowed, ","); got != sid+",S-1-5-18" {
		t.Errorf("pipe admits %s, want only %s and SYSTEM (%s)", got, sid, sd)
	}
}

func TestDialChecksTheServersUser(t *testing.T) {
	// Given our own agent's pipe, the client trusts it: its server runs as us.
	path := testAgentPath(t, "owner")
	ln, err := Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	c, err := dial(t.Context(), path)
	if err != nil {
		t.Fatalf("dial our own pipe: %v", err)
	}
	c.Close()
}

func TestPipeServesAfterClientsThatLeft(t *testing.T) {
	// Given many clients that connect and leave at once (as Alive does),
	// some before the server waits on the instance they took, the server
	// keeps taking clients instead of stopping.
	path := testAgentPath(t, "leavers")
	ln, err := Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	stopped := make(chan error, 1)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				stopped <- err
				return
			}
			c.Close()
		}
	}()
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 10 {
				Alive(path)
			}
		}()
	}
	wg.Wait()
	select {
	case err := <-stopped:
		t.Fatalf("Accept stopped: %v", err)
	default:
	}
	if !Alive(path) {
		t.Fatal("the pipe does not answer after the leavers")
	}
}
