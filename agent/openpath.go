package agent

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
)

// openPathTimeout bounds the checks before a folder or file is opened (a
// hung network mount must not hang the caller).
const openPathTimeout = 5 * time.Second

// errNotARecording is wrapped by the refusals of openPath.
var errNotARecording = errors.New("not a recording the app found")

// openPath shows a local recording folder or file: only one that the
// engine reported in the current snapshot (a local recording's folder or
// one of its files), that still is what it was (a folder, a regular file)
// and that lies inside the configured recording folder once symbolic links
// are resolved. Anything else is refused: the system opener would run a
// program given its path. It is what the tray, the notifications and the
// local API's open_folder all call.
func (a *Agent) openPath(ctx context.Context, path string) error {
	ctx, cancel := context.WithTimeout(ctx, openPathTimeout)
	defer cancel()
	type result struct {
		path string
		err  error
	}
	done := make(chan result, 1)
	snap, root := a.engine.Snapshot(), a.engine.RecordingFolder()
	go func() { // the file system may hang; the caller does not
		p, err := checkOpenPath(path, root, snap)
		done <- result{p, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			return localapi.BadCommand("%s", r.err)
		}
		return a.desk.OpenPath(r.path)
	case <-ctx.Done():
		return fmt.Errorf("open %s: gave up checking it: %w", path, ctx.Err())
	}
}

// checkOpenPath decides whether path may be opened (see openPath) and
// returns the path to open, with symbolic links resolved.
func checkOpenPath(path, root string, snap *meetingsync.Snapshot) (string, error) {
	if path == "" || !filepath.IsAbs(path) || filepath.Clean(path) != path {
		return "", fmt.Errorf("cannot open %q: %w (not a clean absolute path)", path, errNotARecording)
	}
	wantDir, reported := false, false
	if snap != nil {
		for _, r := range snap.Recordings {
			if r.Kind != meetingsync.KindLocal {
				continue
			}
			if r.Links.Folder == path {
				wantDir, reported = true, true
				break
			}
			if slices.Contains(r.Files, path) {
				reported = true
				break
			}
		}
	}
	if !reported {
		return "", fmt.Errorf("cannot open %s: %w", path, errNotARecording)
	}
	if root == "" {
		return "", fmt.Errorf("cannot open %s: no recording folder is set", path)
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", fmt.Errorf("cannot open %s: the recording folder: %w", path, err)
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", fmt.Errorf("cannot open %s: %w", path, err)
	}
	rel, err := filepath.Rel(realRoot, real)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", fmt.Errorf("cannot open %s: %w (it is outside the recording folder %s)", path, errNotARecording, root)
	}
	fi, err := os.Stat(real)
	if err != nil {
		return "", fmt.Errorf("cannot open %s: %w", path, err)
	}
	switch {
	case wantDir && !fi.IsDir():
		return "", fmt.Errorf("cannot open %s: %w (no longer a folder)", path, errNotARecording)
	case !wantDir && !fi.Mode().IsRegular():
		return "", fmt.Errorf("cannot open %s: %w (not a regular file)", path, errNotARecording)
	}
	return real, nil
}

// createRecordingFolder makes the recording folder the engine watches (the
// Zoom app makes it only when it first records there), within ctx's time
// and at most openPathTimeout (a network mount may hang), and has the
// engine look again.
func (a *Agent) createRecordingFolder(ctx context.Context) (string, error) {
	dir := a.engine.RecordingFolder()
	if !filepath.IsAbs(dir) {
		return "", localapi.BadCommand("the recording folder %q is not an absolute path", dir)
	}
	ctx, cancel := context.WithTimeout(ctx, openPathTimeout)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- os.MkdirAll(dir, 0o755) }()
	select {
	case err := <-done:
		if err != nil {
			return "", fmt.Errorf("create %s: %w", dir, err)
		}
	case <-ctx.Done():
		return "", fmt.Errorf("create %s: the folder did not answer in time", dir)
	}
	a.engine.Refresh()
	return "Created " + dir + ".", nil
}
