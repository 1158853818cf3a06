// Package sync is Interview Tray's background engine: it keeps the user's
// interviews, reminders, recordings and recording-settings check in step
// with Zoom, and publishes them as one immutable [Snapshot]. It has no UI;
// the agent renders snapshots and sends commands. Importers that also use
// the standard library's sync import it as meetingsync.
//
//	e, err := meetingsync.New(meetingsync.Options{Client: zc, StateDir: ..., ConfigDir: ..., CacheDir: ...})
//	e.Start(ctx)
//	snaps, stop := e.Subscribe() // the current snapshot, then each change (latest wins)
//	for ev := range e.Events() { ... } // reminders due, recordings ready
//	e.Wake()                            // after the computer resumed
//	e.Close()
//
// # Goroutines and state
//
// An [Engine] owns three goroutines between Start and Close: the sync loop
// makes the Zoom calls and scans the recording folder; the clock loop fires
// reminders and notices interviews starting and ending, and is never held
// up by a slow network; the event forwarder feeds [Engine.Events]. All
// state is guarded by one mutex; no Zoom call or folder scan is made while
// holding it. A folder scan runs in a goroutine of its own and the sync
// loop waits for it at most 20 seconds: one that hangs (a network mount
// that stopped answering) is abandoned, no other starts until it returns,
// and Zoom is polled on meanwhile. Snapshots are rebuilt by pure functions (classifyMeetings,
// planReminders, buildSnapshot), published only when something other than
// the last-sync time changed, and cached on disk.
//
// # Reminders
//
// Reminders are decided against the wall clock (Options.Now), never by one
// long monotonic timer: those stop while a laptop sleeps. Both loops sleep
// until their next due time through Options.WaitUntil and re-evaluate at
// once on [Engine.Wake]. The default WaitUntil is a monotonic timer capped
// at 30 seconds. The agent passes one that waits on the wall clock itself
// where the system has one (internal/walltimer: on Linux a CLOCK_REALTIME
// timerfd, which fires at the due time across a suspend and returns early
// when the clock is set), so that an idle engine wakes only when something
// is due. So a reminder is at most a scheduling hiccup late while awake,
// and fires within moments of Wake after a sleep (with the default timer,
// within 30 s without Wake). When several reminders of an interview came
// due while asleep or not running, only the latest fires
// ("started 5 min ago", not three notifications); if the interview has
// ended, none does. Each reminder has a key (meeting, occurrence start in
// UTC, offset) and fires at most once, across restarts: the fired set is
// written to state.json before the reminder is announced. A rescheduled
// meeting is a new occurrence with new keys; a cancelled one has none.
// Times are UTC throughout; the local zone (Options.Location) only names
// local recording folders and decides the local day and night, so time
// zone and DST changes neither move nor double reminders.
//
// # Polling schedule
//
// users/me/upcoming_meetings (the next 24 hours, meetings the user hosts
// and is invited to) is the main poll. Its interval depends on the next
// interview:
//
//	starts within 15 minutes      every minute (reschedules and cancellations show before the reminders)
//	one is in progress            every 20 minutes
//	starts within the hour        every 5 minutes
//	starts within 3 hours         every 10 minutes
//	nothing for 3 hours, daytime  every 15 minutes
//	nothing for 3 hours, at night every hour (21:00 to 07:00 local)
//
// Intervals from 5 minutes up are jittered by ±10% so the users of one
// account (which share its rate limits) do not poll in step, and are cut
// short where a faster tier begins (an hour and 15 minutes before each
// interview, 07:00). users/me/meetings (hosted, beyond 24 hours, with UUIDs
// and hosts) is fetched every 3 hours; users/me, the recording settings and
// the cloud recordings list once a day; the settings are also re-checked an
// hour before the first interview of each local day. GetMeeting is asked
// once per interview within 24 hours of its start (passcode, host,
// alternative hosts; 404 and 403 mean someone else hosts it). After an
// interview the user hosts ends, past_meetings is asked until Zoom says it
// ended (404 code 3001 means not yet: again after 5, 10, 15, 30 minutes,
// then hourly), then its recordings 10, 30, 70, 150 ... minutes after the
// end (404 code 3301 means not yet), at most 4 hours apart, for 24 hours.
// Wake, Refresh and a network return poll at once. For three hours after
// Start, the recordings of yesterday and today are also asked for every
// 20 minutes (recent.go): a recording of an interview that ended just
// before the agent started, which no tracker follows, is announced when
// Zoom has processed it instead of at the next day's list.
//
// The arithmetic for a day of eight 45-minute interviews (09:00, 10:00,
// 11:00, 13:00, 14:00, 15:00, 16:00 and 16:45; TestScheduleArithmetic
// replays it):
//
//	00:00-06:00 hourly                                6
//	06:00-08:00 every 10 minutes                     12
//	within the hour before 09:00 and 13:00           18
//	15 minutes before each interview, every minute  120
//	during interviews, every 20 minutes              23
//	17:45-21:00 every 15 minutes, then hourly        16
//	upcoming_meetings                               195
//	users/me/meetings every 3 hours                   8
//	GetMeeting, one per interview                     8
//	past_meetings + recordings (6 hosted, ready 1 h)  6 + 18
//	users/me, settings                                2
//	recordings list (today and the 2 days before)     3
//	total                                          ~240 (budget 300; both lists every 5 minutes would be 576)
//
// TestDayOfEightInterviews runs that day against the simulator (with the
// day's boundaries counted at both ends and jitter on) and measures 242-248.
//
// Failures: 429 waits at least Retry-After and backs off 1, 2, 4 ... up to
// 15 minutes (±20%); 5xx likewise; network failures (offline) retry after
// 30 s, 1, 2, 4, then every 5 minutes, and at once on
// [Engine.NetworkChanged] or Wake. The zoom client's own short retries of
// 429 and 5xx come on top.
//
// # Errors from the sign-in layer
//
// The engine tells errors apart without importing the sign-in package: an
// error in the chain with a SignedOutReason() string method means signed
// out (the reason is shown; polling stops until [Engine.SignedIn]; nothing
// is retried); one with KeychainProblem() string is a keychain problem
// (shown, retried every 5 minutes); network errors (url.Error, net.Error,
// timeouts) mean offline (the last data stays, reminders go on from it).
// A 401 or missing-scope answer that outlived the sign-in layer's own
// refresh asks the user to sign in again.
//
// # Recordings
//
// Cloud recordings are followed for interviews the user hosts (only the
// host sees them) and are announced once, when every file is completed,
// with Watch (MP4), Listen (M4A), Transcript and the share link with its
// passcode. Local recordings are found by listing the Zoom recording folder
// (Settings.RecordingFolder, default ~/Documents/Zoom) after each interview:
// every minute for the first half hour (and while converting), every 5
// minutes to 3 hours, then every 30 minutes for a day. A folder named
// "YYYY-MM-DD HH.MM.SS Topic[ meeting ID]" in local time is matched by time
// and by topic (truncated or sanitised names too) or by the meeting ID. It
// is converting while it holds double_click_to_convert*.zoom or *.tmp
// files or a recording.conf below 100%, and ready once its .mp4/.m4a files
// are alone; then it is announced once.
//
// # Calendars
//
// Most interviewers do not host their interviews: a recruiting tool puts
// them on their calendar with a Zoom meeting someone else hosts. The
// sources in Settings.Calendars (an iCalendar feed or file each; the
// address is a secret the agent keeps in the keychain and the engine never
// sees) are read through Options.Calendars by a loop of their own, so a
// slow feed never holds up Zoom or the reminders: every 5 minutes within
// the hour before an interview, every 15 minutes by day, hourly at night,
// at once on Wake, Refresh and a network return, backing off from a minute
// to an hour on failure. Reads are conditional (ETag, Last-Modified); once
// a day a read is unconditional so that the month ahead stays expanded. A
// failed read keeps the last good occurrences and shows a problem.
//
// mergeCalendar makes one occurrence of a calendar event and the Zoom
// meeting its join link names when their starts are within 12 hours (a
// calendar behind a reschedule): Zoom's time wins for meetings the user
// hosts, the calendar's for the others, and a cancellation or the user's
// "no" in the calendar removes an occurrence someone else hosts. Events
// Zoom does not list are added (a panel next week that a coordinator
// hosts); events without a Zoom meeting get a stable negative ID and no
// Join. Since an occurrence is one key whatever shows it, a reminder fires
// once however many sources list it. The calendar adds the organizer and
// attendees, and two interview rules: a calendar whose events are all
// interviews, and someone outside the user's domains invited.
//
// # Scheduling
//
// [Engine.Schedule] creates an interview's Zoom meeting ("Interview: NAME —
// ROLE", a generated passcode, waiting room on, join before host off, video
// on, the recording asked for) and returns what Zoom applied differently;
// [Engine.Reschedule] and [Engine.Cancel] change or delete one the user
// hosts (someone else's: [ErrNotHost]). Each updates the meeting lists in
// memory at once, as the next poll will find them, so the agenda and the
// reminders follow without waiting for it. A Basic (free) account's
// interview over 40 minutes needs the caller's confirmation
// ([ConfirmError]); a sign-in without the scheduling scopes gets
// [ErrSchedulingNotAllowed] and nothing else changes. [Engine.Invitation]
// gathers what package invite writes (the text and the .ics).
//
// # Files
//
// state.json (Options.StateDir): fired, snoozed and dismissed reminders,
// joined interviews, overrides, followed recordings, what was announced,
// the last settings check. settings.json (Options.ConfigDir): [Settings],
// the wizard's progress included. snapshot.json (Options.CacheDir): the
// last snapshot and the Zoom data behind it, so the agenda shows offline;
// recordings.json and recordings-YYYY-MM-DD.json (Options.CacheDir): which
// dates were listed when, and the week's cloud recordings as the engine
// keeps them, a file per UTC date (a date's list writes that date's file),
// so that a restart lists only what is new; calendars.json
// (Options.CacheDir): each calendar's last good read, its occurrences in
// the window, so that an offline start shows them. All are written to a temporary
// file and renamed, mode 0600 in 0700 folders (wider modes found at start
// are tightened). They are read only when they are regular files of at
// most 64 MiB, without blocking and under a timeout, and validated after
// decoding: a file that does not hold together (a null entry, a date
// thousands of years away, a meeting of a billion minutes) is set aside as
// NAME.bad-TIMESTAMP, the engine starts with what was good in it, and a
// problem says so. A save that fails (read-only folder, full disk) is
// returned by the command that made it ([ErrNotSaved]) and shown as a
// problem until a save works again. Options.ReadOnly makes an engine that
// writes nothing, for `status` and `doctor` when no agent runs.
// No token is ever written or logged (the engine never sees one);
// passcodes and join URLs are kept in the cache for the agenda and never
// logged.
package sync
