package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// The in-process demo simulator keeps its state (its account, meetings,
// settings, sign-ins and calendar address) in the demo's state directory,
// so that a restarted demo is still signed in, like the app with Zoom. The
// file holds the simulator's own made-up data and the SHA-256 hashes of
// the fake tokens it issued to the demo, never a token and never anything
// of real Zoom. It is written after every request that changed it, before
// the answer goes out (a token is on disk before the app has it, so even
// kill -9 loses no sign-in), and when the simulator stops.

// demoStateName is the state file's name in the demo's state directory.
const demoStateName = "zoomsim-state.json"

// demoWeekKept is how long a saved demo week is kept: a state saved longer
// ago gets a new week around now (the same user, settings and sign-in), so
// that the demo's interviews are to come again and not all in the past.
// A running demo that is signed in saves at least hourly (every token
// refresh changes the state), so the age is about how long it was stopped.
const demoWeekKept = 12 * time.Hour

// demoState saves and loads the in-process simulator's state.
type demoState struct {
	path   string
	errOut io.Writer // where problems are reported (stderr)

	mu      sync.Mutex // serialises saves: the last save writes the newest state
	sim     *zoomsim.Sim
	lastErr string // the last save error reported, to report each once
}

// newDemoState returns the saver for the state file in the demo's state
// directory.
func newDemoState(errOut io.Writer) (*demoState, error) {
	d, err := appDirs(true)
	if err != nil {
		return nil, err
	}
	return &demoState{path: filepath.Join(d.state, demoStateName), errOut: errOut}, nil
}

// attach loads the saved state into sim, a freshly seeded simulator, and
// saves it once. A state that cannot be read is set aside (renamed to
// zoomsim-state.json.bad-TIME) with a warning, and sim keeps its fresh seed.
func (st *demoState) attach(sim *zoomsim.Sim) {
	st.mu.Lock()
	st.sim = sim
	st.mu.Unlock()
	data, err := readDemoState(st.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		st.warn("demo: cannot read the simulator's state %s (%v); starting with a new demo account", st.path, err)
	default:
		savedAt, err := sim.LoadState(bytes.NewReader(data))
		if err != nil {
			bad := st.path + ".bad-" + time.Now().UTC().Format("20060102T150405Z")
			if rerr := os.Rename(st.path, bad); rerr != nil {
				bad = st.path
			}
			st.warn("demo: the simulator's saved state is not usable (%v); it is kept as %s and the demo starts with a new account", err, bad)
		} else if time.Since(savedAt) > demoWeekKept {
			sim.ReseedWeek()
		}
	}
	st.save()
}

// readDemoState reads the state file, refusing anything but a regular file.
func readDemoState(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	return io.ReadAll(f)
}

// save writes the simulator's state atomically: a private temporary file
// in the same directory (0600, the directory 0700), then a rename.
func (st *demoState) save() {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.sim == nil {
		return
	}
	err := st.write()
	if err == nil {
		st.lastErr = ""
		return
	}
	if msg := err.Error(); msg != st.lastErr {
		st.lastErr = msg
		st.warn("demo: cannot save the simulator's state: %v", err)
	}
}

// write is save with st.mu held.
func (st *demoState) write() error {
	dir := filepath.Dir(st.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+demoStateName+".*.tmp") // 0600
	if err != nil {
		return err
	}
	tmp := f.Name()
	err = st.sim.SaveState(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, st.path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

func (st *demoState) warn(format string, args ...any) {
	fmt.Fprintf(st.errOut, "interviewtray: warning: "+format+"\n", args...)
}
