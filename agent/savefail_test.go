package agent

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/zoom"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// TestFailedSaveReachesLocalAPI: a command whose change cannot be saved
// (the state folder cannot be written: read-only, full disk) answers the
// local API with an error that says so, not with success.
func TestFailedSaveReachesLocalAPI(t *testing.T) {
	sim, err := zoomsim.New(zoomsim.Options{ClientID: "c", AutoApprove: true, Seed: "demo", TokenTTL: 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	stateDir := filepath.Join(dir, "state")
	eng, err := meetingsync.New(meetingsync.Options{
		Client:   zoom.New(zoom.Options{BaseURL: "https://api.zoom.us/v2", HTTPClient: signIn(t, sim)}),
		StateDir: stateDir, ConfigDir: filepath.Join(dir, "config"), CacheDir: filepath.Join(dir, "cache"),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	if _, err := eng.SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	a, err := New(Options{Session: &fakeSession{signedIn: true}, Engine: eng, Listener: nopListener{}, Desktop: &fakeDesktop{}})
	if err != nil {
		t.Fatal(err)
	}
	iv := firstInterview(t, a)
	// The state folder becomes a file: nothing can be created in it.
	if err := os.RemoveAll(stateDir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stateDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	body := `{"name":"` + localapi.CmdOverride + `","meeting_id":` + strconv.FormatInt(iv.ID, 10) + `,"mode":"exclude"}`
	req := httptest.NewRequest(http.MethodPost, "/v1/commands", strings.NewReader(body))
	rec := httptest.NewRecorder()
	localapi.NewServer(a, nil).Handler().ServeHTTP(rec, req)
	if rec.Code == http.StatusOK || !strings.Contains(rec.Body.String(), "could not be saved") {
		t.Errorf("override with an unwritable state folder: %d %s", rec.Code, rec.Body)
	}
}
