package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/interviewtray/interviewtray/agent"
	"github.com/interviewtray/interviewtray/internal/applog"
	"github.com/interviewtray/interviewtray/internal/buildinfo"
	"github.com/interviewtray/interviewtray/internal/calfeeds"
	"github.com/interviewtray/interviewtray/internal/walltimer"
	"github.com/interviewtray/interviewtray/localapi"
	meetingsync "github.com/interviewtray/interviewtray/sync"
	"github.com/interviewtray/interviewtray/ui/tray"
	"github.com/interviewtray/interviewtray/zoom"
)

func init() {
	register("agent", "start the tray agent (the default)", runAgent)
}

// runAgent starts the resident tray agent, or, when one already runs, asks
// it to show the agenda and exits.
func runAgent(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs, g := newFlags("agent", stderr)
	verbose := fs.Bool("verbose", false, "log to standard error as well as to the log file")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	sock, err := localapi.SocketPath(g.demo)
	if err != nil {
		return err
	}
	ln, err := localapi.Listen(sock)
	if errors.Is(err, localapi.ErrAgentRunning) {
		if err := localapi.NewClient(sock).OpenWindow(ctx, "agenda"); err != nil {
			return fmt.Errorf("the running agent did not answer: %w", err)
		}
		fmt.Fprintln(stdout, "Interview Tray is already running; showing its agenda.")
		return nil
	}
	if err != nil {
		return err
	}
	defer ln.Close()

	log, closeLog, err := openLog(g.demo, *verbose, stderr)
	if err != nil {
		return err
	}
	defer closeLog()

	sess, err := openSessionFor(ctx, stderr, g.demo, true)
	if err != nil {
		return err
	}
	defer sess.Close()

	dirs, err := appDirs(g.demo)
	if err != nil {
		return err
	}
	feeds := newFeeds(sess, g.demo)
	settingsPage := ""
	if sess.demo != nil {
		// The demo account's settings are the simulator's, not zoom.us's.
		settingsPage = sess.demo.url + "/profile/setting?tab=recording"
	}
	engine, err := meetingsync.New(meetingsync.Options{
		SettingsURL: settingsPage,
		Client:      zoom.New(zoom.Options{BaseURL: sess.cfg.APIURL, HTTPClient: sess.m.HTTPClient()}),
		StateDir:    dirs.state,
		ConfigDir:   dirs.config,
		CacheDir:    dirs.cache,
		Logger:      log.With("part", "sync"),
		WaitUntil:   walltimer.WaitUntil,
		Calendars:   feeds,
	})
	if err != nil {
		return err
	}
	demoSite := ""
	if sess.demo != nil {
		demoSite = sess.demo.url // Join opens its demo meeting page
		if err := sess.demo.demoCalendar(ctx, feeds, engine); err != nil {
			log.Warn("demo: no calendar", "err", err)
		}
	}
	a, err := agent.New(agent.Options{
		Version:     buildinfo.Version(),
		Demo:        g.demo,
		DemoSite:    demoSite,
		Log:         log,
		Session:     sess.m,
		Engine:      engine,
		Listener:    ln,
		NewNotifier: newNotifier,
		Calendars:   feeds,
		StateDir:    dirs.state,
	})
	if err != nil {
		return err
	}
	if g.demo {
		fmt.Fprintln(stdout, "Interview Tray is running in demo mode with the built-in Zoom simulator. Look for its icon in the system tray.")
	}
	return a.Run(ctx)
}

// newFeeds is the calendar sources' store and reader on the session's
// keychain. The demo's simulator serves its feed over plain http on the
// loopback interface; nothing else is fetched without https.
func newFeeds(sess *session, demo bool) *calfeeds.Feeds {
	return calfeeds.New(calfeeds.Options{Keychain: sess.m.Keychain(), AllowLoopbackHTTP: demo})
}

// newNotifier connects to the platform's notifications.
func newNotifier(onAction tray.ActionFunc) (tray.Notifier, error) {
	return tray.NewSystemNotifier("Interview Tray", onAction)
}

// openLog opens the size-capped log file (and stderr with verbose).
func openLog(demo, verbose bool, stderr io.Writer) (*slog.Logger, func(), error) {
	path, err := applog.Path(demo)
	if err != nil {
		return nil, nil, err
	}
	f, err := applog.OpenFile(path, applog.DefaultMaxBytes)
	if err != nil {
		return nil, nil, err
	}
	var w io.Writer = f
	if verbose {
		w = io.MultiWriter(f, stderr)
	}
	return slog.New(applog.NewHandler(w, slog.LevelInfo)), func() { f.Close() }, nil
}

// dirs are where the agent keeps its files. The demo keeps its own, so
// trying it never touches a real setup.
type dirs struct{ state, config, cache string }

func appDirs(demo bool) (dirs, error) {
	state, err := applog.StateDir()
	if err != nil {
		return dirs{}, err
	}
	config, err := os.UserConfigDir()
	if err != nil {
		return dirs{}, fmt.Errorf("find the user config directory: %w", err)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return dirs{}, fmt.Errorf("find the user cache directory: %w", err)
	}
	d := dirs{state: state, config: filepath.Join(config, "interviewtray"), cache: filepath.Join(cache, "interviewtray")}
	if demo {
		d.state, d.config, d.cache = filepath.Join(d.state, "demo"), filepath.Join(d.config, "demo"), filepath.Join(d.cache, "demo")
	}
	return d, nil
}
