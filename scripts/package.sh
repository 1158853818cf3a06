#!/usr/bin/env bash
# package.sh FYNE: package Interview Tray for Linux with the fyne CLI at FYNE
# and write dist/interviewtray-VERSION-linux-ARCH.tar.xz: the two release
# executables, interviewtray (the agent and the commands, built without cgo)
# and interviewtray-window (the windows, the one that links Fyne), zoomsim
# (the demo's Zoom simulator, which `interviewtray --demo` starts), one
# .desktop file that starts the agent, its icon and an install Makefile.
#
# fyne package builds the window executable, writes the .desktop file, the
# icon and the Makefile; this script then adds the agent beside it, points
# the .desktop file and the Makefile at it, and packs the result again.
#
# fyne package reads FyneApp.toml from the main package's directory and
# afterwards rewrites it there with the build number raised. The project
# keeps its one FyneApp.toml at the top level, so this copies it beside
# cmd/interviewtray-window for the run and removes the copy afterwards: the
# top-level file is never rewritten, and its Build changes only when someone
# edits it.
set -euo pipefail

log() { printf 'package: %s\n' "$*" >&2; }

[ $# -eq 1 ] || { log "usage: package.sh FYNE"; exit 2; }
fyne=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."
root=$PWD
src=cmd/interviewtray-window
staged=$src/FyneApp.toml

if [ -e "$staged" ]; then
	log "error: $staged exists; the project's FyneApp.toml is the top-level one: remove the copy"
	exit 1
fi
out=$(mktemp -d "${TMPDIR:-/tmp}/interviewtray-package.XXXXXX")
cleanup() {
	rm -f "$staged" "$src/fyne_metadata_init.go" "$src/interviewtray-window"
	rm -rf "$out"
}
trap cleanup EXIT
cp FyneApp.toml "$staged"

name=$(sed -n 's/^Name *= *"\(.*\)"/\1/p' FyneApp.toml)
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
arch=$(go env GOARCH)

# fyne writes "<Name>.tar.xz" into the directory it starts in; start it in
# an empty one so that nothing else lands in the working tree. The icon path
# is absolute because fyne resolves paths from the source directory.
(cd "$out" && "$fyne" package --target linux --release \
	--src "$root/$src" --icon "$root/assets/icon.png")

# Unpack it as interviewtray/ and add the agent, built as fyne builds a
# release (-trimpath, no symbols, the release tag) but without cgo.
mkdir "$out/stage"
tar -xJf "$out/$name.tar.xz" -C "$out/stage"
mv "$out/stage/interviewtray-window" "$out/stage/interviewtray"
pkg=$out/stage/interviewtray
[ -x "$pkg/usr/local/bin/interviewtray-window" ] || { log "error: fyne's package holds no usr/local/bin/interviewtray-window"; exit 1; }
CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags "-s -w" -tags release \
	-o "$pkg/usr/local/bin/interviewtray" ./cmd/interviewtray
CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags "-s -w" \
	-o "$pkg/usr/local/bin/zoomsim" ./cmd/zoomsim

# The menu entry starts the agent (a second start shows the agenda), and
# make install installs the three executables.
desktop=$(echo "$pkg"/usr/local/share/applications/*.desktop)
[ -f "$desktop" ] || { log "error: fyne's package holds no .desktop file"; exit 1; }
sed -i 's/^Exec=.*/Exec=interviewtray/' "$desktop"
sed -i \
	-e 's/^Exec := .*/Exec := "interviewtray"\nWindows := "interviewtray-window"\nSimulator := "zoomsim"/' \
	-e '/^\t\(install\|-rm\) .*bin\/$(Exec)/{p;s/\$(Exec)/$(Windows)/gp;s/\$(Windows)/$(Simulator)/g}' \
	"$pkg/Makefile"
grep -q 'bin/$(Windows)' "$pkg/Makefile" || { log "error: the install Makefile does not install the windows"; exit 1; }
grep -q 'bin/$(Simulator)' "$pkg/Makefile" || { log "error: the install Makefile does not install the simulator"; exit 1; }

mkdir -p dist
tarball=dist/interviewtray-$version-linux-$arch.tar.xz
tar -cJf "$tarball" -C "$out/stage" --owner=0 --group=0 interviewtray
tar -tJvf "$tarball"
log "wrote $tarball"
