#!/usr/bin/env bash
# lint.sh STATICCHECK: the static checks `make lint` runs. Every check runs
# even after one fails, so that one CI run shows every problem; the exit
# status is non-zero if any failed.
#
# Windows is built for real (cgo through MinGW) and vetted; macOS, which has
# no cgo here, is type-checked by scripts/crosscheck (see its doc comment).
# Both cover every command, the agent (cmd/interviewtray) and the windows
# (cmd/interviewtray-window). On Linux the agent must build without cgo.
set -uo pipefail

[ $# -eq 1 ] || { echo "usage: lint.sh STATICCHECK" >&2; exit 2; }
staticcheck=$1
go=${GO:-go}
cd "$(dirname "$0")/.." || exit

failed=()
step() {
	local name=$1
	shift
	echo "== $name"
	"$@" || failed+=("$name")
}

gofmt_clean() {
	local files
	files=$(gofmt -l .) || return 1
	[ -z "$files" ] && return 0
	echo "gofmt would change:"
	echo "$files"
	return 1
}

windows() {
	GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc "$@"
}

step "gofmt -l ." gofmt_clean
step "go vet ./..." "$go" vet ./...
step "staticcheck ./..." "$staticcheck" ./...
step "linux: the agent without cgo" env GOOS=linux CGO_ENABLED=0 "$go" build -o /dev/null ./cmd/interviewtray
step "windows/amd64: go build, cgo with MinGW" windows "$go" build -o bin/windows-amd64/ ./...
step "windows/amd64: go vet" windows "$go" vet ./...
step "darwin/arm64: crosscheck" "$go" run ./scripts/crosscheck -goos darwin -goarch arm64 ./...
step "darwin/amd64: crosscheck" "$go" run ./scripts/crosscheck -goos darwin -goarch amd64 ./...

if [ ${#failed[@]} -gt 0 ]; then
	printf 'lint: FAIL:'
	printf ' [%s]' "${failed[@]}"
	printf '\n'
	exit 1
fi
echo "lint: ok"
