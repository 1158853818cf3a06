// Package localapi is how the app's processes talk to the resident agent:
// HTTP and JSON over a Unix socket that only the user can reach (directory
// 0700, socket 0600; on Windows an AF_UNIX socket under the user's local app
// data). The windows and `interviewtray status` use the Client; the agent
// runs the Server. No endpoint ever returns a token.
//
// The server bounds what any client can hold of the agent: requests must
// arrive in time, answers and watch messages must be taken in time (a
// client that stops reading is dropped), and connections and watch streams
// are capped (see limits.go).
//
// The socket is also the single-instance lock: Listen refuses when a live
// agent answers, and replaces a socket a dead agent left behind.
package localapi
