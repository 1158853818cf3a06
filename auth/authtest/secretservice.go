package authtest

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

	"github.com/godbus/dbus/v5"

	"github.com/interviewtray/interviewtray/internal/testenv"
)

// secretsName is the well-known bus name of the Secret Service.
const secretsName = "org.freedesktop.secrets"

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

// StartBus starts dbus-daemon with its socket under a new temporary
// directory and home as HOME. It is stopped when the test ends. The test is
// skipped (failed under CI=true) when dbus-daemon is missing.
func StartBus(t testing.TB, home string) *Bus {
	t.Helper()
	testenv.RequireCommands(t, "dbus-daemon")
	bin, _ := exec.LookPath("dbus-daemon")
	run, err := os.MkdirTemp("", "authtest-run-")
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
	cmd.Env = append(minimalEnv(), env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start dbus-daemon: %v", err)
	}
	stop(t, cmd)
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

// StartGnomeKeyring runs gnome-keyring-daemon's Secret Service on the bus,
// with a login keyring unlocked by a password, and waits until it answers.
// It is stopped when the test ends. Skipped (failed under CI=true) when
// gnome-keyring-daemon is missing.
func (b *Bus) StartGnomeKeyring(t testing.TB) {
	t.Helper()
	testenv.RequireCommands(t, "gnome-keyring-daemon")
	bin, _ := exec.LookPath("gnome-keyring-daemon")
	cmd := exec.Command(bin, "--foreground", "--unlock", "--components=secrets")
	cmd.Env = append(minimalEnv(), b.Env...)
	cmd.Stdin = strings.NewReader("test-password\n") // must not be empty
	if err := cmd.Start(); err != nil {
		t.Fatalf("start gnome-keyring-daemon: %v", err)
	}
	stop(t, cmd)
	if err := waitForName(b.Address, secretsName, 15*time.Second); err != nil {
		t.Fatalf("gnome-keyring-daemon: %v", err)
	}
}

// StartHangingSecretService claims the Secret Service's name on the bus
// with a service that accepts calls and never answers them, like a Secret
// Service waiting on an unlock prompt nobody can see. It is released when
// the test ends.
func (b *Bus) StartHangingSecretService(t testing.TB) {
	t.Helper()
	conn, err := dbus.Connect(b.Address)
	if err != nil {
		t.Fatalf("connect to the test bus: %v", err)
	}
	release := make(chan struct{})
	t.Cleanup(func() {
		close(release)
		conn.Close()
	})
	h := hangingService{release: release}
	for _, iface := range []string{"org.freedesktop.Secret.Service", "org.freedesktop.Secret.Collection"} {
		if err := conn.Export(h, "/org/freedesktop/secrets", iface); err != nil {
			t.Fatal(err)
		}
	}
	reply, err := conn.RequestName(secretsName, dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("claim %s: reply %v, %v", secretsName, reply, err)
	}
}

// hangingService's methods are the Secret Service calls go-keyring starts
// with; each blocks until the test ends.
type hangingService struct{ release chan struct{} }

func (h hangingService) OpenSession(string, dbus.Variant) (dbus.Variant, dbus.ObjectPath, *dbus.Error) {
	<-h.release
	return dbus.MakeVariant(""), "/", nil
}

func (h hangingService) Unlock([]dbus.ObjectPath) ([]dbus.ObjectPath, dbus.ObjectPath, *dbus.Error) {
	<-h.release
	return nil, "/", nil
}

func (h hangingService) SearchItems(map[string]string) ([]dbus.ObjectPath, []dbus.ObjectPath, *dbus.Error) {
	<-h.release
	return nil, nil, nil
}

// SessionHasSecretService reports whether the test's own environment has a
// session bus on which the Secret Service is running (as under
// `dbus-run-session -- sh -c 'echo pw | gnome-keyring-daemon --unlock; go test ...'`).
func SessionHasSecretService() bool {
	addr := os.Getenv("DBUS_SESSION_BUS_ADDRESS")
	if addr == "" {
		return false
	}
	return waitForName(addr, secretsName, 0) == nil
}

// waitForName polls the bus until name has an owner, for up to d.
func waitForName(addr, name string, d time.Duration) error {
	conn, err := dbus.Connect(addr)
	if err != nil {
		return fmt.Errorf("connect to %s: %w", addr, err)
	}
	defer conn.Close()
	deadline := time.Now().Add(d)
	for {
		var has bool
		err := conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, name).Store(&has)
		if err == nil && has {
			return nil
		}
		if !time.Now().Before(deadline) {
			return fmt.Errorf("%s has no owner on the bus (%v)", name, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// stop kills cmd (only this process, by its handle) when the test ends.
func stop(t testing.TB, cmd *exec.Cmd) {
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
}

// minimalEnv is the part of the test's environment a daemon may keep.
func minimalEnv() []string {
	var env []string
	for _, k := range []string{"PATH", "LANG", "TMPDIR"} {
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	return env
}
