#!/usr/bin/env bash
# run-tests.sh [PACKAGE...]: run the Windows test binaries under Wine. Each
# package's tests are built with `go test -c` for windows/amd64 (cgo through
# MinGW, as `make lint` builds Windows) and run with wine64 in a temporary
# Wine prefix, from the package's folder, as `go test` would. Run it inside
# scripts/with-desktop.sh: Wine's windows, tray and clipboard need the X
# display. Without arguments it runs every package with tests, but those in
# scripts/wine/skip.txt (each with the reason).
#
# Wine 8 lacks ProcessPrng, which every Go 1.22+ program calls at start:
# processprng.c, a test fixture built here with MinGW, provides it as
# bcryptprimitives.dll in the prefix's system32.
#
# Without Wine it says so and succeeds; under CI=true it fails instead. The
# test binaries themselves run without CI=true (see below).
set -uo pipefail

log() { printf 'wine-tests: %s\n' "$*" >&2; }
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
go=${GO:-go}

wine=""
for w in wine64 /usr/lib/wine/wine64 wine; do
	if command -v "$w" >/dev/null 2>&1; then
		wine=$(command -v "$w")
		break
	fi
done
if [ -z "$wine" ]; then
	if [ "${CI:-}" = true ]; then
		log "error: wine64 not found (CI=true: the Windows tests must run; make test installs it)"
		exit 1
	fi
	log "warning: wine64 not found; skipping the Windows tests (make test installs it)"
	exit 0
fi
if ! command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1; then
	log "error: x86_64-w64-mingw32-gcc not found (package gcc-mingw-w64-x86-64)"
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wine-tests.XXXXXX")
export WINEPREFIX=$tmp/prefix WINEDEBUG=${WINEDEBUG:--all} WINEDLLOVERRIDES="mscoree,mshtml="
cleanup() {
	WINEPREFIX=$WINEPREFIX "$(dirname "$wine")/wineserver" -k 2>/dev/null || wineserver -k 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

start=$SECONDS
"$wine" wineboot -i >/dev/null 2>&1 || { log "error: wineboot failed"; exit 1; }
x86_64-w64-mingw32-gcc -O2 -shared -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
	"$here/processprng.c" "$here/processprng.def" -ladvapi32 || exit 1
log "prefix ready in $((SECONDS - start)) s ($WINEPREFIX)"

# Wine 8 answers FileDispositionInformationEx, with which Go 1.26's
# os.RemoveAll deletes files, with a status that Go does not take as
# "unsupported" ("Invalid function"): every t.TempDir cleanup would fail. An
# overlay of the standard library's at_windows.go (built here from the
# installed Go's own file) adds that status to the ones that fall back to
# the older way of deleting, for the test binaries only.
goroot=$("$go" env GOROOT)
at=$goroot/src/internal/syscall/windows/at_windows.go
sed 's|^\(\t\tSTATUS_NOT_SUPPORTED\):\( *//.*\)$|\1,\2\n\t\tNTStatus(0xC0000002), NTStatus(0xC0000010): // STATUS_NOT_IMPLEMENTED, STATUS_INVALID_DEVICE_REQUEST (Wine 8)|' "$at" >"$tmp/at_windows.go"
if cmp -s "$at" "$tmp/at_windows.go"; then
	log "error: $at has changed: update the Wine overlay in $0"
	exit 1
fi
printf '{"Replace":{"%s":"%s"}}' "$at" "$tmp/at_windows.go" >"$tmp/overlay.json"

cd "$root" || exit 1
declare -A skip
while read -r pkg reason; do
	[[ -z "$pkg" || "$pkg" == \#* ]] && continue
	skip[$pkg]=$reason
done <"$here/skip.txt"

export GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc
if [ $# -gt 0 ]; then
	pkgs=("$@")
else
	mapfile -t pkgs < <("$go" list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{end}}' ./... | grep .)
fi
mod=$("$go" list -m)

# The end-to-end run of the Windows agent (cmd/interviewtray's
# TestWindowsAgentEndToEnd) uses the agent and its windows built as the
# package builds them, GUI programs, and a fake browser opener: Wine hands a link that a
# Windows program opens to xdg-open on the Unix PATH, and this one goes
# through the simulator's consent page with curl, as a user would click.
e2e_start=$SECONDS
for exe in interviewtray interviewtray-window; do
	"$go" build -o "$tmp/InterviewTray/$exe.exe" -ldflags "-H windowsgui" "./cmd/$exe" || exit 1
done
# The demo's simulator, beside them as the package has it (the demo agent
# starts it), and on the Windows PATH for cmd/interviewtray's tests, which
# cannot build it under Wine (there is no go command there).
"$go" build -o "$tmp/InterviewTray/zoomsim.exe" ./cmd/zoomsim || exit 1
mkdir -p "$tmp/bin"
cat >"$tmp/bin/xdg-open" <<OPENER
#!/bin/sh
printf '%s\n' "\$1" >>"$tmp/opened.log"
case "\$1" in */oauth/authorize\?*) ;; *) exit 0 ;; esac
base=\${1%%/oauth/*}
id=\$(curl -fsS --max-time 10 "\$1" | sed -n 's/.*name="consent_id" value="\([^"]*\)".*/\1/p' | head -n 1)
next=\$(curl -fsS --max-time 10 -o /dev/null -w '%{redirect_url}' --data-urlencode "consent_id=\$id" -d decision=allow "\$base/oauth/authorize")
exec curl -fsS --max-time 10 -o /dev/null "\$next"
OPENER
chmod 755 "$tmp/bin/xdg-open"
winpath() { printf 'Z:%s' "${1//\//\\}"; }
export PATH=$tmp/bin:$PATH INTERVIEWTRAY_WINE_OPENER_LOG=$(winpath "$tmp/opened.log")
export INTERVIEWTRAY_WINDOWS_AGENT=$(winpath "$tmp/InterviewTray/interviewtray.exe")
export WINEPATH=$(winpath "$tmp/InterviewTray")
log "Windows agent and windows built in $((SECONDS - e2e_start)) s"

passed=0 failed=0 skipped=0 failures=()
for pkg in "${pkgs[@]}"; do
	rel=${pkg#"$mod"}
	rel=${rel#/}
	rel=${rel#./}
	[ -n "$rel" ] || rel=.
	if [ -n "${skip[$rel]:-}" ]; then
		echo "skip  $rel (${skip[$rel]})"
		skipped=$((skipped + 1))
		continue
	fi
	exe=$tmp/$(echo "$rel" | tr / _).test.exe
	keep=${TMPDIR:-/tmp}/wine-test-$(echo "$rel" | tr / _).log
	rm -f "$keep"
	t0=$SECONDS
	if ! "$go" test -overlay "$tmp/overlay.json" -c -o "$exe" "./$rel" >"$tmp/build.log" 2>&1; then
		echo "FAIL  $rel (build)"
		cat "$tmp/build.log"
		failed=$((failed + 1))
		failures+=("$rel")
		continue
	fi
	[ -f "$exe" ] || { echo "skip  $rel (no tests for windows)"; skipped=$((skipped + 1)); continue; }
	# Without CI=true: under it a test fails when a tool it needs is
	# missing, and the ones a Windows test binary misses are Linux programs
	# (dbus-daemon, go, xclip) that it cannot run anyway; it skips them.
	if (cd "$rel" && env -u CI timeout 600 "$wine" "$exe" -test.timeout=8m ${WINE_TEST_FLAGS:-}) >"$tmp/run.log" 2>&1 &&
		! grep -q '^FAIL' "$tmp/run.log"; then
		echo "ok    $rel ($((SECONDS - t0)) s)"
		passed=$((passed + 1))
	else
		echo "FAIL  $rel ($((SECONDS - t0)) s)"
		cp "$tmp/run.log" "$keep"
		grep -E -- '^(--- FAIL|panic|fatal error|FAIL|    [a-z_]+\.go:[0-9]+:)' "$tmp/run.log" | head -40
		echo "      (the whole output: $keep)"
		failed=$((failed + 1))
		failures+=("$rel")
	fi
done
echo "wine: ${#pkgs[@]} packages in $((SECONDS - start)) s"
[ ${#failures[@]} -eq 0 ] || echo "wine: failed: ${failures[*]}"
echo "wine: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
