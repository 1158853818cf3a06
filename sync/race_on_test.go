//go:build race

package sync

// raceEnabled: the race detector slows the engine about tenfold; the
// longest table tests run a sample of their cases under it.
const raceEnabled = true
