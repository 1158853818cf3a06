// Command zoomsim serves the Zoom simulator (package zoom/zoomsim) over HTTP
// for demos and manual testing:
//
//	go run ./cmd/zoomsim --addr 127.0.0.1:0 --seed demo --client-id ID [--client-secret S]
//	    [--auto-approve] [--plan free|pro|business] [--token-ttl 1h]
//	    [--redirect-uri URI]... [--auto-end] [--recording-delay 10m]
//	    [--state FILE] [--exit-with-stdin] [--quiet | -v]
//
// Its first line on standard output is exactly "listening on
// http://HOST:PORT"; logs go to standard error. It serves until SIGINT or
// SIGTERM, then shuts down gracefully. The client secret may come from the
// ZOOMSIM_CLIENT_SECRET environment variable instead of the flag, which
// keeps it out of the process list. Token values are never logged.
//
// With --state FILE the simulator keeps its state across restarts (state.go).
// With --exit-with-stdin it also stops, gracefully, when its standard input
// ends: Interview Tray's demo starts it that way with a pipe, so that the
// simulator never outlives the app, however the app ends.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/interviewtray/interviewtray/zoom/zoomsim"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
	case errors.Is(err, errUsage):
		fmt.Fprintln(os.Stderr, "zoomsim:", err)
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "zoomsim:", err)
		os.Exit(1)
	}
}

// errUsage marks errors in the command line (exit status 2).
var errUsage = errors.New("usage")

// shutdownGrace is how long running requests get to finish on shutdown.
const shutdownGrace = 5 * time.Second

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// run parses args, serves the simulator until ctx is done and shuts down.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("zoomsim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		opts     zoomsim.Options
		redirect stringList
		addr     = fs.String("addr", "127.0.0.1:0", "listen address (port 0: any free port)")
		verbose  = fs.Bool("v", false, "log every request")
		quiet    = fs.Bool("quiet", false, "log only warnings and errors")
		state    = fs.String("state", "", "keep the state in this file across restarts")
		withIn   = fs.Bool("exit-with-stdin", false, "stop when standard input ends (the parent is gone)")
	)
	fs.StringVar(&opts.Seed, "seed", "empty", "initial data: empty or demo")
	fs.StringVar(&opts.ClientID, "client-id", "", "OAuth client ID of the app (required)")
	fs.StringVar(&opts.ClientSecret, "client-secret", "", "client secret: makes the app a confidential client (or set ZOOMSIM_CLIENT_SECRET)")
	fs.BoolVar(&opts.AutoApprove, "auto-approve", false, "redirect from /oauth/authorize at once, without the consent page")
	fs.StringVar(&opts.Plan, "plan", "pro", "account plan for rate limits and features: free, pro or business")
	fs.DurationVar(&opts.TokenTTL, "token-ttl", time.Hour, "access-token lifetime")
	fs.Var(&redirect, "redirect-uri", "registered redirect URI, matched exactly (repeatable; default: any http://127.0.0.1:<port>/oauth/callback)")
	fs.BoolVar(&opts.AutoEnd, "auto-end", false, "meetings end on their own at start plus duration")
	fs.DurationVar(&opts.RecordingDelay, "recording-delay", 0, "cloud recordings become ready this long after a meeting ends (0: only through the control API)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	if opts.ClientID == "" {
		return fmt.Errorf("%w: --client-id is required", errUsage)
	}
	if opts.ClientSecret == "" {
		opts.ClientSecret = getenv("ZOOMSIM_CLIENT_SECRET")
	}
	opts.RedirectURIs = redirect
	level := slog.LevelInfo
	switch {
	case *verbose && *quiet:
		return fmt.Errorf("%w: -v and --quiet do not go together", errUsage)
	case *verbose:
		level = slog.LevelDebug
	case *quiet:
		level = slog.LevelWarn
	}
	var st *simState
	if *state != "" {
		st = newSimState(*state, stderr)
		opts.OnChange = st.save
	}
	opts.Logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	sim, err := zoomsim.New(opts)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if st != nil {
		st.attach(sim)
		defer st.save()
	}
	if *withIn {
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		defer cancel()
		go func() {
			_, _ = io.Copy(io.Discard, stdin)
			cancel()
		}()
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	if _, err := fmt.Fprintf(stdout, "listening on http://%s\n", ln.Addr()); err != nil {
		ln.Close()
		return fmt.Errorf("write address: %w", err)
	}
	client := "public"
	if opts.ClientSecret != "" {
		client = "confidential"
	}
	opts.Logger.Info("zoomsim serving", "seed", opts.Seed, "plan", opts.Plan, "client", client,
		"auto_approve", opts.AutoApprove, "auto_end", opts.AutoEnd, "recording_delay", opts.RecordingDelay)

	srv := &http.Server{Handler: sim, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	opts.Logger.Info("zoomsim shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		// Requests still hanging (a delay fault) are cut off.
		srv.Close()
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
