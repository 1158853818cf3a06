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
// What the agent serves is a State: the engine's snapshot and the settings
// (package model's types, so that a window links no engine), the agent's
// own state, and the View the agent worked out from them (NewView), which
// every surface renders. What a client asks is a Command: the app's one
// vocabulary of verbs (see the Cmd constants for how to add one).
//
// The socket is also the single-instance lock: Listen refuses when a live
// agent answers, and replaces a socket a dead agent left behind.
package localapi
