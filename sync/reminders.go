package sync

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/interviewtray/interviewtray/model"
)

// Reminders are decided against the wall clock, never by one long timer:
// the clock loop (clock.go) wakes at the next due time through
// Options.WaitUntil (a wall-clock timer, or a monotonic one capped at
// maxSleep), and at once on Engine.Wake, and asks planReminders what is due.
// Monotonic timers stop while a laptop sleeps; the wall clock does not, so
// after a sleep the first evaluation sees everything that came due.

// reminderSpec is one reminder an occurrence will get.
type reminderSpec struct {
	key    string
	kind   string
	offset time.Duration // due minus start: negative before, positive after
	due    time.Time
}

// occurrence is an interview occurrence as reminders see it, or another
// meeting's with the alert for all meetings (Settings.AlertAllMeetings).
type occurrence struct {
	ID      int64
	Topic   string
	Start   time.Time
	End     time.Time // scheduled end, or the actual end when Zoom said so
	JoinURL string
	// alertOnly: a meeting that is not an interview, whose only reminder is
	// the alert's, alertBefore before the start (0: at the start).
	alertOnly   bool
	alertBefore time.Duration
}

func (o occurrence) key() string { return occKey(o.ID, o.Start) }

// reminderKey is the stable key of a reminder: meeting number, occurrence
// start (UTC) and offset from the start in seconds, e.g.
// "85512345678@2026-03-02T15:00:00Z/-600".
func reminderKey(id int64, start time.Time, offset time.Duration) string {
	return occKey(id, start) + "/" + strconv.FormatInt(int64(offset/time.Second), 10)
}

// occKeyOf returns the occurrence part of a reminder key
// (model.ReminderOccurrence, which the windows use too).
func occKeyOf(key string) string { return model.ReminderOccurrence(key) }

// reminderSpecs lists o's reminders in due order: one per offset before the
// start, one at the start, one per nag after it; a meeting's with the
// alert for all meetings has only the alert's (o.alertOnly).
func reminderSpecs(o occurrence, offsets, nags []Duration) []reminderSpec {
	if o.alertOnly {
		off := -o.alertBefore
		kind := ReminderNow
		if off < 0 {
			kind = ReminderBefore
		}
		return []reminderSpec{{key: reminderKey(o.ID, o.Start, off), kind: kind, offset: off, due: o.Start.Add(off)}}
	}
	out := make([]reminderSpec, 0, len(offsets)+1+len(nags))
	for _, d := range offsets {
		off := -d.D()
		out = append(out, reminderSpec{key: reminderKey(o.ID, o.Start, off), kind: ReminderBefore, offset: off, due: o.Start.Add(off)})
	}
	out = append(out, reminderSpec{key: reminderKey(o.ID, o.Start, 0), kind: ReminderNow, due: o.Start})
	for _, d := range nags {
		out = append(out, reminderSpec{key: reminderKey(o.ID, o.Start, d.D()), kind: ReminderStarted, offset: d.D(), due: o.Start.Add(d.D())})
	}
	slices.SortStableFunc(out, func(a, b reminderSpec) int { return a.due.Compare(b.due) })
	return out
}

// firstDue is when o's first reminder is due.
func firstDue(o occurrence, offsets []Duration) time.Time {
	if o.alertOnly {
		return o.Start.Add(-o.alertBefore)
	}
	var most time.Duration
	for _, d := range offsets {
		most = max(most, d.D())
	}
	return o.Start.Add(-most)
}

// reminderState is the persisted part of reminders (in state.json). All
// maps are keyed by reminder key, except Joined and NagsOff (occurrence
// key).
type reminderState struct {
	Fired     map[string]time.Time `json:"fired"`     // when it fired (or was skipped as superseded)
	Snoozed   map[string]time.Time `json:"snoozed"`   // until when
	Dismissed map[string]time.Time `json:"dismissed"` // when
	Joined    map[string]time.Time `json:"joined"`    // occurrence -> when the user joined
	NagsOff   map[string]time.Time `json:"nags_off"`  // occurrence -> "started" reminders dismissed
}

func newReminderState() reminderState {
	return reminderState{
		Fired:     map[string]time.Time{},
		Snoozed:   map[string]time.Time{},
		Dismissed: map[string]time.Time{},
		Joined:    map[string]time.Time{},
		NagsOff:   map[string]time.Time{},
	}
}

func (s reminderState) clone() reminderState {
	return reminderState{
		Fired:     maps.Clone(s.Fired),
		Snoozed:   maps.Clone(s.Snoozed),
		Dismissed: maps.Clone(s.Dismissed),
		Joined:    maps.Clone(s.Joined),
		NagsOff:   maps.Clone(s.NagsOff),
	}
}

// fillNil replaces nil maps (from an old or hand-edited file) with empty ones.
func (s *reminderState) fillNil() {
	for _, m := range []*map[string]time.Time{&s.Fired, &s.Snoozed, &s.Dismissed, &s.Joined, &s.NagsOff} {
		if *m == nil {
			*m = map[string]time.Time{}
		}
	}
}

// reminderRetention is how long fired, dismissed and joined entries are
// kept: far longer than any occurrence with its nags lasts.
const reminderRetention = 3 * 24 * time.Hour

// prune drops entries older than the retention. It reports whether it
// dropped any.
func (s *reminderState) prune(now time.Time) bool {
	cut := now.Add(-reminderRetention)
	n := 0
	for _, m := range []map[string]time.Time{s.Fired, s.Dismissed, s.Joined, s.NagsOff} {
		maps.DeleteFunc(m, func(_ string, t time.Time) bool {
			if t.Before(cut) {
				n++
				return true
			}
			return false
		})
	}
	maps.DeleteFunc(s.Snoozed, func(_ string, t time.Time) bool {
		if t.Before(cut) {
			n++
			return true
		}
		return false
	})
	return n > 0
}

// reminderPlan is what planReminders decided.
type reminderPlan struct {
	fire      []Reminder // to announce now, in due order
	markFired []string   // keys to record as fired (fired ones and superseded ones)
	unsnooze  []string   // snoozes that came back (fired) or lapsed (dropped)
	nextDue   time.Time  // the next time something may come due; zero if nothing
}

// planReminders decides which reminders fire at now. For each occurrence
// that has not ended and was not joined, the reminders that are due and
// have not fired are collapsed into one: the latest (after a sleep, or on
// a late start, only "started 5 min ago" is shown, not the 10-minute and
// 1-minute ones too); the earlier ones are recorded as fired without being
// announced. "now" and "started" reminders stop once the user dismissed
// one of them (NagsOff). A snoozed reminder comes back when its snooze
// ends, unless a later reminder of its occurrence fired meanwhile or the
// occurrence ended. Reminders of ended occurrences are dropped.
//
// It is pure: st is only read.
func planReminders(occs []occurrence, st *reminderState, offsets, nags []Duration, now time.Time) reminderPlan {
	var p reminderPlan
	noteNext := func(t time.Time) {
		if t.After(now) && (p.nextDue.IsZero() || t.Before(p.nextDue)) {
			p.nextDue = t
		}
	}
	live := make(map[string]occurrence, len(occs))
	for _, o := range occs {
		ok := o.key()
		if !now.Before(o.End) {
			continue // over: nothing more to remind of
		}
		live[ok] = o
		noteNext(o.End)
		if _, joined := st.Joined[ok]; joined {
			continue
		}
		if first := firstDue(o, offsets); first.After(now) {
			noteNext(first) // nothing can be due yet: skip building keys
			continue
		}
		_, nagsOff := st.NagsOff[ok]
		var due []reminderSpec
		for _, s := range reminderSpecs(o, offsets, nags) {
			if nagsOff && s.kind != ReminderBefore {
				continue
			}
			if _, fired := st.Fired[s.key]; fired {
				continue
			}
			if s.due.After(now) {
				noteNext(s.due)
				continue
			}
			due = append(due, s)
		}
		if len(due) == 0 {
			continue
		}
		latest := due[len(due)-1]
		for _, s := range due {
			p.markFired = append(p.markFired, s.key)
		}
		p.fire = append(p.fire, makeReminder(o, latest, now, false))
		// A newer reminder replaces a snoozed older one of the occurrence.
		for k := range st.Snoozed {
			if occKeyOf(k) == ok {
				p.unsnooze = append(p.unsnooze, k)
			}
		}
	}
	for k, until := range st.Snoozed {
		if slices.Contains(p.unsnooze, k) {
			continue
		}
		o, ok := live[occKeyOf(k)]
		if !ok {
			p.unsnooze = append(p.unsnooze, k) // occurrence ended, cancelled or moved
			continue
		}
		if _, joined := st.Joined[o.key()]; joined {
			p.unsnooze = append(p.unsnooze, k)
			continue
		}
		if until.After(now) {
			noteNext(until)
			continue
		}
		spec, found := specByKey(o, k, offsets, nags)
		p.unsnooze = append(p.unsnooze, k)
		if found {
			p.fire = append(p.fire, makeReminder(o, spec, now, true))
		}
	}
	slices.SortFunc(p.fire, func(a, b Reminder) int {
		return cmp.Or(a.Due.Compare(b.Due), cmp.Compare(a.Key, b.Key))
	})
	slices.Sort(p.unsnooze)
	return p
}

// specByKey finds the spec of key among o's reminders, also when the
// settings changed since it was snoozed (then the offset is read from the
// key).
func specByKey(o occurrence, key string, offsets, nags []Duration) (reminderSpec, bool) {
	for _, s := range reminderSpecs(o, offsets, nags) {
		if s.key == key {
			return s, true
		}
	}
	i := strings.LastIndexByte(key, '/')
	if i < 0 {
		return reminderSpec{}, false
	}
	secs, err := strconv.ParseInt(key[i+1:], 10, 64)
	if err != nil {
		return reminderSpec{}, false
	}
	off := time.Duration(secs) * time.Second
	kind := ReminderNow
	switch {
	case off < 0:
		kind = ReminderBefore
	case off > 0:
		kind = ReminderStarted
	}
	return reminderSpec{key: key, kind: kind, offset: off, due: o.Start.Add(off)}, true
}

// makeReminder builds the announced reminder. Minutes is the real distance
// to the start when it fires, so a late reminder does not say "in 10 min"
// five minutes before the start.
func makeReminder(o occurrence, s reminderSpec, now time.Time, snoozed bool) Reminder {
	r := Reminder{
		Key:       s.key,
		MeetingID: o.ID,
		Topic:     o.Topic,
		StartTime: o.Start,
		Kind:      s.kind,
		Due:       s.due,
		FiredAt:   now,
		JoinURL:   o.JoinURL,
		Snoozed:   snoozed,
		Meeting:   o.alertOnly,
	}
	switch {
	case now.Before(o.Start):
		r.Kind = ReminderBefore
		r.Minutes = int((o.Start.Sub(now) + time.Minute - 1) / time.Minute) // round up: "in 1 min", not "in 0 min"
	case now.Sub(o.Start) >= time.Minute:
		r.Kind = ReminderStarted
		r.Minutes = int(now.Sub(o.Start) / time.Minute)
	default:
		r.Kind = ReminderNow
	}
	return r
}

// activeReminders returns the reminders to show now: for each live, not
// joined occurrence, its latest fired reminder unless that one was
// dismissed or is snoozed.
func activeReminders(occs []occurrence, st *reminderState, offsets, nags []Duration, now time.Time) []Reminder {
	var out []Reminder
	for _, o := range occs {
		if !now.Before(o.End) {
			continue
		}
		if firstDue(o, offsets).After(now) {
			continue // nothing fired yet
		}
		if _, joined := st.Joined[o.key()]; joined {
			continue
		}
		specs := reminderSpecs(o, offsets, nags)
		var latest *reminderSpec
		var firedAt time.Time
		for i := range specs {
			if t, ok := st.Fired[specs[i].key]; ok {
				latest, firedAt = &specs[i], t
			}
		}
		if latest == nil {
			continue
		}
		if _, d := st.Dismissed[latest.key]; d {
			continue
		}
		if _, s := st.Snoozed[latest.key]; s {
			continue
		}
		if _, off := st.NagsOff[o.key()]; off && latest.kind != ReminderBefore {
			continue
		}
		r := makeReminder(o, *latest, firedAt, false)
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b Reminder) int {
		return cmp.Or(a.StartTime.Compare(b.StartTime), cmp.Compare(a.Key, b.Key))
	})
	return out
}
