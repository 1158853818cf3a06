package sync

import (
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/interviewtray/interviewtray/sync/internal/zoomfolder"
	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

// TestRestartBetweenReminders: the agent stops after the 10-minute
// reminder and starts again (a new engine on the same state directory),
// once before the 1-minute reminder and once after it came due while
// nothing ran. Nothing is doubled and nothing is missed.
func TestRestartBetweenReminders(t *testing.T) {
	tests := []struct {
		name      string
		downUntil time.Duration // relative to the start
	}{
		{"back before the next reminder", -5 * time.Minute},
		{"the next reminder came due while down", -30 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
				start := v.at(0, 9, 0)
				m := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: start})
				v.start()
				v.until(start.Add(-8 * time.Minute))
				v.stop()
				// Given the 10-minute reminder fired before the stop.
				if got := v.reminderKeys(); !slices.Equal(got, []string{rkey(m.ID, start, -10*time.Minute)}) {
					t.Fatalf("before restart: %v", got)
				}
				v.until(start.Add(tt.downUntil))
				restartAt := v.now()
				e := v.start()
				defer v.stop()
				v.until(start.Add(15 * time.Minute))

				want := []string{
					rkey(m.ID, start, -10*time.Minute), rkey(m.ID, start, -time.Minute), rkey(m.ID, start, 0),
					rkey(m.ID, start, 2*time.Minute), rkey(m.ID, start, 5*time.Minute), rkey(m.ID, start, 10*time.Minute),
				}
				if got := v.reminderKeys(); !slices.Equal(got, want) {
					t.Fatalf("reminders %v, want %v", got, want)
				}
				for _, ev := range v.eventsOf(EventReminder)[1:] {
					r := ev.Reminder
					if late := r.FiredAt.Sub(maxTime(r.Due, restartAt)); late > time.Second {
						t.Errorf("%s fired %v late", r.Key, late)
					}
				}
				if n := len(e.Snapshot().Reminders); n != 1 {
					t.Errorf("%d reminders shown, want the latest only", n)
				}
			})
		})
	}
}

// TestSleepAcrossReminder: the laptop sleeps across reminders (the wall
// clock and Zoom's clock jump; no timer runs). On Wake the latest due
// reminder fires once, within 5 s, if the interview has not ended; if it
// has, nothing fires.
func TestSleepAcrossReminder(t *testing.T) {
	tests := []struct {
		name     string
		sleep    time.Duration // from 12 minutes before the start
		wantKey  time.Duration // offset of the one reminder fired on wake
		wantNone bool
	}{
		{"wakes during the interview", 20 * time.Minute, 5 * time.Minute, false},
		{"wakes before the start", 11*time.Minute + 30*time.Second, -time.Minute, false},
		{"wakes after the end", 2 * time.Hour, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
				start := v.at(0, 9, 0)
				m := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: start})
				e := v.start()
				defer v.stop()
				v.until(start.Add(-12 * time.Minute))
				v.sleepLaptop(tt.sleep)
				woke := v.now()
				e.Wake()
				synctest.Wait()
				got := v.eventsOf(EventReminder)
				if tt.wantNone {
					if len(got) != 0 {
						t.Fatalf("after the end: %d reminders fired", len(got))
					}
					return
				}
				if len(got) != 1 {
					t.Fatalf("on wake %d reminders fired, want 1: %v", len(got), v.reminderKeys())
				}
				r := got[0].Reminder
				if r.Key != rkey(m.ID, start, tt.wantKey) {
					t.Errorf("fired %s, want offset %v", r.Key, tt.wantKey)
				}
				if lat := r.FiredAt.Sub(woke); lat > 5*time.Second {
					t.Errorf("fired %v after wake", lat)
				}
				// Nothing due during the sleep fires again later.
				v.until(start.Add(15 * time.Minute))
				seen := map[string]int{}
				for _, k := range v.reminderKeys() {
					seen[k]++
					if seen[k] > 1 {
						t.Errorf("%s fired twice", k)
					}
				}
			})
		})
	}
}

// TestSleepWithoutWake: without Wake, a reminder due during the sleep
// still fires within maxSleep of waking (the loops never sleep longer).
func TestSleepWithoutWake(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		start := v.at(0, 9, 0)
		m := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: start})
		v.start()
		defer v.stop()
		v.until(start.Add(-12 * time.Minute))
		v.sleepLaptop(10 * time.Minute)
		woke := v.now()
		time.Sleep(maxSleep)
		synctest.Wait()
		got := v.eventsOf(EventReminder)
		if len(got) != 1 || got[0].Reminder.Key != rkey(m.ID, start, -10*time.Minute) {
			t.Fatalf("reminders %v", v.reminderKeys())
		}
		if lat := got[0].Reminder.FiredAt.Sub(woke); lat > maxSleep {
			t.Errorf("fired %v after waking", lat)
		}
	})
}

// TestDSTSwitch: reminders around the spring-forward and fall-back
// switches fire at the right UTC instant, once each, and the local
// recording folder (named in local time) is matched.
func TestDSTSwitch(t *testing.T) {
	tests := []struct {
		name  string
		day   time.Time // local midnight
		start [2]time.Time
	}{
		{
			name:  "spring forward",
			day:   time.Date(2026, 3, 8, 0, 0, 0, 0, mustLoc(t, "America/New_York")),
			start: [2]time.Time{time.Date(2026, 3, 8, 6, 30, 0, 0, time.UTC), time.Date(2026, 3, 8, 7, 30, 0, 0, time.UTC)}, // 01:30 EST, 03:30 EDT
		},
		{
			name:  "fall back",
			day:   time.Date(2026, 11, 1, 0, 0, 0, 0, mustLoc(t, "America/New_York")),
			start: [2]time.Time{time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC), time.Date(2026, 11, 1, 6, 30, 0, 0, time.UTC)}, // 01:30 EDT, then 01:30 EST
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				loc := tt.day.Location()
				v := newEnv(t, zoomsim.Options{AutoEnd: true}, tt.day, loc)
				a := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: tt.start[0], Duration: 30})
				b := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Bob", StartTime: tt.start[1], Duration: 30})
				e := v.start()
				defer v.stop()
				// Bob's recording folder, named in local time after the switch.
				v.until(tt.start[1].Add(31 * time.Minute))
				write(t, v.folder+"/"+tt.start[1].Add(time.Minute).In(loc).Format(zoomfolder.TimeLayout)+" Interview_ Bob/video1.mp4", "x")
				v.until(tt.day.Add(12 * time.Hour))

				count := map[string]int{}
				for _, ev := range v.eventsOf(EventReminder) {
					r := ev.Reminder
					count[r.Key]++
					if !r.FiredAt.Equal(r.Due) {
						t.Errorf("%s due %v fired %v", r.Key, r.Due, r.FiredAt)
					}
				}
				for _, m := range []zoomsim.SimMeeting{a, b} {
					for _, off := range []time.Duration{-10 * time.Minute, -time.Minute, 0, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute} {
						if n := count[rkey(m.ID, m.StartTime, off)]; n != 1 {
							t.Errorf("%s fired %d times", rkey(m.ID, m.StartTime, off), n)
						}
					}
				}
				if len(count) != 12 {
					t.Errorf("%d reminders, want 12", len(count))
				}
				local := v.eventsOf(EventLocalRecordingReady)
				if len(local) != 1 || local[0].Recording.MeetingID != b.ID {
					t.Errorf("local recordings %+v, want Bob's", local)
				}
				_ = e
			})
		})
	}
}

// TestRescheduleAndCancel: a meeting moved after its 10-minute reminder
// loses its old reminders and gets new ones; a cancelled one gets none
// and leaves the agenda.
func TestRescheduleAndCancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		start := v.at(0, 9, 0)
		moved := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: start})
		cancelled := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Bob", StartTime: start.Add(5 * time.Minute)})
		e := v.start()
		defer v.stop()
		v.until(start.Add(-4 * time.Minute)) // both 10-minute reminders fired
		newStart := start.Add(30 * time.Minute)
		if _, err := v.sim.UpdateMeeting(moved.ID, zoomsim.MeetingUpdate{StartTime: &newStart}); err != nil {
			t.Fatal(err)
		}
		if err := v.sim.DeleteMeeting(cancelled.ID); err != nil {
			t.Fatal(err)
		}
		v.until(start.Add(-2 * time.Minute)) // the 1-minute poll has seen both changes
		s := e.Snapshot()
		if len(s.Reminders) != 0 {
			t.Errorf("old reminders still shown: %+v", s.Reminders)
		}
		if _, ok := interview(s, cancelled.ID); ok {
			t.Error("cancelled interview still in the agenda")
		}
		if iv, ok := interview(s, moved.ID); !ok || !iv.StartTime.Equal(newStart) {
			t.Errorf("moved interview: %+v", iv)
		}
		v.until(newStart.Add(15 * time.Minute))
		want := []string{
			rkey(moved.ID, start, -10*time.Minute), rkey(cancelled.ID, start.Add(5*time.Minute), -10*time.Minute),
			rkey(moved.ID, newStart, -10*time.Minute), rkey(moved.ID, newStart, -time.Minute), rkey(moved.ID, newStart, 0),
			rkey(moved.ID, newStart, 2*time.Minute), rkey(moved.ID, newStart, 5*time.Minute), rkey(moved.ID, newStart, 10*time.Minute),
		}
		if got := v.reminderKeys(); !slices.Equal(got, want) {
			t.Errorf("reminders\n got %v\nwant %v", got, want)
		}
	})
}

// TestBackToBack: the next interview's reminders come while the first is
// running; joining the first does not silence the second.
func TestBackToBack(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newEnv(t, zoomsim.Options{AutoEnd: true}, time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), time.UTC)
		s1 := v.at(0, 10, 0)
		s2 := s1.Add(45 * time.Minute)
		a := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Ada", StartTime: s1})
		b := v.meeting(zoomsim.MeetingSpec{Topic: "Interview: Bob", StartTime: s2})
		e := v.start()
		defer v.stop()
		v.until(s1.Add(10 * time.Second))
		if err := e.Joined(a.ID); err != nil {
			t.Fatal(err)
		}
		v.until(s2.Add(20 * time.Second))
		if err := e.Joined(b.ID); err != nil {
			t.Fatal(err)
		}
		v.until(s2.Add(time.Hour))
		want := []string{
			rkey(a.ID, s1, -10*time.Minute), rkey(a.ID, s1, -time.Minute), rkey(a.ID, s1, 0),
			rkey(b.ID, s2, -10*time.Minute), rkey(b.ID, s2, -time.Minute), rkey(b.ID, s2, 0),
		}
		if got := v.reminderKeys(); !slices.Equal(got, want) {
			t.Errorf("reminders\n got %v\nwant %v", got, want)
		}
		for _, ev := range v.eventsOf(EventReminder) {
			if !ev.Reminder.FiredAt.Equal(ev.Reminder.Due) {
				t.Errorf("%s late", ev.Reminder.Key)
			}
		}
	})
}
