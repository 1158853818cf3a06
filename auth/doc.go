// Package auth signs the user in with Zoom and keeps the tokens safe.
//
// Sign-in is OAuth 2.0 authorization code with PKCE (S256) through the
// user's browser and a loopback redirect on 127.0.0.1 at a fixed port
// (Zoom matches registered redirect URLs exactly). See [Manager.Login].
//
// Tokens live only in the OS keychain (go-keyring: Secret Service on Linux,
// Keychain on macOS, Credential Manager on Windows), never in a file or a
// log. Every keychain call runs under a timeout because Secret Service can
// hang forever on an unlock prompt; a hang or a missing keychain becomes
// [ErrKeychainUnavailable], remembered so later calls fail fast (see
// [Keychain.Retry]). Values larger than the smallest platform limit are
// split across numbered entries and written crash-safely (see [Store]).
//
// Once signed in, [Manager.HTTPClient] returns an *http.Client that adds the
// bearer token, refreshes it five minutes before it expires (one refresh at
// a time, the rotated refresh token saved to the keychain before the new
// access token is used), and on Zoom's 401 code 124 refreshes once and
// retries the request once. A refresh answered with invalid_grant signs the
// user out and keeps the reason ([SignedOutError]); a network failure keeps
// the token and surfaces [ErrOffline] so the caller retries later.
//
// Tokens go only to Zoom's configured hosts. The bearer is attached only to
// requests under the configured API root (scheme, host, port and path of
// Config.APIURL); the authenticated client refuses any other request
// ([HostError]) and any redirect that leaves the root ([RedirectError]).
// Requests to the OAuth server (code exchange, refresh, revoke) follow no
// redirect at all, so a code, refresh token or secret is never posted
// twice. A refused redirect matches [ErrRedirectRefused]; it is neither
// "signed out" nor "offline", and the stored sign-in is kept.
//
// The entry point is [Manager] ([New]): [Manager.Login], [Manager.SignOut],
// [Manager.Status] (checked against Zoom), [Manager.State] (as last known),
// [Manager.Token] / [Manager.HTTPClient] for the sync engine. [LoadConfig]
// reads the configuration (environment over the config file).
//
// Nothing in this package logs or returns in an error message a token, an
// authorization code, a PKCE verifier or a client secret.
package auth
