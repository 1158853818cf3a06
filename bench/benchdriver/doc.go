// Command benchdriver is `make bench`: it builds Interview Tray, the Fyne
// package and the floor programs under bench/, measures them side by side
// in one run, prints a table and writes docs/benchmarks.md.
//
// It measures, against the targets of issue 7:
//
//  1. the resident agent idle (demo mode, signed in) beside three floors:
//     RSS, CPU and wakeups (context switches) read from /proc;
//  2. an app window's time to first frame and RSS beside a bare Fyne
//     window, watched on the X display;
//  3. the sync engine's Go benchmarks (package sync);
//  4. the Zoom calls of a simulated day of eight interviews;
//  5. reminder lateness, in that day (fake time) and with the real agent;
//  6. the binary's and the package's sizes.
//
// It runs on Linux inside scripts/with-desktop.sh, which gives it an Xvfb
// display, a private session bus and an unlocked gnome-keyring; it serves
// the tray watcher and the notification server on that bus itself. A
// figure that cannot be taken is reported as not measured, with the
// reason; the exit status is non-zero only when the driver itself fails.
//
// Run as xdg-open (a symlink the driver puts first on the agent's PATH) it
// is the browser of the sign-in: it clicks Allow on the simulator's
// consent page.
//
// Usage (scripts/bench.sh runs it so):
//
//	scripts/with-desktop.sh benchdriver -repo . -fyne bin/fyne-v1.7.4/fyne -work bin/bench -out docs/benchmarks.md
package main
