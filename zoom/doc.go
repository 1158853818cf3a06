// Package zoom is a small typed client for the parts of Zoom's REST API that
// Interview Tray uses: the signed-in user, upcoming and past meetings, user
// settings and cloud recordings, and scheduling (create, update and delete
// a meeting: schedule.go).
//
// The client knows nothing of tokens or keychains: it is given an
// *http.Client whose transport adds the Authorization header (see package
// auth). Every call takes a context and runs under a per-attempt timeout;
// response bodies are size-capped; 429 and 5xx answers are retried a bounded
// number of times with backoff (honouring Retry-After when Zoom sends it).
// A create (CreateMeeting) is never repeated blindly: after a timeout or a
// 5xx the client first looks for the meeting it may have made.
//
// Failures from Zoom are *Error values carrying the HTTP status, Zoom's error
// code and message. Use the predicates (IsMeetingNotFound, IsNoRecording,
// IsInvalidToken, IsRateLimited, ...) to branch on them. A body that is not
// the JSON we expect wraps ErrMalformedResponse.
//
// Times are decoded as UTC; unknown fields are ignored and absent optional
// fields are left at their zero value. Every number is read from a JSON
// number or a numeric string (Zoom's schema declares some as strings).
// Meeting IDs are int64: Zoom's meeting numbers do not fit in 32 bits.
//
// What Zoom sends is tidied before it is returned (tidy.go): durations are
// clamped to 0..24 hours, topics cut to MaxTopicRunes, times more than five
// years from the answer's Date ignored; and a list item that cannot be read
// is left out and counted (MeetingList.Skipped, RecordingsScanner.Skipped)
// instead of failing the whole list.
package zoom
