// Package model holds the types the app's processes share: what the sync
// engine knows (Snapshot and its parts), the user's settings and the
// onboarding wizard's progress. The agent serves them over the local API
// and the window executable reads them, so the package depends on nothing
// but the standard library: a window links neither the engine nor Zoom's
// client. Package sync keeps aliases of every type here (sync.Snapshot is
// model.Snapshot), so the engine's code uses them under their old names.
//
// Only pure methods live here (no I/O, no engine state); rules that need
// the engine are functions in package sync.
package model
