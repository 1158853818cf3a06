package sync

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	stdsync "sync"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/zoom"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
	"github.com/interviewtray/interviewtray/zoom/zoomsim/zoomsimtest"
)

// lockedBuffer is a log destination for a handler used from goroutines.
type lockedBuffer struct {
	mu  stdsync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestDemoPanelDetailsAreExpectedlyHidden: the demo's panel interview is
// hosted by the recruiter and the user is only invited, so Zoom (and the
// simulator) answer 404 for its details. The engine expects that of a
// meeting it does not host: it shows the interview as hosted by someone
// else and logs the 404 at debug level, never in the log a user reads.
func TestDemoPanelDetailsAreExpectedlyHidden(t *testing.T) {
	sim, err := zoomsim.New(zoomsim.Options{ClientID: testClientID, AutoApprove: true, Seed: "demo", TokenTTL: 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	_, tok := zoomsimtest.SignIn(t, "https://zoom.us", testClientID, "http://127.0.0.1:47001/oauth/callback", sim.Transport(), sim.Transport())
	var info, debug lockedBuffer
	log := slog.New(slog.NewMultiHandler(
		slog.NewTextHandler(&info, &slog.HandlerOptions{Level: slog.LevelInfo}),
		slog.NewTextHandler(&debug, &slog.HandlerOptions{Level: slog.LevelDebug}),
	))
	dir := t.TempDir()
	e, err := New(Options{
		Client:   zoom.New(zoom.Options{HTTPClient: zoomsimtest.StaticClient(tok, sim.Transport())}),
		StateDir: filepath.Join(dir, "s"), ConfigDir: filepath.Join(dir, "c"), CacheDir: filepath.Join(dir, "k"),
		Logger: log,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	snap, err := e.SyncOnce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var panel *Interview
	for i, iv := range snap.Interviews {
		if iv.IsInterview && !iv.HostedByMe && iv.Source != SourceCalendar {
			panel = &snap.Interviews[i]
		}
	}
	if panel == nil || !panel.NeedsHostPermission {
		t.Fatalf("the demo's panel is not shown as hosted by someone else: %+v", panel)
	}
	if s := info.String(); strings.Contains(s, "not available") || strings.Contains(s, "404") {
		t.Errorf("the expected 404 reaches the info log:\n%s", s)
	}
	if s := debug.String(); !strings.Contains(s, "meeting details not available") {
		t.Errorf("no debug record of the hidden details:\n%s", s)
	}
}
