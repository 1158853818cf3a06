#!/usr/bin/env bash
# with-desktop.sh CMD [ARG...]: run CMD inside a private desktop session, as
# the tests need one: an Xvfb display, a session D-Bus, an unlocked
# gnome-keyring (the Secret Service go-keyring talks to), and a temporary
# HOME and XDG_RUNTIME_DIR so that nothing touches the real home directory.
# Everything is torn down afterwards; CMD's exit status is returned.
#
# A missing part is skipped with a warning, so that the tests that need it
# skip too; under CI=true a missing part is an error instead.
set -euo pipefail

log() { printf 'with-desktop: %s\n' "$*" >&2; }

missing() {
	if [ "${CI:-}" = true ]; then
		log "error: $1 not found (CI=true: every part of the desktop is required)"
		exit 1
	fi
	log "warning: $1 not found; tests that need it will skip"
}

[ $# -gt 0 ] || { log "usage: with-desktop.sh CMD [ARG...]"; exit 2; }

# Pin Go's caches and settings to their usual places before HOME changes, so
# runs stay warm and use the same configuration.
if command -v go >/dev/null 2>&1; then
	GOCACHE=$(go env GOCACHE)
	GOMODCACHE=$(go env GOMODCACHE)
	GOPATH=$(go env GOPATH)
	GOENV=$(go env GOENV)
	export GOCACHE GOMODCACHE GOPATH GOENV
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/with-desktop.XXXXXX")
xvfb_pid=""
cleanup() {
	if [ -n "$xvfb_pid" ]; then
		kill "$xvfb_pid" 2>/dev/null || true
		wait "$xvfb_pid" 2>/dev/null || true
	fi
	# A process the command left behind may still be writing; try twice.
	rm -rf "$tmp" 2>/dev/null || { sleep 1; rm -rf "$tmp"; } || true
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

export HOME="$tmp/home"
export XDG_RUNTIME_DIR="$tmp/run"
export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share" XDG_CACHE_HOME="$HOME/.cache"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
mkdir -m 0700 "$XDG_RUNTIME_DIR"
unset DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY GNOME_KEYRING_CONTROL SSH_AUTH_SOCK

# Xvfb picks a free display itself and writes its number to -displayfd.
unset DISPLAY
if command -v Xvfb >/dev/null 2>&1; then
	Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
	xvfb_pid=$!
	for _ in $(seq 100); do
		[ -s "$tmp/display" ] && break
		kill -0 "$xvfb_pid" 2>/dev/null || break
		sleep 0.1
	done
	if [ ! -s "$tmp/display" ]; then
		log "error: Xvfb did not start:"
		cat "$tmp/xvfb.log" >&2
		exit 1
	fi
	DISPLAY=":$(head -n 1 "$tmp/display")"
	export DISPLAY
	if command -v xdpyinfo >/dev/null 2>&1; then
		for _ in $(seq 50); do
			xdpyinfo >/dev/null 2>&1 && break
			sleep 0.1
		done
		xdpyinfo >/dev/null 2>&1 || { log "error: display $DISPLAY does not answer"; exit 1; }
	else
		missing xdpyinfo
	fi
	log "Xvfb on display $DISPLAY"
else
	missing Xvfb
fi

# A private session bus for the keyring, notifications and the tray; without
# it godbus would autolaunch daemons that outlive the run. The keyring's
# password is random and reaches the daemon on stdin only.
if ! command -v dbus-run-session >/dev/null 2>&1; then
	missing dbus-run-session
	"$@"
	exit
fi
if ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
	missing gnome-keyring-daemon
	dbus-run-session -- "$@"
	exit
fi
KEYRING_PASSWORD=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
export KEYRING_PASSWORD
# shellcheck disable=SC2016 # expanded by the inner shell
dbus-run-session -- sh -c '
	printf "%s\n" "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
	unset KEYRING_PASSWORD
	exec "$@"
' with-desktop "$@"
