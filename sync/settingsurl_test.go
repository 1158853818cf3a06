package sync

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// TestSettingsURLOption: the demo's engine names its simulator's settings
// page in the check (and its manual checks), never Zoom's.
func TestSettingsURLOption(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{}, time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC), time.UTC)
		const page = "http://127.0.0.1:47652/profile/setting?tab=recording"
		v.options = func(o *Options) { o.SettingsURL = page }
		e := v.start()
		defer v.stop()
		c := e.Snapshot().RecordingSettings
		if c == nil || c.SettingsURL != page {
			t.Fatalf("check = %+v", c)
		}
		for _, m := range c.ManualChecks {
			if m.URL == SettingsURL {
				t.Errorf("manual check %q still names Zoom's page", m.Key)
			}
		}
	})
}
