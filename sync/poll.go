package sync

import (
	"context"
	"log/slog"
	"slices"
	"strconv"
	"time"

	"github.com/interviewtray/interviewtray/zoom"
)

// The sync loop makes the Zoom calls the schedule says are due, one at a
// time, re-planning after each so that a failure (offline, rate limited,
// signed out) stops the pass and sets the backoff. Folder scans run in the
// same loop but need no network and go on while offline or signed out.

// job is one unit of Zoom work.
type job struct {
	kind string // "me", "upcoming", "hosted", "details", "settings", "list", "cloud"
	ids  []int64
	key  string // cloud: the occurrence key
}

// maxJobsPerPass bounds one pass (a safety net: each job moves its own
// schedule forward).
const maxJobsPerPass = 500

// syncLoop runs the Zoom calls and folder scans that are due, then sleeps
// until the next one is due or it is kicked (Refresh, Wake, signing in, an
// interview starting).
func (e *Engine) syncLoop(ctx context.Context) {
	for {
		next := e.syncPass(ctx)
		if ctx.Err() != nil {
			return
		}
		now := e.now()
		if next.IsZero() || next.Sub(now) > keepConnsFor {
			// Close the connections now, while awake, rather than on the
			// transport's idle timer in a wake-up of its own.
			e.client.CloseIdleConnections()
		}
		e.sleep(ctx, now, next, e.kickSync)
	}
}

// syncPass runs what is due and returns when the next call is due (zero:
// none is scheduled).
func (e *Engine) syncPass(ctx context.Context) time.Time {
	e.passMu.Lock()
	defer e.passMu.Unlock()
	ran, listed, news := 0, false, false
	for range maxJobsPerPass {
		e.mu.Lock()
		j, ok := e.nextJobLocked(e.now(), listed)
		e.mu.Unlock()
		if !ok || ctx.Err() != nil {
			break
		}
		ran++
		listed = listed || j.kind == "list"
		e.mu.Lock()
		gen := e.accountGen
		e.mu.Unlock()
		stop := e.runJob(ctx, j)
		e.mu.Lock()
		if e.accountGen != gen {
			// Signed out while the call ran: what it brought is forgotten.
			e.forgetAccountLocked()
			e.mu.Unlock()
			break
		}
		// A page of a date's recordings list that is not its last changes
		// nothing shown (the date is merged at its last page).
		news = news || j.kind != "list" || e.listPart == nil
		e.mu.Unlock()
		if stop {
			break
		}
	}
	if e.scanLocalIfDue() {
		ran, news = ran+1, true
	}
	e.mu.Lock()
	now := e.now()
	first := !e.firstSyncDone
	e.firstSyncDone = true
	if cur := e.current.Load(); !news && ran > 0 && (cur == nil || cur.Health != e.health) {
		news = true // the page's success cleared a failure shown
	}
	if news || first {
		e.changedLocked()
	}
	next := e.nextSyncLocked(now)
	e.mu.Unlock()
	if news || first {
		e.wakeClock() // new data: reminders and state are re-evaluated
		e.saveCache()
	}
	return next
}

// apiBlockedLocked reports whether Zoom calls must wait.
func (e *Engine) apiBlockedLocked(now time.Time) bool {
	return e.closed || e.health.SignedOut || now.Before(e.sched.backoffUntil)
}

// nextJobLocked returns the most urgent due job; with listed, not the
// recordings list (a pass lists at most one date of it).
func (e *Engine) nextJobLocked(now time.Time, listed bool) (job, bool) {
	if e.apiBlockedLocked(now) {
		return job{}, false
	}
	due := func(t time.Time) bool { return !now.Before(t) }
	switch {
	case e.user == nil || due(e.sched.me):
		return job{kind: "me"}, true
	case due(e.sched.upcoming):
		return job{kind: "upcoming"}, true
	case due(e.sched.hosted):
		return job{kind: "hosted"}, true
	}
	if ids := e.missingDetailsLocked(now); len(ids) > 0 {
		return job{kind: "details", ids: ids}, true
	}
	if t, ok := e.settingsDueLocked(now); ok && due(t) {
		return job{kind: "settings"}, true
	}
	if due(e.sched.list) && !listed {
		return job{kind: "list"}, true
	}
	if k, ok := e.dueCloudLocked(now); ok {
		return job{kind: "cloud", key: k}, true
	}
	if t, ok := e.recentDueLocked(now); ok && due(t) {
		return job{kind: "recent"}, true
	}
	return job{}, false
}

// nextSyncLocked returns when the loop next has something to do.
func (e *Engine) nextSyncLocked(now time.Time) time.Time {
	var next time.Time
	consider := func(t time.Time) {
		if next.IsZero() || t.Before(next) {
			next = t
		}
	}
	if !e.health.SignedOut {
		var api time.Time
		take := func(t time.Time) {
			if api.IsZero() || t.Before(api) {
				api = t
			}
		}
		take(e.sched.me)
		take(e.sched.upcoming)
		take(e.sched.hosted)
		take(e.sched.list)
		if t, ok := e.recentDueLocked(now); ok {
			take(t)
		}
		if t, ok := e.settingsDueLocked(now); ok {
			take(t)
		}
		if len(e.missingDetailsLocked(now)) > 0 {
			take(now)
		}
		for _, p := range e.st.Past {
			if p.Cloud.active() {
				take(p.Cloud.Next)
			}
		}
		consider(maxTime(api, e.sched.backoffUntil))
	}
	for _, p := range e.st.Past {
		if p.Local.Active {
			consider(p.Local.Next)
		}
	}
	return next
}

// spansLocked returns the interviews' scheduled times, for the schedule.
func (e *Engine) spansLocked() []span {
	var out []span
	isInterview := e.interviewTestLocked()
	for i := range e.meetings {
		m := &e.meetings[i]
		if isInterview(m) {
			out = append(out, span{start: m.Start, end: m.end()})
		}
	}
	return out
}

// missingDetailsLocked lists interviews within detailAhead (or running)
// whose details (passcode, host, alternative hosts) were never fetched, or
// not for detailMaxAge.
func (e *Engine) missingDetailsLocked(now time.Time) []int64 {
	var ids []int64
	seen := map[int64]bool{}
	isInterview := e.interviewTestLocked()
	for i := range e.meetings {
		m := &e.meetings[i]
		if d := e.details[m.ID]; m.ID <= 0 || seen[m.ID] || (d != nil && now.Sub(d.FetchedAt) < detailMaxAge) ||
			!now.Before(m.end()) || m.Start.Sub(now) > detailAhead {
			continue
		}
		if !isInterview(m) {
			continue
		}
		seen[m.ID] = true
		ids = append(ids, m.ID)
	}
	return ids
}

// settingsDueLocked returns when the settings check is due.
func (e *Engine) settingsDueLocked(now time.Time) (time.Time, bool) {
	if e.sched.checkNow {
		return now, true
	}
	var t time.Time
	if e.st.Check == nil {
		t = now
	} else if t = nextSettingsCheck(e.st.Check.CheckedAt, e.spansLocked(), now, e.loc); t.IsZero() {
		return t, false
	}
	return maxTime(t, e.sched.settingsAfter), true
}

// dueCloudLocked returns a due cloud tracker. Trackers that cannot find
// anything (not the host, cloud recording off, no longer an interview) are
// closed here without a call.
func (e *Engine) dueCloudLocked(now time.Time) (string, bool) {
	cloudOff := false
	if c := e.st.Check; c != nil {
		for _, s := range c.Settings {
			if s.Key == "recording.cloud_recording" && s.Current == false {
				cloudOff = true
			}
		}
	}
	for k, p := range e.st.Past {
		if !p.Cloud.active() || now.Before(p.Cloud.Next) {
			continue
		}
		if !p.HostIsMe || cloudOff || !(e.matcher.isInterview(p.Topic, e.st.Overrides[p.ID].Mode) || p.CalInterview) {
			p.Cloud.Phase = cloudUnavailable
			e.saveStateLocked()
			continue
		}
		return k, true
	}
	return "", false
}

// listedLocked records a meeting list Zoom answered with: the meetings
// about to leave the list are noted first (so an interview that started
// keeps its state), then store replaces the list and the merged view is
// rebuilt.
func (e *Engine) listedLocked(now time.Time, store func()) {
	e.succeededLocked(now)
	e.notePastLocked(now, classifyMeetings(e.inputLocked(now)))
	store()
	e.health.LastSync = now
	e.health.Unreadable = e.unread.text()
	e.meetings = e.mergedLocked()
}

// runJob makes the job's calls and stores the results. It reports whether
// the pass must stop (an engine-wide failure).
func (e *Engine) runJob(ctx context.Context, j job) bool {
	switch j.kind {
	case "me":
		u, err := e.client.Me(ctx)
		e.mu.Lock()
		defer e.mu.Unlock()
		now := e.now()
		if err != nil {
			return e.failedLocked(err, now)
		}
		e.succeededLocked(now)
		nu := &User{ID: u.ID, Email: u.Email, Name: u.Name(), Type: u.Type, Timezone: u.Timezone}
		if e.user != nil && e.user.ID != nu.ID {
			e.log.Info("a different Zoom user signed in; forgetting the previous user's meetings")
			e.upcoming, e.hosted, e.meetings = nil, nil, nil
			e.upcomingAt, e.hostedAt = time.Time{}, time.Time{}
			e.details = map[int64]*detailRec{}
			e.listedRaw, e.listed, e.listCov, e.listPart = nil, nil, listCoverage{}, nil
			e.unread = unreadCounts{}
			e.health.Unreadable = ""
			e.listGen++
			e.listAllDirty = true
			e.tracked = map[string]Recording{}
			e.sched.upcoming, e.sched.hosted, e.sched.list = time.Time{}, time.Time{}, time.Time{}
			e.sched.checkNow = true
		}
		e.user, e.userAt = nu, now
		e.sched.me = now.Add(meEvery)
		return false

	case "upcoming":
		l, err := e.client.ListUpcomingInvited(ctx)
		e.mu.Lock()
		defer e.mu.Unlock()
		now := e.now()
		e.firstSyncDone = true
		if err != nil {
			return e.failedLocked(err, now)
		}
		e.unread.upcoming = l.Skipped
		e.listedLocked(now, func() { e.upcoming, e.upcomingAt = l.Meetings, now })
		e.sched.upcoming = nextUpcomingPoll(now, e.spansLocked(), e.loc, e.jit)
		return false

	case "hosted":
		l, err := e.client.ListUpcomingMeetings(ctx)
		e.mu.Lock()
		defer e.mu.Unlock()
		now := e.now()
		if err != nil {
			return e.failedLocked(err, now)
		}
		e.unread.hosted = l.Skipped
		e.listedLocked(now, func() { e.hosted, e.hostedAt = l.Meetings, now })
		e.sched.hosted = now.Add(e.jit(hostedEvery))
		return false

	case "details":
		for _, id := range j.ids {
			d, err := e.client.GetMeeting(ctx, id)
			e.mu.Lock()
			now := e.now()
			switch {
			case err == nil:
				e.succeededLocked(now)
				e.details[id] = detailFrom(d, now)
			case unavailable(err):
				// 404 or 403: someone else hosts it. Another 4xx (400 code
				// 3000 ...) is about this meeting too; either way asking
				// again will not help before detailMaxAge.
				e.details[id] = &detailRec{NotVisible: true, FetchedAt: now}
				e.logUnavailableLocked(id, err)
			default:
				stop := e.failedLocked(err, now)
				e.mu.Unlock()
				return stop
			}
			e.mu.Unlock()
		}
		return false

	case "settings":
		s, err := e.client.GetSettings(ctx)
		e.mu.Lock()
		defer e.mu.Unlock()
		now := e.now()
		if err != nil && unavailable(err) {
			// Not an engine-wide failure: try again later, go on polling.
			e.log.Warn("cannot read the recording settings", "err", errorText(classify(err), err))
			e.sched.checkNow = false
			e.sched.settingsAfter = now.Add(settingsRetry)
			return false
		}
		if err != nil {
			return e.failedLocked(err, now)
		}
		e.succeededLocked(now)
		c := e.storeCheckLocked(s, now)
		e.log.Info("recording settings checked", "ok", c.OK, "changed", len(c.Changed))
		return false

	case "recent":
		return e.lookRecent(ctx)

	case "list":
		// One UTC date per pass at most, and at most listPagesPerPass
		// pages of it (recordings_list.go): a day of a heavy account's list
		// is megabytes of JSON.
		e.mu.Lock()
		d, cov, ok := listNext(e.listCov, e.listedRaw, e.now())
		if !ok {
			e.listCov = cov
			e.listPart = nil
			e.sched.list = e.now().Add(listRecordingsEvery)
			e.mu.Unlock()
			return false
		}
		p := e.listPart
		if !p.goesOn(d, e.now()) {
			p = &listPartial{date: d}
			e.unread.listing = 0
		}
		e.listPart = nil // back only if the date goes on in the next pass
		e.mu.Unlock()
		if e.listScan == nil {
			e.listScan = e.client.RecordingsScanner()
		}
		skippedBefore := e.listScan.Skipped()
		err := p.read(ctx, e.listScan)
		e.mu.Lock()
		defer e.mu.Unlock()
		now := e.now()
		e.unread.listing += e.listScan.Skipped() - skippedBefore
		if err != nil {
			// What was read of the date is dropped: the date starts again
			// from its first page.
			if c := classify(err); c == classNotFound || c == classOther {
				// Not available to this user (plan, scope): try tomorrow.
				e.log.Info("cloud recordings list unavailable", "err", errorText(c, err))
				e.sched.list = now.Add(listRecordingsEvery)
				return false
			}
			return e.failedLocked(err, now)
		}
		e.succeededLocked(now)
		if p.token != "" {
			// More pages: the next pass goes on at once (Zoom's token
			// expires). Nothing is merged before the date's last page.
			p.at = now
			e.listPart = p
			e.listCov = cov
			e.sched.list = now
			return false
		}
		e.unread.listedDate(d, now)
		e.health.Unreadable = e.unread.text()
		e.markListDirtyLocked(e.listedRaw, d, p.got)
		e.listedRaw = mergeListed(e.listedRaw, p.got, d, d.After(cov.RoundFrom), now)
		e.listCov = listedDate(cov, d, now)
		_, next, more := listNext(e.listCov, e.listedRaw, now)
		e.listCov = next
		e.sched.list = now.Add(listRecordingsEvery)
		if more {
			e.sched.list = now // the next date, in the next pass
		}
		e.listGen++
		e.listed = recordingsFromList(e.listedRaw, e.matcher, e.overrideModes())
		return false

	case "cloud":
		e.mu.Lock()
		p, ok := e.st.Past[j.key]
		var cp pastOcc
		if ok {
			cp = *p
		}
		e.mu.Unlock()
		if !ok {
			return false
		}
		step, err := checkCloud(ctx, e.client, &cp, e.now())
		e.mu.Lock()
		defer e.mu.Unlock()
		now := e.now()
		if err != nil {
			return e.failedLocked(err, now)
		}
		e.succeededLocked(now)
		p, ok = e.st.Past[j.key]
		if !ok {
			return false
		}
		p.Cloud = step.tracker
		if !step.endedAt.IsZero() {
			p.EndedAt = step.endedAt
			if p.Local.Active && step.endedAt.Before(p.Local.Next) {
				p.Local.Next = step.endedAt
			}
			if d := e.details[p.ID]; d != nil && d.AutoRecording == "cloud" {
				r := Recording{MeetingUUID: p.Cloud.InstanceUUID, MeetingID: p.ID, Topic: p.Topic, StartTime: p.Start,
					EndedAt: p.EndedAt, Kind: KindCloud, State: RecProcessing}
				if _, have := e.tracked[r.Key()]; !have {
					e.tracked[r.Key()] = r
				}
			}
		}
		if r := step.recording; r != nil {
			r.StartTime = cmpTime(r.StartTime, p.Start)
			e.tracked[r.Key()] = *r
			if r.State == RecReady {
				e.announceLocked(EventRecordingReady, *r, now)
				e.log.Info("cloud recording ready", "meeting", p.ID, "attempts", p.Cloud.Attempts)
			}
		}
		if p.Cloud.Phase == cloudGaveUp {
			e.log.Info("no cloud recording within a day; stopped looking", "meeting", p.ID)
		}
		e.saveStateLocked()
		return false
	}
	return false
}

func cmpTime(a, b time.Time) time.Time {
	if a.IsZero() {
		return b
	}
	return a
}

// announceLocked sends a recording's ready event once: the announcement is
// persisted before the event is queued.
func (e *Engine) announceLocked(kind string, r Recording, now time.Time) {
	k := r.Key()
	if _, done := e.st.Announced[k]; done {
		return
	}
	e.st.Announced[k] = now
	e.saveStateLocked()
	e.queueLocked(Event{Kind: kind, At: now, Recording: &r})
}

// scanLocalIfDue scans the recording folder for the interviews whose
// local recording is being followed. No Zoom call. It reports whether it
// scanned.
func (e *Engine) scanLocalIfDue() bool {
	e.mu.Lock()
	now := e.now()
	var occs []*pastOcc
	for _, p := range e.st.Past {
		if p.Local.Active && !now.Before(p.Local.Next) {
			if !e.matcher.isInterview(p.Topic, e.st.Overrides[p.ID].Mode) {
				p.Local.Active = false
				continue
			}
			cp := *p
			occs = append(occs, &cp)
		}
	}
	root := e.settings.RecordingFolder
	if root == "" {
		root = e.opts.DefaultRecordingFolder
	}
	e.mu.Unlock()
	if len(occs) == 0 {
		return false
	}
	res, err := e.scanLocalBounded(root, occs, now)
	e.mu.Lock()
	defer e.mu.Unlock()
	now = e.now()
	if e.scanHungLocked(root, occs, now, err) {
		return true
	}
	if err != nil {
		e.log.Warn("cannot list the recording folder", "folder", root, "err", err)
	}
	changed := false
	e.folderMissing = ""
	if res.missing {
		e.folderMissing = root
	}
	for _, o := range occs {
		p, ok := e.st.Past[o.key()]
		if !ok {
			continue
		}
		recs := res.recordings[o.key()]
		converting := false
		before := p.Local
		p.Local.Folders, p.Local.Ready = nil, nil
		for _, r := range recs {
			if old, ok := e.tracked[r.Key()]; ok && old.State == RecReady && r.State == RecReady {
				r.ReadyAt = old.ReadyAt
			}
			e.tracked[r.Key()] = r
			p.Local.Folders = append(p.Local.Folders, r.Links.Folder)
			if r.State == RecReady {
				p.Local.Ready = append(p.Local.Ready, r.Links.Folder)
				e.announceLocked(EventLocalRecordingReady, r, now)
			} else {
				converting = true
			}
		}
		sinceEnd := now.Sub(p.endedOr())
		switch {
		case sinceEnd > followFor:
			p.Local.Active = false
		case len(recs) > 0 && !converting && sinceEnd > localSettle:
			p.Local.Active = false // found and ready; a second part would have shown by now
		}
		p.Local.Next = now.Add(localScanWait(sinceEnd, converting))
		if p.Local.Active != before.Active || !slices.Equal(p.Local.Folders, before.Folders) || !slices.Equal(p.Local.Ready, before.Ready) {
			changed = true
		}
	}
	if changed { // the next scan time alone is not worth a write
		e.saveStateLocked()
	}
	return true
}

// logUnavailableLocked logs that Zoom did not show a meeting's details. A
// 404 or 403 for a meeting the user is invited to but does not host (it
// is in users/me/upcoming_meetings, not in users/me/meetings) is what Zoom
// answers for someone else's meeting: expected, so a debug record. For a
// meeting the user hosts, or another answer (400 code 3000 ...), it is
// news: an info record.
func (e *Engine) logUnavailableLocked(id int64, err error) {
	level := slog.LevelInfo
	if ze, ok := zoom.AsError(err); ok && (ze.StatusCode == 404 || ze.StatusCode == 403) &&
		!slices.ContainsFunc(e.hosted, func(m zoom.Meeting) bool { return m.ID == id }) {
		level = slog.LevelDebug
	}
	e.log.Log(context.Background(), level, "meeting details not available", "meeting", id, "err", errorText(classify(err), err))
}

// localSettle: once every folder of an interview is ready, the folder is
// still watched this long after the end, for a recording made in parts.
const localSettle = 30 * time.Minute

// failedLocked records a failed Zoom call and sets the backoff. It reports
// whether the pass must stop (always, except for item-level answers).
func (e *Engine) failedLocked(err error, now time.Time) bool {
	c := classify(err)
	switch c {
	case classNone:
		return false
	case classCanceled:
		return true
	case classSignedOut:
		reason, msg := signedOutReason(err)
		if !e.health.SignedOut {
			e.log.Warn("signed out of Zoom; polling stops until sign-in", "reason", reason)
		}
		e.health.SignedOut, e.health.SignedOutReason, e.health.LastError = true, reason, msg
		e.firstSyncDone = true
		return true
	case classKeychain:
		e.health.KeychainProblem = keychainText(err)
	case classOffline:
		e.health.Offline = true
	case classRateLimited:
		e.health.RateLimited = true
	case classAuth:
		e.authRejected = true
	}
	e.sched.failures++
	e.sched.failClass = c
	d := backoffDelay(c, e.sched.failures, retryAfter(err))
	e.sched.backoffUntil = now.Add(d)
	if c == classRateLimited {
		e.health.RetryAt = e.sched.backoffUntil
	}
	e.health.LastError = errorText(c, err)
	e.log.Warn("zoom call failed", "class", c.String(), "err", e.health.LastError,
		"failures", e.sched.failures, "retry_in", d.Round(time.Second))
	return true
}

// succeededLocked records that Zoom answered.
func (e *Engine) succeededLocked(now time.Time) {
	if e.health.Offline || e.health.RateLimited {
		e.log.Info("zoom reachable again", "after_failures", e.sched.failures)
	}
	e.health.Offline, e.health.RateLimited = false, false
	e.health.RetryAt = time.Time{}
	e.health.KeychainProblem, e.health.LastError = "", ""
	e.authRejected = false
	e.sched.failures, e.sched.failClass = 0, classNone
	e.sched.backoffUntil = time.Time{}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
