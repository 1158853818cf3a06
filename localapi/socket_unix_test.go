//go:build !windows

package localapi

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// testAgentPath is a fresh place for a test agent to listen: a socket in a
// temporary folder (socket_windows_test.go: a pipe of its own).
func testAgentPath(t *testing.T, name string) string {
	return filepath.Join(shortTempDir(t), name)
}

func shortTempDir(t *testing.T) string {
	// Unix socket paths are limited to ~100 bytes; t.TempDir() can be longer.
	dir, err := os.MkdirTemp("", "lapi")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func TestSocketPath(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", "/run/user/1000")
	p, err := SocketPath(false)
	if err != nil || p != "/run/user/1000/interviewtray/agent.sock" {
		t.Errorf("SocketPath = %q, %v", p, err)
	}
	p, _ = SocketPath(true)
	if filepath.Base(p) != "agent-demo.sock" {
		t.Errorf("demo socket = %q", p)
	}
}

func TestListenSingleInstance(t *testing.T) {
	dir := filepath.Join(shortTempDir(t), "it")
	path := filepath.Join(dir, "agent.sock")

	// Given a first agent listening, the socket and its directory are private.
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
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != want {
			t.Errorf("%s mode %v, want %v", p, st.Mode().Perm(), want)
		}
	}
	if !Alive(path) {
		t.Fatal("the first agent does not answer")
	}

	// When a second one tries, it is told an agent runs.
	if _, err := Listen(path); !errors.Is(err, ErrAgentRunning) {
		t.Fatalf("second Listen = %v, want ErrAgentRunning", err)
	}

	// When the first closes, the next one takes over.
	ln.Close()
	ln2, err := Listen(path)
	if err != nil {
		t.Fatalf("Listen after close: %v", err)
	}
	ln2.Close()
}

func TestListenReplacesStaleSocket(t *testing.T) {
	// Given a socket file left by a process that died (kill -9: no cleanup,
	// and its lock released by the kernel), a new agent replaces it.
	dir := shortTempDir(t)
	path := filepath.Join(dir, "agent.sock")
	l, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	l.(*net.UnixListener).SetUnlinkOnClose(false)
	l.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no stale socket to test with: %v", err)
	}
	if Alive(path) {
		t.Fatal("stale socket answers")
	}
	ln, err := Listen(path)
	if err != nil {
		t.Fatalf("Listen over a stale socket: %v", err)
	}
	ln.Close()
}

func TestListenRefusesForeignFile(t *testing.T) {
	dir := shortTempDir(t)
	notDir := filepath.Join(dir, "file")
	os.WriteFile(notDir, []byte("x"), 0o600)
	if _, err := Listen(filepath.Join(notDir, "agent.sock")); err == nil {
		t.Fatal("Listen under a file should fail")
	}
}

func TestSocketPathWithoutRuntimeDir(t *testing.T) {
	// Given no XDG_RUNTIME_DIR, the socket is in the user's cache directory.
	cache := shortTempDir(t)
	t.Setenv("XDG_RUNTIME_DIR", "")
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv("HOME", cache) // macOS: the cache directory is under HOME
	p, err := SocketPath(false)
	if err != nil {
		t.Fatal(err)
	}
	if base, _ := os.UserCacheDir(); p != filepath.Join(base, "interviewtray", "run", "agent.sock") {
		t.Fatalf("SocketPath = %q, want it under the user cache directory %s", p, base)
	}
	// And the agent can listen there, privately, and a client finds it.
	ln, err := Listen(p)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	st, err := os.Stat(filepath.Dir(p))
	if err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("socket directory: %v, %v", st, err)
	}
	if again, _ := SocketPath(false); again != p || !Alive(again) {
		t.Errorf("a second process finds %q (alive %v), want %q", again, Alive(again), p)
	}
}

func TestSocketPathIgnoresHostileTempDir(t *testing.T) {
	// Given another local user created /tmp/interviewtray-UID first,
	squat := map[string]func(t *testing.T, squatted, theirs string){
		"symlink to their folder": func(t *testing.T, squatted, theirs string) {
			if err := os.Symlink(theirs, squatted); err != nil {
				t.Fatal(err)
			}
		},
		"their folder open to all": func(t *testing.T, squatted, theirs string) {
			if os.Getuid() != 0 {
				t.Skip("needs root to chown")
			}
			if err := os.Mkdir(squatted, 0o777); err != nil {
				t.Fatal(err)
			}
			os.Chmod(squatted, 0o777)
			if err := os.Chown(squatted, 65534, 65534); err != nil {
				t.Fatal(err)
			}
		},
	}
	for name, plant := range squat {
		t.Run(name, func(t *testing.T) {
			tmp := shortTempDir(t)
			cache := shortTempDir(t)
			t.Setenv("TMPDIR", tmp)
			t.Setenv("XDG_RUNTIME_DIR", "")
			t.Setenv("XDG_CACHE_HOME", cache)
			t.Setenv("HOME", cache)
			squatted := filepath.Join(tmp, "interviewtray-"+strconv.Itoa(os.Getuid()))
			theirs := filepath.Join(tmp, "theirs")
			if err := os.Mkdir(theirs, 0o777); err != nil {
				t.Fatal(err)
			}
			plant(t, squatted, theirs)
			// when the agent starts, it listens, and nothing lands in
			// their folders.
			p, err := SocketPath(false)
			if err != nil {
				t.Fatal(err)
			}
			ln, err := Listen(p)
			if err != nil {
				t.Fatalf("Listen(%s) with a squatted temp folder: %v", p, err)
			}
			ln.Close()
			for _, d := range []string{squatted, theirs} {
				if ents, _ := os.ReadDir(d); len(ents) != 0 {
					t.Errorf("the agent wrote into %s: %v", d, ents)
				}
			}
		})
	}
}

func TestSocketPathTooLong(t *testing.T) {
	// Given a cache directory so deep that a socket path would not fit,
	// the error says so and what to do, instead of a bind error later.
	deep := "/" + strings.Repeat("d", 120)
	t.Setenv("XDG_RUNTIME_DIR", "")
	t.Setenv("XDG_CACHE_HOME", deep)
	t.Setenv("HOME", deep)
	if _, err := SocketPath(false); err == nil || !strings.Contains(err.Error(), "XDG_RUNTIME_DIR") {
		t.Fatalf("SocketPath = %v, want an error naming XDG_RUNTIME_DIR", err)
	}
}
