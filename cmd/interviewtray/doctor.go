package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/interviewtray/interviewtray/auth"
	"github.com/interviewtray/interviewtray/internal/autostart"
	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/ui/tray"
	"github.com/interviewtray/interviewtray/zoom"
)

func init() {
	register("doctor", "check the keychain, tray, notifications, Zoom and settings", runDoctor)
}

// check is one line of the doctor's report.
type check struct {
	name   string
	ok     bool
	info   bool // informational: never a failure
	detail string
	fix    string
}

// doctorTimeout bounds each check that talks to something.
const doctorTimeout = 15 * time.Second

// runDoctor checks what the app needs and says how to fix what is missing.
// It exits non-zero when something needs fixing.
func runDoctor(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs, g := newFlags("doctor", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	checks := doctorChecks(ctx, stderr, g.demo)
	failed := 0
	for _, c := range checks {
		mark := "ok  "
		switch {
		case c.info:
			mark = "info"
		case !c.ok:
			mark = "FAIL"
			failed++
		}
		fmt.Fprintf(stdout, "[%s] %-20s %s\n", mark, c.name, c.detail)
		if !c.ok && !c.info && c.fix != "" {
			fmt.Fprintf(stdout, "       %-20s fix: %s\n", "", c.fix)
		}
	}
	if failed > 0 {
		fmt.Fprintf(stdout, "\n%d check(s) need fixing.\n", failed)
		return exitError{code: 1}
	}
	fmt.Fprintln(stdout, "\nEverything Interview Tray needs is in place.")
	return nil
}

func doctorChecks(ctx context.Context, stderr io.Writer, demo bool) []check {
	var out []check
	probe := func(name string, p tray.Probe) check {
		return check{name: name, ok: p.OK, detail: p.Detail, fix: p.Fix}
	}
	pctx, cancel := context.WithTimeout(ctx, doctorTimeout)
	out = append(out, probe("tray host", tray.ProbeTrayHost(pctx)), probe("notifications", tray.ProbeNotifications(pctx)))
	cancel()

	// The agent, when one runs, knows the sign-in and the settings check.
	var agentState *localapi.State
	if sock, err := localapi.SocketPath(demo); err == nil && localapi.Alive(sock) {
		actx, cancel := context.WithTimeout(ctx, doctorTimeout)
		st, err := localapi.NewClient(sock).State(actx)
		cancel()
		if err == nil {
			agentState = &st
			out = append(out, check{name: "agent", info: true, ok: true, detail: fmt.Sprintf("running (pid %d, version %s)", st.Agent.PID, st.Agent.Version)})
		}
	}
	if agentState == nil {
		out = append(out, check{name: "agent", info: true, ok: true, detail: "not running (start it with `" + commandLine(demo) + "`)"})
	}
	out = append(out, autostartCheck(), recordingFolderCheck(demo), windowsCheck(ctx))

	sess, err := openSession(ctx, io.Discard, demo)
	if err != nil {
		fix := "set INTERVIEWTRAY_ZOOM_CLIENT_ID (see the README), or try `" + commandLine(true) + "`"
		if demo {
			fix = "correct the setting named above; the demo needs no Zoom app"
		}
		return append(out, check{name: "configuration", detail: err.Error(), fix: fix})
	}
	defer sess.Close()

	// Keychain: reading the sign-in is a keychain call under a timeout.
	state, err := sess.m.State()
	if errors.Is(err, auth.ErrKeychainUnavailable) {
		out = append(out, check{name: "keychain", detail: err.Error(), fix: "install or unlock a Secret Service provider (for example gnome-keyring) and log in again"})
	} else {
		out = append(out, check{name: "keychain", ok: true, detail: "reachable (" + sess.cfg.Service + ")"})
	}

	out = append(out, zoomReachable(ctx, sess.cfg.APIURL))
	if err != nil && agentState == nil {
		return append(out, check{name: "signed in", detail: "unknown: the sign-in could not be read from the keychain", fix: "fix the keychain first"})
	}

	// Sign-in: the agent's view when one runs (no second process refreshing
	// the same single-use refresh token), else checked against Zoom here.
	switch {
	case agentState != nil && agentState.Agent.SignedIn:
		out = append(out, check{name: "signed in", ok: true, detail: "as " + agentState.Agent.Email + " (in the running agent)"})
	case agentState != nil:
		out = append(out, check{name: "signed in", detail: agentState.Agent.SignedOutMessage, fix: "choose Sign in with Zoom in the tray menu"})
	case state.SignedIn:
		sctx, cancel := context.WithTimeout(ctx, doctorTimeout)
		st, err := sess.m.Status(sctx)
		cancel()
		switch {
		case err != nil:
			out = append(out, check{name: "signed in", detail: err.Error(), fix: "run `" + commandLine(demo, "login") + "`"})
		case st.SignedIn && st.Offline:
			out = append(out, check{name: "signed in", ok: true, detail: "as " + st.User.Email + " (not confirmed: Zoom is out of reach)"})
		case st.SignedIn:
			out = append(out, check{name: "signed in", ok: true, detail: "as " + st.User.Email})
		default:
			out = append(out, check{name: "signed in", detail: st.Message, fix: "run `" + commandLine(demo, "login") + "`"})
		}
	default:
		out = append(out, check{name: "signed in", detail: state.Reason.Message(), fix: "run `" + commandLine(demo, "login") + "`"})
	}

	if last := out[len(out)-1]; !last.ok {
		return append(out, check{name: "recording settings", detail: "not checked: sign in first"})
	}
	return append(out, settingsCheck(ctx, sess, agentState, demo))
}

// commandLine is the command line that runs the app with args in the mode
// doctor runs in: `interviewtray --demo login` in the demo, whose sign-in
// is the simulator's, never Zoom's.
func commandLine(demo bool, args ...string) string {
	cmd := []string{"interviewtray"}
	if demo {
		cmd = append(cmd, "--demo")
	}
	return strings.Join(append(cmd, args...), " ")
}

// folderStatTimeout bounds the look at the recording folder (a network
// drive may not answer).
const folderStatTimeout = 5 * time.Second

// recordingFolderCheck reports the folder the agent looks in for local
// recordings, as status does when it is missing. A missing folder is
// information, not a failure: the Zoom app makes it at its first local
// recording; what matters is that it is the folder Zoom records to.
func recordingFolderCheck(demo bool) check {
	c := check{name: "recording folder", info: true, ok: true}
	d, err := appDirs(demo)
	if err != nil {
		c.detail = "unknown: " + err.Error()
		return c
	}
	e, err := meetingsync.New(oneShotOptions(zoom.New(zoom.Options{}), d))
	if err != nil {
		c.detail = "unknown: " + err.Error()
		return c
	}
	folder := e.RecordingFolder()
	e.Close()
	done := make(chan error, 1)
	go func() {
		st, err := os.Stat(folder)
		if err == nil && !st.IsDir() {
			err = fmt.Errorf("%s is not a folder", folder)
		}
		done <- err
	}()
	select {
	case err = <-done:
	case <-time.After(folderStatTimeout):
		err = fmt.Errorf("%s does not answer", folder)
	}
	switch {
	case err == nil:
		c.detail = folder
	case errors.Is(err, fs.ErrNotExist):
		c.detail = folder + " does not exist, so local recordings cannot be found: the Zoom app makes it at its first local recording; " +
			"if Zoom records elsewhere (Zoom app: Settings > Recording > Location), choose that folder in Settings"
	default:
		c.detail = err.Error() + "; choose the folder Zoom records to in Settings"
	}
	return c
}

// zoomReachable checks that Zoom's API answers at all (any HTTP answer).
func zoomReachable(ctx context.Context, apiURL string) check {
	ctx, cancel := context.WithTimeout(ctx, doctorTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, apiURL+"/users/me", nil)
	if err != nil {
		return check{name: "Zoom reachable", detail: err.Error(), fix: "check INTERVIEWTRAY_ZOOM_API_URL"}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return check{name: "Zoom reachable", detail: "no answer from " + apiURL, fix: "check the network connection, proxy or firewall"}
	}
	resp.Body.Close()
	return check{name: "Zoom reachable", ok: true, detail: apiURL + " answers"}
}

// settingsCheck reports the recording-settings check: the agent's when one
// runs, else one made now.
func settingsCheck(ctx context.Context, sess *session, agentState *localapi.State, demo bool) check {
	var sc *meetingsync.SettingsCheck
	var err error
	ctx, cancel := context.WithTimeout(ctx, doctorTimeout)
	defer cancel()
	if agentState != nil {
		sock, _ := localapi.SocketPath(demo)
		sc, err = localapi.NewClient(sock).CheckSettings(ctx)
	} else {
		sc, err = checkSettingsOnce(ctx, sess, demo)
	}
	switch {
	case err != nil:
		return check{name: "recording settings", detail: "not checked: " + err.Error(), fix: "sign in first"}
	case sc == nil:
		return check{name: "recording settings", detail: "not checked yet", fix: "sign in first"}
	case sc.OK:
		return check{name: "recording settings", ok: true, detail: "Record to computer files and the other required settings are on"}
	}
	detail := "need a change:"
	for _, s := range sc.Settings {
		if s.Required && s.State != meetingsync.SettingOK {
			detail += " " + s.Label + " (" + s.State + ");"
		}
	}
	return check{name: "recording settings", detail: detail, fix: "choose Check recording settings… in the tray, or open " + meetingsync.SettingsURL}
}

// checkSettingsOnce runs one settings check with a one-shot engine that
// writes no file (oneShotOptions).
func checkSettingsOnce(ctx context.Context, sess *session, demo bool) (*meetingsync.SettingsCheck, error) {
	d, err := appDirs(demo)
	if err != nil {
		return nil, err
	}
	e, err := meetingsync.New(oneShotOptions(zoom.New(zoom.Options{BaseURL: sess.cfg.APIURL, HTTPClient: sess.m.HTTPClient()}), d))
	if err != nil {
		return nil, err
	}
	defer e.Close()
	return e.CheckSettings(ctx)
}

// autostartCheck reports start at login: off (information), on with an
// entry that will start the app, or on with one that will not (a program
// that is gone or temporary, an icon that is not installed).
func autostartCheck() check {
	c := check{name: "start at login"}
	on, err := autostart.Enabled()
	if err != nil {
		c.detail, c.fix = err.Error(), "turn start at login off and on again in Settings"
		return c
	}
	if !on {
		c.info, c.ok, c.detail = true, true, "off"
		return c
	}
	problems, err := autostart.Check()
	switch {
	case err != nil:
		c.detail = err.Error()
	case len(problems) > 0:
		c.detail = "on (" + autostart.Location() + "), but " + strings.Join(problems, "; ")
	default:
		c.ok, c.detail = true, "on ("+autostart.Location()+")"
		return c
	}
	c.fix = "start Interview Tray from a stable place (`make run` builds bin/interviewtray, or install it), then turn start at login off and on again in Settings"
	return c
}
