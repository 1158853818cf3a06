package sync

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// TestOnboardingProgress: the wizard's progress is saved with the settings,
// survives a restart, is kept by UpdateSettings (whose caller may hold an
// older copy), and unknown steps are refused when set and dropped when read.
func TestOnboardingProgress(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		e := v.start()
		if o := e.Settings().Onboarding; o.Step != "" || o.Finished || len(o.Skipped) != 0 {
			t.Fatalf("a new installation's onboarding = %+v", o)
		}
		older := e.Settings()
		want := Onboarding{Step: StepReminders, Skipped: []string{StepRecording, StepConnect, StepRecording}, UpdatedAt: time.Now()}
		if err := e.SetOnboarding(want); err != nil {
			t.Fatal(err)
		}
		got := e.Settings().Onboarding
		if got.Step != StepReminders || !slices.Equal(got.Skipped, []string{StepConnect, StepRecording}) {
			t.Errorf("onboarding = %+v, want the step and the skipped steps in wizard order", got)
		}

		// A settings save from a window that read the settings before
		// keeps the progress.
		older.HideNames = true
		if err := e.UpdateSettings(older); err != nil {
			t.Fatal(err)
		}
		if got := e.Settings().Onboarding; got.Step != StepReminders || len(got.Skipped) != 2 {
			t.Errorf("UpdateSettings changed the onboarding: %+v", got)
		}

		// Unknown steps change nothing
		if err := e.SetOnboarding(Onboarding{Step: "teleport"}); err == nil || !strings.Contains(err.Error(), "teleport") {
			t.Errorf("unknown step: %v", err)
		}
		if err := e.SetOnboarding(Onboarding{Skipped: []string{"warp"}}); err == nil {
			t.Error("unknown skipped step accepted")
		}
		if got := e.Settings().Onboarding; got.Step != StepReminders {
			t.Errorf("a refused change changed the onboarding: %+v", got)
		}

		// It survives a restart
		v.stop()
		e = v.start()
		if got := e.Settings().Onboarding; got.Step != StepReminders || !slices.Equal(got.Skipped, []string{StepConnect, StepRecording}) || !got.UpdatedAt.Equal(want.UpdatedAt) {
			t.Errorf("after a restart: %+v", got)
		}
		v.stop()

		// A file from another version: unknown steps are dropped, the rest kept
		write(t, filepath.Join(v.dirs[1], settingsFile), `{"hide_names":true,"onboarding":{"step":"warp","skipped":["connect","warp"],"finished":true}}`)
		e = v.start()
		defer v.stop()
		s := e.Settings()
		if got := s.Onboarding; got.Step != "" || !got.Finished || !slices.Equal(got.Skipped, []string{StepConnect}) || !s.HideNames {
			t.Errorf("read %+v", s)
		}
	})
}

// TestOnboardingCalendarStep: the Calendar step comes between Connect Zoom
// and Recording, is accepted as a step and as skipped, and progress saved
// before it existed reads as it was.
func TestOnboardingCalendarStep(t *testing.T) {
	if i, c, r := StepIndex(StepConnect), StepIndex(StepCalendar), StepIndex(StepRecording); !(i < c && c < r) {
		t.Fatalf("step order connect %d, calendar %d, recording %d", i, c, r)
	}
	got := Onboarding{Step: StepCalendar, Skipped: []string{StepRecording, StepCalendar}}.Normalised()
	if err := got.Validate(); err != nil || got.Step != StepCalendar || !slices.Equal(got.Skipped, []string{StepCalendar, StepRecording}) {
		t.Errorf("normalised = %+v (%v)", got, err)
	}
	old := Onboarding{Step: StepRecording, Skipped: []string{StepConnect}}.Normalised()
	if old.Step != StepRecording || !slices.Equal(old.Skipped, []string{StepConnect}) {
		t.Errorf("older progress read as %+v", old)
	}
}
