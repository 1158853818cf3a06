#!/usr/bin/env bash
# bench.sh FYNE [DRIVER-FLAG...]: `make bench`. Builds bench/benchdriver
# and runs it inside a private desktop (scripts/with-desktop.sh: Xvfb, a
# session bus, gnome-keyring, a temporary HOME); the driver builds
# interviewtray, its package (with the fyne CLI at FYNE) and the floor
# programs under bench/, measures them, prints a table and writes
# docs/benchmarks.md. Builds and logs go to bin/bench/.
#
# The figures never fail the run: the exit status is non-zero only when
# the harness itself breaks. Extra flags go to the driver (e.g. -idle 20s
# -quick to try it out; `go run ./bench/benchdriver -h` lists them).
set -euo pipefail

log() { printf 'bench: %s\n' "$*" >&2; }

[ $# -ge 1 ] || { log "usage: bench.sh FYNE [DRIVER-FLAG...]"; exit 2; }
fyne=$1
shift
cd "$(dirname "$0")/.."
go=${GO:-go}

mkdir -p bin/bench
log "building bench/benchdriver"
"$go" build -o bin/bench/benchdriver ./bench/benchdriver
exec bash scripts/with-desktop.sh bin/bench/benchdriver -repo "$PWD" -fyne "$fyne" \
	-work bin/bench -out docs/benchmarks.md "$@"
