package sync

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// TestEngineKeepsUserType: the snapshot's user carries users/me's type, so
// the readiness rules can tell a Basic account (40-minute meetings).
func TestEngineKeepsUserType(t *testing.T) {
	for _, tt := range []struct {
		plan string
		want int
	}{{"free", UserBasic}, {"business", UserLicensed}} {
		t.Run(tt.plan, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				v := newEnv(t, zoomsim.Options{Plan: tt.plan}, time.Date(2026, 12, 7, 8, 0, 0, 0, time.UTC), time.UTC)
				iv := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: v.at(0, 10, 0), Duration: 45})
				e := v.start()
				defer v.stop()
				v.until(v.at(0, 8, 5)) // the free plan's rate limits may delay the first pass
				snap := e.Snapshot()
				if snap.User == nil || snap.User.Type != tt.want {
					t.Fatalf("user = %+v, want type %d", snap.User, tt.want)
				}
				got, ok := interview(snap, iv.ID)
				if !ok {
					t.Fatal("the interview is not in the snapshot")
				}
				line, ok := lineOf(Readiness(snap, got, ReadinessInput{Now: v.now()}), ReadyPlan)
				if ok != (tt.want == UserBasic) || (ok && line.Severity != SeverityWarn) {
					t.Errorf("plan line %+v for a %s account's 45-minute interview", line, tt.plan)
				}
			})
		})
	}
}
