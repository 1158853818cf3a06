package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync"
	"time"

	"github.com/interviewtray/interviewtray/internal/atomicfile"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// With --state FILE the simulator keeps its state (its account, meetings,
// settings, sign-ins and calendar address) in FILE, so that a restarted
// simulator is still signed in, like the app with Zoom: Interview Tray's
// demo starts it with the demo's state folder's zoomsim-state.json. The
// file holds the simulator's own made-up data and the SHA-256 hashes of
// the fake tokens it issued, never a token and never anything
// of real Zoom. It is written after every request that changed it, before
// the answer goes out (a token is on disk before the app has it, so even
// kill -9 loses no sign-in), and when the simulator stops.

// weekKept is how long a saved demo week is kept: a state saved longer
// ago gets a new week around now (the same user, settings and sign-in), so
// that the demo's interviews are to come again and not all in the past.
// A running demo that is signed in saves at least hourly (every token
// refresh changes the state), so the age is about how long it was stopped.
const weekKept = 12 * time.Hour

// simState saves and loads the simulator's state.
type simState struct {
	path   string
	errOut io.Writer // where problems are reported (stderr)

	mu      sync.Mutex // serialises saves: the last save writes the newest state
	sim     *zoomsim.Sim
	lastErr string // the last save error reported, to report each once
}

// newSimState returns the saver for the state file at path.
func newSimState(path string, errOut io.Writer) *simState {
	return &simState{path: path, errOut: errOut}
}

// attach loads the saved state into sim, a freshly seeded simulator, and
// saves it once. A state that cannot be read is set aside (renamed to
// FILE.bad-TIME) with a warning, and sim keeps its fresh seed.
func (st *simState) attach(sim *zoomsim.Sim) {
	st.mu.Lock()
	st.sim = sim
	st.mu.Unlock()
	data, err := readState(st.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		st.warn("cannot read the saved state %s (%v); starting with a new account", st.path, err)
	default:
		savedAt, err := sim.LoadState(bytes.NewReader(data))
		if err != nil {
			bad := st.path + ".bad-" + time.Now().UTC().Format("20060102T150405Z")
			if rerr := os.Rename(st.path, bad); rerr != nil {
				bad = st.path
			}
			st.warn("the saved state is not usable (%v); it is kept as %s and the simulator starts with a new account", err, bad)
		} else if time.Since(savedAt) > weekKept {
			sim.ReseedWeek()
		}
	}
	st.save()
}

// readState reads the state file, refusing anything but a regular file.
func readState(path string) ([]byte, error) {
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
func (st *simState) save() {
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
		st.warn("cannot save the state: %v", err)
	}
}

// write is save with st.mu held.
func (st *simState) write() error { return atomicfile.Write(st.path, st.sim.SaveState) }

func (st *simState) warn(format string, args ...any) {
	fmt.Fprintf(st.errOut, "zoomsim: warning: "+format+"\n", args...)
}
