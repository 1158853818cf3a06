package sync

import (
	"context"
	"log/slog"
	"slices"
	"strconv"
	"time"

	"github.com/interviewtray/interviewtray/sync/internal/cloudlist"
	"github.com/interviewtray/interviewtray/zoom"
)

// The sync loop makes the Zoom calls the schedule says are due, one at a
// time, re-planning after each so that a failure (offline, rate limited,
// signed out) stops the pass and sets the backoff. Folder scans run in the
// same loop but need no network and go on while offline or signed out.

// A pollJob is one kind of work of the sync loop: due says when it is
// next due (ok false: not wanted now), with mu held; run does it, without
// mu, and reports whether the pass must stop (an engine-wide failure). The
// pass (nextJobLocked) and its plan for the next wake-up (nextSyncLocked)
// both go over the one list, Engine.jobs, so they cannot disagree about
// what there is to do.
type pollJob struct {
	kind string
	// zoom: the job calls Zoom, so it waits while signed out or backing
	// off, and a failure stops the pass; the folder scan does not, and
	// runs once at the end of each pass.
	zoom bool
	// oncePerPass: at most once in a pass (a pass lists at most one date
	// of the cloud recordings list).
	oncePerPass bool
	due         func(now time.Time) (t time.Time, ok bool)
	run         func(ctx context.Context) (stop bool)
}

// pollJobs returns the sync loop's jobs, most urgent first.
func (e *Engine) pollJobs() []pollJob {
	at := func(t *time.Time) func(time.Time) (time.Time, bool) {
		return func(time.Time) (time.Time, bool) { return *t, true }
	}
	return []pollJob{
		{kind: "me", zoom: true, due: e.meDueLocked, run: e.pollMe},
		{kind: "upcoming", zoom: true, due: at(&e.sched.upcoming), run: e.pollUpcoming},
		{kind: "hosted", zoom: true, due: at(&e.sched.hosted), run: e.pollHosted},
		{kind: "details", zoom: true, due: e.detailsDueLocked, run: e.fetchDetails},
		{kind: "settings", zoom: true, due: e.settingsDueLocked, run: e.checkSettings},
		{kind: "list", zoom: true, oncePerPass: true, due: at(&e.sched.list), run: e.listRecordings},
		{kind: "cloud", zoom: true, due: e.cloudDueLocked, run: e.checkCloudRecording},
		{kind: "recent", zoom: true, due: e.recentDueLocked, run: e.lookRecent},
		{kind: "local", due: e.localDueLocked, run: func(context.Context) bool { e.scanLocalIfDue(); return false }},
	}
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
	ran, news := 0, false
	done := map[string]bool{} // the once-per-pass jobs run
	for range maxJobsPerPass {
		e.mu.Lock()
		j, ok := e.nextJobLocked(e.now(), done)
		gen := e.accountGen
		e.mu.Unlock()
		if !ok || ctx.Err() != nil {
			break
		}
		ran++
		if j.oncePerPass {
			done[j.kind] = true
		}
		stop := j.run(ctx)
		e.mu.Lock()
		if e.accountGen != gen {
			// Signed out while the call ran: what it brought is forgotten.
			e.forgetAccountLocked()
			e.mu.Unlock()
			break
		}
		// A page of a date's recordings list that is not its last changes
		// nothing shown (the date is merged at its last page).
		news = news || j.kind != "list" || e.acct.listPart == nil
		e.mu.Unlock()
		if stop {
			break
		}
	}
	for _, j := range e.jobs {
		if j.zoom {
			continue
		}
		e.mu.Lock()
		now := e.now()
		t, ok := j.due(now)
		e.mu.Unlock()
		if ok && !now.Before(t) {
			j.run(ctx)
			ran, news = ran+1, true
		}
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

// nextJobLocked returns the most urgent due Zoom job but those in done
// (run already in this pass, once-per-pass ones).
func (e *Engine) nextJobLocked(now time.Time, done map[string]bool) (pollJob, bool) {
	if e.apiBlockedLocked(now) {
		return pollJob{}, false
	}
	for _, j := range e.jobs {
		if !j.zoom || done[j.kind] {
			continue
		}
		if t, ok := j.due(now); ok && !now.Before(t) {
			return j, true
		}
	}
	return pollJob{}, false
}

// nextSyncLocked returns when the loop next has something to do: the
// first job due, the Zoom ones not before the backoff ends nor while
// signed out. A job due already is due now.
func (e *Engine) nextSyncLocked(now time.Time) time.Time {
	var next, api time.Time
	earliest := func(cur *time.Time, t time.Time) {
		if cur.IsZero() || t.Before(*cur) {
			*cur = t
		}
	}
	for _, j := range e.jobs {
		t, ok := j.due(now)
		switch {
		case !ok:
		case !j.zoom:
			earliest(&next, maxTime(t, now))
		case !e.health.SignedOut:
			earliest(&api, maxTime(t, now))
		}
	}
	if !api.IsZero() {
		earliest(&next, maxTime(api, e.sched.backoffUntil))
	}
	return next
}

// meDueLocked returns when users/me is next due: at once while the user
// is not known.
func (e *Engine) meDueLocked(now time.Time) (time.Time, bool) {
	if e.acct.User == nil {
		return now, true
	}
	return e.sched.me, true
}

// detailsDueLocked returns now when an interview lacks its details
// (missingDetailsLocked).
func (e *Engine) detailsDueLocked(now time.Time) (time.Time, bool) {
	return now, len(e.missingDetailsLocked(now)) > 0
}

// cloudDueLocked returns when the first cloud tracker is due.
func (e *Engine) cloudDueLocked(time.Time) (time.Time, bool) {
	var t time.Time
	ok := false
	for _, p := range e.st.Past {
		if p.Cloud.active() && (!ok || p.Cloud.Next.Before(t)) {
			t, ok = p.Cloud.Next, true
		}
	}
	return t, ok
}

// localDueLocked returns when the first local recording scan is due.
func (e *Engine) localDueLocked(time.Time) (time.Time, bool) {
	var t time.Time
	ok := false
	for _, p := range e.st.Past {
		if p.Local.Active && (!ok || p.Local.Next.Before(t)) {
			t, ok = p.Local.Next, true
		}
	}
	return t, ok
}

// spansLocked returns the interviews' scheduled times, for the schedule.
func (e *Engine) spansLocked() []span {
	var out []span
	isInterview := e.interviewTestLocked()
	for i := range e.acct.meetings {
		m := &e.acct.meetings[i]
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
	for i := range e.acct.meetings {
		m := &e.acct.meetings[i]
		if d := e.acct.Details[m.ID]; m.ID <= 0 || seen[m.ID] || (d != nil && now.Sub(d.FetchedAt) < detailMaxAge) ||
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
	e.health.Unreadable = e.acct.unread.text()
	e.acct.meetings = e.mergedLocked()
}

// pollMe asks who is signed in (users/me), the "me" job. Another user
// than before is another account: what the engine knew is dropped.
func (e *Engine) pollMe(ctx context.Context) bool {
	u, err := e.client.Me(ctx)
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.now()
	if err != nil {
		return e.failedLocked(err, now)
	}
	e.succeededLocked(now)
	nu := &User{ID: u.ID, Email: u.Email, Name: u.Name(), Type: u.Type, Timezone: u.Timezone}
	if e.acct.User != nil && e.acct.User.ID != nu.ID {
		e.log.Info("a different Zoom user signed in; forgetting the previous user's meetings")
		e.acct = newAccount()
		e.health.Unreadable = ""
		e.listGen++ // the new user's recordings files replace the old one's
		e.listAllDirty = true
		e.sched.upcoming, e.sched.hosted, e.sched.list = time.Time{}, time.Time{}, time.Time{}
		e.sched.checkNow = true
	}
	e.acct.User, e.acct.UserAt = nu, now
	e.sched.me = now.Add(meEvery)
	return false
}

// pollUpcoming lists the meetings the user is invited to
// (users/me/upcoming_meetings), the "upcoming" job.
func (e *Engine) pollUpcoming(ctx context.Context) bool {
	l, err := e.client.ListUpcomingInvited(ctx)
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.now()
	e.firstSyncDone = true
	if err != nil {
		return e.failedLocked(err, now)
	}
	e.acct.unread.upcoming = l.Skipped
	e.listedLocked(now, func() { e.acct.Upcoming, e.acct.UpcomingAt = l.Meetings, now })
	e.sched.upcoming = nextUpcomingPoll(now, e.spansLocked(), e.loc, e.jit)
	return false
}

// pollHosted lists the meetings the user hosts (users/me/meetings), the
// "hosted" job.
func (e *Engine) pollHosted(ctx context.Context) bool {
	l, err := e.client.ListUpcomingMeetings(ctx)
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.now()
	if err != nil {
		return e.failedLocked(err, now)
	}
	e.acct.unread.hosted = l.Skipped
	e.listedLocked(now, func() { e.acct.Hosted, e.acct.HostedAt = l.Meetings, now })
	e.sched.hosted = now.Add(e.jit(hostedEvery))
	return false
}

// fetchDetails fetches the details of the interviews that lack them
// (missingDetailsLocked: passcode, host, alternative hosts), the
// "details" job.
func (e *Engine) fetchDetails(ctx context.Context) bool {
	e.mu.Lock()
	ids := e.missingDetailsLocked(e.now())
	e.mu.Unlock()
	for _, id := range ids {
		d, err := e.client.GetMeeting(ctx, id)
		e.mu.Lock()
		now := e.now()
		switch {
		case err == nil:
			e.succeededLocked(now)
			e.acct.Details[id] = detailFrom(d, now)
		case unavailable(err):
			// 404 or 403: someone else hosts it. Another 4xx (400 code
			// 3000 ...) is about this meeting too; either way asking
			// again will not help before detailMaxAge.
			e.acct.Details[id] = &detailRec{NotVisible: true, FetchedAt: now}
			e.logUnavailableLocked(id, err)
		default:
			stop := e.failedLocked(err, now)
			e.mu.Unlock()
			return stop
		}
		e.mu.Unlock()
	}
	return false
}

// checkSettings reads the recording settings and checks them
// (settingscheck.go), the "settings" job.
func (e *Engine) checkSettings(ctx context.Context) bool {
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
}

// listRecordings reads a page of one UTC date of the cloud recordings
// list (package cloudlist), the "list" job.
func (e *Engine) listRecordings(ctx context.Context) bool {
	// One UTC date per pass at most, and at most cloudlist.PagesPerPass
	// pages of it (cloudlist.PagesPerPass): a day of a heavy account's list
	// is megabytes of JSON.
	e.mu.Lock()
	d, cov, ok := cloudlist.Next(e.acct.listCov, e.acct.listedRaw, e.now())
	if !ok {
		e.acct.listCov = cov
		e.acct.listPart = nil
		e.sched.list = e.now().Add(cloudlist.Every)
		e.mu.Unlock()
		return false
	}
	p := e.acct.listPart
	if !p.GoesOn(d, e.now()) {
		p = &cloudlist.Partial{Date: d}
		e.acct.unread.listing = 0
	}
	e.acct.listPart = nil // back only if the date goes on in the next pass
	e.mu.Unlock()
	if e.listScan == nil {
		e.listScan = e.client.RecordingsScanner()
	}
	skippedBefore := e.listScan.Skipped()
	err := p.Read(ctx, e.listScan)
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.now()
	e.acct.unread.listing += e.listScan.Skipped() - skippedBefore
	if err != nil {
		// What was read of the date is dropped: the date starts again
		// from its first page.
		if c := classify(err); c == classNotFound || c == classOther {
			// Not available to this user (plan, scope): try tomorrow.
			e.log.Info("cloud recordings list unavailable", "err", errorText(c, err))
			e.sched.list = now.Add(cloudlist.Every)
			return false
		}
		return e.failedLocked(err, now)
	}
	e.succeededLocked(now)
	if p.Token != "" {
		// More pages: the next pass goes on at once (Zoom's token
		// expires). Nothing is merged before the date's last page.
		p.At = now
		e.acct.listPart = p
		e.acct.listCov = cov
		e.sched.list = now
		return false
	}
	e.acct.unread.listedDate(d, now)
	e.health.Unreadable = e.acct.unread.text()
	e.markListDirtyLocked(e.acct.listedRaw, d, p.Got)
	e.acct.listedRaw = cloudlist.Merge(e.acct.listedRaw, p.Got, d, d.After(cov.RoundFrom), now)
	e.acct.listCov = cloudlist.ListedDate(cov, d, now)
	_, next, more := cloudlist.Next(e.acct.listCov, e.acct.listedRaw, now)
	e.acct.listCov = next
	e.sched.list = now.Add(cloudlist.Every)
	if more {
		e.sched.list = now // the next date, in the next pass
	}
	e.listGen++
	e.acct.listed = recordingsFromList(e.acct.listedRaw, e.matcher, e.overrideModes())
	return false
}

// checkCloudRecording asks for the cloud recording of an interview that
// ended (recordings_cloud.go), the "cloud" job. Due trackers that cannot
// find anything are closed without a call (dueCloudLocked).
func (e *Engine) checkCloudRecording(ctx context.Context) bool {
	e.mu.Lock()
	key, ok := e.dueCloudLocked(e.now())
	var cp pastOcc
	if ok {
		cp = *e.st.Past[key]
	}
	e.mu.Unlock()
	if !ok {
		return false // the trackers due could find nothing: closed without a call
	}
	step, err := checkCloud(ctx, e.client, &cp, e.now())
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.now()
	if err != nil {
		return e.failedLocked(err, now)
	}
	e.succeededLocked(now)
	p, ok := e.st.Past[key]
	if !ok {
		return false
	}
	p.Cloud = step.tracker
	if !step.endedAt.IsZero() {
		p.EndedAt = step.endedAt
		if p.Local.Active && step.endedAt.Before(p.Local.Next) {
			p.Local.Next = step.endedAt
		}
		if d := e.acct.Details[p.ID]; d != nil && d.AutoRecording == "cloud" {
			r := Recording{MeetingUUID: p.Cloud.InstanceUUID, MeetingID: p.ID, Topic: p.Topic, StartTime: p.Start,
				EndedAt: p.EndedAt, Kind: KindCloud, State: RecProcessing}
			if _, have := e.acct.Tracked[r.Key()]; !have {
				e.acct.Tracked[r.Key()] = r
			}
		}
	}
	if r := step.recording; r != nil {
		r.StartTime = cmpTime(r.StartTime, p.Start)
		e.acct.Tracked[r.Key()] = *r
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
// local recording is being followed. No Zoom call.
func (e *Engine) scanLocalIfDue() {
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
		return
	}
	res, err := e.scanLocalBounded(root, occs, now)
	e.mu.Lock()
	defer e.mu.Unlock()
	now = e.now()
	if e.scanHungLocked(root, occs, now, err) {
		return
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
			if old, ok := e.acct.Tracked[r.Key()]; ok && old.State == RecReady && r.State == RecReady {
				r.ReadyAt = old.ReadyAt
			}
			e.acct.Tracked[r.Key()] = r
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
		!slices.ContainsFunc(e.acct.Hosted, func(m zoom.Meeting) bool { return m.ID == id }) {
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
