package dbustest

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/internal/testenv"
)

// busConfig is a session bus configuration without service activation; %s
// is the socket path.
const busConfig = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=%s</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`

// Bus is a private D-Bus session bus for one test.
type Bus struct {
	// Address is the bus address (DBUS_SESSION_BUS_ADDRESS).
	Address string
	// Env is the environment a process needs to use the bus and the
	// test's home: HOME, XDG_RUNTIME_DIR, XDG_DATA_HOME, XDG_CONFIG_HOME,
	// XDG_CACHE_HOME and DBUS_SESSION_BUS_ADDRESS, as KEY=VALUE.
	Env []string
}

// StartSessionBus starts dbus-daemon with its socket under a new temporary
// directory and home as HOME. It is stopped when the test ends. The test is
// skipped (failed under CI=true) when dbus-daemon is missing.
func StartSessionBus(t testing.TB, home string) *Bus {
	t.Helper()
	testenv.RequireCommands(t, "dbus-daemon")
	bin, _ := exec.LookPath("dbus-daemon")
	run, err := os.MkdirTemp("", "dbustest-run-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(run) })
	if err := os.Chmod(run, 0o700); err != nil {
		t.Fatal(err)
	}
	env := []string{
		"HOME=" + home,
		"XDG_RUNTIME_DIR=" + run,
		"XDG_DATA_HOME=" + filepath.Join(home, ".local", "share"),
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"XDG_CACHE_HOME=" + filepath.Join(home, ".cache"),
	}
	// A bus of its own configuration: like a session bus, but without
	// service activation, so that nothing (such as a second, locked
	// gnome-keyring) is started behind the test's back or outlives it.
	conf := filepath.Join(run, "bus.conf")
	if err := os.WriteFile(conf, []byte(fmt.Sprintf(busConfig, filepath.Join(run, "bus"))), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--config-file="+conf, "--nofork", "--print-address=1")
	cmd.Env = append(MinimalEnv(), env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start dbus-daemon: %v", err)
	}
	StopAtEnd(t, cmd)
	lines := make(chan string, 1)
	go func() { // ends when dbus-daemon exits
		r := bufio.NewReader(out)
		line, _ := r.ReadString('\n')
		lines <- strings.TrimSpace(line)
		_, _ = io.Copy(io.Discard, r)
	}()
	var addr string
	select {
	case addr = <-lines:
	case <-time.After(10 * time.Second):
		t.Fatal("dbus-daemon did not print its address within 10s")
	}
	if addr == "" {
		t.Fatal("dbus-daemon printed no address")
	}
	return &Bus{Address: addr, Env: append(env, "DBUS_SESSION_BUS_ADDRESS="+addr)}
}

// StopAtEnd kills cmd (only this process, by its handle) when the test ends.
func StopAtEnd(t testing.TB, cmd *exec.Cmd) {
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
}

// MinimalEnv is the part of the test's environment a daemon may keep.
func MinimalEnv() []string {
	var env []string
	for _, k := range []string{"PATH", "LANG", "TMPDIR"} {
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	return env
}
