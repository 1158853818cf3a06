// Package zoomsim is a faithful simulator of the parts of Zoom that
// Interview Tray uses: OAuth 2.0 with PKCE for a user-managed app, the REST
// API endpoints of the zoom package, rate limits and error bodies, and the
// interviewer's calendar as Google's secret iCalendar address serves it. It
// behaves like Zoom as far as ../shared/zoom-api.md knows Zoom (where Zoom's
// behaviour is unknown, the choice made is noted below), and it adds a
// control API for tests and demos.
//
// A Sim is an http.Handler. Serve it with httptest.NewServer, with the
// zoomsim command (cmd/zoomsim), or in memory with Sim.Transport, which
// needs no socket and works inside testing/synctest bubbles:
//
//	sim, err := zoomsim.New(zoomsim.Options{ClientID: "demo-client", Seed: "demo"})
//	httpClient := &http.Client{Transport: sim.Transport()}
//	// point the client at https://zoom.us and https://api.zoom.us/v2 as usual
//
// The simulator starts no goroutines. Its clock is the real clock plus an
// offset that only grows (Sim.Advance, POST /_sim/clock); inside a synctest
// bubble it follows the bubble's fake clock. Everything that depends on
// time is derived from the clock when a request looks at it.
//
// # OAuth
//
//	GET  /oauth/authorize?response_type=code&client_id=…&redirect_uri=…&state=…
//	     &code_challenge=…&code_challenge_method=S256
//	POST /oauth/authorize   (the consent page's form: consent_id, decision=allow|deny)
//	POST /oauth/token       grant_type=authorization_code|refresh_token
//	POST /oauth/revoke      token=<access or refresh token>
//
// The authorization request must name the registered client and redirect
// URI, else Zoom's JSON error is shown instead of a redirect:
//
//	{"status":false,"errorCode":4700,"errorMessage":"Invalid redirect url","result":null}
//
// (errorCode 4702 "Invalid client_id" for a wrong client). Registered
// redirect URIs match as exact strings; when none are configured any
// http://127.0.0.1:<port>/oauth/callback is accepted, a development
// convenience of the simulator. A wrong response_type or a missing S256
// code_challenge redirects with error=unsupported_response_type or
// error=invalid_request. The consent page offers Allow and Deny; Deny
// redirects with error=access_denied, Allow with code, both with the same
// state. With Options.AutoApprove the redirect with a code comes at once.
//
// Codes live 5 minutes of simulator time and are used up by their first
// presentation, valid or not. The token endpoint checks the redirect_uri
// against the authorization's and the PKCE code_verifier against its
// challenge; it answers
//
//	{"access_token":"eyJ…","token_type":"bearer","refresh_token":"eyJ…",
//	 "expires_in":3599,"scope":"user:read:user user:read:settings …"}
//
// Tokens are opaque, JWT-shaped and 700-900 characters long, like Zoom's.
// Every refresh rotates the refresh token: the used one then fails with
// HTTP 400 {"reason":"Invalid Token!","error":"invalid_grant"}. A newer
// sign-in of the user revokes the older grant (Zoom's 4741, "The token has
// been revoked"): its live refresh token gets HTTP 400 {"reason":"The token
// has been revoked","error":"invalid_grant"} (the exact body Zoom sends here
// is not documented) and its access token 401 code 124. Other token
// errors are HTTP 400 with error invalid_grant (code unknown, used, expired
// "Code is expired.", redirect mismatch, bad verifier), invalid_request or
// unsupported_grant_type.
//
// With Options.ClientSecret the app is a confidential client: token and
// revoke need HTTP Basic with the client ID and secret. Without, it is a
// public client: client_id in the form and no Authorization header. Either
// way a failure is HTTP 401
// {"reason":"Invalid client_id or client_secret","error":"invalid_client"}.
// Revoke answers {"status":"success"} and the token's grant stops working;
// an unknown token is answered the same way (RFC 7009; Zoom's answer is
// not documented).
//
// # REST API
//
// Every /v2 call needs "Authorization: Bearer <access token>"; a missing,
// unknown or revoked token gets 401 {"code":124,"message":"Invalid access
// token."}, an expired one {"code":124,"message":"Access token is
// expired."}. Served, with their rate-limit labels:
//
//	GET   /v2/users/me                          Light
//	GET   /v2/users/me/meetings                 Medium  type, page_size, next_page_token, page_number
//	GET   /v2/users/me/upcoming_meetings        Medium
//	GET   /v2/users/me/settings                 Medium
//	PATCH /v2/users/me/settings                 Medium  → 204
//	GET   /v2/users/me/recordings               Medium  from, to, page_size, next_page_token
//	GET   /v2/meetings/{meetingId}              Light
//	GET   /v2/meetings/{meetingId}/recordings   Light   meeting number or instance UUID
//	GET   /v2/past_meetings/{meetingId}         Light   meeting number or instance UUID
//	POST  /v2/users/me/meetings                 Medium  → 201 with the meeting
//	PATCH /v2/meetings/{meetingId}              Light   → 204
//	DELETE /v2/meetings/{meetingId}             Light   → 204
//
// Any other /v2 path answers 404 {"code":2300,"message":"This API endpoint is
// not recognized."}. Behaviour worth knowing:
//
//   - Paths are handled like Zoom's gateway: decoded once, then "//"
//     collapsed. A UUID starting with "/" or containing "//" therefore works
//     only double-encoded; encoded once it names another (unknown) meeting.
//     A UUID with a single "/" inside works encoded once or twice.
//   - users/me/meetings lists only meetings the user hosts, without
//     passwords, sorted by start time. type is scheduled (default), live,
//     upcoming or upcoming_meetings (not ended, running ones included) or
//     previous_meetings. page_size defaults to 30 and is capped at 300;
//     next_page_token is opaque and expires after 15 minutes of simulator
//     time: an unknown or expired token gets 400 {"code":300,"message":"The
//     next page token is invalid or expired."} (Zoom documents no code for
//     this; 300 is its generic invalid-request code).
//   - users/me/upcoming_meetings lists meetings the user hosts, is an
//     alternative host of, or is invited to, that have not ended and start
//     within 24 hours (running ones included). Whether Zoom lists meetings
//     the user is only an alternative host of is not known.
//   - meetings/{meetingId} takes a meeting number. It answers meetings the
//     user hosts or is an alternative host of (start_url only to the
//     host); others, unknown and deleted ones get 404 {"code":3001,
//     "message":"Meeting 123 is not found or has expired."}. status is
//     "started" while the meeting runs: in the simulator every meeting starts
//     at its scheduled time and runs until it ends.
//   - past_meetings/{meetingId} answers 404 code 3001 until the meeting has
//     ended, and 400 code 200 on the free plan.
//   - meetings/{meetingId}/recordings answers 404 {"code":3301,"message":
//     "There is no recording for this meeting."} until the recording is
//     ready; then MP4, M4A and TRANSCRIPT files, each with play_url and
//     download_url, plus share_url, password and recording_play_passcode.
//     Every URL (join, start, share, play, download) is on a Zoom host.
//   - users/me/recordings takes from and to as UTC dates (yyyy-mm-dd,
//     both included; defaults today and tomorrow); a range over one month
//     (to after the same day of the next month, or after that month's last
//     day when it is shorter) or a to before from gets 400 code 300, a
//     malformed date 400 code 300
//     "Validation Failed." with "errors".
//   - users/me/settings PATCH merges a partial object such as
//     {"recording":{"local_recording":true}} and answers 204. A value of the
//     wrong JSON type (or outside an enumeration) gets 400 {"code":300,
//     "message":"Validation Failed.","errors":[{"field":
//     "recording.local_recording","message":"Invalid field."}]} and nothing
//     changes; unknown fields are ignored. A setting locked by an admin
//     (PUT /_sim/settings) keeps its value while PATCH still answers 204:
//     Zoom does not document this case, and a silent no-op is the one a
//     client must survive.
//   - POST users/me/meetings creates a scheduled meeting (type 2 only)
//     and answers 201 with it in the shape of meetings/{meetingId}; it
//     then appears in the lists like a seeded one. start_time is
//     "yyyy-MM-ddTHH:mm:ssZ", or without the Z local to timezone; a
//     missing or malformed one, a duration outside 1..1440, a topic over
//     200 or an agenda over 2000 characters, an unknown timezone, a
//     passcode other than 1-10 of letters, digits and @ - _ *, or an
//     audio or auto_recording outside their enumerations get 400 code 300
//     "Validation Failed." with "errors". Settings the account locks
//     (PUT /_sim/settings "locked": in_meeting.waiting_room,
//     schedule_meeting.join_before_host, .host_video,
//     .participants_video, .audio_type, recording.auto_recording) take the
//     user's value silently; cloud recording on the free plan becomes
//     none (schedule.go).
//   - PATCH and DELETE meetings/{meetingId} change or delete a meeting
//     the user hosts (204); others, unknown and deleted ones get 404 code
//     3001. PATCH validates like POST.
//   - Without Options.Scopes' meeting:write:meeting (POST),
//     meeting:update:meeting (PATCH) or meeting:delete:meeting (DELETE),
//     or the classic meeting:write, those answer 400 {"code":4711,
//     "message":"Invalid access token, does not contain scopes:[…]."}.
//
// Rate limits (REST only) are per account, per label and per plan (free, pro,
// business), counted in windows of one second of simulator time, plus
// daily limits per label on the free plan (reset at 00:00 UTC). Over the
// limit: 429 {"code":429,"message":"You have reached the maximum per-second
// rate limit for this API. Try again later."} with X-RateLimit-Category,
// X-RateLimit-Type (QPS or Daily-limit), X-RateLimit-Limit and
// X-RateLimit-Remaining, and on the daily limit Retry-After with the next
// midnight UTC as an ISO time (as Zoom documents it).
//
// # Calendar feed
//
// The signed-in user's calendar is served like Google Calendar's "secret
// address in iCal format":
//
//	GET /calendar/ical/maya.lindqvist%40northwind.example/private-<32 hex digits>/basic.ics
//
// answers 200 text/calendar; charset=UTF-8, an RFC 5545 calendar
// (METHOD:PUBLISH, X-WR-CALNAME, X-WR-TIMEZONE America/New_York with its
// VTIMEZONE) written with go-ical's encoder and folded to 75-octet CRLF
// lines. It holds the Zoom meetings the user hosts or is invited to
// (deleted ones leave it) as Zoom's calendar integration writes them:
// SUMMARY the topic, LOCATION the join link, DESCRIPTION the agenda and
// Zoom's invitation text ("Join Zoom Meeting", the link, "Meeting ID: 855
// 1234 5678", "Passcode: …"), ORGANIZER the host, times in UTC; a
// rescheduled meeting gets a higher SEQUENCE and a new LAST-MODIFIED. The
// demo seed adds events that exist only on the calendar (see Seeds), and
// POST /_sim/calendar/events adds more. Text is escaped as RFC 5545
// requires; line breaks of any kind become \n and other control
// characters are dropped.
// DTSTAMP is each event's last change rather than the time of the request,
// so the bytes change only when an event does.
//
// The answer carries an ETag (a strong tag per representation:
// "<hash>" plain, "<hash>-gzip" gzipped; If-None-Match matches either, with
// or without W/, or "*") and Last-Modified (when the content last changed);
// a match of If-None-Match, or else of If-Modified-Since, answers 304 with
// no body. Accept-Encoding: gzip gets Content-Encoding: gzip. An address
// with a wrong email or token, a public/ address, any other path below
// /calendar/ical/, or the address from before a reset answers 404
// text/html with Google's error page (without the requested path, which
// holds the secret). The email matches case-insensitively. The feed is not
// rate-limited; its requests are counted in the stats under
// "GET /calendar/ical/{feed}" and faults apply to them (path
// "/calendar/*"); the log shows the route, never the secret.
//
// # Control API
//
// Under /_sim/, JSON in and out, no token, never rate-limited or faulted.
// Errors are {"error":"…"} with 400 (bad input), 404 (no such meeting) or
// 409 (not possible in the meeting's state). Every endpoint has a Go twin
// on *Sim (CreateMeeting, EndMeeting, …).
//
// Create a meeting (start_time required; duration in minutes, default 60;
// host "me" (default) or "other"; invited only matters for host "other";
// cloud_recording defaults to true for "me"):
//
//	POST /_sim/meetings
//	{"topic":"Interview: Ada Lovelace","start_time":"2026-03-02T15:00:00Z","duration":45,
//	 "host":"me","invited":false,"alternative_hosts":"sam@example.com","cloud_recording":true}
//	→ 201 {"id":85512345678,"uuid":"kq3Ny0C5T1+zcM3kDQzGZw==","topic":"Interview: Ada Lovelace",
//	       "start_time":"2026-03-02T15:00:00Z","duration":45,"timezone":"America/New_York",
//	       "created_at":"…","host":"me","host_id":"…","host_email":"…","invited":false,
//	       "alternative_hosts":"sam@example.com","cloud_recording":true,
//	       "join_url":"https://us05web.zoom.us/j/85512345678?pwd=….1","password":"aB3dE9",
//	       "status":"waiting","recording":"waiting"}
//
// status is waiting, started or ended (with end_time); recording is none,
// waiting (not ended), processing (ended, not ready) or ready.
//
//	GET    /_sim/meetings                  → 200 [meeting, …] (deleted ones with "deleted":true)
//	PATCH  /_sim/meetings/{id}             {"start_time":"…","duration":30,"topic":"…"} (each optional)
//	                                       → 200 meeting; 409 once it has ended
//	DELETE /_sim/meetings/{id}             → 204; the meeting is cancelled
//	POST   /_sim/meetings/{id}/end         → 200 meeting; it ended now (409 if it already had)
//	POST   /_sim/meetings/{id}/recording   {"files":["MP4","M4A","TRANSCRIPT"]} (optional; also "CHAT")
//	                                       → 200 meeting; its cloud recording is ready now (the
//	                                       meeting ends first if it is running); 409 when it does
//	                                       not record to the cloud
//
// Settings, as an admin would change them (locks are bypassed; locked
// replaces the set of locked settings, [] unlocks all; bare names are
// recording settings, dotted paths name any setting):
//
//	GET /_sim/settings → 200 {"settings":{…},"locked":["recording.local_recording"]}
//	PUT /_sim/settings {"recording":{"local_recording":false},"locked":["local_recording"]}
//	                   → 200 {"settings":{…},"locked":["recording.local_recording"]}
//
// Clock, tokens, faults, counters and the signed-in user:
//
//	GET  /_sim/clock                 → 200 {"now":"2026-03-02T14:00:00Z"}
//	POST /_sim/clock {"advance":"90m"} → 200 {"now":"2026-03-02T15:30:00Z"}
//	POST /_sim/tokens/expire         → 200 {"expired":2}; every access token expires now
//	GET  /_sim/tokens                → 200 [{"kind":"access","state":"active","value":"eyJ…",
//	                                         "grant":1,"issued_at":"…","expires_at":"…"}, …]
//	                                   state: active, rotated, revoked or expired
//	POST /_sim/faults {"method":"GET","path":"/v2/users/me/meetings","status":503,"count":2}
//	                                 → 201 the fault
//	POST /_sim/faults {"path":"/oauth/token","delay":"30s"}
//	GET  /_sim/faults                → 200 [waiting faults with remaining counts]
//	DELETE /_sim/faults              → 204
//	GET  /_sim/stats                 → 200 {"requests":{"GET /v2/users/me":3,
//	                                        "GET /v2/meetings/{meetingId}":1,"POST /oauth/token":2},
//	                                        "token_refreshes":1,"grants":1,"revoked":0,
//	                                        "superseded":0,"rate_limited":0}
//	GET  /_sim/user                  → 200 {"id":"…","email":"…","first_name":"…",…}
//
// The calendar feed's address, and a new secret for it as Google's "Reset"
// gives (email optional: the signed-in user's; another answers 404; url
// uses the request's Host, https when the request came over TLS):
//
//	GET  /_sim/calendar/feed?email=maya.lindqvist%40northwind.example
//	                                 → 200 {"email":"…","url":"http://127.0.0.1:47652/calendar/ical/…/basic.ics",
//	                                        "path":"/calendar/ical/…/basic.ics"}
//	POST /_sim/calendar/reset {"email":"…"} (body optional)
//	                                 → 200 the new address; the old one answers 404 from now on
//
// An event only on the calendar, as a recruiting tool or another user's
// invitation puts it there (no Zoom API call of the user shows it;
// duration default 60; organizer "coordinator" (default), "other" or
// "me"; zoom (default true) gives it a Zoom meeting of its own, unknown to
// the simulator's meetings; response is the user's PARTSTAT, default
// ACCEPTED; cancelled writes STATUS:CANCELLED):
//
//	POST /_sim/calendar/events {"summary":"Interview: Grace Hopper","start_time":"2026-03-06T17:00:00Z",
//	     "duration":45,"organizer":"coordinator","zoom":true,"response":"ACCEPTED","cancelled":false}
//	                                 → 201 {"uid":"…@google.com","summary":"…","start_time":"…","duration":45,
//	                                        "organizer_email":"dana.whitfield@northwind.example",
//	                                        "join_url":"https://us05web.zoom.us/j/…?pwd=….1",
//	                                        "meeting_id":87712345678,"passcode":"Xy12Ab"}
//
// A fault affects the next count (default 1) OAuth or REST requests whose
// method (empty: any) and path match: the path exactly as normalised
// (decoded once, "//" collapsed), or as a prefix when it ends in "*"
// ("/v2/meetings/*"); route patterns are not supported. It answers status
// (400-599) with a body in the endpoint's error shape (REST 401 → code 124,
// 429 → the rate-limit body, others code = status; optional "code" and
// "message" override, "retry_after" sets Retry-After), hangs for delay (a
// Go duration) first if given, or with only a delay lets the request
// proceed afterwards. A hang ends when the request's context is done.
// With "after" the request is served first and only then hangs or fails:
// Zoom acted, the client sees no answer or an error.
//
// # Seeds
//
// Both seeds have one account with the signed-in user Maya Lindqvist
// (maya.lindqvist@northwind.example, America/New_York, an engineer who
// interviews) and a recruiter, Jordan Reyes, who hosts meetings created
// with host "other". "empty" has no meetings and Zoom's default settings
// (Record to computer files on). "demo" has Record to computer files off
// and, relative to the start time:
//
//   - an interview starting in about 11 minutes (its 10-minute reminder
//     falls due about a minute in);
//   - a panel interview in about 3 hours, hosted by the recruiter, to which
//     the user is invited (it appears only in upcoming_meetings);
//   - a team meeting in about 5 hours whose topic has no "Interview";
//   - four more hosted interviews over the next three days, one with a
//     10-digit meeting ID and a colleague as alternative host;
//   - yesterday's interview, ended, its recording ready, its UUID starting
//     with "/";
//   - an interview that ended 6 minutes ago whose recording is processing,
//     its UUID containing "//" (with Options.RecordingDelay it becomes ready
//     that long after its end, at once when the delay is under 6 minutes).
//
// The demo's calendar feed adds, on the user's New York wall clock, events a
// recruiting tool put there that no Zoom API call of the user shows:
//
//   - a panel interview three days out at 12:00 in Chicago (TZID
//     America/Chicago), hosted on Zoom by a recruiting coordinator, Dana
//     Whitfield (ORGANIZER), with an external candidate among the
//     attendees and an HTML description;
//   - a weekly interview slot organised by the recruiter (RRULE
//     FREQ=WEEKLY;COUNT=10 at 11:00 TZID America/New_York, on the next
//     working day's weekday, from three weeks before it): the occurrence a
//     week after the next one moved to the following day at 15:00 (a
//     RECURRENCE-ID override), the one two weeks after the next cancelled
//     (EXDATE);
//   - an interview in two days the user declined (ATTENDEE with the user's
//     email and PARTSTAT=DECLINED);
//   - an interview debrief tomorrow on Google Meet (X-GOOGLE-CONFERENCE, no
//     Zoom link);
//   - an all-day onsite interview day in four days (VALUE=DATE).
//
// Options.NoDemoCalendar leaves them out. The empty seed's feed has no
// events (it is still a valid calendar, with the user's VTIMEZONE).
//
// Every interview's topic contains "Interview". Without Options.AutoEnd the
// demo's meetings run on past their scheduled end until ended through the
// control API; a demo usually wants AutoEnd and a RecordingDelay.
//
// # Saved state
//
// Sim.SaveState writes the state that makes a restarted simulator the same
// Zoom (JSON, with a format version): the account and users, the meetings
// with their recordings, the settings and locks, the sign-ins with their
// live tokens, the clock offset, and the calendar's secret address, events
// and UIDs. Sim.LoadState reads it into a new simulator; an unreadable
// state, one of another version (ErrStateVersion) or of another client ID
// is refused and the simulator keeps its fresh seed. Tokens are saved as
// SHA-256 hashes only: a saved token works again when a client presents it,
// but the file holds none. Rate-limit windows, faults, counters, page
// cursors, consent pages and authorization codes are not saved.
// Options.OnChange reports every request that changed the saved state, so
// a caller can save at once; Sim.ReseedWeek gives a loaded simulator a new
// week around its clock, keeping users, settings and sign-ins.
package zoomsim
