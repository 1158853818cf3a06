#!/usr/bin/env bash
# package-windows.sh: write dist/interviewtray-VERSION-windows-amd64.zip: the
# two Windows executables, interviewtray.exe (the agent and the commands)
# and interviewtray-window.exe (the windows), each with the app icon and
# version information, and README-Windows.txt (how to install).
#
# Both are linked as GUI programs (-H windowsgui): no console window opens
# when they start, and none can be closed to kill the agent. The commands
# still print in a terminal: interviewtray.exe attaches to its parent's
# console (cmd/interviewtray/console_windows.go).
#
# Resources: scripts/winres writes an .ico and an .rc per executable, MinGW's
# windres compiles it into rsrc_windows_amd64.syso beside the main package,
# where the go command links it; the .syso files are removed afterwards.
set -euo pipefail

log() { printf 'package-windows: %s\n' "$*" >&2; }
cd "$(dirname "$0")/.."
root=$PWD
go=${GO:-go}
for tool in x86_64-w64-mingw32-gcc x86_64-w64-mingw32-windres zip; do
	command -v "$tool" >/dev/null || { log "error: $tool not found (make package-windows installs it)"; exit 1; }
done

version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
out=$(mktemp -d "${TMPDIR:-/tmp}/interviewtray-package-windows.XXXXXX")
syso=(cmd/interviewtray/rsrc_windows_amd64.syso cmd/interviewtray-window/rsrc_windows_amd64.syso)
for f in "${syso[@]}"; do
	[ ! -e "$f" ] || { log "error: $f exists; remove it (this script makes and removes it)"; exit 1; }
done
cleanup() { rm -f "${syso[@]}"; rm -rf "$out"; }
trap cleanup EXIT

stage=$out/InterviewTray
mkdir -p "$stage" dist
build() { # build NAME DESCRIPTION
	local name=$1 desc=$2
	"$go" run ./scripts/winres -icon assets/icon.png -version "$version" \
		-name "$name" -description "$desc" -out "$out"
	(cd "$out" && x86_64-w64-mingw32-windres -O coff -i "$name.rc" -o "$name.syso")
	cp "$out/$name.syso" "cmd/$name/rsrc_windows_amd64.syso"
	GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc \
		"$go" build -trimpath -tags release -ldflags "-s -w -H windowsgui" \
		-o "$stage/$name.exe" "./cmd/$name"
	rm -f "cmd/$name/rsrc_windows_amd64.syso"
}
build interviewtray "Interview Tray"
build interviewtray-window "Interview Tray windows"
sed "s/@VERSION@/$version/g" scripts/windows/README-Windows.txt | sed 's/$/\r/' >"$stage/README-Windows.txt"

zipfile=$root/dist/interviewtray-$version-windows-amd64.zip
rm -f "$zipfile"
(cd "$out" && zip -q -r -X "$zipfile" InterviewTray)
log "wrote ${zipfile#"$root"/} ($(du -h "$zipfile" | cut -f1))"
