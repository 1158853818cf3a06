// Package authtest runs the real desktop parts that package auth talks to,
// for tests: a private D-Bus session bus with gnome-keyring's Secret Service
// on it, or a fake Secret Service that never answers (a keychain stuck on an
// unlock prompt).
//
// A missing program skips the test on a developer's machine and fails it
// under CI=true (see internal/testenv).
package authtest
