#!/usr/bin/env bash
# screenshots.sh [OUTDIR]: screenshot every window of the app, with the demo
# data, into OUTDIR (default docs/screenshots/).
#
# It runs inside scripts/with-desktop.sh (Xvfb, a session D-Bus, an unlocked
# gnome-keyring, a temporary HOME): it builds the app and starts the real
# agent in demo mode (which starts the built-in Zoom simulator). The agent
# opens the onboarding wizard on the first run: that is wizard-welcome.png.
# Then it signs in through the agent's local API with a fake `xdg-open` that
# clicks Allow on the simulator's consent page with curl, waits for the demo
# week to sync and for the first reminder (whose popup the agent opens
# itself: reminder.png), and opens each window with `interviewtray-window
# NAME --demo` (Settings twice: at its top, and scrolled to its
# Calendars; New interview twice: empty, and filled in with xdotool and
# created, showing the invitation), and at last waits for the full-screen
# start alert of an interview it adds to start a minute later (alert.png).
# Every window is captured with ImageMagick's
# `import -window root`, cropped to the window. A window started here that
# logs "Error in Fyne call thread" fails the run.
#
# Needs: go, curl, xdotool, ImageMagick (`import`), and what with-desktop.sh
# needs. `make screenshots` runs it.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/docs/screenshots}
case $out in /*) ;; *) out=$PWD/$out ;; esac

if [ -z "${SCREENSHOTS_INSIDE_DESKTOP:-}" ]; then
	export SCREENSHOTS_INSIDE_DESKTOP=1
	exec bash "$root/scripts/with-desktop.sh" bash "$0" "$out"
fi

log() { printf 'screenshots: %s\n' "$*" >&2; }
die() {
	log "error: $*"
	exit 1
}
for tool in curl xdotool import; do
	command -v "$tool" >/dev/null || die "$tool not found (Debian: curl xdotool imagemagick)"
done
[ -n "${DISPLAY:-}" ] || die "no DISPLAY: run it through scripts/with-desktop.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/screenshots.XXXXXX")
agent_pid=""
cleanup() {
	local rc=$?
	if [ "$rc" -ne 0 ] && [ -s "$work/agent.log" ]; then
		echo "screenshots: the agent's log:" >&2
		tail -n 40 "$work/agent.log" >&2
	fi
	if [ -n "$agent_pid" ]; then
		kill "$agent_pid" 2>/dev/null || true
		wait "$agent_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

# free_port: a TCP port on 127.0.0.1 that nothing listens on.
free_port() {
	local port
	while :; do
		port=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return
		fi
	done
}

log "building interviewtray"
mkdir -p "$work/bin"
(cd "$root" && go build -o "$work/bin/" ./cmd/interviewtray ./cmd/interviewtray-window ./cmd/zoomsim)
bin=$work/bin/interviewtray

# The browser: on the simulator's consent page, click Allow as a user would.
cat >"$work/bin/xdg-open" <<'EOF'
#!/bin/sh
url=$1
printf '%s\n' "$url" >>"$SCREENSHOTS_WORK/opened.log"
case $url in
http://127.0.0.1:*/oauth/authorize\?*) ;;
*) exit 0 ;;
esac
base=${url%%/oauth/authorize*}
page=$(curl -fsS --max-time 10 "$url") || exit 1
id=$(printf '%s' "$page" | sed -n 's/.*name="consent_id" value="\([^"]*\)".*/\1/p' | head -n 1)
[ -n "$id" ] || exit 1
callback=$(curl -fsS --max-time 10 -o /dev/null -w '%{redirect_url}' \
	--data-urlencode "consent_id=$id" --data-urlencode decision=allow "$base/oauth/authorize") || exit 1
[ -n "$callback" ] || exit 1
curl -fsS --max-time 10 -o /dev/null "$callback"
EOF
chmod +x "$work/bin/xdg-open"
export PATH="$work/bin:$PATH" SCREENSHOTS_WORK=$work
INTERVIEWTRAY_DEMO_PORT=$(free_port)
INTERVIEWTRAY_REDIRECT_PORT=$(free_port)
export INTERVIEWTRAY_DEMO_PORT INTERVIEWTRAY_REDIRECT_PORT

sock=$XDG_RUNTIME_DIR/interviewtray/agent-demo.sock
api() { curl -fsS --max-time 20 --unix-socket "$sock" "$@"; }
state() { api http://interviewtray/v1/state; }
send() { api -H 'Content-Type: application/json' -d "$1" http://interviewtray/v1/commands >/dev/null; }

# wait_for SECONDS WHAT PATTERN: until the state (JSON) matches PATTERN.
wait_for() {
	local deadline=$((SECONDS + $1))
	until state 2>/dev/null | grep -Eq "$3"; do
		[ $SECONDS -lt $deadline ] || die "gave up waiting for $2"
		sleep 1
	done
}

log "starting the agent in demo mode"
(cd "$HOME" && exec "$bin" --demo) >"$work/agent.log" 2>&1 &
agent_pid=$!
for _ in $(seq 150); do
	[ -S "$sock" ] && state >/dev/null 2>&1 && break
	kill -0 "$agent_pid" 2>/dev/null || { cat "$work/agent.log" >&2; die "the agent exited"; }
	sleep 0.2
done
[ -S "$sock" ] || die "the agent's socket $sock never appeared"

mkdir -p "$out"

# window_of PID: the id of the window process PID shows, once mapped.
window_of() {
	local deadline=$((SECONDS + 60)) id
	while [ $SECONDS -lt $deadline ]; do
		id=$(xdotool search --onlyvisible --pid "$1" 2>/dev/null | tail -n 1 || true)
		[ -n "$id" ] && { echo "$id"; return 0; }
		kill -0 "$1" 2>/dev/null || return 1
		sleep 0.2
	done
	return 1
}

# window_named TITLE [SECONDS]: the id of a mapped window whose title
# contains TITLE (a window the agent started), waiting up to SECONDS (60).
window_named() {
	local deadline=$((SECONDS + ${2:-60})) id
	while [ $SECONDS -lt $deadline ]; do
		id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | tail -n 1 || true)
		[ -n "$id" ] && { echo "$id"; return 0; }
		sleep 0.2
	done
	return 1
}

# capture ID FILE: the window, as the screen shows it, after it has had
# time to draw the agent's state.
capture() {
	local id=$1 file=$2
	sleep 2
	xdotool windowraise "$id"
	sleep 0.5
	eval "$(xdotool getwindowgeometry --shell "$id")"
	import -window root -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" +repage "$file"
	log "wrote ${file#"$root"/} (${WIDTH}x${HEIGHT})"
}

# close_agent_window ID: end a window process the agent started, the way
# Ctrl-C would (it quits its window).
close_agent_window() {
	local pid
	pid=$(xdotool getwindowpid "$1")
	kill -TERM "$pid"
	while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
}

# check_log FILE: a window must not touch Fyne off its UI goroutine.
check_log() {
	if grep -q "Error in Fyne call thread" "$1"; then
		cat "$1" >&2
		die "a window called Fyne off its goroutine (see above)"
	fi
}

# scroll_to_end ID: scroll the window's content to its end with the mouse
# wheel, as a user would, over the labels' column (a text field under the
# pointer would take the wheel for itself).
scroll_to_end() {
	sleep 2
	xdotool mousemove --window "$1" 40 400
	xdotool click --repeat 60 --delay 20 5
}

# shot NAME FILE [end]: open window NAME, capture it (scrolled to its end
# with "end") and close it.
shot() {
	local name=$1 file=$2 where=${3:-} pid id
	"$work/bin/interviewtray-window" "$name" --demo >"$work/$name.log" 2>&1 &
	pid=$!
	id=$(window_of "$pid") || { cat "$work/$name.log" >&2; die "window $name never appeared"; }
	[ "$where" != end ] || scroll_to_end "$id"
	capture "$id" "$file"
	kill -TERM "$pid"
	wait "$pid" || die "window $name exited with status $?"
	check_log "$work/$name.log"
}

# The wizard resumes at the step the agent keeps as its progress.
wizard_at() {
	send '{"name":"set_onboarding","onboarding":{"step":"'"$1"'","skipped":[],"finished":false}}'
}

log "the first run opens the wizard"
id=$(window_named "Set up") || die "the agent did not open the wizard on its first run"
capture "$id" "$out/wizard-welcome.png"
close_agent_window "$id"
wizard_at connect
shot wizard "$out/wizard-connect.png"

log "signing in (the fake browser clicks Allow)"
send '{"name":"sign_in"}'
wait_for 60 "the sign-in" '"signed_in":true'
wait_for 60 "the demo week" '"topic":"Interview: Aisha Bello'
wait_for 60 "the recording settings check" '"recording_settings":\{'
# The demo adds its simulator's calendar by itself.
wait_for 60 "the demo calendar" '"calendars":\[\{[^]]*"last_fetched"'
wizard_at calendar
shot wizard "$out/wizard-calendar.png"
wizard_at recording
shot wizard "$out/wizard.png"

log "waiting for the first reminder (about a minute after start)"
wait_for 180 "the first reminder" '"reminders":\[\{'
id=$(window_named "Reminder") || die "the agent did not open the reminder window"
capture "$id" "$out/reminder.png"
close_agent_window "$id"

shot agenda "$out/agenda.png"
shot recordings "$out/recordings.png"
shot settings "$out/settings.png"
shot settings "$out/settings-calendars.png" end
shot about "$out/about.png"
shot schedule "$out/schedule.png"

# The New interview window filled in as a user would, and Create pressed:
# the invitation, ready to send. The fields' places are those of the
# window's fixed first size (560x600).
log "scheduling an interview in the New interview window"
"$work/bin/interviewtray-window" schedule --demo >"$work/schedule-create.log" 2>&1 &
pid=$!
id=$(window_of "$pid") || { cat "$work/schedule-create.log" >&2; die "window schedule never appeared"; }
sleep 2
xdotool mousemove --window "$id" 320 132 click 1
xdotool type --delay 20 "Ada Lovelace"
xdotool mousemove --window "$id" 320 171 click 1
xdotool type --delay 20 "Backend Engineer"
xdotool mousemove --window "$id" 478 573 click 1
wait_for 30 "the scheduled interview" '"topic":"Interview: Ada Lovelace — Backend Engineer"'
capture "$id" "$out/schedule-invitation.png"
kill -TERM "$pid"
wait "$pid" || die "window schedule exited with status $?"
check_log "$work/schedule-create.log"

# The full-screen start alert: an interview added to the simulator that
# starts in a little over a minute, with the alert at its start (the
# default); the agent opens it by itself. The demo's own interviews are
# further away.
log "waiting for the start alert of an interview added to start in 75 s"
start=$(date -u -d '+75 seconds' +%Y-%m-%dT%H:%M:%SZ)
curl -fsS --max-time 10 -H 'Content-Type: application/json' \
	-d '{"topic":"Interview: Grace Hopper — Staff Engineer","start_time":"'"$start"'","duration":45}' \
	"http://127.0.0.1:$INTERVIEWTRAY_DEMO_PORT/_sim/meetings" >/dev/null
send '{"name":"refresh"}'
id=$(window_named "Interview starting" 150) || die "the agent did not open the start alert"
capture "$id" "$out/alert.png"
close_agent_window "$id"

check_log "$work/agent.log"
log "done: the screenshots are in ${out#"$root"/}"
