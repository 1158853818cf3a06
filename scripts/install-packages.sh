#!/usr/bin/env bash
# install-packages.sh [--dry-run] PACKAGE...: install the Debian/Ubuntu
# packages that are missing, with apt-get (through sudo when not root).
# With --dry-run it only says what it would install. On a system without
# dpkg and apt-get it prints the list to install by hand and succeeds, so
# that the build can go on with whatever is there.
set -euo pipefail

log() { printf 'packages: %s\n' "$*" >&2; }

dry_run=false
if [ "${1:-}" = --dry-run ] || [ "${1:-}" = -n ]; then
	dry_run=true
	shift
fi
if [ $# -eq 0 ]; then
	log "usage: install-packages.sh [--dry-run] PACKAGE..."
	exit 2
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
	log "not a Debian or Ubuntu system; install the equivalents of these Debian packages yourself:"
	log "  $*"
	exit 0
fi

missing=()
for pkg in "$@"; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	[ "$status" = "install ok installed" ] || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
	log "all $# present"
	exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
	sudo=(sudo)
fi
install=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -q -y --no-install-recommends "${missing[@]}")

if $dry_run; then
	log "missing ${#missing[@]} of $#: ${missing[*]}"
	log "would run: ${sudo[*]}${sudo:+ }apt-get update && ${install[*]}"
	exit 0
fi
if [ ${#sudo[@]} -gt 0 ] && ! command -v sudo >/dev/null 2>&1; then
	log "missing: ${missing[*]}"
	log "error: not root and no sudo; install them as root and run again"
	exit 1
fi

log "installing ${#missing[@]} missing: ${missing[*]}"
"${sudo[@]}" apt-get update -qq
"${install[@]}"
