package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/interviewtray/interviewtray/auth"
)

// session is the sign-in wiring of one subcommand: the configuration (Zoom,
// or the demo simulator with --demo) and the auth.Manager on it.
type session struct {
	cfg  auth.Config
	m    *auth.Manager
	demo *demoSim // non-nil with --demo
}

// openSession reads the configuration (config file, then environment) and
// returns the Manager for Zoom, or for the demo simulator when demo is set.
// ctx is the command's lifetime: token refreshes run on it. Warnings about
// the configuration go to stderr.
func openSession(ctx context.Context, stderr io.Writer, demo bool) (*session, error) {
	return openSessionFor(ctx, stderr, demo, false)
}

// openSessionFor is openSession for the agent too: with hostsDemo the
// demo simulator the agent starts lives as long as the agent, so there is
// nothing to warn about.
func openSessionFor(ctx context.Context, stderr io.Writer, demo, hostsDemo bool) (*session, error) {
	path, err := auth.DefaultConfigPath()
	if err != nil {
		path = "" // no config dir: environment only
	}
	cfg, warnings, err := auth.LoadConfig(os.LookupEnv, path)
	if err != nil {
		return nil, err
	}
	for _, w := range warnings {
		fmt.Fprintf(stderr, "interviewtray: warning: %s\n", w)
	}
	s := &session{}
	if demo {
		d, err := startDemo(ctx, cfg.RedirectURL())
		if err != nil {
			return nil, err
		}
		if d.started && !hostsDemo {
			fmt.Fprintf(stderr, "Demo: started the Zoom simulator at %s until this command exits "+
				"(it keeps its sign-ins in the demo's state folder); run `interviewtray --demo` to keep one running.\n", d.url)
		}
		s.demo = d
		cfg = cfg.DemoConfig(d.url)
	} else if err := cfg.Validate(); errors.Is(err, auth.ErrNoClientID) {
		where := auth.EnvClientID
		if path != "" {
			where += " (or add it to " + path + ")"
		}
		return nil, fmt.Errorf("%w: set %s, or try the built-in simulator with --demo", err, where)
	} else if err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	s.cfg = cfg
	m, err := auth.New(ctx, auth.Options{Config: cfg})
	if err != nil {
		s.Close()
		return nil, err
	}
	s.m = m
	return s, nil
}

// Close stops a demo simulator the session started.
func (s *session) Close() {
	if s.demo != nil {
		s.demo.Close()
	}
}
