package calendar

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"
)

// ErrTooLarge means the body is over MaxBodySize.
var ErrTooLarge = errors.New("calendar file is larger than 20 MB")

// expandAll turns the events into occurrences, one UID at a time: the
// master's instances, minus the ones its overrides replace, plus the
// overrides themselves (which may come before the master in the file, or
// have no master at all).
func (p *parser) expandAll() {
	byUID := map[string][]*event{}
	var order []string
	for _, ev := range p.events {
		if _, ok := byUID[ev.uid]; !ok {
			order = append(order, ev.uid)
		}
		byUID[ev.uid] = append(byUID[ev.uid], ev)
	}
	for _, uid := range order {
		p.expandSeries(uid, byUID[uid])
	}
}

func (p *parser) expandSeries(uid string, evs []*event) {
	var master *event
	overrides := map[string]*event{}
	var future []*event
	for _, ev := range evs {
		switch {
		case ev.ridKey == "":
			master = ev // one per UID: readComponents kept the latest SEQUENCE
		default:
			overrides[ev.ridKey] = ev
			if ev.future {
				future = append(future, ev)
			}
		}
	}
	sort.Slice(future, func(i, j int) bool { return future[i].ridTime.Before(future[j].ridTime) })
	var out []Occurrence
	limit := p.opt.MaxPerSeries
	if master == nil {
		// Overrides without their master: each stands for itself (and an
		// override carrying RDATEs, as Lotus Notes writes, for its own set).
		for _, ov := range evs {
			starts, problem := p.instances(ov, limit)
			if problem != "" {
				p.unreadable(uid, problem)
			}
			for i, s := range starts {
				rid := ov.ridKey
				if i > 0 || !s.start.Equal(ov.start.instant()) {
					rid = ridString(ov.allDay, instantToWall(s.start, ov.start.loc), s.start)
				}
				out = p.emit(out, ov, s.start, s.dur, rid)
			}
		}
	} else {
		starts, problem := p.instances(master, limit)
		if problem != "" {
			p.unreadable(uid, problem)
		}
		for _, s := range starts {
			wall := instantToWall(s.start, master.start.loc)
			rid := ""
			if master.recurs() {
				rid = ridString(master.allDay, wall, s.start)
			}
			if _, ok := overrides[rid]; ok && rid != "" {
				continue
			}
			if _, ok := overrides[wall.Format("20060102")]; ok && !master.allDay && master.recurs() {
				continue // RECURRENCE-ID;VALUE=DATE on a date-time series
			}
			src, start, dur := master, s.start, s.dur
			for i := len(future) - 1; i >= 0; i-- {
				if f := future[i]; !f.ridTime.After(s.start) {
					src, start, dur = f, s.start.Add(f.start.instant().Sub(f.ridTime)), f.dur
					break
				}
			}
			out = p.emit(out, src, start, dur, rid)
		}
		for _, ov := range overrides {
			out = p.emit(out, ov, ov.start.instant(), ov.dur, ov.ridKey)
		}
	}
	if len(out) > limit {
		sort.Slice(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
		out = out[:limit]
		p.unreadable(uid, fmt.Sprintf("more than %d occurrences in the window; only the first %d are kept", limit, limit))
	}
	p.res.Occurrences = append(p.res.Occurrences, out...)
}

// overlaps reports whether an occurrence at start lasting dur (give or
// take a DST change for all-day ones) touches the window.
func (p *parser) overlaps(start time.Time, dur time.Duration, allDay bool) bool {
	end := start.Add(dur)
	if allDay {
		end = end.Add(2 * time.Hour)
	}
	return start.Before(p.opt.To) && (end.After(p.opt.From) || dur == 0 && !start.Before(p.opt.From))
}

// emit appends the occurrence of ev at start when it overlaps the window.
func (p *parser) emit(out []Occurrence, ev *event, start time.Time, dur time.Duration, rid string) []Occurrence {
	end := start.Add(dur)
	if ev.allDay {
		end = wallToInstant(instantToWall(start, ev.start.loc).Add(dur), ev.start.loc)
	}
	if !start.Before(p.opt.To) || !(end.After(p.opt.From) || dur == 0 && !start.Before(p.opt.From)) {
		return out
	}
	var z *ZoomLink
	if l := ev.zoomLink(); l != nil {
		c := *l
		z = &c
	}
	return append(out, Occurrence{
		UID:          ev.uid,
		RecurrenceID: rid,
		Summary:      ev.summary,
		Location:     ev.location,
		Start:        start.UTC(),
		End:          end.UTC(),
		AllDay:       ev.allDay,
		Status:       ev.status,
		Organizer:    ev.organizer,
		Attendees:    slices.Clone(ev.attendees), // each occurrence owns its data
		Zoom:         z,
		Declined:     ev.declined,
	})
}

// instance is one start of a series and its length.
type instance struct {
	start time.Time // UTC
	dur   time.Duration
}

// instances lists the starts of ev near the window: DTSTART, the RRULEs'
// and RDATEs' starts, minus EXDATEs. They are UTC instants.
func (p *parser) instances(ev *event, limit int) ([]instance, string) {
	loc := ev.start.loc
	if !ev.recurs() {
		return []instance{{ev.start.instant(), ev.dur}}, ""
	}
	// The wall-clock range to search: the window in the event's zone,
	// widened by the length of the event and by a DST change.
	lo := instantToWall(p.opt.From.Add(-ev.dur), loc).Add(-3 * time.Hour)
	hi := instantToWall(p.opt.To, loc).Add(3 * time.Hour)
	walls := map[time.Time]time.Duration{ev.start.wall: ev.dur}
	var problem string
	for _, r := range ev.rules {
		got, prob := expandRule(*r, ev.start.wall, lo, hi, limit, func(w time.Time) bool {
			return p.overlaps(wallToInstant(w, loc), ev.dur, ev.allDay)
		})
		if prob != "" {
			problem = prob
		}
		for _, w := range got {
			if _, ok := walls[w]; !ok {
				walls[w] = ev.dur
			}
		}
	}
	for _, rd := range ev.rdates {
		w := rd.start.wall
		if rd.start.loc != loc && !rd.start.date {
			w = instantToWall(rd.start.instant(), loc)
		}
		d := ev.dur
		if rd.dur > 0 {
			d = rd.dur
		}
		walls[w] = d
	}
	exInstant := map[time.Time]bool{}
	exDay := map[time.Time]bool{}
	for _, x := range ev.exdates {
		if x.date || ev.allDay {
			exDay[x.wall.Truncate(24*time.Hour)] = true
		} else {
			exInstant[x.instant()] = true
		}
	}
	out := make([]instance, 0, len(walls))
	for w, d := range walls {
		t := wallToInstant(w, loc)
		if exInstant[t] || exDay[w.Truncate(24*time.Hour)] {
			continue
		}
		out = append(out, instance{t, d})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start.Before(out[j].start) })
	return out, problem
}
