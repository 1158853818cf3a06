#!/usr/bin/env bash
# package.sh FYNE: package Interview Tray for Linux with the fyne CLI at FYNE
# and write dist/interviewtray-VERSION-linux-ARCH.tar.xz (a release build,
# its .desktop file, its icon and an install Makefile).
#
# fyne package reads FyneApp.toml from the main package's directory and
# afterwards rewrites it there with the build number raised. The project
# keeps its one FyneApp.toml at the top level, so this copies it beside
# cmd/interviewtray for the run and removes the copy afterwards: the top-level
# file is never rewritten, and its Build changes only when someone edits it.
set -euo pipefail

log() { printf 'package: %s\n' "$*" >&2; }

[ $# -eq 1 ] || { log "usage: package.sh FYNE"; exit 2; }
fyne=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."
root=$PWD
src=cmd/interviewtray
staged=$src/FyneApp.toml

if [ -e "$staged" ]; then
	log "error: $staged exists; the project's FyneApp.toml is the top-level one: remove the copy"
	exit 1
fi
out=$(mktemp -d "${TMPDIR:-/tmp}/interviewtray-package.XXXXXX")
cleanup() {
	rm -f "$staged" "$src/fyne_metadata_init.go" "$src/interviewtray"
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

mkdir -p dist
tarball=dist/interviewtray-$version-linux-$arch.tar.xz
mv "$out/$name.tar.xz" "$tarball"
tar -tJvf "$tarball"
log "wrote $tarball"
