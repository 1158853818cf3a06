package sync

import (
	"slices"
	"testing"
	"time"
)

func defaultOffsets() ([]Duration, []Duration) {
	s := DefaultSettings()
	return s.ReminderOffsets, s.StartedNags
}

func firedKeys(p reminderPlan) []string {
	var out []string
	for _, r := range p.fire {
		out = append(out, r.Key)
	}
	return out
}

func TestPlanReminders(t *testing.T) {
	offsets, nags := defaultOffsets()
	start := t0.Add(time.Hour) // 09:00
	o := occurrence{ID: 42, Topic: "Interview: Ada", Start: start, End: start.Add(45 * time.Minute)}
	key := func(off time.Duration) string { return reminderKey(42, start, off) }
	m := time.Minute

	tests := []struct {
		name      string
		now       time.Time
		st        func(*reminderState)
		wantFire  []string
		wantKind  string
		wantMarks int
		wantNext  time.Time
	}{
		{name: "nothing due yet", now: start.Add(-11 * m), wantNext: start.Add(-10 * m)},
		{name: "10 minutes before", now: start.Add(-10 * m), wantFire: []string{key(-10 * m)}, wantKind: ReminderBefore, wantMarks: 1, wantNext: start.Add(-m)},
		{
			name: "already fired", now: start.Add(-5 * m),
			st:       func(s *reminderState) { s.Fired[key(-10*m)] = start.Add(-10 * m) },
			wantNext: start.Add(-m),
		},
		{
			name: "after a sleep only the latest fires", now: start.Add(6 * m),
			wantFire: []string{key(5 * m)}, wantKind: ReminderStarted, wantMarks: 5, wantNext: start.Add(10 * m),
		},
		{name: "ended: dropped", now: start.Add(50 * m)},
		{
			name: "joined: nothing more", now: start.Add(2 * m),
			st:       func(s *reminderState) { s.Joined[o.key()] = start },
			wantNext: o.End,
		},
		{
			name: "nags off after dismissing at the start", now: start.Add(5 * m),
			st: func(s *reminderState) {
				for _, off := range []time.Duration{-10 * m, -m, 0} {
					s.Fired[key(off)] = start.Add(off)
				}
				s.NagsOff[o.key()] = start
			},
			wantNext: o.End,
		},
		{
			name: "snooze comes back", now: start.Add(-5 * m),
			st: func(s *reminderState) {
				s.Fired[key(-10*m)] = start.Add(-10 * m)
				s.Snoozed[key(-10*m)] = start.Add(-5 * m)
			},
			wantFire: []string{key(-10 * m)}, wantKind: ReminderBefore, wantNext: start.Add(-m),
		},
		{
			name: "snooze superseded by a later reminder", now: start.Add(-m),
			st: func(s *reminderState) {
				s.Fired[key(-10*m)] = start.Add(-10 * m)
				s.Snoozed[key(-10*m)] = start.Add(5 * m)
			},
			wantFire: []string{key(-m)}, wantKind: ReminderBefore, wantMarks: 1, wantNext: start,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := newReminderState()
			if tt.st != nil {
				tt.st(&st)
			}
			before := st.clone()
			p := planReminders([]occurrence{o}, &st, offsets, nags, tt.now)
			if got := firedKeys(p); !slices.Equal(got, tt.wantFire) {
				t.Fatalf("fired %v, want %v", got, tt.wantFire)
			}
			if len(p.fire) == 1 && p.fire[0].Kind != tt.wantKind {
				t.Errorf("kind %q, want %q", p.fire[0].Kind, tt.wantKind)
			}
			if len(p.markFired) != tt.wantMarks {
				t.Errorf("marked %d as fired (%v), want %d", len(p.markFired), p.markFired, tt.wantMarks)
			}
			if !p.nextDue.Equal(tt.wantNext) {
				t.Errorf("next due %v, want %v", p.nextDue, tt.wantNext)
			}
			if len(st.Fired) != len(before.Fired) || len(st.Snoozed) != len(before.Snoozed) {
				t.Error("planReminders changed the state it was given")
			}
		})
	}
}

func TestLateReminderSaysRealMinutes(t *testing.T) {
	offsets, nags := defaultOffsets()
	start := t0.Add(time.Hour)
	o := occurrence{ID: 1, Topic: "Interview", Start: start, End: start.Add(time.Hour)}
	st := newReminderState()
	// First seen 5 minutes before the start (created at the last minute).
	p := planReminders([]occurrence{o}, &st, offsets, nags, start.Add(-5*time.Minute))
	if len(p.fire) != 1 {
		t.Fatalf("fired %d reminders, want 1", len(p.fire))
	}
	r := p.fire[0]
	if r.Minutes != 5 || r.Headline(false) != "Interview in 5 min" {
		t.Errorf("late reminder: minutes %d, headline %q; want 5 and %q", r.Minutes, r.Headline(false), "Interview in 5 min")
	}
	if r.Headline(true) != "Interview in 5 min" {
		t.Errorf("hidden names: %q", r.Headline(true))
	}
}

func TestRescheduleGetsNewReminders(t *testing.T) {
	offsets, nags := defaultOffsets()
	oldStart := t0.Add(time.Hour)
	st := newReminderState()
	st.Fired[reminderKey(1, oldStart, -10*time.Minute)] = oldStart.Add(-10 * time.Minute)
	// Moved 30 minutes later, seen at the old start minus 5 minutes.
	newStart := oldStart.Add(30 * time.Minute)
	o := occurrence{ID: 1, Topic: "Interview", Start: newStart, End: newStart.Add(time.Hour)}
	p := planReminders([]occurrence{o}, &st, offsets, nags, oldStart.Add(-5*time.Minute))
	if len(p.fire) != 0 {
		t.Fatalf("fired %v for a meeting 35 minutes away", firedKeys(p))
	}
	if want := newStart.Add(-10 * time.Minute); !p.nextDue.Equal(want) {
		t.Errorf("next due %v, want the new 10-minute reminder at %v", p.nextDue, want)
	}
	active := activeReminders([]occurrence{o}, &st, offsets, nags, oldStart.Add(-5*time.Minute))
	if len(active) != 0 {
		t.Errorf("the old occurrence's reminder is still shown: %+v", active)
	}
}

func TestActiveReminders(t *testing.T) {
	offsets, nags := defaultOffsets()
	start := t0.Add(time.Hour)
	o := occurrence{ID: 1, Topic: "Interview", Start: start, End: start.Add(time.Hour)}
	st := newReminderState()
	k10, k1 := reminderKey(1, start, -10*time.Minute), reminderKey(1, start, -time.Minute)
	st.Fired[k10] = start.Add(-10 * time.Minute)
	st.Fired[k1] = start.Add(-time.Minute)
	got := activeReminders([]occurrence{o}, &st, offsets, nags, start.Add(-30*time.Second))
	if len(got) != 1 || got[0].Key != k1 {
		t.Fatalf("active = %+v, want only the 1-minute reminder", got)
	}
	st.Dismissed[k1] = start
	if got := activeReminders([]occurrence{o}, &st, offsets, nags, start.Add(-10*time.Second)); len(got) != 0 {
		t.Fatalf("dismissed reminder still active: %+v", got)
	}
}

func TestReminderStatePrune(t *testing.T) {
	st := newReminderState()
	st.Fired["old"] = t0.Add(-4 * 24 * time.Hour)
	st.Fired["new"] = t0.Add(-time.Hour)
	if !st.prune(t0) {
		t.Fatal("prune reported nothing dropped")
	}
	if _, ok := st.Fired["old"]; ok {
		t.Error("old entry kept")
	}
	if _, ok := st.Fired["new"]; !ok {
		t.Error("recent entry dropped")
	}
}
